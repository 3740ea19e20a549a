"""Layout 4: settled records packed together, an edit still one loose entry, nothing lost."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.app import UPGRADE_BATCH_CHARS, App
from core.formats.backup import entries_of, export_backup, read_backup
from core.model import Interaction, InteractionKind, Record
from core.storage import base32768
from core.storage.codec import encode, key_for
from core.storage.loading import load_network
from core.storage.lock import sealed_length
from core.storage.packs import DamagedPack, is_for_lock, pack_number, pack_text, unpack
from core.storage.repack import MIN_PACK, SETTLED

from .factories import NOW, TODAY, contact
from .helpers import Shell, rewrite

WORDS = ("coffee", "intro", "hiring", "Porto", "conference", "mentor", "spring", "article",
         "follow", "data", "team", "offer", "launch", "podcast", "visa", "garden")


def layout_3(records: list[Record]) -> dict[str, str]:
    """Storage as Tend stored it before layout 4: one record-form entry each."""
    return {key_for(r): encode(r) for r in records}


def old_network(people: int, touches_each: int = 3) -> list[Record]:
    """People added long ago, each with conversations logged over the past year (notes
    made of varied words), and one written last week."""
    records: list[Record] = []
    for n in range(people):
        ana = contact(f"Person {n:04d}").model_copy(
            update={"id": f"p{n:04d}", "updated_at": NOW - timedelta(days=300)})
        records.append(ana)
        for k in range(touches_each):
            on = TODAY - timedelta(days=40 + 97 * k + n % 50)
            note = " ".join(WORDS[(n * 7 + k * 3 + i) % len(WORDS)] for i in range(6))
            records.append(Interaction(id=f"i{n:04d}{k}", contact_id=ana.id, on=on,
                                       kind=InteractionKind.CALL, note=note,
                                       updated_at=NOW - timedelta(days=40 + 97 * k)))
    records.append(Interaction(id="recent", contact_id="p0000", on=TODAY - timedelta(days=7),
                               note="Lunch", updated_at=NOW - timedelta(days=7)))
    return records


def started(storage: dict[str, str]) -> App:
    """The app's first start on ``storage``, its rewrite applied as the shell applies it."""
    app = App.from_storage(storage)
    for batch in app.upgrade:
        rewrite(storage, [json.loads(json.dumps(r.__dict__)) for r in batch])
    return app


@given(st.binary(max_size=400))
def test_any_bytes_come_back_from_their_dense_text(data: bytes) -> None:
    assert base32768.decode(base32768.encode(data)) == data


@given(st.binary(max_size=400))
def test_dense_text_is_fifteen_bits_a_character_and_never_a_surrogate(data: bytes) -> None:
    text = base32768.encode(data)
    assert len(text) == -(-8 * len(data) // 15)
    assert all(0x3400 <= ord(c) < 0x3480 or 0x4000 <= ord(c) < 0xC000 for c in text)


@pytest.mark.parametrize("text", ["plain words", "\ud800", base32768.encode(b"ab")[:-1] + "x"])
def test_text_the_dense_encoding_never_writes_is_refused(text: str) -> None:
    with pytest.raises(base32768.DenseTextError):
        base32768.decode(text)


@pytest.mark.parametrize("for_lock", [False, True])
def test_a_pack_gives_back_exactly_the_record_forms_it_was_made_from(for_lock: bool) -> None:
    members = layout_3(old_network(3))
    assert unpack(pack_text(members, for_lock)) == members


@pytest.mark.parametrize("for_lock", [False, True])
@pytest.mark.parametrize("damage", [lambda t: t[:-4], lambda t: t[:40] + t[41:], lambda t: "x" + t])
def test_a_pack_that_does_not_open_says_so(damage: object, for_lock: bool) -> None:
    text = pack_text(layout_3(old_network(3)), for_lock)
    with pytest.raises(DamagedPack, match="damaged pack of records"):
        unpack(damage(text))  # type: ignore[operator]


def test_layout_3_data_is_packed_at_the_first_start_and_loads_the_same() -> None:
    records = old_network(120)
    storage = layout_3(records)
    before = load_network(dict(storage))
    started(storage)
    assert not any(key.startswith("tend/v3/") for key in storage)
    assert any(pack_number(key) is not None for key in storage)
    after = load_network(storage)
    assert after.network == before.network and dict(after.entries) == dict(before.entries)
    assert after.problems == () and after.upgrade == ()
    assert sum(map(len, storage.values())) < sum(map(len, layout_3(records).values())) / 3


def test_records_edited_lately_stay_in_their_own_entries() -> None:
    storage = layout_3(old_network(120))
    started(storage)
    recent = load_network(storage).network.interactions["recent"]
    assert storage["tend/v4/i/recent"] == encode(recent)


def test_too_few_settled_records_of_a_kind_are_not_packed() -> None:
    storage = layout_3(old_network(MIN_PACK - 1, touches_each=0))
    started(storage)
    assert sorted(storage) == sorted([*(f"tend/v4/c/p{n:04d}" for n in range(MIN_PACK - 1)),
                                      "tend/v4/i/recent"])


def test_the_mirror_holds_what_storage_holds_once_rewritten() -> None:
    storage = layout_3(old_network(120))
    app = started(storage)
    assert app.stored.stored == storage
    assert app.stored.length() == sum(len(k) + len(v) for k, v in storage.items())


def edit_packed_note(people: int) -> tuple[list[dict[str, str]], Shell]:
    storage = layout_3(old_network(people))
    started(storage)
    page = Shell(storage=storage)
    assert "tend/v4/i/i00011" not in storage  # it is in a pack
    answer = page.send({"type": "edit_interaction", "fields": {
        "id": "i00011", "on": (TODAY - timedelta(days=138)).isoformat(), "kind": "call",
        "note": "Talked about the spring launch"}})
    return answer["writes"], page


def test_editing_a_packed_record_writes_its_loose_entry_alone_whatever_the_size() -> None:
    small, _ = edit_packed_note(60)
    large, page = edit_packed_note(1_500)
    assert [w["key"] for w in small] == [w["key"] for w in large] == ["tend/v4/i/i00011"]
    assert [len(w["value"]) for w in small] == [len(w["value"]) for w in large]
    fresh = load_network(page.storage).network
    assert fresh.interactions["i00011"].note == "Talked about the spring launch"


def test_deleting_a_packed_record_leaves_a_loose_tombstone_that_wins() -> None:
    _, page = edit_packed_note(60)
    page.send({"type": "delete_interaction", "fields": {"id": "i00021"}})
    assert json.loads(page.storage["tend/v4/i/i00021"])["deleted_at"]
    assert "i00021" not in load_network(page.storage).network.interactions


def test_a_pack_mostly_superseded_is_remade_with_what_it_still_holds() -> None:
    storage = layout_3(old_network(120))
    started(storage)
    network = load_network(storage).network
    pack = next(key for key in storage if pack_number(key) is not None)
    members = unpack(storage[pack])
    later = NOW - SETTLED - timedelta(days=1)  # edited, and settled again since
    for key in list(members)[: len(members) // 2 + 1]:
        kind, record_id = key.split("/")[2:]
        record = network.contacts.get(record_id) or network.interactions[record_id]
        storage[f"tend/v4/{kind[0]}/{record_id}"] = encode(record.model_copy(
            update={"updated_at": later}))
    expected = load_network(storage).network
    started(storage)
    assert pack not in storage
    assert load_network(storage).network == expected


def test_a_damaged_pack_is_reported_kept_as_it_is_and_the_rest_loads() -> None:
    storage = layout_3(old_network(120))
    started(storage)
    pack = next(key for key in storage if pack_number(key) is not None)
    storage[pack] = damaged = storage[pack][:-3]
    app = started(storage)
    assert [p.key for p in app.problems] == [pack]
    assert storage[pack] == damaged
    assert "p0119" in app.network.contacts or "i01190" in app.network.interactions
    backup = read_backup(export_backup(storage, NOW))
    assert backup.damaged == {pack: damaged} and entries_of(backup)[pack] == damaged


def test_a_pack_with_an_unreadable_record_keeps_the_pack_and_loads_the_others() -> None:
    members = layout_3(old_network(60))
    first = next(iter(members))
    members[first] = '{"name":'
    storage = {"tend/v4/pack/1": pack_text(members)}
    loaded = load_network(storage)
    assert [p.key for p in loaded.problems] == ["tend/v4/pack/1"]
    assert "1 record in it cannot be read" in loaded.problems[0].message
    assert len(loaded.network.contacts) + len(loaded.network.interactions) == len(members) - 1
    assert loaded.upgrade == () or all(r.old_key != "tend/v4/pack/1" for r in loaded.upgrade)


@pytest.mark.parametrize("damage", [
    # Closes its object and opens another: read as a list, the pack would gain a record.
    lambda value: value[:-1] + '},{"id":"p9999","name":"Mallory","added_on":"2026-01-01",'
                  '"updated_at":"2026-01-01T00:00:00Z"}',
    # Not an object: its first character would be taken for the brace.
    lambda value: "X" + value[1:],
])
def test_a_pack_reads_each_record_as_it_would_on_its_own(damage: object) -> None:
    members = layout_3(old_network(60))
    first = next(key for key in members if "/contact/" in key)
    members[first] = damage(members[first])  # type: ignore[operator]
    loaded = load_network({"tend/v4/pack/1": pack_text(members)})
    assert "1 record in it cannot be read" in loaded.problems[0].message
    assert "p9999" not in loaded.network.contacts
    assert len(loaded.network.contacts) == 59 and len(loaded.network.interactions) == 181


def test_an_edit_another_tab_made_meanwhile_keeps_the_record_out_of_the_pack() -> None:
    storage = layout_3(old_network(120))
    this_tab = App.from_storage(dict(storage))
    ana = load_network(storage).network.contacts["p0003"]
    edited = ana.model_copy(update={"name": "Ana Edited", "updated_at": NOW})
    storage["tend/v3/contact/p0003"] = encode(edited)  # the other tab, still on layout 3
    for batch in this_tab.upgrade:
        rewrite(storage, [json.loads(json.dumps(r.__dict__)) for r in batch])
    assert storage["tend/v3/contact/p0003"] == encode(edited)
    assert load_network(storage).network.contacts["p0003"].name == "Ana Edited"


def test_two_tabs_starting_together_pack_once() -> None:
    storage = layout_3(old_network(120))
    first, second = App.from_storage(dict(storage)), App.from_storage(dict(storage))
    expected = load_network(dict(storage)).network
    for app in (first, second):
        for batch in app.upgrade:
            rewrite(storage, [json.loads(json.dumps(r.__dict__)) for r in batch])
    assert load_network(storage).network == expected
    assert load_network(storage).upgrade == ()


def test_another_tabs_repacking_is_taken_in_and_matches_a_fresh_start() -> None:
    storage = layout_3(old_network(120))
    watching = Shell(storage=dict(storage))
    before = dict(storage)
    started(storage)
    changes = [{"key": k, "value": storage.get(k)} for k in sorted(before.keys() | storage.keys())]
    watching.send({"type": "storage_changed", "changes": changes})
    assert watching.app.network == load_network(storage).network


def test_archiving_a_packed_record_takes_it_out_of_its_pack() -> None:
    storage = layout_3(old_network(120))
    app = started(storage)
    pack = next(key for key in storage if pack_number(key) is not None)
    gone = next(iter(unpack(storage[pack])))
    writes, repacked = app.stored.remove([gone])
    rewrite(storage, [json.loads(json.dumps(r.__dict__)) for r in repacked])
    for write in writes:
        storage.pop(write.key, None)
    assert gone not in load_network(storage).entries and pack not in storage
    assert app.stored.stored == storage


def test_archiving_leaves_a_pack_another_tab_wrote_differently_as_it_is() -> None:
    storage = layout_3(old_network(120))
    app = started(storage)
    pack = next(key for key in storage if pack_number(key) is not None)
    members = unpack(storage[pack])
    gone, other = list(members)[:2]
    storage[pack] = theirs = pack_text({k: v for k, v in members.items() if k != other})
    _, repacked = app.stored.remove([gone])
    rewrite(storage, [json.loads(json.dumps(r.__dict__)) for r in repacked])
    assert storage[pack] == theirs


def first_answer(storage: dict[str, str], lock: str) -> App:
    """The app's start on ``storage`` with the lock ``lock``, its rewrite applied."""
    app = App.from_storage(storage)
    request = {"event": {"type": "navigate", "route": "#/data"}, "today": TODAY.isoformat(),
               "now": NOW.isoformat(), "new_id": "x", "lock": lock}
    for batch in json.loads(app.handle_json(json.dumps(request)))["upgrade"]:
        rewrite(storage, batch)
    return app


def test_packs_written_while_locked_are_base64_and_measured_sealed() -> None:
    storage = layout_3(old_network(120))
    app = first_answer(storage, "open")
    packs = [text for key, text in storage.items() if pack_number(key) is not None]
    assert packs and all(is_for_lock(text) and text.isascii() for text in packs)
    assert app.stored.stored == storage
    assert app.storage_use().used == sum(len(k) + sealed_length(v) for k, v in storage.items())
    assert load_network(storage).network == load_network(layout_3(old_network(120))).network


def test_packs_are_remade_in_the_alphabet_that_suits_the_lock_as_it_is_now() -> None:
    storage = layout_3(old_network(120))
    first_answer(storage, "off")
    dense = {key for key in storage if pack_number(key) is not None}
    first_answer(storage, "open")
    sealed = {key for key in storage if pack_number(key) is not None}
    assert dense and sealed and dense.isdisjoint(sealed)
    assert all(is_for_lock(storage[key]) for key in sealed)
    first_answer(storage, "off")
    assert not any(is_for_lock(v) for k, v in storage.items() if pack_number(k) is not None)


def test_a_tab_still_on_layout_3_is_taken_in_but_its_rewrite_removing_it_is_not() -> None:
    page = Shell()
    page.add("Ana")
    ana = page.app.network.contacts["id1"]
    renamed = encode(ana.model_copy(update={"name": "Ana Lima", "updated_at": NOW}))
    page.send({"type": "storage_changed",
               "changes": [{"key": "tend/v3/contact/id1", "value": renamed}]})
    assert page.app.network.contacts["id1"].name == "Ana Lima"
    page.send({"type": "storage_changed",
               "changes": [{"key": "tend/v3/contact/id1", "value": None}]})
    assert page.app.network.contacts["id1"].name == "Ana Lima"


def test_each_batch_of_the_start_up_rewrite_needs_only_a_small_journal() -> None:
    app = App.from_storage(layout_3(old_network(400)))
    assert len(app.upgrade) > 1
    for batch in app.upgrade:
        kept = sum(len(r.old_value) + len(r.new_before or "") + sum(map(len, r.also.values()))
                   for r in batch)
        assert kept <= UPGRADE_BATCH_CHARS or len(batch) == 1


def test_a_loose_entry_another_tab_removes_lets_its_packed_copy_count_again() -> None:
    """As when another tab's packing reaches this one in two gatherings: the removal of
    the loose entries after the pack that now holds them."""
    storage = layout_3(old_network(120))
    started(storage)
    watching = Shell(storage=dict(storage))
    before = dict(storage)
    ana = load_network(storage).network.contacts["p0001"]
    storage["tend/v4/c/p0001"] = encode(ana.model_copy(update={"name": "Ana Loose"}))
    watching.send({"type": "storage_changed", "changes": [
        {"key": "tend/v4/c/p0001", "value": storage["tend/v4/c/p0001"]}]})
    assert watching.app.network.contacts["p0001"].name == "Ana Loose"
    del storage["tend/v4/c/p0001"]  # gone again: the packed copy counts once more
    watching.send({"type": "storage_changed",
                   "changes": [{"key": "tend/v4/c/p0001", "value": None}]})
    assert watching.app.network.contacts["p0001"].name == ana.name
    assert before.keys() == storage.keys()
