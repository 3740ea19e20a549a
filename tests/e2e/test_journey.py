"""A person uses Tend for the first time: adds someone, logs a talk, comes back later."""

from __future__ import annotations

import re

from playwright.sync_api import BrowserContext, Page, expect

from .helpers import TODAY, Recorder, add_person, go, log_talk, open_app, wait_until_ready


def test_the_shell_paints_before_python_is_ready(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
             window.atFirstParse = {
               app: document.documentElement.dataset.app,
               heading: document.querySelector("#view h1")?.textContent,
             };
           });"""
    )
    open_app(page, site_url)
    assert page.evaluate("window.atFirstParse") == {"app": "loading", "heading": "Today"}
    painted, ready = page.evaluate(
        """[performance.getEntriesByName("first-contentful-paint")[0].startTime,
            performance.getEntriesByName("tend-ready")[0].startTime]"""
    )
    assert painted < ready
    expect(page.locator("#app-status")).to_contain_text("Ready")


def test_add_log_and_find_everything_after_a_reload(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url)
    add_person(page, "Ana Lima", how_met="PyCon Lisbon, talked about kites", layer="close")
    expect(page.locator(".last-contact")).to_have_text("no contact logged yet")
    log_talk(page, "2026-10-16", "Her new job in Porto")
    expect(page.locator(".last-contact")).to_have_text("last contact: 40 days ago")
    expect(page.locator(".timeline")).to_contain_text("Her new job in Porto")

    page.reload()
    wait_until_ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana Lima")
    expect(page.locator(".timeline")).to_contain_text("Her new job in Porto")

    go(page, "Today")
    item = page.locator(".agenda-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Ana Lima")
    expect(item).to_contain_text("10 days overdue")
    expect(item.get_by_role("link", name="P8")).to_have_attribute(
        "href", "guide/keeping-ties-alive.html#p8"
    )


def test_today_lists_the_most_overdue_first(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = recorder.watch(context.new_page())
    page.clock.set_fixed_time(TODAY)
    open_app(page, site_url)
    for name, layer, on in [("Bo", "inner", "2026-11-01"), ("Cy", "close", "2026-08-01"),
                            ("Di", "wider", "2026-11-20")]:
        add_person(page, name, layer=layer)
        log_talk(page, on, "")
    go(page, "Today")
    expect(page.locator(".agenda-name a")).to_have_text(["Cy", "Bo"])


def test_a_mistake_in_a_form_is_explained_and_nothing_typed_is_lost(app: Page) -> None:
    go(app, "People")
    app.get_by_label("How you met").fill("Climbing wall, Tuesday")
    app.get_by_role("button", name="Add person").click()
    expect(app.locator("#e-f-name")).to_have_text("Please fill this in.")
    expect(app.get_by_label("Name")).to_be_focused()
    expect(app.get_by_label("How you met")).to_have_value("Climbing wall, Tuesday")


def test_the_guide_opens_from_the_app_and_leads_back(app: Page) -> None:
    app.get_by_role("link", name="Guide").click()
    expect(app).to_have_url(re.compile(r"/tend/guide/index\.html$"))
    expect(app.locator("h1").first).to_be_visible()
    app.go_back()
    wait_until_ready(app)
    expect(app.get_by_role("heading", level=1)).to_have_text("Today")


def test_hostile_text_shows_as_text_and_never_runs(app: Page) -> None:
    payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>'
    add_person(app, payload, how_met=payload)
    go(app, "Today")
    go(app, "People")
    expect(app.locator(".people")).to_contain_text("<img src=x")
    assert app.evaluate("window.pwned") is None


def test_the_content_security_policy_stops_inline_script(app: Page, recorder: Recorder) -> None:
    violations = app.evaluate(
        """() => new Promise((resolve) => {
          const seen = [];
          document.addEventListener(
            "securitypolicyviolation", (e) => seen.push(e.violatedDirective));
          const script = document.createElement("script");
          script.textContent = "window.ranInline = true";
          document.body.append(script);
          setTimeout(() => resolve(seen), 100);
        })"""
    )
    assert app.evaluate("window.ranInline") is None
    assert violations and violations[0].startswith("script-src")
    # The browser reports the blocked script on the console: that report is the point.
    blocked = [e for e in recorder.errors if "Content Security Policy" in e]
    assert len(blocked) == 1
    recorder.errors.remove(blocked[0])
