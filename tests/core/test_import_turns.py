"""People added together take turns for their first keep-in-touch day (P8): an imported
address book comes due a couple a day across its interval, not all on one morning."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from core.formats.agenda_calendar import sequence_of
from core.model import AgendaKind, Contact, Layer, Record
from core.rules.agenda import agenda
from core.rules.reminders import reminders
from core.rules.turns import FIRST_TURN_GRACE_DAYS, status_in

from .factories import NOW, TODAY, contact, logged, network_of
from .helpers import Shell, connections, first_days, imported_on

WIDER_DAYS = 180
# 300 people over the 166 days between the grace and the interval's end: two a day at most.
MOST_A_DAY = 2


def imported(n: int) -> list[Record]:
    return imported_on(TODAY, n)


def test_three_hundred_imported_on_one_day_come_due_at_most_two_a_day() -> None:
    days = first_days(network_of(*imported(300)))
    assert len(days) == 300
    per_day = Counter(days.values())
    assert max(per_day.values()) == MOST_A_DAY
    assert len(per_day) == WIDER_DAYS - FIRST_TURN_GRACE_DAYS  # every day of the span has some


def test_nobody_imported_is_due_within_the_grace_or_after_their_interval() -> None:
    days = first_days(network_of(*imported(300)))
    assert min(days.values()) == TODAY + timedelta(days=FIRST_TURN_GRACE_DAYS + 1)
    assert max(days.values()) == TODAY + timedelta(days=WIDER_DAYS)


def test_people_come_due_in_the_order_of_the_file() -> None:
    days = first_days(network_of(*imported(12)))
    in_file_order = [days[f"imp-{row}"] for row in range(1, 13)]
    assert in_file_order == sorted(in_file_order)
    assert len(set(in_file_order)) == 12


def test_the_turns_are_the_same_in_any_order_on_any_device_and_after_a_reload() -> None:
    records = imported(60)
    once = first_days(network_of(*records))
    assert first_days(network_of(*reversed(records))) == once
    device = Shell()
    device.submit("preview_import", file=connections(60))
    device.submit("confirm_import", everyone="yes")
    before = first_days(device.app.network)
    reloaded = Shell(storage=device.storage)
    assert first_days(reloaded.app.network) == before
    assert sorted(before.values()) == sorted(once.values())


def test_someone_written_to_counts_from_that_day_and_the_others_keep_their_turns() -> None:
    records = imported(300)
    spoke = TODAY + timedelta(days=3)
    before = first_days(network_of(*records), spoke)
    after = first_days(network_of(*records, logged("imp-150", spoke)), spoke)
    assert after["imp-150"] == spoke + timedelta(days=WIDER_DAYS)
    assert {k: v for k, v in after.items() if k != "imp-150"} == \
        {k: v for k, v in before.items() if k != "imp-150"}


def test_someone_added_alone_keeps_the_whole_interval() -> None:
    ana = contact("Ana", layer=Layer.WIDER, added_on=TODAY)
    assert first_days(network_of(ana)) == {"ana": TODAY + timedelta(days=WIDER_DAYS)}


def test_a_few_added_by_hand_on_one_day_take_turns_too() -> None:
    device = Shell()
    ids = [device.added(name) for name in ("Ana", "Ben", "Cy")]
    days = sorted(first_days(device.app.network)[i] for i in ids)
    active_days = 90
    assert days[-1] == TODAY + timedelta(days=active_days)
    assert len(set(days)) == 3 and days[0] > TODAY + timedelta(days=FIRST_TURN_GRACE_DAYS)


def test_today_worked_out_write_by_write_agrees_with_today_worked_out_afresh() -> None:
    """Someone added later the same day moves the others' turns: Today keeps up."""
    records = imported(40)
    network = network_of(*records)
    day = TODAY + timedelta(days=60)
    agenda(network, day)  # worked out, so the next network starts from it
    late = Contact.model_validate({**contact("Zed", layer=Layer.WIDER).model_dump(),
                                   "id": "imp-41", "added_on": TODAY})
    grown = network.with_record(late)
    assert [i.key for i in agenda(grown, day)] == \
        [i.key for i in agenda(network_of(*records, late), day)]
    assert first_days(grown) != first_days(network)


def test_on_their_turn_today_says_so_and_never_that_they_are_overdue() -> None:
    network = network_of(*imported(40))
    first = first_days(network)["imp-1"]
    ben = network.contacts["imp-1"]
    on_the_day = status_in(network, ben, first).reason.text
    assert on_the_day.startswith(
        f"No contact logged since you added {ben.name} {(first - TODAY).days} days ago; "
        "you aim for every 180 days with your wider network. The people you added that day "
        "come up in turns rather than all at once")
    assert on_the_day.endswith("— their turn is today.")
    later = status_in(network, ben, first + timedelta(days=3)).reason.text
    assert later.endswith("— their turn came 3 days ago.")
    assert "overdue" not in on_the_day + later
    before = status_in(network, ben, first - timedelta(days=5)).reason.text
    assert before.endswith("— their turn comes in 5 days.")


def test_once_the_interval_itself_has_run_out_the_reason_says_overdue_as_for_anyone() -> None:
    network = network_of(*imported(40))
    ben = network.contacts["imp-1"]
    status = status_in(network, ben, TODAY + timedelta(days=WIDER_DAYS + 4))
    assert status.reason.text.endswith("— 4 days overdue.")
    assert status.days_late == 4


def test_a_week_into_the_turns_today_lists_that_weeks_few_not_a_pile() -> None:
    """Today's cap ("N more are waiting") is for a backlog the user let grow, not an import."""
    device = Shell()
    device.submit("preview_import", file=connections(300))
    device.submit("confirm_import", everyone="yes")
    day = TODAY + timedelta(days=FIRST_TURN_GRACE_DAYS + 7)
    come = [i for i, on in first_days(device.app.network).items() if on <= day]
    touches = [i.contact.id for i in agenda(device.app.network, day)
               if i.kind == AgendaKind.CADENCE and i.contact]
    assert sorted(touches) == sorted(come)
    assert 7 <= len(touches) <= 7 * MOST_A_DAY
    page = device.open("#/today", today=day)["html"]
    assert "more are waiting behind these" not in page


def test_someone_joining_the_line_moves_the_others_events_with_a_higher_sequence() -> None:
    """A calendar file imported again moves an event only when its revision grew."""
    records = imported(12)
    before = {r.uid: r for r in reminders(network_of(*records), TODAY)}
    joined = Contact.model_validate({**contact("Zed", layer=Layer.WIDER).model_dump(),
                                     "id": "imp-13", "added_on": TODAY,
                                     "updated_at": NOW + timedelta(hours=1)})
    after = {r.uid: r for r in reminders(network_of(*records, joined), TODAY)}
    moved = [uid for uid in before if after[uid].on != before[uid].on]
    assert moved
    for uid in moved:
        assert sequence_of(after[uid].changed) > sequence_of(before[uid].changed)
