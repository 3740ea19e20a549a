"""Records stored damaged are named on Your data, can be downloaded as they are, and are
never saved over without asking."""

from __future__ import annotations

import pytest

from core.formats.backup import read_backup
from core.storage.codec import encode, key_for

from .factories import person
from .helpers import Shell

ANA = person("Ana Lima", id="ana")
DAMAGED_PLAN = '{"contact_id":"ana","why":5'
QUESTION = "This plan was stored damaged; save over it?"


def storage_with(damaged: dict[str, str]) -> dict[str, str]:
    return {key_for(ANA): encode(ANA), **damaged}


def save_plan(page: Shell, **extra: str) -> dict[str, object]:
    return page.send({"type": "save_plan", "fields": {"contact_id": "ana", "why": "Mentor",
                                                      **extra}})


def test_saving_over_a_damaged_plan_asks_first_and_writes_nothing() -> None:
    storage = storage_with({"tend/v3/plan/ana": DAMAGED_PLAN})
    page = Shell(storage=storage)
    answer = save_plan(page)
    assert answer["writes"] == []
    assert storage["tend/v3/plan/ana"] == DAMAGED_PLAN
    assert QUESTION in str(answer["notice"])
    html = str(answer["html"])
    assert QUESTION in html
    assert 'name="replace_damaged" type="checkbox" value="yes"' in html
    assert ">Mentor</textarea>" in html  # what was typed is still there


def test_saving_over_a_damaged_plan_once_confirmed_replaces_it_and_it_is_no_longer_listed(
        ) -> None:
    storage = storage_with({"tend/v3/plan/ana": DAMAGED_PLAN})
    page = Shell(storage=storage)
    answer = save_plan(page, replace_damaged="yes")
    # Saved in layout 4's loose entry; the damaged entry of layout 3 goes.
    assert [(w["key"], w["value"] is None) for w in answer["writes"]] == [  # type: ignore[index]
        ("tend/v4/p/ana", False), ("tend/v3/plan/ana", True)]
    assert page.app.network.plans["ana"].why == "Mentor"
    data = page.send({"type": "navigate", "route": "#/data"})
    assert "Records stored damaged" not in data["html"]
    assert "could not be read" not in data["notice"]


@pytest.mark.parametrize(("action", "key", "fields"), [
    ("save_pitch", "tend/v3/pitch/pitch", {"one_liner": "I help clinics"}),
    ("save_settings", "tend/v3/settings/settings", {"prune_after_days": "200",
                                                    "date_lead_days": "7"}),
])
def test_saving_over_a_damaged_pitch_or_settings_asks_first(
        action: str, key: str, fields: dict[str, str]) -> None:
    storage = storage_with({key: "{broken"})
    page = Shell(storage=storage)
    answer = page.send({"type": action, "fields": fields})
    assert answer["writes"] == []
    assert "was stored damaged; save over it?" in answer["html"]
    confirmed = page.send({"type": action, "fields": {**fields, "replace_damaged": "yes"}})
    assert [w["key"] for w in confirmed["writes"]][1:] == [key]


def test_your_data_names_each_damaged_record_with_its_person_and_kind() -> None:
    page = Shell(storage=storage_with({
        "tend/v3/plan/ana": DAMAGED_PLAN,
        "tend/v3/interaction/i1": '{"contact_id":"ana","on":"not a date"}',
        "tend/v3/contact/ben": '{"name":"Ben Okafor","layer":"nowhere"}',
        "tend/v3/favour/f1": "{oops",
    }))
    html = page.send({"type": "navigate", "route": "#/data"})["html"]
    assert "Records stored damaged" in html
    assert "<strong>Ana Lima</strong>: their plan" in html
    assert "<strong>Ana Lima</strong>: a conversation" in html
    assert "<strong>Ben Okafor</strong>: their details" in html
    assert "<strong>Someone Tend cannot tell</strong>: a favour" in html
    assert html.count('<input type="hidden" name="keys"') == 4


def test_the_damaged_records_download_holds_them_exactly_as_stored() -> None:
    damaged = {"tend/v3/plan/ana": DAMAGED_PLAN, "tend/v3/favour/f1": "{oops"}
    page = Shell(storage=storage_with(damaged))
    answer = page.send({"type": "export_damaged", "fields": {
        "keys": [*damaged, key_for(ANA), "tend/v3/contact/nobody"]}})
    assert answer["writes"] == []
    download = answer["download"]
    assert download["name"] == "tend-damaged-2026-11-25.json"
    assert dict(read_backup(download["text"]).damaged) == damaged
    assert answer["notice"] == ("Saved 2 damaged records as tend-damaged-2026-11-25.json, "
                                "exactly as stored. They stay here untouched too.")


def test_the_start_notice_says_where_to_find_the_damaged_records() -> None:
    answer = Shell(storage=storage_with({"tend/v3/plan/ana": DAMAGED_PLAN})).send(
        {"type": "navigate", "route": "#/today"})
    assert answer["notice"].endswith("Your data says which, and can download it.")
