"""Every view passes axe-core's automated checks, in light and dark, wide and narrow."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from core.routes import PAGES

from .helpers import add_person, go, log_talk, read_contacts, violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_view_has_no_axe_violations(app: Page, scheme: str) -> None:
    app.emulate_media(color_scheme=scheme)
    assert violations(app) == [], "Today, empty"
    add_person(app, "Ana", how_met="PyCon")
    log_talk(app, "2020-01-01", "An old chat")
    assert violations(app) == [], "contact page"
    for summary in app.locator("details > summary").all():
        summary.click()
    assert violations(app) == [], "contact page, every Edit and Delete open"
    go(app, "People")
    app.get_by_role("button", name="Add person").click()
    assert violations(app) == [], "people, with a form error"
    go(app, "Today")
    assert violations(app) == [], "Today, with an overdue item"


# Every page of core.routes.PAGES; a person's page and their plan are added with data.
ROUTES = ["#/today", "#/week", "#/people", "#/groups", "#/networks", "#/shortlist",
          "#/health", "#/pitch", "#/data", "#/import", "#/log", "#/start", "#/duplicates"]
CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Dr. Jane Q. Doe
ORG:Acme Climate
TITLE:Head of Data
EMAIL:jane@acme.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ana
END:VCARD
"""


def test_the_routes_checked_are_every_page_there_is() -> None:
    assert {route.removeprefix("#/") for route in ROUTES} == set(PAGES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_route_with_data_has_no_axe_violations(app: Page, scheme: str,
                                                     tmp_path: Path) -> None:
    app.emulate_media(color_scheme=scheme)
    go(app, "Networks")
    app.get_by_label("Name").fill("Future employers")
    app.get_by_role("button", name="Add network").click()
    add_person(app, "Ana", how_met="PyCon")
    log_talk(app, "2020-01-01", "An old chat")
    contact_page = app.evaluate("location.hash")
    add_person(app, "ana")  # a possible duplicate, so that page has a pair to show
    cards = tmp_path / "cards.vcf"
    cards.write_text(CARDS)
    read_contacts(app, cards)
    found = {"#/import, a file read": violations(app)}
    for route in [*ROUTES, contact_page, contact_page + "/plan"]:
        app.evaluate(f"location.hash = {route!r}")
        app.wait_for_url(f"**/{route}")
        app.wait_for_timeout(200)
        found[route] = violations(app)
    assert {route: v for route, v in found.items() if v} == {}


def tab_to(page: Page, description: str, limit: int = 30) -> None:
    """Press Tab until the focused element matches, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({description!r})"):
            return
    raise AssertionError(f"Tab never reached {description}")


def test_a_person_can_be_added_and_logged_with_the_keyboard_alone(app: Page) -> None:
    tab_to(app, "nav a[href='#/people']")
    app.keyboard.press("Enter")
    app.wait_for_selector("h1:text('People')")
    tab_to(app, "#f-name")
    app.keyboard.type("Ana")
    app.keyboard.press("Enter")
    app.wait_for_selector("h1:text('Ana')")
    assert app.evaluate("document.activeElement.id") == "view-title"
    tab_to(app, "#log-note")
    app.keyboard.type("Coffee by the river")
    tab_to(app, "form[data-action=log_interaction] button[type=submit]")
    app.keyboard.press("Enter")
    app.wait_for_selector(".timeline :text('Coffee by the river')")
