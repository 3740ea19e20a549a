"""End-to-end fixtures: the built site served on 127.0.0.1 under /tend/, Debian's Chromium.

One server and one browser serve the whole session; each test gets a fresh context
(empty storage) and a page that records every request and every console error.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

import build

from .helpers import Recorder, open_app

CHROMIUM = "/usr/bin/chromium"
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
