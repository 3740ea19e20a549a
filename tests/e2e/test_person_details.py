"""Every detail at hand, in the browser: imported, found by company, edited, on any screen."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from .helpers import Recorder, go, open_app, read_contacts

CARD = """BEGIN:VCARD
VERSION:3.0
N:Doe;Jane;Q.;Dr.;
FN:Dr. Jane Q. Doe
ORG:Acme Climate;Research
TITLE:Head of Data
EMAIL;TYPE=WORK:jane@acme.example
URL:https://www.linkedin.com/in/janeqdoe
NOTE:Met at the Lisbon climate summit.
CATEGORIES:Climate,Mentors
END:VCARD
"""


def test_an_imported_person_is_found_by_company_and_their_title_edited(
    app: Page, tmp_path: Path
) -> None:
    card = tmp_path / "jane.vcf"
    card.write_text(CARD)
    read_contacts(app, card)
    expect(app.locator("table.import")).to_contain_text("Head of Data · Acme Climate")
    app.get_by_role("button", name="Import").click()
    expect(app.locator("#notice")).to_contain_text("Imported 1 new person")
    app.get_by_role("search", name="Filter people").get_by_label("Search").fill("acme")
    app.get_by_role("button", name="Filter").click()
    expect(app.locator(".people li")).to_have_count(1)
    app.get_by_role("link", name="Dr. Jane Q. Doe").click()
    expect(app.locator(".work-line")).to_have_text("Head of Data, Research · Acme Climate")
    expect(app.get_by_role("link", name="jane@acme.example")).to_be_visible()
    app.locator("summary").filter(has_text="Edit Dr. Jane Q. Doe").click()
    app.get_by_label("Title").fill("Chief Data Officer")
    app.get_by_role("button", name="Save changes").click()
    expect(app.locator("#notice")).to_contain_text("Saved Dr. Jane Q. Doe")
    expect(app.locator(".work-line")).to_have_text("Chief Data Officer, Research · Acme Climate")
    expect(app.locator(".facts")).to_contain_text("Mentors")
    # The introducer is named by typing (a datalist offers the names), not picked from a
    # select of everyone.
    go(app, "People")
    add = app.get_by_role("form", name="Add a person")
    add.get_by_label("Name").fill("Sam Lee")
    add.get_by_label("Introduced by").fill("dr. jane q. doe")
    add.get_by_role("button", name="Add person").click()
    expect(app.locator("#notice")).to_contain_text("Added Sam Lee")
    expect(app.locator(".facts dd a", has_text="Dr. Jane Q. Doe")).to_be_visible()


def test_on_a_phone_the_navigation_is_a_menu_and_nothing_scrolls_sideways(
    browser: Browser, recorder: Recorder, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    try:
        page = open_app(recorder.watch(context.new_page()), site_url + "#/people")
        menu = page.get_by_role("button", name="Menu")
        expect(menu).to_have_attribute("aria-expanded", "false")
        expect(page.get_by_role("link", name="This week")).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        menu.focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("link", name="This week")).to_be_visible()
        page.get_by_role("link", name="Your data", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
        expect(page.get_by_role("link", name="This week")).to_be_hidden()
        go(page, "Today")
        expect(page.locator(".keys")).to_be_hidden()  # no keyboard on a touch screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
