"""One key per record; damaged or newer data is set aside, never misread or lost."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core.store import decode, encode, key_for, load_network

from .factories import contact, interaction


def test_a_record_round_trips_through_its_stored_form() -> None:
    ana = contact("Ana", how_met="PyCon Lisbon", group="conference")
    assert key_for(ana) == "tend/v1/contact/ana"
    assert decode(key_for(ana), encode(ana)) == ana


def test_the_stored_form_names_its_schema_and_leaves_out_empty_optionals() -> None:
    stored = encode(interaction("ana", date(2026, 5, 1)))
    assert '"schema":1' in stored
    assert "deleted_at" not in stored


def test_a_damaged_record_is_reported_and_the_rest_still_loads() -> None:
    ana, ben = contact("Ana"), contact("Ben")
    entries = {
        key_for(ana): encode(ana),
        key_for(ben): encode(ben)[:-5],
        "tend/v1/contact/cy": '{"schema":1,"id":"cy"}',
        "unrelated-key": "left alone",
    }
    loaded = load_network(entries)
    assert list(loaded.network.contacts) == ["ana"]
    assert {p.key for p in loaded.problems} == {key_for(ben), "tend/v1/contact/cy"}
    assert all("damaged contact record" in p.message for p in loaded.problems)
    assert not loaded.newer_data


def test_data_from_a_newer_version_is_recognised_not_parsed() -> None:
    loaded = load_network({"tend/v2/contact/ana": "{}", "tend/v1/contact/x": encode(contact("X"))})
    assert loaded.newer_data
    assert list(loaded.network.contacts) == ["x"]


def test_an_unknown_record_kind_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown record kind 'meeting'"):
        decode("tend/v1/meeting/1", "{}")


def test_a_tombstone_hides_the_record_but_keeps_it_stored() -> None:
    ana = contact("Ana")
    gone = ana.model_copy(update={"deleted_at": ana.updated_at})
    loaded = load_network({key_for(gone): encode(gone)})
    assert loaded.network.contacts == {}
    assert '"deleted_at"' in encode(gone)


def test_the_stored_form_of_version_1_still_loads_exactly() -> None:
    """tests/fixtures/storage-v1.json is localStorage as Tend 1 wrote it, one record of
    every kind. A later schema must migrate it; until then it must load unchanged."""
    stored = json.loads((Path(__file__).parents[1] / "fixtures" / "storage-v1.json").read_text())
    loaded = load_network(stored)
    assert loaded.problems == () and not loaded.newer_data
    kinds = {key.split("/")[2] for key in stored}
    assert kinds == {"contact", "interaction", "favour", "date", "target", "settings",
                     "decision", "plan", "pitch"}
    assert sorted(c.name for c in loaded.network.contacts.values()) == ["Mum", "Sam"]
    assert loaded.network.settings.prune_after_days == 200
    assert {key: encode(decode(key, value)) for key, value in stored.items()} == stored
