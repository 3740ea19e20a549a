"""In the browser: a damaged plan is named, downloadable and asked about before a save;
bad files are refused saying what is wrong with them; right-to-left names stay inside."""

from __future__ import annotations

import os

from playwright.sync_api import Page, expect

from core.bidi import FSI, PDI
from core.model import Contact
from core.storage.codec import encode, key_for
from tests.core.factories import NOW

from .helpers import Recorder, wait_until_ready

ANA = Contact(id="ana", name="Ana Lima", added_on=NOW.date(), updated_at=NOW)
DAMAGED_PLAN = '{"contact_id":"ana","why":5'


def seed(app: Page, entries: dict[str, str]) -> None:
    for key, value in entries.items():
        app.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, value])
    app.reload()
    wait_until_ready(app)


def test_a_damaged_plan_is_named_downloadable_and_never_saved_over_without_asking(
        app: Page) -> None:
    seed(app, {key_for(ANA): encode(ANA), "tend/v3/plan/ana": DAMAGED_PLAN})
    expect(app.locator("#notice")).to_contain_text("Your data says which, and can download it.")
    app.evaluate("location.hash = '#/data'")
    damaged = app.locator("section[aria-labelledby=damaged-title]")
    expect(damaged).to_contain_text("Ana Lima: their plan")
    with app.expect_download() as download:
        damaged.get_by_role("button", name="Download the damaged record").click()
    assert DAMAGED_PLAN.replace('"', '\\"') in download.value.path().read_text()
    app.evaluate("location.hash = '#/people/ana/plan'")
    app.get_by_label("1. Why do you want to meet").fill("She knows the clinic world")
    app.get_by_role("button", name="Save plan").click()
    expect(app.locator("#notice")).to_contain_text("This plan was stored damaged; save over it?")
    assert app.evaluate("localStorage.getItem('tend/v3/plan/ana')") == DAMAGED_PLAN
    expect(app.get_by_label("1. Why do you want to meet")).to_have_value(
        "She knows the clinic world")
    app.get_by_label("Yes, save over the damaged copy").check()
    app.get_by_role("button", name="Save plan").click()
    expect(app.locator("#notice")).to_contain_text("Plan for Ana Lima saved.")
    assert "clinic world" in app.evaluate("localStorage.getItem('tend/v4/p/ana')")
    assert app.evaluate("localStorage.getItem('tend/v3/plan/ana')") is None


def test_a_truncated_vcard_and_a_binary_file_are_told_what_is_wrong_with_them(
        app: Page) -> None:
    app.evaluate("location.hash = '#/data'")
    files = {"cut.vcf": (b"BEGIN:VCARD\nVERSION:3.0\nFN:Ben\nEMAIL:ben@exa",
                         "this vCard file is cut short (it has BEGIN:VCARD but no END:VCARD)"),
             "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(3000),
                           "this file is not text")}
    for name, (data, message) in files.items():
        app.set_input_files("#people-file", files=[
            {"name": name, "mimeType": "application/octet-stream", "buffer": data}])
        app.get_by_role("button", name="Read the file").click()
        expect(app.locator("#notice")).to_contain_text(f"Nothing was imported: {message}")


def test_a_right_to_left_override_in_a_name_stays_inside_it(app: Page) -> None:
    nur = Contact(id="nur", name="\u202eNur Haddad", groups=("\u202eWork",), added_on=NOW.date(),
                  updated_at=NOW)
    seed(app, {key_for(nur): encode(nur)})
    app.evaluate("location.hash = '#/people/nur'")
    expect(app.locator("h1")).to_have_text(f"{FSI}\u202eNur Haddad{PDI}")
    expect(app.locator(".crumbs")).to_have_text(f"People · {FSI}\u202eWork{PDI}")


PLANTED_TODAY = (
    '<h1 data-day="2026-12-01">Today</h1>'
    '<p class="notice">Your session expired. '
    '<a href="https://evil.example/login">Sign in again</a></p>'
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">'
    '<iframe src="about:blank"></iframe><style>h1 { display: none }</style>'
    '<p onclick="alert(1)" style="color:red"><a href="javascript:alert(1)">Tap</a></p>'
    '<form><input name="password" placeholder="Password"></form>'
    '<p><a href="#/people">People</a> <a href="guide/planning.html#p12">Why</a></p>'
)


def test_a_today_planted_by_another_page_of_the_origin_is_painted_inert_without_foreign_links(
        app: Page, recorder: Recorder) -> None:
    # Another site on the same origin (user.github.io) writes the saved copy of Today.
    app.evaluate("html => localStorage.setItem('tend-snapshot:today', html)", PLANTED_TODAY)
    app.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
        const view = document.getElementById("view");
        const links = [...view.querySelectorAll("a")].map(a => a.getAttribute("href"));
        window.painted = { inert: view.inert, html: view.innerHTML, links };
    });""")
    app.reload()
    wait_until_ready(app)
    painted = app.evaluate("window.painted")
    assert painted["inert"] is True
    assert painted["links"] == [None, None, "#/people", "guide/planning.html#p12"]
    for trace in ("evil.example", "<img", "<iframe", "<style", "onclick", "style=", "javascript:"):
        assert trace not in painted["html"]
    assert "Sign in again" in painted["html"]  # text stays text: only the dedicated origin stops it
    assert app.evaluate("document.getElementById('view').inert") is False
    expect(app.get_by_role("heading", level=1)).to_have_text("Today")
    expect(app.get_by_role("link", name="Sign in again")).to_have_count(0)
    # Parsing the planted copy makes Chromium report what its CSP blocked (the handler and
    # the inline style): the page's own policy at work, so expected here and nowhere else.
    blocked = [e for e in recorder.errors if "violates the following Content Security Policy" in e]
    assert blocked and len(blocked) == len(recorder.errors)
    recorder.errors.clear()
