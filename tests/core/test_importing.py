"""Importing people from vCard, LinkedIn and Google Contacts files: preview, match, commit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.actions.data import imported_notice
from core.formats import UnreadableFile
from core.formats.importing import commit, preview, read_file
from core.model import Contact, ImportantDate
from core.network import Network

from .factories import NOW, TODAY, contact
from .helpers import Shell

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def text(name: str) -> str:
    return (FIXTURES / name).read_text()


def test_vcards_of_every_version_are_read_and_a_card_without_a_name_is_reported() -> None:
    parsed = read_file(text("contacts.vcf"))
    names = [c.name for c in parsed.candidates]
    assert names[:3] == ["Ana Lima", "Ben Okafor", "Lea Park"]
    ana = parsed.candidates[0]
    assert ana.emails == ("ana@example.org",) and ana.work == "Data lead · Acme"
    assert ana.birthday == (4, 12, 1990)
    assert parsed.candidates[1].birthday == (2, 29, None)
    assert parsed.problems == ("card 4: has no name",)


def test_a_linkedin_export_skips_its_notes_and_reports_bad_lines_by_number() -> None:
    parsed = read_file(text("Connections.csv"))
    assert parsed.source == "LinkedIn"
    assert [c.name for c in parsed.candidates] == ["Priya Nair", "Tomás Ruiz"]
    assert parsed.candidates[0].work == "Engineering manager · Acme"
    assert parsed.candidates[0].how_met == "Connected on LinkedIn"
    assert parsed.candidates[0].known_since == date(2024, 3, 12)
    assert parsed.problems == ("line 7: has no name", "line 8: has more columns than the header")


def test_a_google_contacts_export_brings_emails_phones_and_every_label_but_googles_own() -> None:
    parsed = read_file(text("google.csv"))
    maya = parsed.candidates[0]
    assert (maya.name, maya.emails, maya.phones, maya.groups) == (
        "Maya Chen", ("maya@example.org",), ("+1 555 0100",), ("Family",))


@pytest.mark.parametrize("content, message", [
    ("", "the file is empty"),
    ("just some words", "neither a LinkedIn Connections export nor a Google Contacts export"),
    ("BEGIN:VCALENDAR\nEND:VCALENDAR", "neither a LinkedIn"),
])
def test_a_file_tend_cannot_read_is_refused_with_the_reason(content: str, message: str) -> None:
    with pytest.raises(UnreadableFile, match=message):
        read_file(content)


def test_people_already_here_are_matched_by_email_then_phone_then_name() -> None:
    network = Network()
    for person in (contact("Ana L", emails=("ANA@example.org",)),
                   contact("Lea", phones=("+33 6 12 34 56 78",)), contact("Ben Okafor")):
        network = network.with_record(person)
    rows = preview(read_file(text("contacts.vcf")), network).rows
    assert [(r.candidate.name, r.match.name if r.match else None, r.because.split(" (")[0])
            for r in rows[:3]] == [("Ana Lima", "Ana L", "same e-mail"),
                                   ("Ben Okafor", "Ben Okafor", "same name"),
                                   ("Lea Park", "Lea", "same phone")]


def test_merging_adds_what_the_file_knows_and_keeps_what_the_user_wrote() -> None:
    ana = contact("Ana L", emails=("ana@example.org",), how_met="PyCon")
    network = Network().with_record(ana)
    rows = preview(read_file(text("contacts.vcf")), network).rows
    merged, birthday = commit(rows[:1], {}, "new", TODAY, NOW)
    assert isinstance(merged, Contact) and merged.id == ana.id
    assert isinstance(birthday, ImportantDate) and birthday.contact_id == ana.id
    assert merged.how_met == "PyCon" and merged.work == "Data lead · Acme"
    assert merged.phones == ("+351 912 345 678",)


def test_new_people_start_as_weak_ties_in_the_wider_network_with_their_birthday() -> None:
    rows = preview(read_file(text("contacts.vcf")), Network()).rows
    records = commit(rows[:1], {}, "new", TODAY, NOW)
    person, birthday = records
    assert isinstance(person, Contact) and person.weak_tie and person.layer.value == "wider"
    assert json.loads(birthday.model_dump_json())["month"] == 4


def test_the_import_goes_through_the_app_as_one_change_that_undo_takes_back() -> None:
    device = Shell(None)
    shown = device.submit("preview_import", file=text("contacts.vcf"))
    assert shown["route"] == "#/import"
    assert "4 people found in this vCard file" in shown["notice"]
    assert "card 4: has no name" in shown["html"]
    assert '&lt;img src=x onerror="window.pwned=1"&gt;' in shown["html"].replace("&#34;", '"')
    done = device.submit("confirm_import", **{"choice-2": "skip"})
    assert done["notice"].startswith("Imported 3 new people. They start in your wider network")
    assert done["undo"] == "Undo"
    assert device.people() == ['<img src=x onerror="window.pwned=1">', "Ana Lima", "Lea Park"]
    device.send_undo()
    assert device.people() == []


@settings(max_examples=200)
@given(st.text(max_size=400) | st.binary(max_size=400).map(lambda b: b.decode("latin-1")))
def test_any_text_gives_people_problems_or_a_clear_refusal_never_a_crash(content: str) -> None:
    for sample in (content, "BEGIN:VCARD\n" + content + "\nEND:VCARD",
                   "First Name,Last Name,Connected On\n" + content):
        try:
            parsed = read_file(sample)
        except UnreadableFile as error:
            assert str(error)
        else:
            assert all(c.name for c in parsed.candidates)


def test_people_exported_as_vcards_read_back_as_the_same_people() -> None:
    device = Shell(None)
    device.submit("preview_import", file=text("contacts.vcf"))
    device.submit("confirm_import")
    cards = device.submit("export_contacts")["download"]
    assert cards["name"] == "tend-people-2026-11-25.vcf"
    again = read_file(cards["text"])
    assert sorted(c.name for c in again.candidates) == device.people()
    ana = next(c for c in again.candidates if c.name == "Ana Lima")
    assert ana.emails == ("ana@example.org",) and ana.birthday == (4, 12, 1990)


def test_the_calendar_has_yearly_dates_and_planned_steps_with_stable_ids() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    [ana] = device.app.network.contacts
    device.submit("add_date", contact_id=ana, kind="birthday", month="2", day="29")
    device.submit("save_plan", contact_id=ana, why="w", give="g", next_step="Coffee",
                next_on="2026-12-01")
    first = device.submit("export_calendar")["download"]["text"]
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" in first
    assert "DTSTART;VALUE=DATE:20270228" in first  # 29 Feb falls on the 28th in 2027
    assert "SUMMARY:Ana: Coffee" in first and "DTSTART;VALUE=DATE:20261201" in first
    # Nothing changed, so nothing in the file did: every stamp comes from the records.
    assert device.submit("export_calendar")["download"]["text"] == first


def test_an_import_notice_never_counts_nothing() -> None:
    assert imported_notice(1, 0).startswith("Imported 1 new person. ")
    assert imported_notice(2, 1).startswith("Imported 2 new people and updated 1 already here. ")
    assert imported_notice(0, 1) == "Updated 1 person already here."
    assert "updated 0" not in imported_notice(3, 0)
