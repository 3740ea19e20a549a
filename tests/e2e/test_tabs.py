"""Two tabs of Tend open at once: each sees the other's changes, and neither loses typing."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from core.model import Contact
from core.storage.codec import encode, key_for
from tests.core.factories import NOW, TODAY

from .conftest import Recorder, go, open_app
from .test_journey import add_person

# Counts how many times the view is painted anew (each answer replaces its children).
COUNT_RENDERS = """() => {
  window.renders = 0;
  new MutationObserver((records) => {
    if (records.some((r) => r.addedNodes.length)) window.renders += 1;
  }).observe(document.getElementById("view"), { childList: true });
}"""


def two_tabs(context: BrowserContext, recorder: Recorder, site_url: str,
             route: str = "#/people") -> tuple[Page, Page]:
    first = open_app(recorder.watch(context.new_page()), site_url + route)
    second = open_app(recorder.watch(context.new_page()), site_url + route)
    return first, second


def test_what_you_are_typing_survives_a_save_in_another_tab(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    first, second = two_tabs(context, recorder, site_url)
    first.get_by_label("Name").fill("Bea Kovács")
    first.get_by_label("How you met").fill("Climate meetup, talked about heat pumps")
    add_person(second, "Ana")
    go(second, "People")
    expect(first.locator(".people")).to_contain_text("Ana")
    expect(first.get_by_label("Name")).to_have_value("Bea Kovács")
    expect(first.get_by_label("How you met")).to_have_value(
        "Climate meetup, talked about heat pumps")
    expect(first.get_by_label("How you met")).to_be_focused()
    first.get_by_role("button", name="Add person").click()
    expect(first.get_by_role("heading", level=1)).to_have_text("Bea Kovács")


def test_a_large_change_in_another_tab_is_taken_in_with_a_few_renders_not_one_per_record(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    first, second = two_tabs(context, recorder, site_url)
    first.evaluate(COUNT_RENDERS)
    people = [Contact(id=f"bulk{n:04d}", name=f"Person {n:04d}", added_on=TODAY, updated_at=NOW)
              for n in range(2000)]
    entries = {key_for(c): encode(c) for c in people}
    second.evaluate("(entries) => { for (const [k, v] of Object.entries(entries)) "
                    "localStorage.setItem(k, v); }", entries)
    first.get_by_label("Search").fill("Person 1999")
    first.get_by_role("button", name="Filter").click()
    expect(first.locator(".people")).to_contain_text("Person 1999")
    assert first.evaluate("window.renders") <= 6  # one per gathered batch, plus the filter
    stored = first.evaluate("Object.keys(localStorage).filter((k) => k.includes('/bulk')).length")
    assert stored == 2000
