"""What is kept from one request to the next (a network's indexes after a write, each
person's verdicts per day, the storage count) always equals working it out afresh."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from core.app import App
from core.model import AgendaDecision, Record
from core.network import Network
from core.rules import agenda as agenda_rules
from core.rules import backups
from core.rules.agenda import agenda, candidates, this_week, work_ahead
from core.storage.codec import Write, encode, key_for
from core.storage.migrations import loose_key, parse_key
from core.storage.mirror import Mirror

from .factories import NOW, TODAY, contact, interaction, network_of
from .helpers import Shell
from .strategies import networks

DAYS = [TODAY + timedelta(days=n) for n in (0, 1, 3, 8)]


def indexes(network: Network) -> tuple[object, ...]:
    ids = sorted(network.contacts)
    return (network.people, {i: network.interactions_with(i) for i in ids},
            {i: network.favours_with(i) for i in ids}, {i: network.dates_of(i) for i in ids})


@st.composite
def writes(draw: st.DrawFn, records: list[Record]) -> list[Record]:
    """Later writes: records of another network under the same ids (so histories move
    between people, plans and dates change), deletions and snoozes of Today's items."""
    later = draw(networks())
    chosen = draw(st.lists(st.sampled_from(later), max_size=8)) if later else []
    gone = [r.tombstone(NOW) for r in draw(st.lists(st.sampled_from(records), max_size=3))]
    keys = sorted({i.key for i in candidates(network_of(*records), TODAY)})
    snoozed = [AgendaDecision(id=key, updated_at=NOW, until=TODAY + timedelta(days=2))
               for key in (draw(st.lists(st.sampled_from(keys), max_size=2)) if keys else [])]
    return draw(st.permutations([*chosen, *gone, *snoozed]))


@settings(max_examples=80, deadline=None)
@given(data=st.data(), records=networks())
def test_after_any_writes_the_kept_agenda_and_indexes_equal_a_fresh_network(
        data: st.DataObject, records: list[Record]) -> None:
    network = network_of(*records)
    for day in DAYS:
        agenda(network, day)  # worked out, so the writes below carry it forward
    indexes(network)
    written = list(records)
    for record in data.draw(writes(records)):
        network = network.with_record(record)
        written.append(record)
        fresh = network_of(*written)
        assert indexes(network) == indexes(fresh)
        for day in data.draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=2)):
            assert agenda(network, day) == agenda(fresh, day)
    assert this_week(network, TODAY) == this_week(network_of(*written), TODAY)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), records=networks())
def test_working_ahead_between_writes_gives_the_week_a_fresh_network_gives(
        data: st.DataObject, records: list[Record]) -> None:
    network = network_of(*records)
    written = list(records)
    for record in data.draw(writes(records)):
        for _ in range(data.draw(st.integers(0, 3))):  # a pause, short or long
            work_ahead(network, TODAY)
        network = network.with_record(record)
        written.append(record)
    assert this_week(network, TODAY) == this_week(network_of(*written), TODAY)


def test_once_worked_ahead_this_week_works_out_no_ones_verdicts(monkeypatch) -> None:
    network = network_of(*[r for n in range(6) for r in _someone(n)])
    days = 0
    while work_ahead(network, TODAY):
        days += 1
    assert days == 8  # today and the seven days This week lists
    asked: list[str] = []
    real = agenda_rules._verdicts
    monkeypatch.setattr(agenda_rules, "_verdicts",
                        lambda net, status, *rest: asked.append(status.contact.id)
                        or real(net, status, *rest))
    this_week(network, TODAY)
    assert asked == []
    met = network.with_record(interaction("p3", TODAY))
    while work_ahead(met, TODAY):
        pass
    assert set(asked) == {"p3"} and len(asked) == 8  # only the person written, each day


def test_the_app_works_ahead_from_the_day_of_its_last_request() -> None:
    shell = Shell.holding(*_someone(1))
    while shell.app.work_ahead():
        pass  # before any request: the templates only, there is no day to start from
    assert not shell.app.network.kept.get("days")
    later = TODAY + timedelta(days=30)
    shell.send({"type": "navigate", "route": "#/today"}, today=later)
    steps = 0
    while shell.app.work_ahead():
        steps += 1
    assert steps == 7  # the request worked its own day out already
    days = shell.app.network.kept["days"]
    assert all(days[later + timedelta(days=n)][0] == shell.app.network.serial for n in range(8))


def _someone(n: int) -> list[Record]:
    person = contact(f"Person {n}").model_copy(update={"id": f"p{n}"})
    return [person, interaction(person.id, TODAY - timedelta(days=20 * n + 3))]


@settings(max_examples=40, deadline=None)
@given(data=st.data(), records=networks())
def test_two_networks_written_from_one_keep_their_own_agendas(
        data: st.DataObject, records: list[Record]) -> None:
    base = network_of(*records)
    agenda(base, TODAY)
    left, right = data.draw(writes(records)), data.draw(writes(records))
    one, other = base, base
    for a, b in zip(left, right, strict=False):
        one, other = one.with_record(a), other.with_record(b)
        agenda(one, TODAY), agenda(other, TODAY)  # each kept in turn, in the same store
    one_written = [*records, *left[:min(len(left), len(right))]]
    other_written = [*records, *right[:min(len(left), len(right))]]
    assert agenda(one, TODAY) == agenda(network_of(*one_written), TODAY)
    assert agenda(other, TODAY) == agenda(network_of(*other_written), TODAY)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), records=networks())
def test_the_counted_storage_use_equals_a_recount_after_any_change_to_the_entries(
        data: st.DataObject, records: list[Record]) -> None:
    mirror = Mirror({key_for(r): encode(r) for r in records})
    mirror.length()
    for step in data.draw(st.lists(st.sampled_from(["put", "remove", "tab", "set"]), max_size=8)):
        record = data.draw(st.sampled_from(records))
        if step == "put":
            mirror.put([record.model_copy(update={"updated_at": NOW + timedelta(hours=1)})])
        elif step == "remove":
            _, repacked = mirror.remove([key_for(record)])
            assert not repacked  # nothing was packed: every record is recent
        elif step == "tab":
            value = None if data.draw(st.booleans()) else encode(record)
            mirror.take_in([Write(loose_key(parse_key(key_for(record))), value)])  # type: ignore[arg-type]
        else:  # set by hand, as a test filling storage does
            assert mirror.stored is not None
            mirror.stored[data.draw(st.sampled_from(["tend/x", "tend/v4/c/x"]))] = "x" * 9
        assert mirror.stored is not None
        assert mirror.length() == sum(len(k) + len(v) for k, v in mirror.stored.items())


@settings(max_examples=20, deadline=None)
@given(records=networks())
def test_an_agenda_read_for_a_day_is_not_changed_by_what_its_reader_does_with_it(
        records: list[Record]) -> None:
    network = network_of(*records)
    first = agenda(network, date(2026, 11, 5))
    first.clear()
    assert agenda(network, date(2026, 11, 5)) == agenda(network_of(*records), date(2026, 11, 5))


def test_after_a_session_of_writes_every_view_equals_a_freshly_started_app() -> None:
    device = Shell(None)
    for name in ("Ana", "Ben", "Cy"):
        device.submit("add_contact", name=name, layer="active")
    ids = sorted(key.rsplit("/", 1)[1] for key in device.storage if key.startswith("tend/v4/c/"))
    for route in ("#/today", "#/week", "#/health", "#/people"):
        device.open(route)
    for n, contact_id in enumerate(ids):
        device.submit("log_interaction", contact_id=contact_id, kind="call",
                    on=(TODAY - timedelta(days=40 * n)).isoformat(), note="Talked about Porto")
        device.open("#/week")
    device.send_undo()
    device.submit("add_contact", name="Dee", layer="close", introduced_by=ids[0])
    fresh = Shell(None)
    fresh.storage = dict(device.storage)
    fresh.app = App.from_storage(fresh.storage)
    for route in ("#/today", "#/week", "#/health", "#/people", f"#/people/{ids[1]}"):
        for day in (TODAY, TODAY + timedelta(days=3)):
            kept, anew = device.open(route, day.isoformat()), fresh.open(route, day.isoformat())
            assert (kept["html"], kept["due_today"]) == (anew["html"], anew["due_today"])


def test_after_a_write_the_app_counts_the_changes_since_the_last_backup_while_the_user_pauses(
        monkeypatch) -> None:
    shell = Shell.holding(*[r for n in range(6) for r in _someone(n)])
    shell.send({"type": "navigate", "route": "#/people"})
    shell.submit("log_interaction", contact_id="p2", on=str(TODAY), note="Coffee")
    while shell.app.work_ahead():
        pass
    counted: list[object] = []
    real = backups._changes_since
    monkeypatch.setattr(backups, "_changes_since",
                        lambda *args: counted.append(args) or real(*args))
    today = shell.send({"type": "navigate", "route": "#/today"})["html"]
    assert counted == []
    fresh = Shell(storage=dict(shell.storage))
    assert today == fresh.send({"type": "navigate", "route": "#/today"})["html"]
    assert counted, "a freshly started app counts them when Today is opened"
