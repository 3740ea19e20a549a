"""The guide in Chromium: it reads without Python, searches offline, passes axe, and
leads to the app and back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, expect

import build
from core.rules.reasons import GUIDE_PAGES, guide_href

from .helpers import (
    Recorder,
    add_person,
    go,
    log_talk,
    open_app,
    wait_for_offline_copy,
    wait_until_ready,
)

GUIDE_FILES = sorted(f"{md.stem}.html" for md in (build.ROOT / "docs").glob("*.md"))
PRINCIPLES = sorted(GUIDE_PAGES, key=lambda p: int(p[1:]))
Scheme = Literal["light", "dark"]

# Words a reader might look up, each in the guide's own text, and the principle whose
# section a search for it must find.
SEARCHES = {"Dunbar": "P1", "follow-up": "P10", "favor": "P13", "pitch": "P16"}

def axe_findings(page: Page) -> set[tuple[str, str]]:
    """Every axe violation on the page, as (rule id, the element's selector)."""
    result = Axe().run(page)
    return {(rule["id"], " ".join(map(str, node["target"])))
            for rule in result.response["violations"] for node in rule["nodes"]}


def open_guide(page: Page, site_url: str, name: str = "index.html") -> Page:
    page.goto(site_url + "guide/" + name)
    expect(page.locator(".md-content h1")).to_be_visible()
    return page


def open_in_scheme(page: Page, site_url: str, scheme: Scheme, name: str = "index.html") -> Page:
    """A guide page with the system set to light or dark: Material's palette follows it."""
    page.emulate_media(color_scheme=scheme)
    open_guide(page, site_url, name)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    settled(page)
    return page


def search(page: Page, words: str) -> Locator:
    """Open the guide's search with "/" and type, as a reader would: Material's search
    answers keystrokes, not a pasted value. Returns the results once there are some."""
    query = page.locator("input[data-md-component=search-query]")
    if not query.evaluate("input => input === document.activeElement"):
        page.keyboard.press("/")
    expect(query).to_be_focused()
    query.fill("")
    query.press_sequentially(words)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    settled(page)
    return results


def settled(page: Page) -> None:
    """Wait for Material's fades to end: axe measures colours as they are painted. (Polled
    with evaluate: the guide's policy refuses the string eval behind wait_for_function.)"""
    for _ in range(100):
        if page.evaluate("document.getAnimations().every(a => a.playState !== 'running')"):
            return
        page.wait_for_timeout(50)
    raise AssertionError("the guide's animations never ended")


def test_the_guide_reads_without_python_and_lists_every_principle(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = open_guide(recorder.watch(context.new_page()), site_url)

    content = page.locator(".md-content")
    expect(content.get_by_role("heading", level=1)).to_have_text(re.compile("Start here"))
    expect(content.get_by_role("heading", level=2)).to_have_text(
        [re.compile("A ten-minute start"), re.compile("Five stages of building a network"),
         re.compile("What's in this guide")]
    )
    rows = content.locator("table tbody tr")
    expect(rows).to_have_count(len(PRINCIPLES))
    for row, principle in zip(rows.all(), PRINCIPLES, strict=True):
        expect(row.locator("td").first).to_have_text(principle)
        expect(row.get_by_role("link")).to_have_attribute(
            "href", guide_href(principle).removeprefix("guide/")
        )
    assert page.evaluate("typeof loadPyodide") == "undefined"
    assert not [url for url in recorder.requests if "/pyodide/" in url], "the guide loaded Python"


def test_the_guide_searches_with_the_network_off_after_one_visit(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = open_app(recorder.watch(context.new_page()), site_url)
    wait_for_offline_copy(page)

    context.set_offline(True)
    try:
        open_guide(page, site_url)
        for word, principle in SEARCHES.items():
            section, _, anchor = guide_href(principle).partition("#")
            found = search(page, word).locator(f"a[href*='/{section}?'][href$='#{anchor}']")
            expect(found, f"searching for {word!r} finds {principle}").to_have_count(1)
    finally:
        context.set_offline(False)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", GUIDE_FILES)
def test_every_guide_page_has_no_axe_violations(
    context: BrowserContext, recorder: Recorder, site_url: str, name: str, scheme: Scheme
) -> None:
    page = open_in_scheme(recorder.watch(context.new_page()), site_url, scheme, name)
    assert axe_findings(page) == set()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_and_its_results_have_no_axe_violations(
    context: BrowserContext, recorder: Recorder, site_url: str, scheme: Scheme
) -> None:
    page = open_in_scheme(recorder.watch(context.new_page()), site_url, scheme)
    search(page, "Dunbar")
    assert axe_findings(page) == set()


def test_the_themes_search_dialog_is_named_by_our_hook(dist: Path) -> None:
    """mkdocs-material 9.8 leaves its search dialog unnamed; site/guide_hooks.py names it."""
    page = (dist / "guide" / "index.html").read_text()
    assert 'role="dialog" aria-label="Search"' in page


def test_a_reason_in_the_app_opens_its_guide_section_which_leads_back_to_the_app(
    app: Page, site_url: str
) -> None:
    add_person(app, "Ana", layer="close")
    log_talk(app, "2020-01-01", "Coffee by the river")
    go(app, "Today")
    overdue = app.locator(".agenda-item").filter(has_text="Ana").filter(
        has=app.get_by_role("link", name="P8")
    )
    overdue.get_by_role("link", name="P8").click()

    expect(app).to_have_url(site_url + "guide/" + GUIDE_PAGES["P8"] + ".html#p8")
    section = app.locator("h2#p8")
    expect(section).to_be_in_viewport()
    how_tend_helps = app.locator(
        "xpath=//h2[@id='p8']/following-sibling::p[starts-with(normalize-space(), "
        "'How Tend helps')][1]//a[contains(@href, 'index.html#/')]"
    )
    expect(how_tend_helps).to_have_count(1)
    how_tend_helps.click()

    wait_until_ready(app)
    expect(app).to_have_url(re.compile(r"/tend/index\.html#/today$"))
    expect(app.get_by_role("heading", level=1)).to_have_text("Today")
    expect(overdue).to_be_visible()


def test_the_guide_pages_tested_are_the_guide_pages_built(dist: Path) -> None:
    assert sorted(p.name for p in (dist / "guide").glob("*.html")) == GUIDE_FILES
