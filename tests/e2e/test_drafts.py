"""Issue 14's journey: a contact imported with their work, found by company, retitled,
and an informational conversation prepared with the pitch and a value proposition, whose
outreach draft is copied from Today."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from playwright.sync_api import BrowserContext, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError

from .helpers import TODAY, Recorder, go, open_app, read_contacts

ARTIFACTS = Path(__file__).parent.parent / "artifacts"
CARD = """BEGIN:VCARD
VERSION:3.0
N:Raman;Priya;;Dr.;
FN:Dr. Priya Raman
ORG:Octopus Energy
TITLE:Head of Flexibility
EMAIL;TYPE=WORK:priya@octopus.example
END:VCARD
"""


def shoot(page: Page, step: str) -> None:
    """Each step at phone and desktop width, light and dark, for a person to look at:
    only when TEND_SCREENSHOTS names a folder (they are not checked by the test)."""
    folder = os.environ.get("TEND_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=Path(folder) / f"{step}-{width}-{scheme}.png", full_page=True)
    page.emulate_media(color_scheme="light")
    if size:
        page.set_viewport_size(size)


def screenshot_of(element: Locator, path: Path) -> None:
    """An element's picture for the artifacts, taken again if a late render of the same
    view replaced the element while Playwright waited for it to be stable."""
    try:
        element.screenshot(path=path)
    except PlaywrightError as error:
        if "not attached to the DOM" not in str(error):
            raise
        element.screenshot(path=path)


def test_an_imported_contact_is_found_by_company_retitled_and_written_to_from_today(
    context: BrowserContext, recorder: Recorder, site_url: str, tmp_path: Path
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url)

    card = tmp_path / "priya.vcf"
    card.write_text(CARD)
    read_contacts(page, card)
    expect(page.locator("table.import")).to_contain_text("Head of Flexibility · Octopus Energy")
    shoot(page, "1-import")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#notice")).to_contain_text("Imported 1 new person")
    page.get_by_role("search", name="Filter people").get_by_label("Search").fill("octopus")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".people li")).to_have_count(1)
    shoot(page, "2-found-by-company")
    page.get_by_role("link", name="Dr. Priya Raman").click()
    page.locator("summary").filter(has_text="Edit Dr. Priya Raman").click()
    page.get_by_label("Title").fill("Director of Flexibility")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".work-line")).to_have_text("Director of Flexibility · Octopus Energy")
    expect(page.get_by_role("link", name="priya@octopus.example")).to_be_visible()
    shoot(page, "3-retitled")

    go(page, "Pitch")
    page.get_by_label("In one sentence, what do you do?").fill(
        "I'm a product manager moving into climate tech")
    page.get_by_label("The specific way you can help people").fill("Sharpen a product roadmap")
    page.get_by_label("What are you looking for right now?").fill(
        "A product role at a grid-software company")
    page.get_by_role("button", name="Save pitch").click()
    expect(page.locator(".pitch")).to_contain_text("I can sharpen a product roadmap.")
    expect(page.locator("#pitch-length")).to_contain_text("seconds aloud")
    page.get_by_role("button", name="Start the timer").click()
    page.clock.set_fixed_time(TODAY + dt.timedelta(seconds=3))
    page.get_by_role("button", name="Stop the timer").click()
    expect(page.locator("#pitch-timer")).to_have_text("3 seconds")
    expect(page.get_by_label("What I'm looking for, for family and friends")).to_contain_text(
        "Right now I'm looking for a product role at a grid-software company.")
    shoot(page, "4-pitch")

    go(page, "Networks")
    page.get_by_label("Kind").select_option("employers")
    page.get_by_label("Name", exact=True).fill("Climate employers")
    page.get_by_label("Why they would want you in their network").fill(
        "I turn messy operator workflows into products people use.")
    page.get_by_role("button", name="Add network").click()
    expect(page.locator("#notice")).to_contain_text("Saved the network Climate employers")
    shoot(page, "5-network")
    page.get_by_role("form", name="Sort Dr. Priya Raman").get_by_label("Climate employers").check()
    page.get_by_role("form", name="Sort Dr. Priya Raman").get_by_role("button").click()
    expect(page.locator("#notice")).to_contain_text("Dr. Priya Raman: Climate employers.")

    go(page, "People")
    page.get_by_role("link", name="Dr. Priya Raman").click()
    page.get_by_role("link", name="Plan this relationship").click()
    page.get_by_label("1. Why do you want to meet Dr. Priya Raman?").fill(
        "She runs the flexibility team at Octopus")
    page.get_by_label("2. What can you give them?").fill(
        "updates on three Gridwise customers she still cares about")
    page.locator("#plan-next_step").fill("Ask for 20 minutes about her path")
    page.locator("#plan-next_on").fill("2026-11-25")
    page.get_by_role("button", name="Save plan").click()
    prep = page.locator(".prep")
    expect(prep).to_contain_text("What you bring to Climate employers")
    expect(prep).to_contain_text("I turn messy operator workflows into products people use.")
    expect(prep).to_contain_text("A product role at a grid-software company")
    shoot(page, "6-plan")
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot_of(prep, ARTIFACTS / f"prep-card-{width}.png")
        if width == 360:  # the card stacks: the pitch gets the card's width, not a column
            pitch_box = prep.locator("dd").first.bounding_box()
            assert pitch_box is not None and pitch_box["width"] > 250

    go(page, "Today")
    item = page.locator(".kind-plan")
    expect(item).to_contain_text("No specific reason to reach out yet.")
    item.get_by_text("Draft a message").click()
    item.get_by_role("button", name="Copy").click()
    expect(page.locator("#notice")).to_contain_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    page.screenshot(path=ARTIFACTS / "today-draft-1280.png", full_page=True)
    shoot(page, "7-today-draft")
    # The plan's "why" is the user's own thinking and never goes to Priya: with no reason to
    # reach out on record, the draft leaves a bracket for one.
    assert copied.startswith("Hi Priya,\n\nI'm writing because of [one specific reason")
    assert "flexibility team" not in copied
    assert ("I'm a product manager moving into climate tech. I turn messy operator workflows "
            "into products people use.") in copied
    assert "20 minutes" in copied and "not asking for a job" in copied
    assert ("I could offer updates on three Gridwise customers you still care about."
            in copied)
    assert "Hi Dr." not in copied and "None" not in copied
    (ARTIFACTS / "today-outreach-draft.txt").write_text(copied)

    # The flag's link opens the plan in the reason field; once it is written, the draft
    # on Today gives it.
    item.get_by_role("link", name="Add the reason on their plan").click()
    reason = page.get_by_label("A specific reason to reach out")
    expect(reason).to_be_focused()
    reason.fill("Her talk on flexibility markets at Everything Energy")
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("#notice")).to_contain_text("Plan for Dr. Priya Raman saved.")
    go(page, "Today")
    expect(page.locator(".kind-plan .item-draft textarea")).to_contain_text(
        "I'm writing because of your talk on flexibility markets at Everything Energy.")
    expect(page.locator(".kind-plan")).not_to_contain_text("No specific reason")
