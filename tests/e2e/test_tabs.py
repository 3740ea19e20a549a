"""Two tabs of Tend open at once: each sees the other's changes, and neither loses typing."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from core.model import Contact
from tests.core.factories import NOW, TODAY

from .helpers import Recorder, add_person, go, open_app, stored


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


# Logs each new paint of the view by its heading, and each click, in the order they happen.
LOG_RENDERS = """() => {
  window.painted = [];
  new MutationObserver((records) => {
    if (records.some((r) => r.addedNodes.length))
      window.painted.push(document.querySelector("#view h1")?.textContent ?? "");
  }).observe(document.getElementById("view"), { childList: true });
  document.addEventListener("click", () => window.painted.push("click"), true);
}"""
WRITE = ("(entries) => { for (const [k, v] of Object.entries(entries)) "
         "localStorage.setItem(k, v); }")
UNTIL_PAINTED = """(count) => new Promise((resolve) => {
  const look = () => (window.painted.length >= count ? resolve(true) : setTimeout(look, 10));
  look();
})"""


def test_a_large_change_in_another_tab_is_taken_in_with_a_few_renders_and_a_click_still_answers(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    first, second = two_tabs(context, recorder, site_url)
    first.evaluate(LOG_RENDERS)
    people = [Contact(id=f"bulk{n:04d}", name=f"Person {n:04d}", added_on=TODAY, updated_at=NOW)
              for n in range(2000)]
    entries = [stored(*people[n:n + 500]) for n in range(0, 2000, 500)]
    second.evaluate(WRITE, entries[0])
    first.evaluate(UNTIL_PAINTED, 1)
    second.evaluate(WRITE, entries[1])  # while this tab takes these in, click
    go(first, "Today")
    expect(first.get_by_role("heading", level=1)).to_have_text("Today")
    for part in entries[2:]:
        second.evaluate(WRITE, part)
    go(first, "People")
    first.get_by_label("Search").fill("Person 1999")
    first.get_by_role("button", name="Filter").click()
    expect(first.locator(".people")).to_contain_text("Person 1999")

    painted: list[str] = first.evaluate("window.painted")
    after_click = painted[painted.index("click") + 1:]
    # The click is answered after at most the paint under way and one of what had gathered,
    # not after a paint per record of the 500 still arriving.
    assert after_click.index("Today") <= 2
    changes = [heading for heading in painted if heading != "click"]
    assert len(changes) <= 12  # four writes of 500, gathered: a few paints, not 2,000
    kept = first.evaluate("Object.keys(localStorage).filter((k) => k.includes('/bulk')).length")
    assert kept == 2000
