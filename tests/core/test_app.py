"""The shell's one entry point, driven exactly as the page drives it: JSON in, JSON out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.actions import dispatch
from core.app import UNFETCHED_NOTICE, App
from core.storage.loading import load_network

from .helpers import Shell, rewrite

XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_adding_a_contact_stores_one_record_and_opens_their_page() -> None:
    page = Shell()
    answer = page.add("Ana Lima", how_met="PyCon", groups="conference", layer="close")
    assert [w["key"] for w in answer["writes"]] == ["tend/v4/c/id1"]
    assert answer["route"] == "#/people/id1"
    assert answer["title"] == "Ana Lima"
    assert "Added Ana Lima." in answer["notice"]
    assert "PyCon" in answer["html"]


def test_an_empty_name_keeps_what_was_typed_and_says_what_to_fix() -> None:
    page = Shell()
    page.send({"type": "navigate", "route": "#/people"})
    answer = page.add("   ", how_met="met at the climbing wall")
    assert answer["writes"] == []
    assert "Please fill this in." in answer["html"]
    assert "met at the climbing wall" in answer["html"]
    assert answer["focus"] == "[aria-invalid=true]"


def test_a_layer_that_does_not_exist_is_refused_with_a_message() -> None:
    answer = Shell().add("Ana", layer="best-friends-forever")
    assert answer["writes"] == []
    assert "Please choose one of the options." in answer["html"]


def test_logging_a_conversation_shows_last_contact_in_days() -> None:
    page = Shell()
    page.add("Ana")
    answer = page.log("id1", "2026-11-20", "Talked about her move to Porto")
    assert len(answer["writes"]) == 1
    assert "last contact: 5 days ago" in answer["html"]
    assert "Talked about her move to Porto" in answer["html"]


def test_a_conversation_in_the_future_is_refused() -> None:
    page = Shell()
    page.add("Ana")
    answer = page.log("id1", "2026-12-24")
    assert answer["writes"] == []
    assert "That date is in the future" in answer["html"]


def test_a_date_that_is_not_a_date_is_refused_with_an_example() -> None:
    page = Shell()
    page.add("Ana")
    assert "Please enter a date like" in page.log("id1", "last tuesday")["html"]


def test_everything_survives_a_reload_from_storage() -> None:
    page = Shell()
    page.add("Ana", layer="inner")
    page.log("id1", "2026-10-01", "coffee")
    reloaded = Shell(storage=page.storage)
    answer = reloaded.send({"type": "navigate", "route": "#/today"})
    assert "Ana" in answer["html"]
    assert "41 days overdue" in answer["html"]


def test_today_lists_the_overdue_with_a_link_to_the_principle() -> None:
    page = Shell()
    page.add("Ana", layer="inner")
    page.log("id1", "2026-10-01")
    html = page.send({"type": "navigate", "route": "#/today"})["html"]
    assert 'href="guide/keeping-ties-alive.html#p8"' in html


def test_the_date_comes_from_the_shell_so_moving_today_moves_the_agenda() -> None:
    page = Shell()
    page.add("Ana", layer="inner")
    page.log("id1", "2026-11-20")
    assert "Ana" not in page.send({"type": "navigate", "route": "#/today"})["html"]
    later = page.send({"type": "navigate", "route": "#/today"}, today="2026-12-10")
    assert "Ana" in later["html"]


@pytest.mark.parametrize("field", ["name", "how_met", "groups", "title", "notes"])
def test_hostile_text_is_escaped_in_every_view(field: str) -> None:
    page = Shell()
    fields = {"name": "Ana", field: XSS}
    page.send({"type": "add_contact", "fields": fields})
    page.log("id1", "2026-01-02", note=XSS)
    for route in ("#/today", "#/people", "#/people/id1"):
        html = page.send({"type": "navigate", "route": route})["html"]
        assert "<script>" not in html and "<img" not in html, route


def test_another_tabs_write_appears_without_being_written_back() -> None:
    first, second = Shell(), Shell()
    first.add("Ana")
    key, value = next(iter(first.storage.items()))
    answer = second.send({"type": "storage_changed", "changes": [{"key": key, "value": value}]})
    assert answer["writes"] == []
    people = second.send({"type": "navigate", "route": "#/people"})
    assert "Ana" in people["html"]


def test_data_from_a_newer_version_makes_the_app_read_only() -> None:
    page = Shell(storage={"tend/v5/contact/x": "{}"})
    answer = page.add("Ana")
    assert answer["writes"] == []
    assert "newer version of Tend" in answer["notice"]


def test_damaged_records_are_reported_and_left_in_storage() -> None:
    storage = {"tend/v3/contact/broken": "{not json"}
    answer = Shell(storage=storage).send({"type": "navigate", "route": "#/today"})
    assert "1 stored record could not be read and was left untouched" in answer["notice"]
    assert storage == {"tend/v3/contact/broken": "{not json"}


def test_an_unknown_route_shows_today() -> None:
    answer = Shell().send({"type": "navigate", "route": "#/nowhere"})
    assert answer["route"] == "#/today"
    assert answer["title"] == "Today"


def test_a_missing_person_gets_a_not_found_page() -> None:
    answer = Shell().send({"type": "navigate", "route": "#/people/ghost"})
    assert answer["title"] == "Not found"


def test_a_malformed_request_is_rejected_loudly() -> None:
    with pytest.raises(ValueError):
        App.from_storage({}).handle_json('{"event": {"type": "drop_tables"}}')


# Data stored by Tend 1: rewritten once, by compare-and-set


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_the_first_answer_carries_the_rewrite_of_old_data_and_later_ones_do_not() -> None:
    storage = json.loads((FIXTURES / "storage-v1.json").read_text())
    page = Shell(storage=storage)
    first = page.send({"type": "navigate", "route": "#/people"})
    for batch in first["upgrade"]:
        rewrite(storage, batch)
    assert storage == json.loads((FIXTURES / "storage-v4.json").read_text())
    assert page.send({"type": "navigate", "route": "#/today"})["upgrade"] == []


def test_a_record_another_tab_changed_meanwhile_is_not_rewritten_over() -> None:
    storage = json.loads((FIXTURES / "storage-v1.json").read_text())
    batches = Shell(storage=dict(storage)).send({"type": "navigate"})["upgrade"]
    sam = next(k for k, v in storage.items() if '"Sam"' in v)
    newer = '{"updated_at":"2027-01-01T00:00:00Z","name":"Sam B","added_on":"2026-11-25"}'
    sam_now = sam.replace("/v1/contact/", "/v4/c/")
    storage[sam_now] = newer  # written by another tab in the meantime
    for batch in batches:
        rewrite(storage, batch)
    assert storage[sam_now] == newer
    assert sam in storage  # left for the next start, which will see the newer copy win
    assert load_network(storage).network.contacts[sam.rsplit("/", 1)[1]].name == "Sam B"


def test_data_from_a_newer_version_is_never_rewritten() -> None:
    storage = {**json.loads((FIXTURES / "storage-v1.json").read_text()), "tend/v5/x/y": "{}"}
    assert Shell(storage=storage).send({"type": "navigate"})["upgrade"] == []


def test_an_entry_another_tab_removed_leaves_this_tab_too() -> None:
    page = Shell()
    page.add("Ana")
    key = next(iter(page.storage))
    page.send({"type": "storage_changed", "changes": [{"key": key, "value": None}]})
    assert page.app.network.contacts == {} and key not in page.app.entries
    page.send({"type": "storage_changed",
               "changes": [{"key": "tend/v3/contact/nobody", "value": None}]})


def test_many_changes_from_another_tab_are_taken_in_at_once_and_match_a_fresh_start() -> None:
    source = Shell()
    for n in range(120):
        source.add(f"Person {n:03d}")
    changes = [{"key": k, "value": v} for k, v in source.storage.items()]
    page = Shell()
    answer = page.send({"type": "storage_changed", "changes": changes})
    assert answer["writes"] == [] and answer["undo"] == ""
    assert page.app.network == App.from_storage(source.storage).network
    gone = page.send({"type": "storage_changed", "changes": [{"key": changes[0]["key"],
                                                              "value": None}]})
    assert "Person 000" not in page.send({"type": "navigate", "route": "#/people"})["html"]
    assert gone["writes"] == []


def test_a_storage_change_must_name_at_least_one_entry() -> None:
    with pytest.raises(ValueError):
        Shell().send({"type": "storage_changed", "changes": []})


def test_a_part_that_cannot_be_fetched_gets_a_notice_and_changes_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline, an import of a module fetched from the web when first needed fails with
    the address it came from: the answer says so, writes nothing, and keeps the view."""
    app = App.from_storage({})

    def unfetched(*_: object) -> None:
        raise ImportError("csv: could not be read", name="csv",
                          path="https://me.example/tend/pyodide/python_stdlib_later.zip")

    monkeypatch.setattr(dispatch, "submit", unfetched)
    request = {"event": {"type": "preview_import", "fields": {"file": "x"}},
               "today": "2026-11-25", "now": "2026-11-25T10:00:00Z", "new_id": "n1"}
    answer = json.loads(app.handle_json(json.dumps(request)))
    assert answer["notice"] == UNFETCHED_NOTICE and answer["writes"] == []
    assert answer["title"] == "Today"


def test_a_lazy_package_the_worker_could_not_load_gets_a_notice_instead_of_a_second_ask(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker loads what the core asks for and sends the request again; offline before
    this device kept the package, it names it as unfetched and the core says so."""
    app = App.from_storage({})

    def without_vobject(*_: object) -> None:
        raise ModuleNotFoundError("No module named 'vobject'", name="vobject")

    monkeypatch.setattr(dispatch, "submit", without_vobject)
    request = {"event": {"type": "preview_import", "fields": {"file": "BEGIN:VCARD"}},
               "today": "2026-11-25", "now": "2026-11-25T10:00:00Z", "new_id": "n1"}
    assert json.loads(app.handle_json(json.dumps(request))) == {"needs": ["vobject"]}
    answer = json.loads(app.handle_json(json.dumps(request | {"unfetched": ["vobject"]})))
    assert answer["notice"] == UNFETCHED_NOTICE and answer["writes"] == []


def test_an_import_error_of_a_file_on_this_device_is_still_a_bug(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise ImportError("bad module", name="core.x", path="/lib/python3.14/core/x.py")

    monkeypatch.setattr(dispatch, "submit", broken)
    request = {"event": {"type": "preview_import", "fields": {"file": "x"}},
               "today": "2026-11-25", "now": "2026-11-25T10:00:00Z", "new_id": "n1"}
    with pytest.raises(ImportError):
        App.from_storage({}).handle_json(json.dumps(request))
