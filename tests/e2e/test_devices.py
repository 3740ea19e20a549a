"""Tend on a phone, over a week of daily use, and with many people changed at once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import TODAY, Recorder, go, open_app, wait_until_ready

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A 360-pixel-wide touch screen, the narrowest phone Tend supports."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    yield context
    context.close()


def started(page: Page, site_url: str, people: list[tuple[str, str, str]]) -> Page:
    """Through the first-run start with a few people (name, circle, when last spoke)."""
    open_app(page, site_url + "#/start")
    for row, (name, circle, last) in enumerate(people, start=1):
        page.get_by_label(f"Person {row}").fill(name)
        page.locator(f"#st-circle_{row}").select_option(circle)
        page.locator(f"#st-last_{row}").select_option(last)
    page.get_by_role("button", name="Show me today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    return page


def test_on_a_phone_nothing_overflows_and_an_item_is_done_with_a_tap(
    phone: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(phone.new_page())
    page.clock.set_fixed_time(TODAY)
    started(page, site_url, [("Mum", "family", "month"), ("Sam", "friend", "months")])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "phone-today.png", full_page=True)
    for route in ("#/today", "#/people", "#/health", "#/networks", "#/data"):
        page.evaluate(f"location.hash = {route!r}")
        page.wait_for_url(f"**/{route}")
        page.wait_for_timeout(100)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, route
    go(page, "Today")
    page.locator(".agenda-item").filter(has_text="Sam").get_by_role("button", name="Done").tap()
    expect(page.locator(".agenda-item").filter(has_text="Sam")).to_have_count(0)
    page.screenshot(path=ARTIFACTS / "phone-after-done.png", full_page=True)


def test_a_week_of_daily_use_moves_the_agenda_day_by_day(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    started(page, site_url, [("Mum", "family", "week"), ("Sam", "friend", "months")])
    go(page, "People")
    page.get_by_role("link", name="Mum").click()
    page.locator("summary").filter(has_text="Add a date").click()
    page.locator("#date-month").select_option("11")
    page.locator("#date-day").fill("29")
    page.get_by_role("button", name="Save date").click()
    expect(page.locator("#notice")).to_contain_text("Date saved")
    seen: dict[str, list[str]] = {}
    for day in range(7):
        page.clock.set_fixed_time(TODAY + dt.timedelta(days=day))
        page.reload()
        wait_until_ready(page)
        go(page, "Today")
        expect(page.get_by_role("heading", level=1)).to_have_text("Today")
        items = page.locator(".agenda-item")
        seen[f"day {day}"] = items.all_inner_texts()
        if items.count():
            # Done, or Ready on a birthday's countdown (getting ready logs nothing).
            items.first.locator('button[value="done"]').click()
            expect(page.locator("#notice")).to_contain_text(re.compile("Done|Ready"))
    texts = "\n".join(f"{d}: {' | '.join(t)}" for d, t in seen.items())
    day = {d: " ".join(t) for d, t in seen.items()}
    assert "Sam" in day["day 0"] and "birthday is in 4 days" in day["day 0"], texts
    # Day 0's Done was for Sam; day 1's Ready for the birthday's countdown, which quiets
    # it, the eve included; the wish itself comes on the day (sent on the eve it would
    # arrive early), and Done on it settles this year's birthday.
    assert "Sam" not in day["day 1"] and "birthday is in 3 days" in day["day 1"], texts
    assert not any("birthday" in day[f"day {n}"] for n in (2, 3)), texts
    assert "birthday today" in day["day 4"], texts
    assert not any("birthday" in day[f"day {n}"] for n in range(5, 7)), texts


def test_many_people_changed_at_once_and_put_back_with_one_undo(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    started(page, site_url, [("Ana", "colleague", "week"), ("Ben", "colleague", "week"),
                             ("Cy", "colleague", "week")])
    go(page, "People")
    page.get_by_label("Select Ana").check()
    page.get_by_label("Select Ben").check()
    page.get_by_label("Change", exact=True).select_option("group")
    page.get_by_label("Group", exact=True).last.fill("Work / Acme")
    page.get_by_role("button", name="Apply to the ticked people").click()
    expect(page.locator("#notice")).to_contain_text("Changed 2 people")
    expect(page.locator(".people li").filter(has_text="Work / Acme")).to_have_count(2)
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".people li").filter(has_text="Work / Acme")).to_have_count(0)
