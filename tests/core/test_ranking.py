"""The Today agenda: every rule merged into one list, ranked as core/agenda.py states."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.actions.dispatch import submit
from core.model import (
    AgendaDecision,
    DateKind,
    FavourDirection,
    InteractionKind,
    Layer,
    Plan,
    Record,
)
from core.network import Network
from core.rules.agenda import AgendaItem, agenda, item_key, this_week

from .factories import (
    NOW,
    TODAY,
    Clock,
    contact,
    favour,
    important_date,
    interaction,
    logged,
    network_of,
    person,
    target,
)

AGO = TODAY - timedelta(days=10)


def one_of_every_kind() -> list[Record]:
    """One network with one item of every kind, each person behind exactly one item."""
    return [
        contact("Fay", added_on=TODAY - timedelta(days=1)),
        logged("fay", TODAY - timedelta(days=1), InteractionKind.MEETING, where="Café Lua"),
        contact("Dan", added_on=AGO),
        important_date("dan", DateKind.BIRTHDAY, 11, 25),
        contact("Pia", added_on=AGO),
        Plan(id="pia", contact_id="pia", why="She mentors data engineers",
             next_step="Coffee at her office", next_on=TODAY, updated_at=NOW),
        contact("Oli", layer=Layer.INNER, added_on=AGO),
        interaction("oli", TODAY - timedelta(days=20)),
        contact("Ace", added_on=TODAY - timedelta(days=97)),
        contact("Wes", added_on=AGO),
        important_date("wes", DateKind.BIRTHDAY, 11, 29),
        contact("Nia", added_on=AGO),
        important_date("nia", DateKind.NEWS, 11, 22, year=2026, label="new job"),
        contact("Gil", added_on=AGO),
        favour("gil", FavourDirection.RECEIVED, on=AGO),
        contact("Hal", added_on=AGO),
        favour("hal", FavourDirection.RECEIVED, "Read my CV"),
        contact("Cal", added_on=AGO),
        # In touch before: a coffee can only be confirmed with someone who agreed to it.
        logged("cal", TODAY - timedelta(days=10), InteractionKind.TOUCH).model_copy(
            update={"updated_at": NOW - timedelta(days=10)}),
        Plan(id="cal", contact_id="cal", next_step="Coffee at Café Lua at 10:00",
             next_on=TODAY + timedelta(days=1), updated_at=NOW),
        contact("Una", added_on=AGO, layer=Layer.WIDER),
        interaction("una", AGO),
        Plan(id="una", contact_id="una", next_step="Visit their lab",
             updated_at=NOW - timedelta(days=8)),
        person("Pat", weak_tie=True, interval_days=700, added_on=TODAY - timedelta(days=300)),
        target("Clients"),
    ]


def listed(items: list[AgendaItem]) -> list[tuple[str, str]]:
    return [(i.kind, i.contact.name if i.contact else "") for i in items]


def test_the_agenda_is_ranked_as_the_agenda_module_states() -> None:
    items = agenda(network_of(*one_of_every_kind()), TODAY)
    assert listed(items) == [
        ("follow_up", "Fay"),  # 0. the 24-hour follow-up
        ("confirm", "Cal"),  # 1. tomorrow's coffee to confirm, by name ...
        ("date", "Dan"),  # ... a date today or tomorrow ...
        ("thanks", "Hal"),  # ... a thank-you for a favour received ...
        ("plan", "Pia"),  # ... and a planned step whose day has come
        ("cadence", "Oli"),  # 2. overdue, latest relative to the interval first
        ("cadence", "Ace"),
        ("undated", "Una"),  # ... and a step still without a date after a week
        ("date", "Nia"),  # 3. recent news and dates later this week, by name
        ("date_ahead", "Wes"),
        ("give", "Gil"),  # 4. a chance to give
        ("prune", "Pat"),  # 5. weak ties up for review
        ("triage", ""),  # 6. people not yet sorted into target networks
    ]
    assert [i.rank for i in items] == sorted(i.rank for i in items)
    principles = [i.reason.principle for i in items]
    assert principles == ["P10", "P14", "P11", "P13", "P14", "P8", "P8", "P14", "P11", "P11",
                          "P13", "P4", "P5"]


def test_a_follow_up_outranks_an_overdue_inner_circle_friend() -> None:
    network = network_of(contact("Ann", layer=Layer.INNER, added_on=TODAY - timedelta(days=200)),
                         contact("Zed", added_on=TODAY),
                         logged("zed", TODAY, InteractionKind.MEETING))
    assert listed(agenda(network, TODAY)) == [("follow_up", "Zed"), ("cadence", "Ann")]


def test_an_inner_circle_friend_a_week_late_comes_before_an_acquaintance_a_week_late() -> None:
    network = network_of(contact("Ann", added_on=TODAY - timedelta(days=97)),
                         contact("Zoe", layer=Layer.INNER, added_on=TODAY - timedelta(days=21)))
    assert listed(agenda(network, TODAY)) == [("cadence", "Zoe"), ("cadence", "Ann")]


def test_equally_overdue_namesakes_are_listed_by_id() -> None:
    ids = ["a1", "b2", "c3", "d4", "e5"]
    network = network_of(*(contact("Sam", id=i) for i in reversed(ids)))
    assert [i.contact.id for i in agenda(network, TODAY) if i.contact] == ids


def act(network: Network, item: AgendaItem, do: str, **fields: str) -> Network:
    outcome = submit("act_on_item", {"key": item.key, "do": do, **fields}, network, Clock())
    for record in outcome.records:
        network = network.with_record(record)
    return network


def oli() -> Network:
    return network_of(contact("Oli", layer=Layer.INNER, added_on=AGO),
                      interaction("oli", TODAY - timedelta(days=20)))


def test_snooze_hides_an_item_until_the_chosen_day_then_it_returns() -> None:
    network = oli()
    [item] = agenda(network, TODAY)
    snoozed = act(network, item, "snooze", days="3")
    assert snoozed.decisions[item.key].until == TODAY + timedelta(days=3)
    for later in (0, 1, 2):
        assert agenda(snoozed, TODAY + timedelta(days=later)) == []
    [back] = agenda(snoozed, TODAY + timedelta(days=3))
    assert back.key == item.key


def test_skip_hides_that_occurrence_only() -> None:
    network = oli()
    [item] = agenda(network, TODAY)
    skipped = act(network, item, "skip")
    assert agenda(skipped, TODAY) == []
    assert agenda(skipped, TODAY + timedelta(days=30)) == []
    caught_up = skipped.with_record(interaction("oli", TODAY + timedelta(days=1)))
    assert agenda(caught_up, TODAY + timedelta(days=14)) == []
    [again] = agenda(caught_up, TODAY + timedelta(days=15))
    assert again.kind == "cadence" and again.key != item.key


def test_a_skipped_birthday_comes_back_next_year() -> None:
    network = network_of(contact("Dan", added_on=TODAY),
                         important_date("dan", DateKind.BIRTHDAY, 11, 27))
    [item] = agenda(network, TODAY)
    skipped = act(network, item, "skip")
    assert [i.kind for i in agenda(skipped, TODAY)] == []
    next_year = [i for i in agenda(skipped, date(2027, 11, 25))
                 if any(r.principle == "P11" for r in i.reasons)]
    assert len(next_year) == 1 and next_year[0].key != item.key


def test_done_logs_a_touch_and_the_item_leaves_today() -> None:
    network = oli()
    [item] = agenda(network, TODAY)
    done = act(network, item, "done")
    [touch] = done.interactions_with("oli")[:1]
    assert (touch.on, touch.kind) == (TODAY, InteractionKind.TOUCH)
    assert agenda(done, TODAY) == []


@pytest.mark.parametrize("kind", ["follow_up", "cadence", "date", "give"])
def test_marking_an_item_done_takes_it_off_today(kind: str) -> None:
    network = network_of(*one_of_every_kind())
    for item in [i for i in agenda(network, TODAY) if i.kind == kind]:
        done = act(network, item, "done")
        assert item.key not in {i.key for i in agenda(done, TODAY)}, item.reason.text


def test_an_item_already_dealt_with_says_so() -> None:
    outcome = submit("act_on_item", {"key": "cadence-gone", "do": "done"}, oli(), Clock())
    assert outcome.records == ()
    assert "already been dealt with" in outcome.notice


def test_this_week_shows_what_is_coming_day_by_day() -> None:
    network = network_of(contact("Oli", layer=Layer.INNER, added_on=AGO),
                         interaction("oli", TODAY - timedelta(days=11)),
                         contact("Wes", added_on=AGO),
                         important_date("wes", DateKind.BIRTHDAY, 11, 29))
    coming = this_week(network, TODAY)
    assert [(u.on, u.contact.name, u.what) for u in coming] == [
        # Oli falls due on the 28th; Wes's wish comes up on the day itself, not the eve
        # (a wish sent a day early arrives early).
        (TODAY + timedelta(days=3), "Oli", "Send a light touch or set up a catch-up"),
        (TODAY + timedelta(days=4), "Wes", "Send a light touch"),
    ]


def logging(network: Network, contact_id: str, on: date, kind: InteractionKind) -> Network:
    """The network after the user logged an interaction through the app's own action."""
    fields = {"contact_id": contact_id, "on": on.isoformat(), "kind": kind.value,
              "note": "Caught up on her new role"}
    [record] = submit("log_interaction", fields, network, Clock(today=on, new_id="log")).records
    return network.with_record(record)


def test_logging_a_call_on_a_birthday_settles_the_birthday() -> None:
    network = network_of(contact("Dan", layer=Layer.CLOSE, added_on=AGO),
                         important_date("dan", DateKind.BIRTHDAY, 11, 25))
    assert [i.kind for i in agenda(network, TODAY)] == ["date"]
    called = logging(network, "dan", TODAY, InteractionKind.CALL)
    assert agenda(called, TODAY) == []
    assert agenda(called, TODAY + timedelta(days=1)) == []


def test_a_call_in_the_week_before_a_birthday_quiets_the_countdown_but_not_the_day() -> None:
    network = network_of(contact("Dan", added_on=AGO), important_date("dan", DateKind.BIRTHDAY,
                                                                      11, 30))
    early = network.with_record(interaction("dan", TODAY - timedelta(days=3)))
    assert [i.kind for i in agenda(early, TODAY)] == ["date_ahead"]
    in_window = network.with_record(interaction("dan", TODAY))
    assert agenda(in_window, TODAY) == []  # in touch today quiets today's countdown
    assert [i.kind for i in agenda(in_window, date(2026, 11, 26))] == ["date_ahead"]
    # A call last week is no birthday wish: the day itself still asks for one...
    assert [i.kind for i in agenda(in_window, date(2026, 11, 30))] == ["date"]
    # ...and so does a call on the eve; only being in touch on the day settles it.
    on_the_eve = network.with_record(interaction("dan", date(2026, 11, 29)))
    assert [i.kind for i in agenda(on_the_eve, date(2026, 11, 30))] == ["date"]
    on_the_day = network.with_record(interaction("dan", date(2026, 11, 30)))
    assert agenda(on_the_day, date(2026, 11, 30)) == []


def test_logging_a_note_after_news_settles_the_news() -> None:
    network = network_of(contact("Dan", added_on=AGO),
                         important_date("dan", DateKind.NEWS, 11, 20, year=2026, label="a move"))
    assert [i.kind for i in agenda(network, TODAY)] == ["date"]
    assert agenda(logging(network, "dan", TODAY, InteractionKind.MESSAGE), TODAY) == []


def test_being_in_touch_today_settles_the_chance_to_give_for_today() -> None:
    network = network_of(contact("Gus", added_on=AGO),
                         favour("gus", FavourDirection.RECEIVED, "An intro to the fund", on=AGO))
    assert [i.kind for i in agenda(network, TODAY)] == ["give"]
    assert agenda(logging(network, "gus", TODAY, InteractionKind.MESSAGE), TODAY) == []


def test_one_person_is_listed_once_with_every_reason() -> None:
    network = network_of(contact("Dan", added_on=TODAY - timedelta(days=200)),
                         important_date("dan", DateKind.BIRTHDAY, 11, 25),
                         favour("dan", FavourDirection.RECEIVED, "An intro to the fund", on=AGO))
    [item] = agenda(network, TODAY)
    assert item.action == "Send a light touch"
    assert [r.principle for r in item.reasons] == ["P11", "P8", "P13"]
    assert "It is Dan's birthday today." in item.reason.text


def test_skipping_a_merged_item_hides_the_person_for_that_occurrence() -> None:
    network = network_of(contact("Dan", added_on=TODAY - timedelta(days=200)),
                         important_date("dan", DateKind.BIRTHDAY, 11, 25))
    [item] = agenda(network, TODAY)
    skipped = act(network, item, "skip")
    assert agenda(skipped, TODAY) == []


def test_a_reason_snoozed_on_its_own_stays_out_of_the_merged_item() -> None:
    network = network_of(contact("Dan", added_on=TODAY - timedelta(days=200)),
                         important_date("dan", DateKind.BIRTHDAY, 11, 28))
    [both] = agenda(network, TODAY)
    assert len(both.reasons) == 2
    birthday = item_key("date_ahead", "dan-birthday-11-28", "2026-11-28")
    snoozed = network.with_record(AgendaDecision(id=birthday, until=TODAY + timedelta(days=4),
                                                 updated_at=NOW))
    [alone] = agenda(snoozed, TODAY)
    assert alone.kind == "cadence" and alone.also == ()


NEWCOMERS = [f"Person {n:02}" for n in range(12)]


def newcomers_network(added_on: date = TODAY) -> Network:
    people = [person(name, added_on=added_on, targets=("climate",), triaged=True)
              for name in NEWCOMERS]
    return network_of(target("Climate", id="climate"), *people)


def first_steps_on(network: Network, day: date) -> set[str]:
    return {i.contact.name for i in agenda(network, day) if i.kind == "first_step" and i.contact}


def test_newcomers_to_a_target_network_get_a_first_step_spread_a_few_a_week() -> None:
    network = newcomers_network()
    seen: set[str] = set()
    first_day: dict[str, int] = {}
    for ahead in range(0, 40):
        today = first_steps_on(network, TODAY + timedelta(days=ahead))
        for name in today - seen:
            first_day[name] = ahead
        seen |= today
    assert sorted(first_day) == NEWCOMERS
    assert first_day["Person 00"] <= 7  # the first within about a week
    arrivals = sorted(first_day.values())
    assert len(set(arrivals)) == len(arrivals)  # never two new ones on one morning
    for start in range(0, 40):
        assert sum(start <= d < start + 7 for d in arrivals) <= 4  # a few a week
    assert arrivals[-1] < 60  # all of them before their 60-day ceiling


def test_a_first_step_leaves_once_the_user_is_in_touch() -> None:
    network = newcomers_network()
    day = TODAY + timedelta(days=2)
    assert first_steps_on(network, day) == {"Person 00"}
    after = logging(network, "person-00", day, InteractionKind.MESSAGE)
    assert "Person 00" not in first_steps_on(after, day)


def test_someone_just_introduced_gets_a_first_step_naming_who_introduced_them() -> None:
    network = network_of(contact("Ben", added_on=AGO), interaction("ben", AGO),
                         person("Ana", added_on=TODAY, introduced_by="ben", triaged=True))
    [item] = [i for i in agenda(network, TODAY + timedelta(days=2)) if i.kind == "first_step"]
    assert item.contact is not None and item.contact.name == "Ana"
    assert "someone Ben introduced you to" in item.reason.text
    assert item.reason.principle == "P14"


def test_this_week_shows_planned_steps_and_follow_ups() -> None:
    network = network_of(
        contact("Pia", added_on=AGO),
        logged("pia", TODAY - timedelta(days=10), InteractionKind.TOUCH).model_copy(
            update={"updated_at": NOW - timedelta(days=10)}),
        Plan(id="pia", contact_id="pia", why="She mentors", give="notes",
             next_step="Call about her team", next_kind=InteractionKind.CALL,
             next_on=TODAY + timedelta(days=2), updated_at=NOW),
        contact("Fay", added_on=AGO),
        logged("fay", TODAY, InteractionKind.MEETING, where="Café Lua"))
    [follow_up] = [i for i in agenda(network, TODAY) if i.kind == "follow_up"]
    snoozed = act(network, follow_up, "snooze", days="3")
    coming = [(u.on - TODAY, u.contact.name if u.contact else "", u.item.kind)
              for u in this_week(snoozed, TODAY)]
    assert coming == [(timedelta(days=1), "Pia", "confirm"), (timedelta(days=2), "Pia", "plan"),
                      (timedelta(days=3), "Fay", "follow_up"),
                      (timedelta(days=5), "Pia", "plan_passed")]


def test_everything_today_will_show_this_week_is_in_this_week() -> None:
    network = network_of(*one_of_every_kind(), *newcomers_network().contacts.values(),
                         target("Climate", id="climate"))
    shown = {k for i in agenda(network, TODAY) for k in i.verdicts}
    listed = {(k, u.on) for u in this_week(network, TODAY) for k in u.item.verdicts}
    for ahead in range(1, 8):
        day = TODAY + timedelta(days=ahead)
        for item in agenda(network, day):
            for verdict in item.verdicts:
                assert verdict in shown or any(key == verdict and on <= day
                                               for key, on in listed), (day, item)


def test_first_steps_come_after_people_who_are_late_or_owed_a_reconnect() -> None:
    network = network_of(target("Climate", id="climate"),
                         person("Abe", added_on=TODAY - timedelta(days=3), targets=("climate",),
                                triaged=True),
                         person("Zed", added_on=TODAY - timedelta(days=20), triaged=True),
                         logged("zed", TODAY - timedelta(days=20), InteractionKind.MEETING))
    assert [i.kind for i in agenda(network, TODAY)] == ["reconnect", "first_step"]


def test_a_birthday_merged_into_a_catch_up_is_listed_on_its_day_in_this_week() -> None:
    network = network_of(contact("Dan", added_on=TODAY - timedelta(days=200)),
                         important_date("dan", DateKind.BIRTHDAY, 11, 29))
    [item] = agenda(network, TODAY)
    assert item.kind == "cadence" and len(item.reasons) == 2
    # Listed when the wish comes up, on the day: "It is Dan's birthday today".
    assert [u.on for u in this_week(network, TODAY)] == [date(2026, 11, 29)]
