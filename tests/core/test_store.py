"""One key per record; damaged or newer data is set aside, never misread or lost."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.storage.codec import decode, encode, key_for
from core.storage.loading import load_network
from core.storage.migrations import loose_key, parse_key

from .factories import NOW, contact, interaction, person


def test_a_record_round_trips_through_its_stored_form() -> None:
    ana = person("Ana", how_met="PyCon Lisbon", groups=("conference",))
    assert key_for(ana) == "tend/v3/contact/ana"
    assert decode(key_for(ana), encode(ana)) == ana


def test_the_stored_form_leaves_out_what_the_key_says_and_empty_optionals() -> None:
    stored = encode(interaction("ana", date(2026, 5, 1)))
    assert json.loads(stored).keys() == {"updated_at", "contact_id", "on"}


def test_a_damaged_record_is_reported_and_the_rest_still_loads() -> None:
    ana, ben = contact("Ana"), contact("Ben")
    entries = {
        key_for(ana): encode(ana),
        key_for(ben): encode(ben)[:-5],
        "tend/v3/contact/cy": '{"name":"Cy"}',
        "unrelated-key": "left alone",
    }
    loaded = load_network(entries)
    assert list(loaded.network.contacts) == ["ana"]
    assert {p.key for p in loaded.problems} == {key_for(ben), "tend/v3/contact/cy"}
    assert all("damaged contact record" in p.message for p in loaded.problems)
    assert not loaded.newer_data


def test_data_from_a_newer_version_is_recognised_not_parsed() -> None:
    loaded = load_network({"tend/v5/contact/ana": "{}", "tend/v3/contact/x": encode(contact("X"))})
    assert loaded.newer_data
    assert list(loaded.network.contacts) == ["x"]


def test_an_unknown_record_kind_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown record kind 'meeting'"):
        decode("tend/v3/meeting/1", "{}")


def test_a_tombstone_hides_the_record_but_keeps_it_stored() -> None:
    ana = contact("Ana")
    gone = ana.model_copy(update={"deleted_at": ana.updated_at})
    loaded = load_network({key_for(gone): encode(gone)})
    assert loaded.network.contacts == {}
    assert '"deleted_at"' in encode(gone)


def test_a_stored_value_naming_another_id_than_its_key_is_damaged() -> None:
    stored = encode(contact("Ana"))
    with pytest.raises(ValueError, match="not a record of this version"):
        decode("tend/v3/contact/ana", '{"id":"bob",' + stored[1:])
    with pytest.raises(ValueError, match="not a record of this version"):
        decode("tend/v3/contact/a.b", stored)


FIXTURES = Path(__file__).parents[1] / "fixtures"
KINDS = {"contact", "interaction", "favour", "date", "target", "settings", "decision", "plan",
         "pitch"}


def fixture(version: int) -> dict[str, str]:
    """localStorage as Tend wrote it at a layout version, one record of every kind.
    These files are frozen: a later version must migrate them, never edit them."""
    stored: dict[str, str] = json.loads((FIXTURES / f"storage-v{version}.json").read_text())
    assert {key.split("/")[2] for key in stored} == KINDS
    return stored


@pytest.mark.parametrize("version", [1, 2, 3])
def test_the_stored_form_of_every_version_loads_with_nothing_lost(version: int) -> None:
    loaded = load_network(fixture(version))
    assert loaded.problems == () and not loaded.newer_data
    assert sorted(c.name for c in loaded.network.contacts.values()) == ["Mum", "Sam"]
    assert loaded.network.settings.prune_after_days == 200
    assert load_network(fixture(3)).network == loaded.network


def test_the_current_stored_form_round_trips_byte_for_byte() -> None:
    stored = fixture(3)
    assert {key: encode(decode(key, value)) for key, value in stored.items()} == stored


def test_version_1_entries_are_rewritten_record_by_record_new_entry_first() -> None:
    old = fixture(1)
    loaded = load_network(old)
    assert len(loaded.upgrade) == len(old)
    for rewrite in loaded.upgrade:
        assert old[rewrite.old_key] == rewrite.old_value
        record_key = rewrite.old_key.replace("tend/v1/", "tend/v3/")
        assert rewrite.new_key == loose_key(parse_key(record_key))  # type: ignore[arg-type]
        assert rewrite.new_before is None
        assert rewrite.new_value == loaded.entries[record_key]
        assert loaded.sources[record_key] == rewrite.old_key
    assert dict(loaded.entries) == fixture(3)


def test_storage_half_rewritten_loads_the_same_network() -> None:
    old, new = fixture(1), fixture(3)
    half = dict(sorted(old.items())[::2])
    mixed = {**{k: v for k, v in old.items() if k not in half},
             **{k.replace("tend/v1/", "tend/v3/"): new[k.replace("tend/v1/", "tend/v3/")]
                for k in half}}
    loaded = load_network(mixed)
    assert loaded.network == load_network(new).network
    assert dict(loaded.entries) == new


def test_an_edit_made_after_the_upgrade_began_wins_over_the_old_entry() -> None:
    sam_key = next(k for k, v in fixture(1).items() if '"Sam"' in v)
    edited = contact("Sam Ortiz").model_copy(
        update={"id": sam_key.rsplit("/", 1)[1], "updated_at": NOW + timedelta(days=1)})
    storage = {**fixture(1), key_for(edited): encode(edited)}
    loaded = load_network(storage)
    assert loaded.network.contacts[edited.id].name == "Sam Ortiz"
    rewrite = next(r for r in loaded.upgrade if r.old_key == sam_key)
    assert rewrite.new_value is None and rewrite.new_before == encode(edited)


def test_an_old_entry_that_cannot_be_migrated_is_reported_and_left_in_place() -> None:
    storage = {"tend/v1/contact/ana": '{"schema":1,"id":"bob","name":"Ana"}',
               "tend/v1/contact/cy": "{not json"}
    loaded = load_network(storage)
    assert {p.key: p.message for p in loaded.problems} == {
        "tend/v1/contact/ana": "damaged contact record of an earlier version "
                               "(it names the id 'bob', not 'ana')",
        "tend/v1/contact/cy": "damaged contact record of an earlier version (it is not valid JSON)",
    }
    assert loaded.upgrade == ()
    assert dict(loaded.entries) == storage


def test_a_damaged_current_copy_keeps_its_old_copy_untouched_beside_it() -> None:
    v1, v3 = fixture(1), fixture(3)
    sam_v1 = next(k for k, v in v1.items() if '"Sam"' in v)
    sam_v3 = sam_v1.replace("tend/v1/", "tend/v3/")
    storage = {sam_v1: v1[sam_v1], sam_v3: v3[sam_v3][:-3]}
    loaded = load_network(storage)
    assert loaded.upgrade == () and loaded.network.contacts == {}
    assert {p.key for p in loaded.problems} == {sam_v1, sam_v3}
    assert dict(loaded.entries) == storage


@pytest.mark.parametrize("key", ["tend/v5/meta", "tend/v5/contact/a/b", "tend/v5/contact_card/x",
                                 "tend/v1234567/contact/x"])
def test_any_key_of_a_newer_layout_makes_the_data_read_only(key: str) -> None:
    assert load_network({key: "{}"}).newer_data


def test_a_malformed_key_of_this_layout_is_reported_and_kept() -> None:
    loaded = load_network({"tend/v3/contact/a/b": "{}"})
    assert [p.message for p in loaded.problems] == ["not a key Tend stores records under"]
    assert dict(loaded.entries) == {"tend/v3/contact/a/b": "{}"}
