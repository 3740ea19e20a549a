"""What more than one end-to-end test needs: the page's recorder, and steps a person takes
in the app (open it, follow the menu, add someone, log a talk, check accessibility).

Fixtures live in conftest; these are plain functions, imported by the tests that use them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, expect

from core.model import Record
from core.storage.codec import encode, key_for
from core.storage.migrations import loose_key, parse_key

# What a non-HTML page of ours is given when the browser asks the origin for a favicon.
ICON = Path(__file__).resolve().parents[2] / "site" / "icons" / "icon-192.png"

# The morning most tests set the page's clock to.
TODAY = dt.datetime(2026, 11, 25, 9, 0)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@dataclass
class Recorder:
    """What a page did that the user never asked for: requests elsewhere, errors."""

    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> Page:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("response", lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page

    @property
    def foreign(self) -> list[str]:
        local = (self.origin, "blob:", "data:")
        return [u for u in self.requests if not u.startswith(local)]


def open_app(page: Page, url: str) -> Page:
    page.goto(url)
    wait_until_ready(page)
    return page


def go(page: Page, view: str) -> None:
    """Follow a link in the main navigation, as a person would (on a narrow screen, through
    the menu)."""
    nav = page.get_by_role("navigation", name="Main")
    menu = nav.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") != "true":
        menu.click()
    nav.get_by_role("link", name=view, exact=True).click()


def read_contacts(page: Page, file: Path) -> None:
    """Choose a contacts file on Your data and read it, up to the import's preview."""
    go(page, "Your data")
    page.get_by_label("Contacts file").set_input_files(file)
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import people")


def read_calendar(page: Page, file: Path) -> None:
    """Choose a calendar file on Your data and read it: its meetings with people already
    here are taken in at once, and the notice says how many (that depends on the day)."""
    go(page, "Your data")
    page.get_by_label("Contacts file, calendar or messages").set_input_files(file)
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#notice")).to_contain_text("new interactions with", timeout=20_000)


def wait_until_ready(page: Page) -> None:
    page.wait_for_selector("html[data-app=ready]", state="attached", timeout=60_000)


def wait_for_offline_copy(page: Page) -> None:
    """Wait until the service worker is installed, controls the page and has cached
    every file of the build.

    One evaluate of a promise rather than ``wait_for_function``: the app's policy forbids
    the string eval that Playwright polls with, which fails whenever the worker is not
    in control at the first look."""
    page.evaluate("""() => new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error("no service worker took control in 60 s")), 60000);
        navigator.serviceWorker.ready.then(() => {
            if (navigator.serviceWorker.controller) resolve(true);
            navigator.serviceWorker.addEventListener("controllerchange", () => resolve(true));
        });
    })""")
    # Then what it caches only after the app is ready: the guide, the lazily loaded wheels.
    did = page.evaluate("""() => new Promise((resolve, reject) => {
        setTimeout(() => reject(new Error("the worker did not cache the rest in 60 s")), 60000);
        navigator.serviceWorker.addEventListener("message", ({ data }) => {
            if (data?.type === "tend-later") resolve(data.did);
        });
        navigator.serviceWorker.controller.postMessage({ type: "tend-later" });
    })""")
    assert did == "cached", did


def wait_for_memory_snapshot(page: Page) -> None:
    """Wait until the core's memory snapshot, made in the background after an ordinary
    start, is kept in Cache Storage (site/shell/memory-snapshot.mjs)."""
    kept = page.evaluate("""() => new Promise((resolve) => {
        const started = Date.now();
        const look = () => caches.open("tend-memory-snapshot").then((c) => c.keys()).then((k) => {
            if (k.some(({ url }) => url.endsWith("/memory-snapshot.bin"))) resolve(true);
            else if (Date.now() - started > 120000) resolve(false);
            else setTimeout(look, 250);
        });
        look();
    })""")
    assert kept, "no memory snapshot was kept in 120 s"


def add_person(page: Page, name: str, how_met: str = "", layer: str = "active") -> None:
    go(page, "People")
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    page.get_by_label("Name").fill(name)
    page.get_by_label("How you met").fill(how_met)
    page.get_by_label("How close").select_option(layer)
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def log_talk(page: Page, on: str, note: str) -> None:
    """Log a conversation on the open person's page, and wait until it is saved (the
    notice shows once the write has landed, so a reload after this keeps it)."""
    page.get_by_label("When", exact=True).fill(on)
    page.get_by_label("What you talked about").fill(note)
    page.evaluate("document.getElementById('notice').textContent = ''")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("#notice")).to_contain_text("Logged")


def logged(page: Page, on: str, note: str) -> None:
    log = page.get_by_role("form", name="Log a conversation")
    log.get_by_label("When", exact=True).fill(on)
    log.get_by_label("What you talked about").fill(note)
    log.get_by_role("button", name="Log it").click()
    expect(page.locator(".timeline")).to_contain_text(note)


def violations(page: Page) -> list[str]:
    result = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result.response["violations"]]


SEED = """(entries) => {
  for (const [key, value] of Object.entries(entries)) {
    if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
  }
}"""


def seed(context: BrowserContext, entries: dict[str, str]) -> None:
    """Put these entries in localStorage before the app starts, in every page of the
    context, unless the page has one of them already (a reload keeps what the app wrote)."""
    context.add_init_script(f"({SEED})({json.dumps(entries)})")


# Three people in a vCard file, one with an e-mail and a LinkedIn address.
PEOPLE = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Priya Nair\r
EMAIL:priya@example.org\r
URL:https://www.linkedin.com/in/priya\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Tomás Ruiz\r
EMAIL:tomas@example.org\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Ana Ruiz\r
END:VCARD\r
"""


# A scripted session (views, validation, cadence) for tests that compare answers.
SESSION: list[dict[str, Any]] = [
    {"type": "navigate", "route": "#/people"},
    {"type": "add_contact", "fields": {"name": "Ana <b>Lima</b>", "how_met": "PyCon",
                                       "layer": "close"}},
    {"type": "log_interaction", "fields": {"contact_id": "r1", "on": "2026-09-30",
                                           "note": "kites & Porto"}},
    {"type": "add_contact", "fields": {"name": "", "layer": "inner"}},
    {"type": "add_contact", "fields": {"name": "Bo", "layer": "inner"}},
    {"type": "log_interaction", "fields": {"contact_id": "r4", "on": "someday"}},
    {"type": "navigate", "route": "#/today"},
]


def stored(*records: Record) -> dict[str, str]:
    """Records as Tend stores them now: each in its loose entry of layout 4."""
    return {loose_key(parse_key(key_for(r))): encode(r) for r in records}  # type: ignore[arg-type]

