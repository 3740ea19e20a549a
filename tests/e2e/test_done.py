"""Done on Today, as a person uses it: what was sent is logged, never the button's words.

Two days of use: Done with a note and Done without one (by keyboard), a plan whose next
step is an e-mail (on This week the day before), yesterday's saved Today painted while
Python starts (it says so, and does not claim nothing is due), and "Done, and next" with
how it went and no date yet.
"""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import BrowserContext, Page, expect

from .helpers import TODAY, Recorder, go, open_app, wait_until_ready

# Records what #view showed each time it changed, from the very first paint: the saved
# snapshot is replaced by the live view within seconds, too fast to look at otherwise.
PAINTS = """
window.paints = [];
new MutationObserver(() => {
  const view = document.getElementById("view");
  const today = view && view.querySelector("[data-day]");
  if (!today) return;
  const stale = today.querySelector("[data-stale]");
  const empty = today.querySelector("[data-empty-state]");
  window.paints.push({
    day: today.dataset.day,
    stale: stale && !stale.hidden ? stale.textContent : null,
    emptyShown: Boolean(empty && !empty.hidden && empty.offsetParent !== null),
    text: view.innerText,
  });
}).observe(document, { childList: true, subtree: true });
"""


def timeline_of(page: Page, name: str) -> list[str]:
    go(page, "People")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    # Each entry's first line is what was logged; its Edit disclosure follows.
    return [text.splitlines()[0].strip() for text in page.locator(".timeline li").all_inner_texts()]


def test_done_logs_what_was_sent_and_a_stale_today_says_so(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.add_init_script(PAINTS)
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url + "#/start")
    page.get_by_label("Person 1").fill("Ann Ortiz")
    page.get_by_label("Person 2").fill("Bob Tan")
    page.locator("#st-last_2").select_option("longer")
    page.get_by_role("button", name="Show me today").click()
    expect(page.locator(".agenda-name a")).to_have_text(["Bob Tan", "Ann Ortiz"])

    # Done with a note: what was sent is the conversation.
    ann = page.locator(".agenda-item").filter(has_text="Ann Ortiz")
    ann.get_by_label("What did you send or say?").fill(
        "Sent her the article on climbing gyms in Lisbon")
    ann.get_by_role("button", name="Done").click()
    expect(page.locator("#notice")).to_have_text(
        "Done. Logged a light touch with Ann Ortiz: "
        "\u201cSent her the article on climbing gyms in Lisbon\u201d.")

    # Done by keyboard, with nothing typed: J, D (to the line), Enter.
    expect(page.locator(".agenda-name a")).to_have_text(["Bob Tan"])
    page.locator("#view-title").focus()
    page.keyboard.press("j")
    page.keyboard.press("d")
    expect(page.get_by_label("What did you send or say?")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#notice")).to_have_text("Done. Logged a light touch with Bob Tan.")
    expect(page.locator(".agenda-item")).to_have_count(0)

    assert timeline_of(page, "Ann Ortiz")[0] == (
        "25 Nov 2026 · Light touch (shared something, congratulated) — "
        "Sent her the article on climbing gyms in Lisbon")
    bob = timeline_of(page, "Bob Tan")
    assert bob[0] == "25 Nov 2026 · Light touch (shared something, congratulated)"
    expect(page.locator(".timeline")).not_to_contain_text("Send a light touch")

    # A plan for Ann whose next step, tomorrow, is an e-mail.
    go(page, "People")
    page.get_by_role("link", name="Ann Ortiz", exact=True).click()
    page.get_by_role("link", name="Plan this relationship").click()
    page.get_by_label("1. Why do you want to meet Ann Ortiz?").fill("She hires for climate tech")
    page.get_by_label("2. What can you give them?").fill("Product reviews of their onboarding")
    page.locator("#plan-next_step").fill("E-mail her the job post")
    page.locator("#plan-next_on").fill("2026-11-26")
    page.locator("#plan-next_kind").select_option("message")
    page.get_by_role("button", name="Save plan").click()
    go(page, "Today")
    expect(page.locator("#view")).to_contain_text("Nothing is due today.")
    # This week shows the step coming tomorrow, with its reason.
    page.get_by_role("link", name="See what is coming this week").click()
    coming = page.locator(".agenda-item.kind-plan").filter(has_text="Ann Ortiz")
    expect(coming).to_contain_text("Thursday 26 Nov 2026")
    expect(coming).to_contain_text("E-mail her the job post")
    page.get_by_role("link", name="Back to today").click()  # the Today saved for tomorrow
    expect(page.locator("#view")).to_contain_text("Nothing is due today.")

    # The next morning: yesterday's saved Today is painted first, and says so.
    page.clock.set_fixed_time(TODAY + dt.timedelta(days=1))
    page.reload()
    wait_until_ready(page)
    paints = page.evaluate("window.paints")
    snapshot = [p for p in paints if p["day"] == "2026-11-25"]
    assert snapshot, "yesterday's Today was not painted before the live view"
    for paint in snapshot:
        assert paint["stale"] == "Showing what Today looked like on 25 Nov 2026; updating…"
        assert not paint["emptyShown"]
        assert "Nothing is due today" not in paint["text"]
    assert paints[-1]["day"] == "2026-11-26" and paints[-1]["stale"] is None
    expect(page.locator("[data-stale]")).to_be_hidden()

    # Done, and next: what happened (the plan's kind), how it went, no date yet.
    step = page.locator(".kind-plan")
    expect(step).to_contain_text("Planned for today: E-mail her the job post.")
    expect(step.get_by_label("What happened")).to_have_value("message")
    step.get_by_label("How it went, what you learned").fill("She replied: the role closes Friday")
    step.get_by_role("textbox", name="Following step").fill("Call her after the interview")
    step.get_by_label("Kind of step").select_option("call")
    step.get_by_role("button", name="Done, and next").click()
    expect(page.locator("#notice")).to_have_text(
        "Logged a message with Ann Ortiz. Next: Call her after the interview "
        "(no date yet: add one on the plan when you know it).")
    expect(page.locator(".kind-plan")).to_have_count(0)
    assert timeline_of(page, "Ann Ortiz")[0] == (
        "26 Nov 2026 · Message or email — She replied: the role closes Friday")

    # The call happens the same day and she logs it from Ann's page: that was the step, so
    # Today asks only what comes next, and Done, and next logs nothing a second time.
    page.clock.set_fixed_time(TODAY + dt.timedelta(days=1, hours=3))
    go(page, "People")
    page.get_by_role("link", name="Ann Ortiz", exact=True).click()
    page.get_by_role("link", name="Plan and prepare").click()
    page.locator("#plan-next_on").fill("2026-11-26")
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("#notice")).to_contain_text("Plan for Ann Ortiz saved.")
    page.clock.set_fixed_time(TODAY + dt.timedelta(days=1, hours=5))
    go(page, "People")
    page.get_by_role("link", name="Ann Ortiz", exact=True).click()
    log = page.get_by_role("form", name="Log a conversation")
    log.get_by_label("What happened").select_option("call")
    log.get_by_label("What you talked about").fill("The interview went well")
    log.get_by_role("button", name="Log it").click()
    go(page, "Today")
    ann = page.locator(".agenda-item").filter(has_text="Ann Ortiz")
    expect(ann).to_contain_text("You logged a call today, the day of your planned step "
                                "\"Call her after the interview\".")
    expect(ann.get_by_label("What happened")).to_have_count(0)
    ann.get_by_role("textbox", name="Following step").fill("Coffee when she starts")
    ann.get_by_role("button", name="Done, and next").click()
    expect(page.locator("#notice")).to_have_text(
        "Step done: a call with Ann Ortiz today. Next: Coffee when she starts "
        "(no date yet: add one on the plan when you know it).")
    assert timeline_of(page, "Ann Ortiz")[:2] == [
        "26 Nov 2026 · Call — The interview went well",
        "26 Nov 2026 · Message or email — She replied: the role closes Friday"]
