"""Two tabs of one browser editing the same person and the same plan at once: a change
to another field is kept, and the same field changed in both is shown, never dropped."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from core.model import Contact, Plan
from tests.core.factories import NOW, TODAY

from .helpers import Recorder, open_app, seed, stored

ANA = Contact(id="ana", name="Ana", added_on=TODAY, updated_at=NOW)
PLAN = Plan(id="ana", contact_id="ana", why="Her talk", updated_at=NOW)
# Stored before the first page loads, and never again: a tab opened later finds them.


def tabs_on_ana(context: BrowserContext, recorder: Recorder, site_url: str) -> tuple[Page, Page]:
    entries = stored(ANA, PLAN)
    seed(context, entries)
    return tuple(open_app(recorder.watch(context.new_page()), site_url + "#/people/ana")
                 for _ in range(2))  # type: ignore[return-value]


def test_two_tabs_editing_the_same_person_and_plan_keep_both_or_show_both(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    first, second = tabs_on_ana(context, recorder, site_url)
    # The person: different fields, both kept.
    for page in (first, second):
        page.get_by_text("Edit Ana", exact=True).click()
    first.get_by_label("Company").fill("Acme")
    second.get_by_label("Name", exact=True).fill("Ana Lima")
    second.get_by_role("button", name="Save changes").first.click()
    expect(first.get_by_role("heading", level=1)).to_have_text("Ana Lima")
    expect(first.get_by_label("Company")).to_have_value("Acme")
    first.get_by_role("button", name="Save changes").first.click()
    expect(first.locator("#notice")).to_have_text("Saved Ana Lima.")
    expect(second.get_by_label("Company")).to_have_value("Acme")
    expect(second.get_by_label("Name", exact=True)).to_have_value("Ana Lima")

    # The plan: the same field changed in both, shown side by side, then settled.
    for page in (first, second):
        page.get_by_role("link", name="Plan and prepare").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Plan and prepare: Ana Lima")
    first.get_by_label("1. Why do you want to meet").fill("She hires data engineers")
    second.get_by_label("1. Why do you want to meet").fill("Her talk on grids")
    second.get_by_role("button", name="Save plan").click()
    expect(second.locator("#notice")).to_contain_text("Plan for Ana Lima saved.")
    first.get_by_role("button", name="Save plan").click()
    expect(first.locator("#notice")).to_have_text(
        "This plan was changed in another tab while you were editing. Both versions of 'Why' "
        "are shown; keep one or combine them, then save again.")
    expect(first.get_by_label("1. Why do you want to meet")).to_have_value(
        "She hires data engineers")
    expect(first.get_by_label("Saved in the other tab")).to_have_value("Her talk on grids")
    first.get_by_label("1. Why do you want to meet").fill(
        "Her talk on grids; she hires data engineers")
    first.get_by_role("button", name="Save plan").click()
    expect(first.locator("#notice")).to_contain_text("Plan for Ana Lima saved.")
    expect(second.get_by_label("1. Why do you want to meet")).to_have_value(
        "Her talk on grids; she hires data engineers")
