"""Hypothesis strategies for whole networks, shared by the property tests."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from core.model import DateKind, FavourDirection, InteractionKind, Layer, Plan, Record, Sphere

from . import factories
from .factories import NOW, TODAY, favour, important_date, logged, person

NAMES = ["Ana", "ana", "Ben", "Cy", "Dee"]  # namesakes on purpose: ties must still be stable
GROUPS = ["", "Work", "Work / Acme", "Work / Acme / Platform", "Family", "Climbing"]
NOTES = ["", "Talked about her move to Porto"]
days_back = st.integers(0, 14) | st.integers(0, 500)  # recent enough for follow-ups, often


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
