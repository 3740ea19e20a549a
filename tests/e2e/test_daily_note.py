"""The daily note, through the service worker's own handler in Chromium.

Playwright cannot fire a periodic background sync, so the test wakes the worker with the
message that runs the same function, and reads what the browser shows with
registration.getNotifications(). Notifications are allowed through the context, as a
user would allow them when Tend asks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from playwright.sync_api import BrowserContext, expect

from core.model import Contact, Layer
from core.storage.codec import encode, key_for

from .helpers import Recorder, open_app, seed, wait_for_offline_copy

# Wake the worker as periodic sync would, and say what it did.
WAKE = """() => new Promise((resolve) => {
  const answered = ({ data }) => resolve(data.did);
  navigator.serviceWorker.addEventListener("message", answered, { once: true });
  navigator.serviceWorker.controller.postMessage({ type: "tend-daily" });
})"""
SHOWN = """async () => (await (await navigator.serviceWorker.ready).getNotifications())
    .map((n) => ({ title: n.title, body: n.body, tag: n.tag }))"""
# The page leaves the core's notes a moment after the answer: wait until they are there.
LEFT = """() => new Promise((resolve) => {
  const look = async () => {
    const cache = await caches.open("tend-reminders");
    const hit = await cache.match(new URL("notes.json", location.href).href);
    const left = hit ? await hit.json() : null;
    if (left?.on && left.notes.length) resolve(left.notes.length);
    else setTimeout(look, 100);
  };
  look();
})"""


def test_the_daily_note_comes_only_once_turned_on_and_says_a_number_not_a_name(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    # Someone in the inner circle not heard from for 60 days is due today.
    today = date.today()
    ana = Contact(id="ana", name="Ana Lima", layer=Layer.INNER, added_on=today - timedelta(days=60),
                  updated_at=datetime.now(UTC))
    seed(context, {key_for(ana): encode(ana)})
    context.grant_permissions(["notifications"])
    # The worker's own requests too (Chromium reports them on the context): none elsewhere.
    context.on("request", lambda r: recorder.requests.append(r.url))
    page = open_app(recorder.watch(context.new_page()), site_url + "#/data")
    wait_for_offline_copy(page)
    panel = page.locator("[data-notes-panel]")

    assert page.evaluate(WAKE) == "off"  # allowed, but not turned on: nothing shown
    assert page.evaluate(SHOWN) == []

    panel.get_by_role("button", name="Turn on the daily note").click()
    expect(panel).to_contain_text("The daily note is on.")
    assert page.evaluate(LEFT) == 7
    assert page.evaluate(WAKE) == "shown"
    [note] = page.evaluate(SHOWN)
    assert note["title"] == "Tend" and note["tag"] == "tend-daily"
    assert note["body"].startswith("1 thing on Today's list")
    assert "Ana" not in note["body"]
    assert page.evaluate(WAKE) == "shown already"  # once a day

    panel.get_by_role("button", name="Turn off the daily note").click()
    expect(panel.get_by_role("button", name="Turn on the daily note")).to_be_visible()
    assert page.evaluate(SHOWN) == []
    assert page.evaluate(WAKE) == "off"
