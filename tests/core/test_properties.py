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
    DateKind,
    FavourDirection,
    InteractionKind,
    Layer,
    Plan,
    Record,
    Sphere,
)
from core.network import Network
from core.rules.agenda import agenda, candidates, due_touches, statuses, this_week
from core.rules.reasons import Reason
from core.views.router import ROUTES, view_for

from . import factories
from .factories import NOW, TODAY, Clock, favour, important_date, logged, network_of, person

DOCS = Path(__file__).parents[2] / "docs"
NAMES = ["Ana", "ana", "Ben", "Cy", "Dee"]  # namesakes on purpose: ties must still be stable
GROUPS = ["", "Work", "Work / Acme", "Work / Acme / Platform", "Family", "Climbing"]
NOTES = ["", "Talked about her move to Porto"]
KIND_PRINCIPLE = {"follow_up": "P10", "date": "P11", "date_ahead": "P11", "plan": "P14",
                  "cadence": "P8",
                  "give": "P13", "prune": "P4", "triage": "P5", "reconnect": "P10",
                  "first_step": "P14", "confirm": "P14", "undated": "P14",
                  "plan_next": "P14", "plan_passed": "P14",
                  "thanks": "P13 or P7"}
days_back = st.integers(0, 14) | st.integers(0, 500)  # recent enough for follow-ups, often
later_today = st.just(TODAY) | st.integers(0, 400).map(lambda d: TODAY + timedelta(days=d))


@st.composite
def networks(draw: st.DrawFn) -> list[Record]:
    """The records of a small network: people, history, favours, dates, plans, targets."""
    ids = [f"c{n}" for n in range(draw(st.integers(min_value=1, max_value=6)))]
    records: list[Record] = [
        factories.target("Clients", active=draw(st.booleans())),
        factories.target("Future hires", id="hires", active=draw(st.booleans())),
        factories.settings(prune_after_days=draw(st.integers(90, 400)),
                           date_lead_days=draw(st.integers(0, 60))),
    ]
    for cid in ids:
        records.append(person(
            draw(st.sampled_from(NAMES)), id=cid, layer=draw(st.sampled_from(list(Layer))),
            sphere=draw(st.sampled_from([None, *Sphere])), weak_tie=draw(st.booleans()),
            groups=tuple(filter(None, [draw(st.sampled_from(GROUPS))])),
            introduced_by=draw(st.sampled_from([None, *ids])),
            targets=tuple(draw(st.lists(st.sampled_from(["clients", "hires"]), unique=True))),
            triaged=draw(st.booleans()), shortlist=draw(st.booleans()),
            interval_days=draw(st.none() | st.integers(1, 400)),
            archived=draw(st.integers(0, 5)) == 0,
            added_on=TODAY - timedelta(days=draw(days_back))))
    kinds = st.just(InteractionKind.MEETING) | st.sampled_from(list(InteractionKind))
    logs = st.tuples(st.sampled_from(ids), days_back, kinds, st.sampled_from(NOTES))
    for n, (cid, back, kind, note) in enumerate(draw(st.lists(logs, max_size=10))):
        records.append(logged(cid, TODAY - timedelta(days=back), kind, note=note,
                              where="Café Lua" if note else "", id=f"i{n}"))
    ledger = st.tuples(st.sampled_from(ids), st.sampled_from(list(FavourDirection)))
    for n, (cid, direction) in enumerate(draw(st.lists(ledger, max_size=6))):
        records.append(favour(cid, direction, id=f"f{n}"))
    days = st.tuples(st.sampled_from(ids), st.sampled_from(list(DateKind)),
                     st.dates(date(2024, 1, 1), date(2027, 12, 31)), st.booleans())
    for n, (cid, date_kind, on, with_year) in enumerate(draw(st.lists(days, max_size=6))):
        year = on.year if with_year or date_kind is DateKind.NEWS else None
        records.append(important_date(cid, date_kind, on.month, on.day, year=year, id=f"d{n}"))
    for cid in draw(st.lists(st.sampled_from(ids), unique=True, max_size=3)):
        records.append(Plan(
            id=cid, contact_id=cid, why=draw(st.sampled_from(["", "She knows the field"])),
            next_step=draw(st.sampled_from(["", "Coffee"])),
            next_kind=draw(st.sampled_from(list(InteractionKind))),
            next_on=draw(st.none() | days_back.map(lambda d: TODAY - timedelta(days=d - 30))),
            active=draw(st.booleans()), updated_at=NOW))
    return records


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
