"""End-to-end fixtures: the built site served on 127.0.0.1 under /tend/, Debian's Chromium.

One server and one browser serve the whole session; each test gets a fresh context
(empty storage) and a page that records every request and every console error.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

import build

CHROMIUM = "/usr/bin/chromium"
# What a non-HTML page of ours is given when the browser asks the origin for a favicon.
ICON = Path(__file__).resolve().parents[2] / "site" / "icons" / "icon-192.png"
SUBPATH = "tend"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # Debian's Chromium, never a downloaded one; quiet about Google's background services.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"],
    }


@pytest.fixture(scope="session")
def site_url(dist: Path) -> Iterator[str]:
    httpd = build.server(dist, port=0, subpath=SUBPATH)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUBPATH}/"
    httpd.shutdown()


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


@pytest.fixture
def recorder(site_url: str) -> Iterator[Recorder]:
    """Every test proves privacy and cleanliness: no other host, no console error."""
    watched = Recorder(origin=site_url.split("/tend/")[0] + "/")
    yield watched
    assert watched.foreign == [], "the site asked another host for something"
    assert watched.errors == [], "the page logged errors"


@pytest.fixture
def app(context: BrowserContext, recorder: Recorder, site_url: str) -> Page:
    """The app, opened and live (data-app="ready")."""
    page = recorder.watch(context.new_page())
    open_app(page, site_url)
    return page


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
