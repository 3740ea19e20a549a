"""Correcting the record: every entry can be edited or deleted, a person deleted for good,
and each correction is one change that Undo takes back, even after moving elsewhere."""

from __future__ import annotations

from datetime import UTC, datetime

from core.formats.backup import backup_of, entries_of, merge
from core.model import FavourDirection, InteractionKind
from core.storage.loading import load_network

from .helpers import Shell

TODAY = "2026-11-25"


def with_ana() -> tuple[Shell, str]:
    """Ana with two conversations, a favour, a birthday and a plan."""
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    [ana] = device.app.network.contacts
    device.submit("log_interaction", contact_id=ana, on="2026-11-02", kind="call",
                note="Her move to Porto")
    device.submit("log_interaction", contact_id=ana, on="2026-11-20", kind="meeting",
                where="PyCon", note="Talked about hiring")
    device.submit("add_favour", contact_id=ana, direction="given", what="An intro to Ben",
                on="2026-11-21")
    device.submit("add_date", contact_id=ana, kind="birthday", month="3", day="14")
    device.submit("save_plan", contact_id=ana, why="She knows the climate-tech scene")
    return device, ana


def conversation_on(device: Shell, on: str) -> str:
    return next(i.id for i in device.app.network.interactions.values() if i.on.isoformat() == on)


def test_a_logged_conversation_can_be_corrected_and_keeps_its_id_and_person() -> None:
    device, ana = with_ana()
    call = conversation_on(device, "2026-11-02")
    answer = device.submit("edit_interaction", id=call, on="2026-11-03", kind="message",
                         where="", note="Her move to Lisbon, not Porto")
    edited = device.app.network.interactions[call]
    assert (edited.contact_id, edited.on.isoformat(), edited.kind) == (
        ana, "2026-11-03", InteractionKind.MESSAGE)
    assert edited.note == "Her move to Lisbon, not Porto"
    assert answer["notice"] == "Saved the conversation of 3 Nov 2026 with Ana."
    assert "Her move to Lisbon, not Porto" in answer["html"]
    assert "Her move to Porto" not in answer["html"]


def test_a_correction_that_needs_fixing_is_shown_on_its_own_row_and_changes_nothing() -> None:
    device, _ = with_ana()
    call = conversation_on(device, "2026-11-02")
    answer = device.submit("edit_interaction", id=call, on="2027-01-01", kind="call",
                         note="A typo fixed")
    assert answer["writes"] == []
    assert device.app.network.interactions[call].note == "Her move to Porto"
    html = answer["html"]
    row = html[html.index(f'value="{call}"') - 400:]
    assert '<details class="entry-edit" open>' in row
    assert "That date is in the future" in row and "A typo fixed" in row
    assert answer["focus"] == "[aria-invalid=true]"


def test_deleting_a_conversation_takes_it_off_the_timeline_and_out_of_last_contact() -> None:
    device, ana = with_ana()
    latest = conversation_on(device, "2026-11-20")
    answer = device.submit("delete_interaction", id=latest)
    assert answer["notice"] == "Deleted the conversation of 20 Nov 2026 with Ana."
    assert "Talked about hiring" not in answer["html"]
    assert device.app.network.last_contact_on(ana).isoformat() == "2026-11-02"
    stored = load_network(device.storage).network
    assert latest not in stored.interactions


def test_a_deletion_undone_after_visiting_another_page_brings_the_conversation_back() -> None:
    device, _ = with_ana()
    latest = conversation_on(device, "2026-11-20")
    device.submit("delete_interaction", id=latest)
    offered = device.open("#/today")["undo"]
    assert offered == "Undo: Deleted the conversation of 20 Nov 2026 with Ana"
    undone = device.send_undo()
    assert undone["notice"] == "Undone: Deleted the conversation of 20 Nov 2026 with Ana."
    assert device.app.network.interactions[latest].note == "Talked about hiring"
    assert load_network(device.storage).network.interactions[latest].note == "Talked about hiring"


def test_a_favour_can_be_corrected_or_deleted_and_the_ledger_follows() -> None:
    device, ana = with_ana()
    [favour] = device.app.network.favours
    device.submit("edit_favour", id=favour, direction="received", what="An intro to Ben's team",
                on="2026-11-21")
    fixed = device.app.network.favours[favour]
    assert (fixed.direction, fixed.what) == (FavourDirection.RECEIVED, "An intro to Ben's team")
    assert "you gave 0, you received 1" in device.open(f"#/people/{ana}")["html"]
    answer = device.submit("delete_favour", id=favour)
    assert answer["notice"] == "Deleted the favour: An intro to Ben's team."
    assert "you gave 0, you received 0" in answer["html"]


def test_a_favour_corrected_without_a_day_keeps_the_day_it_had() -> None:
    device, _ = with_ana()
    [favour] = device.app.network.favours
    device.submit("edit_favour", id=favour, direction="given", what="An intro to Ben", on="")
    assert device.app.network.favours[favour].on.isoformat() == "2026-11-21"


def test_a_favour_without_what_is_refused_on_its_row() -> None:
    device, _ = with_ana()
    [favour] = device.app.network.favours
    answer = device.submit("edit_favour", id=favour, direction="given", what=" ", on="2026-11-21")
    assert answer["writes"] == []
    assert "Please fill this in." in answer["html"]


def test_a_date_can_be_moved_and_is_checked_like_a_new_one() -> None:
    device, _ = with_ana()
    [birthday] = device.app.network.dates
    impossible = device.submit("edit_date", id=birthday, kind="birthday", month="2", day="31")
    assert impossible["writes"] == []
    assert "That day does not exist in that month." in impossible["html"]
    moved = device.submit("edit_date", id=birthday, kind="birthday", month="3", day="15",
                        year="1990")
    assert moved["notice"] == "Saved Ana's birthday."
    stored = device.app.network.dates[birthday]
    assert (stored.month, stored.day, stored.year) == (3, 15, 1990)
    cleared = device.submit("edit_date", id=birthday, kind="birthday", month="3", day="15",
                          year="")
    assert cleared["writes"] and device.app.network.dates[birthday].year is None


def test_a_deleted_date_no_longer_reminds() -> None:
    device, ana = with_ana()
    [birthday] = device.app.network.dates
    device.submit("delete_date", id=birthday)
    assert device.app.network.dates_of(ana) == []
    assert "birthday" not in device.open("#/today", today="2027-03-13")["html"]


def test_the_page_names_everything_deleting_a_person_for_good_takes_with_them() -> None:
    device, ana = with_ana()
    html = device.open(f"#/people/{ana}")["html"]
    assert ("This deletes Ana, 2 conversations, 1 favour, 1 date and their plan." in html)
    assert 'aria-label="Delete Ana for good"' in html


def test_deleting_a_person_for_good_tombstones_them_and_all_that_is_theirs_in_one_change() -> None:
    device, ana = with_ana()
    device.submit("add_contact", name="Ben")
    answer = device.submit("delete_contact", id=ana)
    assert answer["route"] == "#/people"
    assert answer["notice"].startswith("Deleted Ana for good")
    assert len(answer["writes"]) == 6  # Ana, two conversations, a favour, a date, the plan
    assert all('"deleted_at"' in w["value"] for w in answer["writes"])
    after = load_network(device.storage).network
    assert [c.name for c in after.contacts.values()] == ["Ben"]
    assert (after.interactions, after.favours, after.dates, after.plans) == ({}, {}, {}, {})
    assert "Not found" in device.open(f"#/people/{ana}")["title"]
    device.open("#/people")
    device.send_undo()
    back = load_network(device.storage).network
    assert back.contacts[ana].name == "Ana"
    assert len(back.interactions_with(ana)) == 2 and ana in back.plans


def test_a_person_deleted_on_one_device_stays_deleted_after_merging_the_other_copy() -> None:
    device, ana = with_ana()
    before = backup_of(device.storage, datetime(2026, 11, 25, 9, tzinfo=UTC))
    device.submit("delete_contact", id=ana)
    after = backup_of(device.storage, datetime(2026, 11, 25, 11, tzinfo=UTC))
    for merged in (merge(before, after), merge(after, before)):
        network = load_network(entries_of(merged)).network
        assert network.contacts == {} and network.interactions == {}


def test_a_correction_of_something_no_longer_here_changes_nothing() -> None:
    device, _ = with_ana()
    answer = device.submit("delete_interaction", id="gone-elsewhere")
    assert answer["writes"] == []
    assert answer["notice"] == "That entry is no longer here; nothing was changed."


def test_each_entry_on_a_persons_page_has_a_labelled_edit_form_filled_with_what_is_stored() -> None:
    device, ana = with_ana()
    html = device.open(f"#/people/{ana}")["html"]
    call = conversation_on(device, "2026-11-02")
    assert 'aria-label="Edit the conversation of 2 Nov 2026"' in html
    editor = html[html.index('aria-label="Edit the conversation of 2 Nov 2026"'):]
    editor = editor[:editor.index("</form>")]
    assert 'data-action="delete_interaction">Delete<span class="visually-hidden"> the ' \
        'conversation of 2 Nov 2026</span>' in editor
    assert f'id="e-{call}-note"' in html
    assert html.count('<details class="entry-edit">') == 4  # two conversations, a favour, a date
    assert 'aria-label="Edit the birthday"' in html
    assert 'aria-label="Edit the favour of 21 Nov 2026"' in html
