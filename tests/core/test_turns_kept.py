"""The first day Tend takes turns with people is decided once and kept (P8): an import made
before Tend took turns, or an old backup restored in a new browser, does not fall due in
a pile on the first morning, and every device agrees on everyone's day."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from core.formats.backup import entries_of, export_backup, read_backup
from core.model import AgendaKind, Settings
from core.network import Network
from core.rules.agenda import agenda
from core.rules.turns import status_in
from core.storage.codec import encode, key_for
from core.storage.loading import load_network

from .factories import NOW, TODAY, network_of
from .helpers import Shell, carry, first_days, imported_on

WIDER_DAYS = 180
EARLIER = TODAY - timedelta(days=90)  # the import, made by a Tend that did not take turns
MOST_A_DAY = 2


def stored_earlier(n: int, on: date = EARLIER) -> dict[str, str]:
    """A browser's storage as an earlier Tend left it: an import of ``n`` people on that
    day, in layout 4 (loose entries and packs), with no first day of turns anywhere."""
    records = imported_on(on, n)
    return dict(load_network({key_for(r): encode(r) for r in records}).stored)


def opened_on(day: date, storage: dict[str, str]) -> Shell:
    device = Shell(storage=storage)
    device.open("#/today", today=day)
    return device


def cadence_on(network: Network, day: date) -> list[str]:
    return [i.contact.id for i in agenda(network, day)
            if i.kind == AgendaKind.CADENCE and i.contact]


@pytest.mark.parametrize("people", [300, 40])
def test_an_import_from_ninety_days_before_comes_due_a_couple_a_day_once_tend_takes_turns(
        people: int) -> None:
    device = opened_on(TODAY, stored_earlier(people))
    days = first_days(device.app.network)
    assert len(days) == people
    assert min(days.values()) >= TODAY
    assert max(days.values()) < TODAY + timedelta(days=WIDER_DAYS)  # within the next interval
    assert max(Counter(days.values()).values()) <= MOST_A_DAY
    assert len(cadence_on(device.app.network, TODAY)) <= MOST_A_DAY


def test_turns_still_to_come_keep_their_day_and_those_passed_wait_at_the_back() -> None:
    drawn = first_days(network_of(*imported_on(EARLIER, 300)), EARLIER)
    days = first_days(opened_on(TODAY, stored_earlier(300)).app.network)
    end_of_line = EARLIER + timedelta(days=WIDER_DAYS)
    for person, day in drawn.items():
        if day >= TODAY:
            assert days[person] == day
        else:
            assert end_of_line < days[person] < TODAY + timedelta(days=WIDER_DAYS)
    waiting = sorted((days[p], int(p.split("-")[1])) for p in drawn if drawn[p] < TODAY)
    assert [row for _, row in waiting] == sorted(row for _, row in waiting)  # still in file order


def test_the_first_day_of_turns_is_written_once_and_then_nothing_more() -> None:
    device = Shell(storage=stored_earlier(40))
    first = device.open("#/today", today=TODAY)["writes"]
    assert [w["key"] for w in first] == ["tend/v4/s/settings"]
    assert device.app.network.settings.turns_since == TODAY
    before = first_days(device.app.network, TODAY)
    assert device.open("#/today", today=TODAY + timedelta(days=1))["writes"] == []
    assert device.submit("log_interaction", today=TODAY + timedelta(days=1),
                         contact_id="imp-3", on=str(TODAY), note="Coffee")["writes"]
    after = first_days(device.app.network, TODAY)
    assert {k: v for k, v in after.items() if k != "imp-3"} == \
        {k: v for k, v in before.items() if k != "imp-3"}


def test_someone_written_to_counts_from_that_day_and_the_others_keep_their_turns() -> None:
    device = opened_on(TODAY, stored_earlier(300))
    spoke = TODAY + timedelta(days=3)
    before = first_days(device.app.network, spoke)
    waiting = min(p for p, day in before.items() if day > EARLIER + timedelta(days=WIDER_DAYS))
    coming = min(p for p, day in before.items() if day <= EARLIER + timedelta(days=WIDER_DAYS))
    for person in (waiting, coming):
        device.submit("log_interaction", today=spoke, contact_id=person, on=str(spoke),
                      note="Said hello")
    after = first_days(device.app.network, spoke)
    assert after[waiting] == after[coming] == spoke + timedelta(days=WIDER_DAYS)
    others = before.keys() - {waiting, coming}
    assert {p: after[p] for p in others} == {p: before[p] for p in others}


def test_the_days_decided_survive_a_reload_and_a_backup_round_trip() -> None:
    device = opened_on(TODAY, stored_earlier(300))
    decided = first_days(device.app.network)
    later = TODAY + timedelta(days=30)
    assert first_days(opened_on(later, device.storage).app.network) == decided
    backup = export_backup(device.storage, NOW)
    assert first_days(load_network(entries_of(read_backup(backup))).network) == decided
    restored = Shell()
    restored.submit("import_data", today=later, file=backup)
    assert first_days(restored.app.network) == decided


def test_two_devices_agree_on_everyones_day() -> None:
    """One took turns from today, the other from five days later; after syncing, one day."""
    laptop, phone = Shell("laptop1", "Laptop"), Shell("phone1", "Phone")
    laptop.storage.update(stored_earlier(300))
    phone.storage.update(stored_earlier(300))
    laptop, phone = (Shell(s.prefix, s.name, storage=s.storage) for s in (laptop, phone))
    laptop.open("#/today", today=TODAY)
    phone.open("#/today", today=TODAY + timedelta(days=5))
    later = str(TODAY + timedelta(days=6))
    laptop.sync(today=later)
    carry(laptop, phone)
    phone.sync(today=later)
    carry(phone, laptop)
    laptop.sync(today=later)
    assert first_days(laptop.app.network) == first_days(phone.app.network)
    new = Shell("tablet1", "Tablet")
    carry(laptop, new)
    new.sync(today=str(TODAY + timedelta(days=40)))
    assert first_days(new.app.network) == first_days(laptop.app.network)


def test_an_old_backup_restored_in_a_new_browser_takes_turns_from_that_day() -> None:
    device = Shell()
    device.open("#/today", today=TODAY)
    old_backup = export_backup(stored_earlier(300), NOW - timedelta(days=1))
    device.submit("import_data", today=TODAY, file=old_backup)
    days = first_days(device.app.network)
    assert len(days) == 300 and min(days.values()) >= TODAY
    assert max(Counter(days.values()).values()) <= MOST_A_DAY
    assert first_days(opened_on(TODAY + timedelta(days=9), device.storage).app.network) == days


def test_settings_saved_by_an_earlier_tend_do_not_move_anyones_turn() -> None:
    """That Tend knows nothing of the first day of turns: its later settings lack it."""
    device = opened_on(TODAY, stored_earlier(300))
    decided = first_days(device.app.network)
    theirs = Settings(id="settings", updated_at=NOW + timedelta(days=9), prune_after_days=200)
    backup = export_backup({key_for(theirs): encode(theirs)}, NOW + timedelta(days=9))
    device.submit("import_data", today=TODAY + timedelta(days=9), file=backup)
    assert device.app.network.settings.prune_after_days == 200
    assert device.app.network.settings.turns_since == TODAY
    assert first_days(device.app.network) == decided


def test_on_their_turn_at_the_back_of_the_line_today_says_why_it_is_after_the_interval() -> None:
    network = opened_on(TODAY, stored_earlier(40)).app.network
    days = first_days(network)
    waiting = min(p for p, day in days.items() if day > EARLIER + timedelta(days=WIDER_DAYS))
    person, first = network.contacts[waiting], days[waiting]
    on_the_day = status_in(network, person, first).reason.text
    added = (first - EARLIER).days
    assert on_the_day == (
        f"No contact logged since you added {person.name} {added} days ago; you aim for every "
        "180 days with your wider network. The people you added that day come up in turns "
        "rather than all at once, some of them after those 180 days — their turn is today.")
    later = status_in(network, person, first + timedelta(days=3)).reason.text
    assert later.endswith("— their turn came 3 days ago.")
    before = status_in(network, person, first - timedelta(days=5)).reason.text
    assert before.endswith("— their turn comes in 5 days.")
    assert "overdue" not in on_the_day + later + before
    assert waiting in cadence_on(network, first)
    assert waiting not in cadence_on(network, first - timedelta(days=1))


def test_a_turn_still_to_come_on_the_first_day_reads_as_before() -> None:
    network = opened_on(TODAY, stored_earlier(40)).app.network
    days = first_days(network)
    coming = min((day, p) for p, day in days.items())[1]
    text = status_in(network, network.contacts[coming], days[coming]).reason.text
    assert text.endswith("The people you added that day come up in turns rather than all at "
                         "once — their turn is today.")


def test_a_line_whose_interval_ran_out_before_tend_took_turns_stays_overdue() -> None:
    """Those people were due on the earlier Tend already: nothing they were shown moves."""
    storage = stored_earlier(5, TODAY - timedelta(days=WIDER_DAYS + 10))
    device = Shell(storage=storage)
    assert device.open("#/today", today=TODAY)["writes"] == []
    assert len(cadence_on(device.app.network, TODAY)) == 5
