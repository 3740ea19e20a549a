"""After one visit, the app and the guide open with the network off."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, expect

from .helpers import Recorder, add_person, open_app, wait_for_offline_copy, wait_until_ready


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
