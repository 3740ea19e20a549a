"""After one visit, the app and the guide open with the network off."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

from .conftest import Recorder, open_app, wait_until_ready
from .test_journey import add_person


def test_the_app_and_guide_reload_offline_after_the_first_visit(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = open_app(recorder.watch(context.new_page()), site_url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)
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
