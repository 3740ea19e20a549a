"""History from the user's own files, in the browser: a calendar and LinkedIn's messages
become the interactions of the people already in Tend, once each, after a preview."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from .helpers import FIXTURES, PEOPLE, Recorder, go, open_app

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TODAY = dt.datetime(2026, 3, 15, 10, 0)


def big_calendar(events: int) -> str:
    """A Google-shaped export of many events, with Priya at every tenth."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "X-WR-TIMEZONE:Europe/Madrid"]
    for n in range(events):
        start = dt.datetime(2024, 1, 1, 9) + dt.timedelta(hours=3 * n)
        who = "priya@example.org" if n % 10 == 0 else f"p{n}@example.org"
        lines += ["BEGIN:VEVENT", f"UID:big-{n}@example", f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
                  f"SUMMARY:Meeting {n}", "DTSTAMP:20260301T090000Z",
                  "DESCRIPTION:Join with the video link\\, or by phone.",
                  f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=P {n}:mailto:{who}",
                  "END:VEVENT"]
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def big_messages(rows: int) -> str:
    """A messages export of many rows, Priya writing in every tenth, on a day of its own."""
    head = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER")
    body = [f"c{n},,{'Priya Nair' if n % 10 == 0 else f'P {n}'},"
            f"https://www.linkedin.com/in/{'priya' if n % 10 == 0 else f'p{n}'},Me,"
            f"https://www.linkedin.com/in/me,"
            f"{dt.date(2024, 1, 1) + dt.timedelta(days=n // 10)} 10:00:00 UTC,,\"Hi, {n}\",INBOX"
            for n in range(rows)]
    return "\r\n".join([head, *body, ""])


def timed_preview(page: Page, path: Path, content: str) -> float:
    """Seconds from reading a large file to its preview (Priya in a tenth of it)."""
    path.write_text(content, encoding="utf-8")
    go(page, "Your data")
    page.get_by_label("Contacts file, calendar or messages").set_input_files(path)
    started = time.perf_counter()
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#notice")).to_contain_text("500 new interactions with 1 person",
                                                    timeout=120_000)
    return time.perf_counter() - started


def test_a_calendar_and_linkedin_messages_fill_the_history_once(
    context: BrowserContext, recorder: Recorder, site_url: str, tmp_path: Path
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url + "#/data")
    people = tmp_path / "people.vcf"
    people.write_text(PEOPLE, encoding="utf-8")
    picker = page.get_by_label("Contacts file, calendar or messages")
    read = page.get_by_role("button", name="Read the file")
    picker.set_input_files(people)
    read.click()
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#notice")).to_contain_text("Imported 3 new people")
    assert not [u for u in recorder.requests if "icalendar" in u], "loaded before it was needed"

    go(page, "Your data")
    picker.set_input_files(FIXTURES / "calendar-google.ics")
    read.click()
    # The first calendar loads icalendar and tzdata into the worker: more than the
    # default 5 s on a busy machine.
    expect(page.get_by_role("heading", level=1)).to_have_text("Import history",
                                                              timeout=20_000)
    assert [u for u in recorder.requests if "icalendar" in u]
    assert [u for u in recorder.requests if "tzdata" in u]
    expect(page.locator("#notice")).to_contain_text("9 new interactions with 2 people")
    expect(page.get_by_role("row", name="Tomás Ruiz")).to_contain_text("8")
    expect(page.locator(".view")).to_contain_text("1 cancelled event")
    page.get_by_role("button", name="Import 9 interactions").click()
    expect(page.locator("#notice")).to_contain_text("Imported 9 interactions with 2 people")

    go(page, "Your data")
    picker.set_input_files(FIXTURES / "messages.csv")
    read.click()
    expect(page.locator(".view")).to_contain_text("What the messages said is not kept")
    page.get_by_role("button", name="Import 4 interactions").click()
    expect(page.locator("#notice")).to_contain_text("Imported 4 interactions with 3 people")

    go(page, "Your data")  # the same calendar again adds nothing
    picker.set_input_files(FIXTURES / "calendar-google.ics")
    read.click()
    expect(page.locator(".view")).to_contain_text("Nothing in this file is new")
    expect(page.locator(".view")).to_contain_text("9 interactions already in Tend")

    go(page, "People")
    page.get_by_role("link", name="Priya Nair").click()
    timeline = page.locator(".view")
    expect(timeline).to_contain_text("Catch-up with Priya")
    expect(timeline).to_contain_text("Wrote on LinkedIn")
    expect(timeline).not_to_contain_text("Shall we do lunch")

    calendar_seconds = timed_preview(page, tmp_path / "big.ics", big_calendar(5_000))
    messages_seconds = timed_preview(page, tmp_path / "messages.csv", big_messages(5_000))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "history-preview.txt").write_text(
        f"preview in the browser: a 5,000-event calendar {calendar_seconds:.1f} s, "
        f"5,000 rows of LinkedIn messages {messages_seconds:.1f} s\n")
