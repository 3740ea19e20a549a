"""The strategy in daily use: Today's actions, follow-ups, reviews, target networks."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import BrowserContext, Page, expect

from .helpers import TODAY, Recorder, add_person, go, log_talk, open_app, wait_until_ready


def tended(context: BrowserContext, recorder: Recorder, site_url: str) -> Page:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    return open_app(page, site_url)


def test_done_logs_a_touch_and_clears_the_item(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = tended(context, recorder, site_url)
    add_person(page, "Maya", layer="inner")
    log_talk(page, "2026-10-01", "Her sister's wedding")
    go(page, "Today")
    maya = page.locator(".agenda-item").filter(has_text="Maya")
    expect(maya).to_contain_text('Last time: "Her sister\'s wedding"')
    maya.get_by_role("button", name="Done").click()
    expect(page.locator("#notice")).to_contain_text("Done")
    expect(page.locator(".agenda-item").filter(has_text="Maya")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("#notice")).to_contain_text("Undone: Done")
    expect(page.locator(".agenda-item").filter(has_text="Maya")).to_have_count(1)
    # The change before it is on offer next, by name.
    expect(page.get_by_role("button", name="Undo")).to_contain_text("Undo: Logged")
    page.locator(".agenda-item").filter(has_text="Maya").get_by_role("button", name="Done").click()
    page.get_by_role("link", name="Tend, today").click()
    go(page, "People")
    page.get_by_role("link", name="Maya").click()
    expect(page.locator(".last-contact")).to_have_text("last contact: today")


def test_a_snoozed_item_comes_back_when_the_snooze_ends(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = tended(context, recorder, site_url)
    add_person(page, "Maya", layer="inner")
    log_talk(page, "2026-10-01", "")
    go(page, "Today")
    maya = page.locator(".agenda-item").filter(has_text="Maya")
    maya.get_by_label("Snooze for").select_option("3")
    maya.get_by_role("button", name="Snooze").click()
    expect(page.locator("#notice")).to_contain_text("Snoozed until 28 Nov")
    expect(page.locator(".agenda-item").filter(has_text="Maya")).to_have_count(0)

    page.clock.set_fixed_time(TODAY + dt.timedelta(days=3))
    page.reload()
    wait_until_ready(page)
    expect(page.locator(".agenda-item").filter(has_text="Maya")).to_have_count(1)


def test_a_first_meeting_asks_for_a_follow_up_that_quotes_the_talk(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = tended(context, recorder, site_url)
    add_person(page, "Tomás", how_met="Data meetup")
    page.get_by_label("When", exact=True).fill("2026-11-24")
    page.get_by_label("What happened").select_option("meeting")
    page.get_by_label("Where, or in what circumstances").fill("the data meetup")
    page.get_by_label("What you talked about").fill("he is hiring for a platform team")
    page.get_by_role("button", name="Log it").click()
    go(page, "Today")
    first = page.locator(".agenda-item").first
    expect(first).to_contain_text("Send a follow-up note")
    expect(first).to_contain_text('"he is hiring for a platform team"')
    expect(first.get_by_role("link", name="P10")).to_have_attribute(
        "href", "guide/keeping-ties-alive.html#p10")


def test_a_cold_weak_tie_is_reviewed_and_can_be_let_go_without_losing_anything(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = tended(context, recorder, site_url)
    go(page, "People")
    page.get_by_label("Name").fill("Jonas")
    page.get_by_label("How close").select_option("wider")
    page.get_by_label("A weak tie").check()
    page.get_by_role("button", name="Add person").click()
    log_talk(page, "2026-04-01", "Climbing trip")
    # Nobody is put up for review in their first month in Tend: a month on, Jonas is.
    page.clock.set_fixed_time(TODAY + dt.timedelta(days=31))
    page.reload()
    wait_until_ready(page)
    go(page, "Today")
    review = page.locator(".agenda-item").filter(has_text="Jonas")
    expect(review).to_contain_text("weak tie with no contact for about 8 months")
    review.get_by_role("button", name="Let go").click()
    expect(page.locator(".agenda-item").filter(has_text="Jonas")).to_have_count(0)
    go(page, "People")
    page.get_by_label("Showing").select_option("archived")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Jonas").click()
    expect(page.locator(".timeline")).to_contain_text("Climbing trip")
    page.get_by_role("button", name="Bring Jonas back").click()
    expect(page.locator("#notice")).to_contain_text("Jonas is back")


def test_target_networks_triage_and_cap_the_interval(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = tended(context, recorder, site_url)
    add_person(page, "Priya", layer="wider")
    go(page, "Networks")
    page.get_by_label("Kind").select_option("employers")
    page.get_by_label("Name").fill("Future employers")
    page.get_by_label("Why they would want you in their network").fill("I ship data platforms")
    page.get_by_role("button", name="Add network").click()
    triage = page.locator(".triage form").filter(has_text="Priya")
    triage.get_by_label("Future employers").check()
    triage.get_by_role("button", name="Save").click()
    expect(page.locator("#notice")).to_contain_text("Priya: Future employers.")
    page.get_by_role("link", name="1 people").click()
    page.locator(".people").get_by_role("link", name="Priya").click()
    expect(page.locator(".facts")).to_contain_text("every 60 days")


def test_health_warns_when_the_inner_circle_is_over_capacity(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = tended(context, recorder, site_url)
    for n in range(6):
        add_person(page, f"Friend {n}", layer="inner")
    go(page, "Health")
    expect(page.locator(".warn")).to_contain_text("inner circle has 6 people")
    expect(page.locator("svg.chart").first).to_have_attribute(
        "aria-label", "People per closeness layer against its capacity: Inner circle: 6 of 5; "
                      "Close friends & allies: 0 of 15; Active network: 0 of 50; "
                      "Wider network: 0 of 150")
