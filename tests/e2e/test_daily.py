"""The first two minutes and the daily flow: start, act from Today, log from anywhere."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

from core.model import Contact
from core.storage.codec import encode, key_for
from tests.core.factories import NOW

from .helpers import TODAY, Recorder, go, open_app, violations, wait_until_ready


def test_first_run_goes_from_nothing_to_a_useful_today(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url)
    page.get_by_role("link", name="Start in two minutes").click()
    page.get_by_label("In one sentence, what do you do?").fill("I build data platforms")
    page.get_by_label("Mentors").check()
    page.get_by_label("Person 1").fill("Mum")
    page.locator("#st-circle_1").select_option("family")
    page.locator("#st-last_1").select_option("month")
    page.get_by_label("Person 2").fill("Sam")
    page.get_by_role("button", name="Show me today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.locator("#notice")).to_contain_text("2 people added")
    # Sam (a friend, three intervals late) before Mum (family, half an interval late).
    expect(page.locator(".agenda-name a")).to_have_text(["Sam", "Mum", "Target networks"])


def test_the_l_key_opens_the_quick_log_from_anywhere(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url + "#/start")
    page.get_by_label("Person 1").fill("Sam")
    page.get_by_role("button", name="Show me today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    page.keyboard.press("l")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quick log")
    page.get_by_label("With").fill("sam")  # a searchable field: any case will do
    page.get_by_label("What you talked about").fill("Her new bike")
    page.get_by_label("What you talked about").press("l")  # typing: no shortcut
    expect(page.get_by_role("heading", level=1)).to_have_text("Quick log")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#notice")).to_contain_text("with Sam")


def test_today_is_worked_through_with_single_keys(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url + "#/start")
    page.get_by_label("Person 1").fill("Ann")
    page.get_by_label("Person 2").fill("Bob")
    page.get_by_role("button", name="Show me today").click()
    expect(page.locator(".agenda-name a")).to_have_text(["Ann", "Bob"])
    page.keyboard.press("j")
    expect(page.locator(".agenda-item").first).to_be_focused()
    page.keyboard.press("d")  # to the "what did you send?" line; Escape goes back
    expect(page.locator(".agenda-item").first.locator("[data-done-note]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".agenda-item").first).to_be_focused()
    page.keyboard.press("d")
    page.keyboard.type("Sent her the ferry timetable")
    page.keyboard.press("Enter")
    expect(page.locator("#notice")).to_contain_text("Done. Logged a light touch with Ann")
    expect(page.locator(".agenda-name a")).to_have_text(["Bob"])
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(page.locator("#notice")).to_contain_text("Skipped")
    expect(page.locator(".agenda-item")).to_have_count(0)


def test_the_backup_line_waits_a_week_on_not_now_and_can_be_turned_off(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url)
    for name in ("Ana", "Ben", "Cy", "Di", "Ed"):
        person = Contact(id=name.lower(), name=name, added_on=NOW.date(), updated_at=NOW)
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key_for(person), encode(person)])
    page.reload()
    wait_until_ready(page)
    line = page.locator(".backup-nudge")
    expect(line).to_contain_text("You have never saved a backup of your network.")
    assert violations(page) == [], "Today, with the backup line"
    line.get_by_role("button", name="Not now").click()
    expect(page.locator("#notice")).to_have_text("All right: no backup reminder until 2 Dec.")
    expect(page.locator(".backup-nudge")).to_have_count(0)
    go(page, "Your data")
    page.get_by_label("Remind me to back up").select_option("never")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("Tend will not ask for backups.")
    expect(page.get_by_label("Remind me to back up")).to_have_value("never")
    assert violations(page) == [], "Your data, reminders off"
