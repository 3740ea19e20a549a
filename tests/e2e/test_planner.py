"""Planning a relationship end to end: pitch, plan, prepare, meet, follow up, next step."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import BrowserContext, expect

from .helpers import TODAY, Recorder, go, open_app, wait_until_ready


def test_pitch_plan_prepare_meet_follow_up_and_see_the_next_step_on_today(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url)

    go(page, "Pitch")
    page.get_by_label("In one sentence, what do you do?").fill("I build data platforms.")
    page.get_by_label("The specific way you can help people").fill("Review a data pipeline")
    page.get_by_role("button", name="Save pitch").click()
    expect(page.locator(".pitch")).to_contain_text("I build data platforms.")

    go(page, "People")
    page.get_by_label("Name").fill("Priya Nair")
    page.get_by_label("On my shortlist").check()
    page.get_by_role("button", name="Add person").click()
    go(page, "Shortlist")
    page.get_by_role("link", name="Plan").click()
    expect(page.locator("#plan-state")).to_contain_text("Not complete yet")

    page.get_by_label("1. Why do you want to meet Priya Nair?").fill("She grew a data team")
    page.get_by_label("2. What can you give them?").fill("An intro to my old team")
    page.locator("#plan-next_step").fill("Coffee near her office")
    page.locator("#plan-next_on").fill("2026-11-27")
    page.get_by_label("A specific reason to reach out").fill("Her talk on data contracts")
    page.get_by_label("Questions for an informational conversation").fill(
        "How did you move into management?\nWho else should I talk to?")
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("#plan-state")).to_contain_text("Complete")
    expect(page.locator(".prep")).to_contain_text("I build data platforms.")
    expect(page.locator(".prep ol li")).to_have_text(
        ["How did you move into management?", "Who else should I talk to?"])

    page.clock.set_fixed_time(TODAY + dt.timedelta(days=2))
    page.reload()
    wait_until_ready(page)
    go(page, "Today")
    step = page.locator(".kind-plan")
    expect(step).to_contain_text("Coffee near her office")
    step.get_by_role("textbox", name="Following step").fill("Send her the article on hiring")
    step.get_by_label("On (empty: no date yet)").fill("2026-12-04")
    step.get_by_role("button", name="Done, and next").click()
    expect(page.locator("#notice")).to_have_text(
        "Logged a meeting with Priya Nair. Next: Send her the article on hiring, on 4 Dec.")

    page.clock.set_fixed_time(TODAY + dt.timedelta(days=2, hours=3))
    go(page, "People")
    page.get_by_role("link", name="Priya Nair").click()
    log = page.get_by_role("form", name="Log a conversation")  # not a timeline row's Edit
    log.get_by_label("What happened").select_option("meeting")
    log.get_by_label("Where, or in what circumstances").fill("her office café")
    log.get_by_label("What you talked about").fill("her team is moving to Porto")
    log.get_by_role("button", name="Log it").click()
    page.get_by_role("link", name="Plan and prepare").click()
    draft = page.get_by_label("Follow-up note")
    expect(draft).to_have_value(
        "Hi Priya,\n\nThank you for the conversation at your office café today. It stayed "
        "with me that your team is moving to Porto.\n\nIf it would help, I could offer an "
        "intro to my old team.\n\nI hope we can talk again soon.\n")
    page.get_by_role("button", name="Copy follow-up note").click()
    expect(page.locator("#notice")).to_contain_text("Copied")
    assert "your team is moving to Porto" in page.evaluate("navigator.clipboard.readText()")

    page.clock.set_fixed_time(TODAY + dt.timedelta(days=9))
    page.reload()
    wait_until_ready(page)
    go(page, "Today")
    # The follow-up is still owed (the draft was copied, never logged as sent), so Priya's
    # one item leads with it; the planned step is in it, with its own Done, and next.
    priya = page.locator(".agenda-item").filter(has_text="Priya Nair")
    expect(priya).to_contain_text("Send her the article on hiring")
    expect(priya.get_by_role("button", name="Done, and next")).to_be_visible()
