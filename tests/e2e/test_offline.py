"""After one visit, the app and the guide open with the network off."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, expect

from .helpers import (
    FIXTURES,
    PEOPLE,
    Recorder,
    add_person,
    go,
    open_app,
    read_calendar,
    wait_for_offline_copy,
    wait_until_ready,
)


def test_the_app_and_guide_reload_offline_after_the_first_visit(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = open_app(recorder.watch(context.new_page()), site_url)
    wait_for_offline_copy(page)
    add_person(page, "Ana")

    context.set_offline(True)
    page.reload()
    wait_until_ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana")

    page.goto(site_url + "guide/keeping-ties-alive.html#p8")
    expect(page.locator("#p8")).to_be_visible()
    page.goto(site_url + "guide/")
    expect(page.locator("h1").first).to_be_visible()
    context.set_offline(False)


def test_contacts_and_a_calendar_import_offline_once_the_first_visit_cached_their_readers(
    context: BrowserContext, recorder: Recorder, site_url: str, tmp_path: Path
) -> None:
    page = open_app(recorder.watch(context.new_page()), site_url)
    assert not [u for u in recorder.requests if "vobject" in u or "icalendar" in u], \
        "a reader was loaded before the app was ready"
    wait_for_offline_copy(page)

    context.set_offline(True)
    page.reload()
    wait_until_ready(page)
    people = tmp_path / "people.vcf"
    people.write_text(PEOPLE, encoding="utf-8")
    go(page, "Your data")
    page.get_by_label("Contacts file, calendar or messages").set_input_files(people)
    page.get_by_role("button", name="Read the file").click()
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#notice")).to_contain_text("Imported 3 new people", timeout=20_000)
    read_calendar(page, FIXTURES / "calendar-google.ics")
    # How many interactions depends on today's date (no clock is fixed here).
    expect(page.locator("#notice")).to_contain_text("with 2 people")
    context.set_offline(False)


def test_a_copy_opened_from_disk_says_how_to_run_it_instead_of_loading_for_ever(
    context: BrowserContext, dist: Path
) -> None:
    # Not watched by the recorder: from file:// the browser itself refuses the modules.
    page = context.new_page()
    page.goto((dist / "index.html").as_uri())
    expect(page.locator("html")).to_have_attribute("data-app", "failed")
    expect(page.locator("#app-status")).to_contain_text("cannot run from a file opened on disk")
    expect(page.locator("#app-status")).to_contain_text("open the address it prints")
    page.goto((dist / "guide" / "index.html").as_uri())
    expect(page.get_by_role("heading", level=1)).to_be_visible()
