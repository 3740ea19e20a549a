"""Correcting the record in the browser: edit a conversation, delete one, undo that after
moving elsewhere, delete a person for good; and no field cuts what is typed."""

from __future__ import annotations

import json

from playwright.sync_api import BrowserContext, expect

from .helpers import TODAY, Recorder, add_person, go, logged, open_app, wait_until_ready


def test_a_conversation_is_corrected_deleted_undone_later_and_a_person_deleted_for_good(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url)
    add_person(page, "Ana Lima")
    logged(page, "2026-11-02", "Her move to Porto")
    logged(page, "2026-11-20", "Talked about hiring")
    timeline = page.locator(".timeline")

    # Correct a note: the row's Edit, by keyboard, then Save changes.
    page.get_by_text("Edit the conversation of 2 Nov 2026").focus()
    page.keyboard.press("Enter")
    edit = page.get_by_role("form", name="Edit the conversation of 2 Nov 2026")
    edit.get_by_label("What you talked about").fill("Her move to Lisbon, not Porto")
    edit.get_by_role("button", name="Save changes").click()
    expect(page.locator("#notice")).to_have_text(
        "Saved the conversation of 2 Nov 2026 with Ana Lima.")
    expect(timeline).to_contain_text("Her move to Lisbon, not Porto")
    expect(timeline).not_to_contain_text("Her move to Porto")

    # Delete the other one.
    page.get_by_text("Edit the conversation of 20 Nov 2026").click()
    page.get_by_role("form", name="Edit the conversation of 20 Nov 2026").get_by_role(
        "button", name="Delete the conversation of 20 Nov 2026").click()
    expect(timeline).not_to_contain_text("Talked about hiring")
    expect(page.locator(".last-contact")).to_have_text("last contact: 23 days ago")

    # Elsewhere and back, the deletion can still be undone, by name.
    go(page, "Today")
    go(page, "People")
    page.locator(".people").get_by_role("link", name="Ana Lima").click()
    undo = page.locator("#undo")
    expect(undo).to_have_text("Undo: Deleted the conversation of 20 Nov 2026 with Ana Lima")
    undo.click()
    expect(page.locator("#notice")).to_contain_text("Undone: Deleted the conversation")
    expect(timeline).to_contain_text("Talked about hiring")

    # Delete Ana for good: the page names what goes, and after a reload she is gone.
    page.get_by_text("Delete Ana Lima for good").click()
    expect(page.locator(".forget")).to_contain_text("This deletes Ana Lima and 2 conversations.")
    page.get_by_role("button", name="Delete Ana Lima and all of this").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    expect(page.locator(".people")).to_have_count(0)
    stored = page.evaluate("JSON.stringify(Object.entries(localStorage))")
    records = {k: json.loads(v) for k, v in json.loads(stored) if k.startswith("tend/v4/")}
    ana = [k for k in records if k.startswith("tend/v4/c/")]
    assert len(ana) == 1 and "deleted_at" in records[ana[0]]
    page.reload()
    wait_until_ready(page)
    expect(page.get_by_text("Ana Lima")).to_have_count(0)
    page.goto(site_url + "#/people/" + ana[0].rsplit("/", 1)[1])
    wait_until_ready(page)
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Ana Lima")
    expect(page.get_by_text("Talked about hiring")).to_have_count(0)


def test_a_long_plan_note_is_never_cut_and_the_counter_shows_as_the_limit_nears(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url)
    add_person(page, "Priya Nair")
    page.get_by_role("link", name="Plan this relationship").click()
    research = page.get_by_label("Research notes: their field, its trends and challenges")
    counter = page.locator("#n-plan-research")
    question = "What does a product manager in climate tech own in the first year? "
    research.fill(question * 40)  # 2,680 characters: no counter yet
    expect(counter).to_be_hidden()
    research.fill(question * 50)  # 3,350: past four fifths of 4,000
    expect(counter).to_have_text("3350 of 4000 characters")
    research.press("End")
    page.keyboard.type("x" * 700)  # typing past the limit adds nothing
    expect(counter).to_have_text("4000 of 4000 characters")
    kept = research.input_value()
    assert len(kept) == 4000
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("#notice")).to_contain_text("Plan for Priya Nair saved.")
    page.reload()
    wait_until_ready(page)
    assert page.get_by_label("Research notes: their field, its trends and challenges"
                             ).input_value() == kept
