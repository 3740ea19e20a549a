"""Every record is checked on every path before it is written: nothing stored fails to
load, and no form, however filled, answers with a traceback."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.actions.dispatch import ACTIONS, submit
from core.formats import Candidate
from core.formats.backup import export_backup
from core.formats.importing import Preview, Row
from core.model import Plan
from core.routes import PAGES, is_known_route
from core.storage.codec import UnstorableRecord, decode, encode
from core.storage.loading import load_network
from core.views.router import ROUTES

from .factories import NOW, TODAY, Clock, contact, network_of, person
from .helpers import Shell

LONG_EMAIL = "a" * 290 + "@example.org"


def vcard(name: str, email: str) -> str:
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nEMAIL:{email}\nEND:VCARD\n"


def stored_ok(storage: dict[str, str]) -> bool:
    """Every entry loads again: what the next start would find."""
    return not load_network(storage).problems


def test_a_record_built_without_validation_is_refused_before_it_is_written() -> None:
    ana = contact("Ana Lima")
    with pytest.raises(UnstorableRecord, match="Ana Lima's e-mail address cannot be stored"):
        encode(ana.model_copy(update={"emails": (LONG_EMAIL,)}))


def test_a_merged_import_row_with_an_overlong_email_never_makes_the_person_disappear() -> None:
    page = Shell()
    page.add("Ana Lima")
    page.send({"type": "preview_import", "fields": {"file": vcard("Ana Lima", LONG_EMAIL)}})
    answer = page.send({"type": "confirm_import", "fields": {"choice-1": "merge"}})
    assert answer["notice"]
    assert stored_ok(page.storage)
    after = Shell(storage=page.storage)  # the next start
    assert [c.name for c in after.app.network.people] == ["Ana Lima"]


def test_an_overlong_merge_is_refused_with_a_message_and_writes_nothing() -> None:
    page = Shell()
    page.add("Ana Lima")
    before = dict(page.storage)
    ana = page.app.network.contacts["id1"]
    row = Row(1, Candidate("Ana Lima", emails=(LONG_EMAIL,)), ana, "same name")
    page.app.preview = Preview("vCard", (row,), ())
    answer = page.send({"type": "confirm_import", "fields": {"choice-1": "merge"}})
    assert answer["writes"] == []
    assert page.storage == before
    assert answer["notice"] == ("Nothing was saved: Ana Lima's e-mail address cannot be stored "
                                "as it is. Please keep this under 200 characters.")
    # Undo takes back the addition, not the refused merge.
    assert page.send({"type": "undo"})["notice"] == "Undone: Added Ana Lima."
    assert page.storage["tend/v4/c/id1"] != before["tend/v4/c/id1"]


def test_a_step_note_over_4000_characters_brings_the_form_back_with_a_message() -> None:
    plan = Plan(id="ana", contact_id="ana", next_step="Coffee", updated_at=NOW)
    network = network_of(person("Ana"), plan)
    fields = {"contact_id": "ana", "note": "n" * 4001, "next_step": "Lunch",
              "next_on": "2026-12-10"}
    outcome = submit("step_done", fields, network, Clock())
    assert outcome.records == ()
    assert outcome.forms["step_done"].errors["note"] == "Please keep this under 4000 characters."
    assert outcome.forms["step_done"].values["next_step"] == "Lunch"


def test_a_step_note_over_4000_characters_shows_the_plan_again_not_a_traceback() -> None:
    page = Shell()
    page.add("Ana")
    page.send({"type": "save_plan", "fields": {"contact_id": "id1", "next_step": "Coffee",
                                               "next_on": "2026-12-01"}})
    answer = page.send({"type": "step_done", "fields": {
        "contact_id": "id1", "note": "n" * 4001, "next_step": "Lunch", "next_on": "2026-12-10"}})
    assert answer["writes"] == []
    assert "Please keep this under 4000 characters." in answer["html"]


@pytest.mark.parametrize("back", ["people/id1", "https://example.org/", "#/nowhere",
                                  "/tend/today", "#/people/id1/../../x", "javascript:x"])
def test_the_quick_log_goes_back_only_to_a_page_that_exists(back: str) -> None:
    page = Shell()
    page.add("Ana")
    answer = page.send({"type": "log_interaction", "fields": {
        "contact_id": "id1", "on": TODAY.isoformat(), "back": back}})
    assert answer["writes"]
    assert answer["route"] == "#/people/id1"


def test_the_quick_log_goes_back_to_the_page_it_came_from() -> None:
    page = Shell()
    page.add("Ana")
    answer = page.send({"type": "log_interaction", "fields": {
        "contact_id": "id1", "on": TODAY.isoformat(), "back": "#/log"}})
    assert answer["route"] == "#/log"


def test_a_route_that_would_not_survive_a_reload_shows_today() -> None:
    answer = Shell().send({"type": "navigate", "route": "people?q=x"})
    assert answer["route"] == "#/today"


def test_every_page_the_router_shows_is_a_known_route() -> None:
    assert set(PAGES) == {*ROUTES, "people", "data", "import"}
    assert all(is_known_route(f"#/{page}") for page in PAGES)


def test_a_migrated_entry_that_would_not_load_is_kept_aside_not_rewritten() -> None:
    old = {"schema": 1, "id": "ana", "name": "Ana", "emails": [LONG_EMAIL],
           "added_on": "2026-01-05", "updated_at": "2026-11-25T09:30:00Z"}
    loaded = load_network({"tend/v1/contact/ana": json.dumps(old)})
    assert [p.key for p in loaded.problems] == ["tend/v1/contact/ana"]
    assert loaded.upgrade == ()


def test_a_backup_with_an_overlong_field_is_refused_and_nothing_is_written() -> None:
    page = Shell()
    page.add("Ana")
    before = dict(page.storage)
    good = json.loads(export_backup(page.storage, NOW))
    good["records"]["tend/v3/contact/id1"]["emails"] = [LONG_EMAIL]
    answer = page.send({"type": "import_data", "fields": {"file": json.dumps(good)}})
    assert answer["writes"] == []
    assert page.storage == before
    assert answer["notice"].startswith("Nothing was imported: record tend/v3/contact/id1")


# Every field name any action reads, so the generated forms reach every path.
FIELD_NAMES = ["id", "contact_id", "name", "how_met", "group", "groups", "title", "company",
               "department", "call_them", "notes", "emails", "phones", "websites",
               "known_since", "with", "everyone", "layer", "sphere",
               "introduced_by", "interval_days", "weak_tie", "shortlist", "targets", "archived",
               "on", "kind", "where", "note", "back", "direction", "what", "label", "month",
               "day", "year", "value_proposition", "research", "active", "key", "do", "days",
               "prune_after_days", "date_lead_days", "why", "give", "get", "reach_reason",
               "questions", "next_step", "next_kind", "next_on", "one_liner", "distinctive",
               "how_i_help", "file", "ids", "target", "fname_1", "flast_1", "fcircle_1",
               "choice-1", "replace_damaged"]
ODD = st.sampled_from(["", " ", "ana", "id1", "yes", "merge", "2026-11-25", "1", "999",
                       "\u202eevil", "\ufeff", "a" * 120, "a" * 121, "a" * 200, "a" * 201,
                       "a" * 4000, "a" * 4001, vcard("Ana", LONG_EMAIL), "BEGIN:VCARD"])
TEXT = ODD | st.text(max_size=300) | st.integers(0, 5000).map(lambda n: "x" * n)
FORM = st.dictionaries(st.sampled_from(FIELD_NAMES), TEXT, max_size=12)
# Contact files whose people match Ana (by name) or not, with fields of every length.
FILES = st.builds(vcard, st.sampled_from(["Ana", "Ben"]) | TEXT, TEXT) | st.builds(
    lambda first, email, company: f"First Name,Last Name,Email Address,Company,Connected On\n"
    f"{first},,{email},{company},1 Jan 2026\n", st.sampled_from(["Ana", "Ben"]), TEXT, TEXT)
STEP = st.tuples(st.sampled_from(sorted(ACTIONS)), FORM) | st.tuples(
    st.just("preview_import"), st.fixed_dictionaries({"file": FILES}))


USERS_OWN_DELETIONS = {"delete_contact", "merge_duplicates"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, min_size=1, max_size=4))
def test_no_action_writes_a_record_the_next_start_would_refuse_or_loses_a_person(
        steps: list[tuple[str, dict[str, str]]]) -> None:
    page = Shell()
    page.add("Ana", groups="Work")
    page.send({"type": "save_plan", "fields": {"contact_id": "id1", "next_step": "Coffee",
                                               "next_on": "2026-12-01"}})
    known = live_people(page)
    for action, fields in steps:
        answers: list[dict[str, Any]] = [page.send({"type": action, "fields": fields})]
        if action == "preview_import":  # and take the suggested choices
            answers.append(page.send({"type": "confirm_import", "fields": {}}))
        for write in (w for answer in answers for w in answer.get("writes", [])):
            if write["value"] is not None:
                decode(write["key"], write["value"])
        people = live_people(page)
        # Only the user's own deletion takes a person away: deleting them for good, or
        # merging two into one (which keeps every record of both).
        assert people >= known or action in USERS_OWN_DELETIONS, action
        known = people
    assert stored_ok(page.storage)
    assert live_people(Shell(storage=page.storage)) == known  # and the next start finds them all


def live_people(page: Shell) -> int:
    return sum(not c.is_deleted for c in page.app.network.contacts.values())
