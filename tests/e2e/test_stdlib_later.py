"""The standard library ships in two zips (build.py's `stdlib`): what a start imports, and
the rest, fetched the first time something imports from it. A start must not wait for the
rest; a path that needs it (reading a calendar file) must still work, fetching it once."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from .helpers import FIXTURES, PEOPLE, Recorder, go, open_app, read_calendar, read_contacts

LATER_ZIP = "pyodide/python_stdlib_later.zip"


def test_a_start_fetches_none_of_the_later_stdlib_and_a_calendar_fetches_it_once(
        browser: Browser, site_url: str, tmp_path: Path) -> None:
    # No service worker: it would fetch the rest for the offline copy once the app is ready.
    context = browser.new_context(service_workers="block")
    recorder = Recorder(origin=site_url.split("/tend/")[0] + "/")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = open_app(recorder.watch(context.new_page()), site_url)
    assert site_url + "pyodide/python_stdlib.zip" in requested
    assert site_url + LATER_ZIP not in requested, "a start imported a module of the later zip"

    people = tmp_path / "people.vcf"
    people.write_text(PEOPLE, encoding="utf-8")
    read_contacts(page, people)
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#notice")).to_contain_text("Imported 3 new people", timeout=20_000)
    assert site_url + LATER_ZIP not in requested, "the vCard reader needs only the start's"
    # The calendar reader (icalendar) imports modules no start does.
    read_calendar(page, FIXTURES / "calendar-google.ics")
    expect(page.locator("#notice")).to_contain_text("with 2 people")
    assert requested.count(site_url + LATER_ZIP) == 1
    assert recorder.errors == [] and recorder.foreign == []
    context.close()


def test_offline_before_the_rest_is_kept_a_calendar_says_so_and_works_once_online(
        browser: Browser, site_url: str) -> None:
    context = browser.new_context(service_workers="block")
    page = open_app(context.new_page(), site_url)
    # The calendar reader's wheels come; the rest of the stdlib does not (the network
    # went off before the offline copy had it).
    page.route(f"**/{LATER_ZIP}", lambda route: route.abort())
    go(page, "Your data")
    page.get_by_label("Contacts file, calendar or messages").set_input_files(
        FIXTURES / "calendar-google.ics")
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#notice")).to_have_text(
        "Tend could not fetch a part it needs for this: the network seems to be off, and "
        "this device has not kept its copy yet. Connect once and try again; nothing was "
        "changed.", timeout=20_000)
    page.unroute(f"**/{LATER_ZIP}")
    read_calendar(page, FIXTURES / "calendar-google.ics")
    context.close()


def test_offline_before_the_vcard_reader_is_kept_an_import_says_so_and_works_once_online(
        browser: Browser, site_url: str) -> None:
    context = browser.new_context(service_workers="block")
    page = open_app(context.new_page(), site_url)
    page.route("**/vobject-*.whl", lambda route: route.abort())
    people = FIXTURES / "contacts.vcf"
    go(page, "Your data")
    page.get_by_label("Contacts file, calendar or messages").set_input_files(people)
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#notice")).to_have_text(
        "Tend could not fetch a part it needs for this: the network seems to be off, and "
        "this device has not kept its copy yet. Connect once and try again; nothing was "
        "changed.", timeout=20_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    page.unroute("**/vobject-*.whl")
    read_contacts(page, people)
    context.close()
