"""History from files the user has: a calendar (.ics) and LinkedIn's messages.csv become
interactions with the people already in Tend, once each, after a preview."""

from __future__ import annotations

import contextlib
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.app import App
from core.formats import UnreadableFile
from core.formats.history import commit_history, preview_history, read_history
from core.formats.ics import read_calendar
from core.formats.linkedin_messages import is_messages, read_messages
from core.model import Contact, InteractionKind, Layer, Record
from core.network import Network, network_of
from core.rules.agenda import due_touches
from core.storage.codec import encode, key_for

from .factories import NOW, interaction, person
from .helpers import Shell

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DAY = date(2026, 3, 15)  # the fixtures' "today"
PRIYA = person("Priya Nair", emails=("priya@example.org",),
               websites=("https://www.linkedin.com/in/priya/",), layer=Layer.CLOSE)
TOMAS = Contact.model_validate({**person("Tomas Ruiz").model_dump(), "name": "Tomás Ruiz",
                                "emails": ("tomas@example.org",), "layer": Layer.CLOSE})
ANA = person("Ana Ruiz", layer=Layer.CLOSE)
MUM = person("Mum", layer=Layer.INNER)


def text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def here(*extra: Record) -> Network:
    return network_of([PRIYA, TOMAS, ANA, MUM, *extra])


def days_of(found: object, contact_id: str) -> list[date]:
    return sorted(e.on for e in found.entries if e.contact.id == contact_id)  # type: ignore[attr-defined]


def test_a_google_calendar_counts_each_weekly_occurrence_once_up_to_today() -> None:
    found = preview_history(read_calendar(text("calendar-google.ics"), DAY), here())
    # Mondays from 5 Jan to the series' end on 1 Mar, less the EXDATE (19 Jan), with the
    # 26 Jan occurrence moved to the 28th; and the all-day ski weekend on its first day.
    assert days_of(found, TOMAS.id) == [
        date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 28), date(2026, 2, 2),
        date(2026, 2, 9), date(2026, 2, 14), date(2026, 2, 16), date(2026, 2, 23)]
    assert all(e.because == "same e-mail (tomas@example.org)" for e in found.entries
               if e.contact.id == TOMAS.id)


def test_a_time_in_utc_falls_on_the_calendars_own_day() -> None:
    """23:30 UTC on 2 March is half past midnight on the 3rd in Madrid (X-WR-TIMEZONE)."""
    found = preview_history(read_calendar(text("calendar-google.ics"), DAY), here())
    assert days_of(found, PRIYA.id) == [date(2026, 3, 3)]


def test_cancelled_declined_and_future_events_are_passed_over_and_said() -> None:
    history = read_calendar(text("calendar-google.ics"), DAY)
    assert history.skipped == ("1 cancelled event", "1 event still to come",
                               "1 invitation the other person declined",
                               "1 event you declined")
    found = preview_history(history, here())
    assert date(2026, 2, 10) not in days_of(found, PRIYA.id)  # the cancelled lunch
    assert date(2026, 2, 12) not in days_of(found, PRIYA.id)  # the demo she declined
    assert found.unmatched == 2  # the vendor pitch, and the demo nobody attended


def test_the_calendars_owner_is_never_a_person_met_nor_an_event_they_declined() -> None:
    """Google names the calendar by its owner's e-mail; the owner organizes most events,
    and Tomás's drinks, which they declined, did not happen for them."""
    me = person("Me Myself", emails=("me@example.org",))
    history = read_calendar(text("calendar-google.ics"), DAY)
    found = preview_history(history, here(me))
    assert me.id not in {e.contact.id for e in found.entries}
    assert date(2026, 2, 25) not in days_of(found, TOMAS.id)
    assert "1 event you declined" in history.skipped


def test_an_invitation_from_someone_else_counts_its_organizer() -> None:
    """Outlook lists the one who invited you as the organizer only; a quoted "Ruiz, Ana"
    is still Ana Ruiz."""
    found = preview_history(read_calendar(text("calendar-outlook.ics"), DAY), here())
    assert days_of(found, ANA.id) == [date(2026, 3, 9)]
    assert {e.because for e in found.entries if e.contact.id == ANA.id} == {"same name"}


def test_a_name_in_an_all_day_events_title_is_not_a_meeting() -> None:
    """"Ana Ruiz's birthday", every 1 March, is a date, not a coffee."""
    found = preview_history(read_calendar(text("calendar-apple.ics"), DAY), here())
    assert date(2026, 3, 1) not in days_of(found, ANA.id)


def test_an_outlook_calendar_with_windows_time_zones_and_quoted_names_is_read() -> None:
    found = preview_history(read_calendar(text("calendar-outlook.ics"), DAY), here())
    assert days_of(found, TOMAS.id) == [date(2026, 3, 3)]
    assert days_of(found, PRIYA.id) == [date(2026, 3, 3), date(2026, 3, 6)]
    assert {e.note for e in found.entries} == {"Project kick-off", "Offsite", "Mentoring hour"}


def test_an_apple_event_without_attendees_matches_the_full_name_in_its_title() -> None:
    found = preview_history(read_calendar(text("calendar-apple.ics"), DAY), here())
    # Four weekly coffees (COUNT=4) and the drinks; "Mum" is one word, too common to match
    # inside a title, and the dentist names nobody.
    assert days_of(found, ANA.id) == [date(2026, 2, 4), date(2026, 2, 5), date(2026, 2, 11),
                                      date(2026, 2, 18), date(2026, 2, 25)]
    assert MUM.id not in {e.contact.id for e in found.entries}
    assert found.entries[0].because == "named in the title"


def test_linkedin_messages_are_one_per_conversation_and_day_matched_by_profile_then_name() -> None:
    history = read_messages(text("messages.csv"))
    found = preview_history(history, here())
    assert days_of(found, PRIYA.id) == [date(2026, 3, 10), date(2026, 3, 12)]
    assert {e.because for e in found.entries if e.contact.id == PRIYA.id} == {
        "same LinkedIn profile"}
    assert days_of(found, ANA.id) == days_of(found, TOMAS.id) == [date(2026, 2, 20)]
    assert {e.because for e in found.entries if e.contact.id == ANA.id} == {"same name"}
    assert history.skipped == ("1 draft or spam message",)
    assert history.problems == ("line 9: left out, because its date (yesterday-ish) is not "
                                "one Tend reads",)


def test_the_words_of_linkedin_messages_are_never_kept() -> None:
    records = commit_history(preview_history(read_messages(text("messages.csv")), here()), NOW)
    stored = " ".join(encode(r) for r in records)
    assert records and all(r.kind is InteractionKind.MESSAGE for r in records)
    for private in ("Great to see you", "secret plans", "Intro", "meet Tomás"):
        assert private not in stored


def test_a_second_import_of_the_same_file_adds_nothing() -> None:
    device = _device_with(PRIYA, TOMAS, ANA, MUM)
    for name in ("calendar-google.ics", "messages.csv"):
        device.submit("preview_import", today=DAY.isoformat(), file=text(name))
        device.submit("confirm_import", today=DAY.isoformat())
    count = len(device.app.network.interactions)
    again = device.submit("preview_import", today=DAY.isoformat(), file=text("calendar-google.ics"))
    assert "0 new interactions" in again["notice"]
    assert "Nothing in this file is new" in again["html"]
    assert device.submit("confirm_import", today=DAY.isoformat())["writes"] == []
    device.submit("preview_import", today=DAY.isoformat(), file=text("messages.csv"))
    device.submit("confirm_import", today=DAY.isoformat())
    assert len(device.app.network.interactions) == count == 13


def test_a_deleted_imported_interaction_does_not_come_back_with_the_same_file() -> None:
    history = read_calendar(text("calendar-apple.ics"), DAY)
    first = commit_history(preview_history(history, here()), NOW)
    gone = first[0].model_copy(update={"deleted_at": NOW})
    stored = {key_for(gone)}
    found = preview_history(history, here(*first[1:]), stored)
    assert found.entries == () and found.already == len(first)


def test_a_meeting_logged_by_hand_that_day_is_not_added_again() -> None:
    by_hand = interaction(ANA.id, date(2026, 2, 4)).model_copy(
        update={"kind": InteractionKind.MEETING})
    found = preview_history(read_calendar(text("calendar-apple.ics"), DAY), here(by_hand))
    assert date(2026, 2, 4) not in days_of(found, ANA.id) and found.already == 1


def test_the_preview_says_who_gets_how_many_and_that_message_text_stays_out() -> None:
    device = _device_with(PRIYA, TOMAS, ANA, MUM)
    shown = device.submit("preview_import", today=DAY.isoformat(), file=text("messages.csv"))
    assert shown["notice"] == ("4 new interactions with 3 people found in this LinkedIn "
                               "messages file. Check them, then import.")
    html = shown["html"]
    assert "Import history" in html and "What the messages said is not kept" in html
    assert "Priya Nair" in html and "<td>2</td>" in html
    assert "1 draft or spam message" in html and "1 conversation day with nobody" in html


def test_imported_history_updates_last_contact_and_clears_overdue() -> None:
    old = interaction(PRIYA.id, DAY - timedelta(days=120))
    device = _device_with(PRIYA, TOMAS, ANA, MUM, old)
    assert PRIYA.id in {i.contact.id for i in due_touches(device.app.network, DAY)}
    device.submit("preview_import", today=DAY.isoformat(), file=text("messages.csv"))
    done = device.submit("confirm_import", today=DAY.isoformat())
    assert done["notice"] == ("Imported 4 interactions with 3 people. Their last contact is "
                              "up to date.")
    network = device.app.network
    assert network.last_contact_on(PRIYA.id) == date(2026, 3, 12)
    assert PRIYA.id not in {i.contact.id for i in due_touches(network, DAY)}


def test_an_imported_meeting_carries_the_event_title_as_its_note() -> None:
    records = commit_history(preview_history(read_calendar(text("calendar-outlook.ics"), DAY),
                                             here()), NOW)
    assert {r.note for r in records} == {"Project kick-off", "Offsite", "Mentoring hour"}
    assert {r.kind for r in records} == {InteractionKind.MEETING}


@pytest.mark.parametrize("content, message", [
    ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "this calendar file has no events"),
    ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026\x00\r\n", "cannot be read"),
    ("CONVERSATION ID,FROM,TO\r\n1,a,b\r\n", "neither a LinkedIn Connections export"),
])
def test_a_malformed_history_file_changes_nothing_and_says_why(content: str,
                                                               message: str) -> None:
    device = _device_with(PRIYA)
    before = dict(device.storage)
    answer = device.submit("preview_import", today=DAY.isoformat(), file=content)
    assert answer["notice"].startswith("Nothing was imported:") and message in answer["notice"]
    assert device.storage == before and answer["writes"] == []


def test_a_broken_event_is_left_out_alone_and_named() -> None:
    broken = text("calendar-apple.ics").replace(
        "DTSTART;TZID=Europe/London:20260205T180000", "DTSTART;TZID=Europe/London:soon")
    history = read_calendar(broken, DAY)
    assert history.problems == ("event 3 (Drinks with Ana Ruiz and Mum): left out, because "
                                "its start is not a date and time Tend can read",)
    assert len(history.occasions) == 6  # all but the broken drinks


def test_a_repeat_rule_tend_cannot_read_is_named_with_its_event() -> None:
    broken = text("calendar-apple.ics").replace("RRULE:FREQ=WEEKLY;COUNT=4",
                                                "RRULE:FREQ=SOMETIMES")
    assert read_calendar(broken, DAY).problems == (
        "event 1 (Coffee with Ana Ruiz): left out, because its repeat rule (FREQ=SOMETIMES) "
        "is not one Tend can read",)


def test_occasion_ids_are_stable_and_fit_a_record_id() -> None:
    history = read_history(text("calendar-outlook.ics"), DAY)
    assert history is not None
    one = [e.record_id for e in preview_history(history, here()).entries]
    two = [e.record_id for e in preview_history(read_calendar(text("calendar-outlook.ics"),
                                                              DAY), here()).entries]
    assert one == two and all(len(i) <= 64 and i.startswith("ics-") for i in one)


def test_a_contacts_file_still_goes_to_the_people_import() -> None:
    assert read_history(text("Connections.csv"), DAY) is None
    assert read_history(text("contacts.vcf"), DAY) is None


def test_a_non_calendar_with_unknown_columns_is_not_history() -> None:
    with pytest.raises(UnreadableFile):
        read_messages("FROM,TO\r\nA,B\r\n")


HEAD = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER")


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 20),
                          st.sampled_from(["Priya Nair", "Ana Ruiz", "Someone Else"])),
                max_size=30))
def test_importing_the_same_messages_again_never_adds_anything(
        rows: list[tuple[int, int, str]]) -> None:
    lines = [f"conv-{c},,{who},,Me,,2026-02-{day:02d} 09:00:00 UTC,,hello,INBOX"
             for c, day, who in rows]
    history = read_messages("\r\n".join([HEAD, *lines]))
    first = commit_history(preview_history(history, here()), NOW)
    assert len({(r.contact_id, r.on) for r in first}) == len(first)  # one a day per person
    assert preview_history(history, here(*first)).entries == ()


def _device_with(*records: Record) -> Shell:
    device = Shell(None)
    device.storage.update({key_for(r): encode(r) for r in records})
    device.app = App.from_storage(device.storage)
    return device


@pytest.mark.parametrize("start", ["\xff\xd8\xff\xe0\x00\x10JFIF\x00\r\x1a\x00", "a\rb,\"c\rd\"\n"])
def test_a_file_whose_first_line_is_no_csv_is_not_taken_for_messages(start: str) -> None:
    assert not is_messages(start + "CONVERSATION ID,FROM,TO,DATE\n")


STARTS = st.sampled_from(["", "BEGIN:VCALENDAR\r\n", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
                          "CONVERSATION ID,FROM,TO,DATE,CONTENT\n"])
BODIES = st.text(max_size=400) | st.binary(max_size=400).map(lambda b: b.decode("latin-1"))


@given(STARTS, BODIES)
def test_any_file_is_read_as_history_or_refused_with_a_reason_never_a_crash(
        start: str, body: str) -> None:
    with contextlib.suppress(UnreadableFile):
        read_history(start + body, date(2026, 12, 2))


def test_the_dates_an_rdate_lists_are_each_an_occasion_up_to_today() -> None:
    found = preview_history(read_calendar(text("calendar-rdates.ics"), DAY), here())
    # Apple's irregular series: its start and its RDATEs, less the one still to come.
    assert days_of(found, ANA.id) == [date(2026, 1, 7), date(2026, 1, 21), date(2026, 2, 4)]
    # A weekly series (less its EXDATE) with one more day as an RDATE period; all-day
    # RDATEs as dates.
    assert days_of(found, PRIYA.id) == [date(2026, 2, 3), date(2026, 2, 17),
                                        date(2026, 2, 26)]
    assert days_of(found, TOMAS.id) == [date(2026, 1, 10), date(2026, 1, 24),
                                        date(2026, 3, 7)]


def test_an_rdate_series_wholly_to_come_is_counted_as_still_to_come() -> None:
    history = read_calendar(text("calendar-rdates.ics"), date(2026, 1, 6))
    assert history.occasions == ()
    assert history.skipped == ("3 events still to come",)


LATE = "\r\n".join([
    "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER",
    "2-bGF0ZQ==,Priya Nair,https://www.linkedin.com/in/priya,Sam Me,"
    "https://www.linkedin.com/in/sam-me,2026-03-12 02:30:00 UTC,Still up?,INBOX",
    "2-bGF0ZQ==,Priya Nair,https://www.linkedin.com/in/priya,Sam Me,"
    "https://www.linkedin.com/in/sam-me,\"3/12/26, 11:45 PM\",Night!,INBOX", ""])


@pytest.mark.parametrize(("offset", "days"), [
    (timedelta(0), [date(2026, 3, 12)]),
    (timedelta(hours=-5), [date(2026, 3, 11), date(2026, 3, 12)]),
    (timedelta(hours=5, minutes=30), [date(2026, 3, 12), date(2026, 3, 13)])])
def test_a_linkedin_message_falls_on_the_users_own_day_not_utcs(
        offset: timedelta, days: list[date]) -> None:
    found = preview_history(read_messages(LATE, offset), here())
    assert days_of(found, PRIYA.id) == days


def test_the_shells_utc_offset_puts_a_late_evening_message_on_its_evening() -> None:
    device = Shell.holding(PRIYA)
    device.ids += 1
    request = {"event": {"type": "preview_import", "fields": {"file": LATE}},
               "today": "2026-03-15", "now": "2026-03-15T10:00:00Z", "new_id": "n1",
               "utc_offset": -300}
    device.app.handle_json(json.dumps(request))
    answer = device.submit("confirm_import", today="2026-03-15")
    assert "Imported 2 interactions" in answer["notice"]
    days = sorted(json.loads(v)["on"] for k, v in device.storage.items() if "/li-" in k)
    assert days == ["2026-03-11", "2026-03-12"]


def test_a_utc_time_in_a_calendar_naming_no_clock_falls_on_the_users_day() -> None:
    ics = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:late-1",
                       "DTSTART:20260310T013000Z", "SUMMARY:Call",
                       "ATTENDEE;CN=Priya Nair:mailto:priya@example.org", "END:VEVENT",
                       "END:VCALENDAR", ""])
    west = preview_history(read_calendar(ics, DAY, timedelta(hours=-8)), here())
    assert days_of(west, PRIYA.id) == [date(2026, 3, 9)]
    assert days_of(preview_history(read_calendar(ics, DAY), here()), PRIYA.id) == [
        date(2026, 3, 10)]
