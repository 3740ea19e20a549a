"""Properties every rule keeps, over generated networks with records of every kind."""

from __future__ import annotations

import copy
import re
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from core.actions.dispatch import submit
from core.model import (
    AgendaDecision,
    InteractionKind,
    Record,
)
from core.network import Network
from core.rules.agenda import agenda, candidates, due_touches, statuses, this_week
from core.rules.reasons import Reason
from core.views.router import ROUTES, view_for

from .factories import NOW, TODAY, Clock, logged, network_of
from .strategies import networks

DOCS = Path(__file__).parents[2] / "docs"
KIND_PRINCIPLE = {"follow_up": "P10", "date": "P11", "date_ahead": "P11", "plan": "P14",
                  "cadence": "P8",
                  "give": "P13", "prune": "P4", "triage": "P5", "reconnect": "P10",
                  "first_step": "P14", "confirm": "P14", "undated": "P14",
                  "plan_next": "P14", "plan_passed": "P14",
                  "thanks": "P13 or P7"}
later_today = st.just(TODAY) | st.integers(0, 400).map(lambda d: TODAY + timedelta(days=d))


def with_decisions(data: st.DataObject, records: list[Record]) -> list[Record]:
    """The same records plus snoozes and skips of some of today's candidate items."""
    keys = sorted({i.key for i in candidates(network_of(*records), TODAY)})
    if not keys:
        return records
    chosen = data.draw(st.lists(st.sampled_from(keys), unique=True, max_size=4))
    return [*records, *(AgendaDecision(
        id=key, updated_at=NOW, skipped=data.draw(st.booleans()),
        until=TODAY + timedelta(days=data.draw(st.integers(0, 30)))) for key in chosen)]


@settings(max_examples=60, deadline=None)
@given(data=st.data(), records=networks(), today=later_today)
def test_the_agenda_is_the_same_for_the_same_day_whatever_order_records_arrive_in(
    data: st.DataObject, records: list[Record], today: date
) -> None:
    records = with_decisions(data, records)
    shuffled = data.draw(st.permutations(records))
    first = agenda(network_of(*records), today)
    assert agenda(network_of(*shuffled), today) == first
    assert agenda(network_of(*records), today) == first
    assert this_week(network_of(*shuffled), today) == this_week(network_of(*records), today)


def snapshot(network: Network) -> dict[str, Any]:
    return {f.name: copy.deepcopy(getattr(network, f.name)) for f in fields(network)}


def every_route(network: Network) -> list[str]:
    routes = [*(f"#/{name}" for name in ROUTES), "#/data", "#/people",
              "#/people?show=archived", "#/people?group=Work&due=yes"]
    for cid in network.contacts:
        routes += [f"#/people/{cid}", f"#/people/{cid}/plan"]
    return routes


@settings(max_examples=40, deadline=None)
@given(records=networks(), today=later_today)
def test_no_rule_or_view_ever_deletes_or_changes_a_record(
    records: list[Record], today: date
) -> None:
    network = network_of(*records)
    before = snapshot(network)
    agenda(network, today)
    candidates(network, today)
    due_touches(network, today)
    this_week(network, today)
    statuses(network, today)
    for route in every_route(network):
        view_for(route, network, today, {})
    assert snapshot(network) == before
    fresh = Network(**before)
    assert network.history == fresh.history
    assert network.people == fresh.people


@settings(max_examples=80, deadline=None)
@given(data=st.data(), records=networks(), today=later_today,
       kind=st.sampled_from(list(InteractionKind)))
def test_logging_an_interaction_never_makes_anyone_more_overdue(
    data: st.DataObject, records: list[Record], today: date, kind: InteractionKind
) -> None:
    network = network_of(*records)
    everyone = list(network.contacts.values())
    who = data.draw(st.sampled_from(everyone))
    # With nothing logged yet the clock runs from the day they were added; a conversation
    # logged from before that day is news about the past, not a new contact.
    earliest = who.added_on if not network.interactions_with(who.id) else today - timedelta(900)
    on = data.draw(st.dates(earliest, today))
    fields = {"contact_id": who.id, "on": on.isoformat(), "kind": kind.value, "note": "hi"}
    outcome = submit("log_interaction", fields, network, Clock(today=today, new_id="logged"))
    [record] = outcome.records
    after = network.with_record(record)

    def overdue(net: Network) -> dict[str, int]:
        return {s.contact.id: s.days_overdue for s in statuses(net, today)}

    was, now = overdue(network), overdue(after)
    assert all(now[cid] <= was[cid] for cid in was)


def assert_cites_the_guide(reason: Reason) -> None:
    assert re.fullmatch(r"P([1-9]|1[0-6])", reason.principle), reason
    link = re.fullmatch(r"guide/([a-z-]+)\.html#(p\d+)", reason.guide_href)
    assert link is not None, reason.guide_href
    page, anchor = link.groups()
    assert anchor == reason.principle.lower()
    assert f"{{#{anchor}}}" in (DOCS / f"{page}.md").read_text(encoding="utf-8")


@settings(max_examples=80, deadline=None)
@given(records=networks(), today=later_today)
def test_every_agenda_item_names_its_principle_and_links_to_its_guide_section(
    records: list[Record], today: date
) -> None:
    network = network_of(*records)
    for item in agenda(network, today):
        assert item.reason.principle in KIND_PRINCIPLE[item.kind].split(" or "), item
        for reason in item.reasons:
            assert reason.text
            assert_cites_the_guide(reason)
    for coming in this_week(network, today):
        for reason in coming.item.reasons:
            assert_cites_the_guide(reason)


@settings(max_examples=60, deadline=None)
@given(records=networks(), today=later_today,
       logs=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 20),
                               st.sampled_from(list(InteractionKind))), max_size=8))
def test_for_any_logged_interactions_nobody_appears_twice_on_a_days_today(
    records: list[Record], today: date, logs: list[tuple[int, int, InteractionKind]]
) -> None:
    network = network_of(*records)
    ids = sorted(network.contacts)
    for n, (who, back, kind) in enumerate(logs):
        network = network.with_record(logged(ids[who % len(ids)], today - timedelta(days=back),
                                             kind, id=f"x{n}"))
        for day in (today, today + timedelta(days=back)):
            people = [i.contact.id for i in agenda(network, day) if i.contact]
            assert len(people) == len(set(people)), day
    week = [(u.on, u.contact.id) for u in this_week(network, today) if u.contact]
    assert len(week) == len(set(week))


@settings(max_examples=80, deadline=None)
@given(data=st.data(), records=networks(), today=later_today,
       kind=st.sampled_from(list(InteractionKind)))
def test_logging_an_interaction_never_leaves_that_persons_date_news_or_follow_up_that_day(
    data: st.DataObject, records: list[Record], today: date, kind: InteractionKind
) -> None:
    network = network_of(*records)
    if not network.people:
        return
    who = data.draw(st.sampled_from(network.people))
    fields = {"contact_id": who.id, "on": today.isoformat(), "kind": kind.value,
              "note": "Caught up over the phone"}
    clock = Clock(today=today, now=NOW + timedelta(hours=1), new_id="logged")
    [record] = submit("log_interaction", fields, network, clock).records
    after = network.with_record(record)
    for item in agenda(after, today):
        if item.contact is None or item.contact.id != who.id:
            continue
        for reason in item.reasons:
            assert reason.principle not in ("P11", "P13"), reason
            if reason.principle == "P10":  # only a follow-up owed for what was just logged
                assert "today: send a short, personal note" in reason.text, reason
