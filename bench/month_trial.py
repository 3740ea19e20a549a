"""A month with Tend in Chromium, lived as a person would: not a test, a trial to read.

A product manager moving into climate tech uses the built site from 1 to 31 December
2026 in one page (one Pyodide boot), with the page's clock moved a day each morning.
Every day the Today page, every draft on it, This week (Mondays) and the pages touched
are written to LOG (dayNN.txt, default bench/results/month); screenshots at 1280 and 360 px,
light and dark, go to LOG/shots. With ``--connections N`` the LinkedIn export holds N more
people (made-up names, companies and dates), as a long-time LinkedIn user's does; each
click's time from the event to the view changed is then in LOG/clicks.txt.
Run: python bench/month_trial.py [--build] [--days 1-31] [--log DIR] [--connections N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

import build
from tests.e2e.helpers import go

ROOT = Path(__file__).resolve().parents[1]
LOG = ROOT / "bench" / "results" / "month"
FILES = LOG / "files"
START = dt.date(2026, 12, 1)
EXTRA = 0  # people added to the LinkedIn export (--connections)
CLICKS: list[str] = []

# Real exports run past the line length; the files stay as LinkedIn and phones write them.
CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Dr. Amara,Okoye,https://www.linkedin.com/in/amaraokoye,amara@heatwise.example,Heatwise,VP Product,14 Mar 2019
Marco,Rossi,https://www.linkedin.com/in/marcorossi,,GridCell,Founder & CEO,02 Nov 2025
Yuki,Sato,https://www.linkedin.com/in/yukisato,,Octopus Energy,Senior PM,21 Jun 2022
Lena,Fischer,https://www.linkedin.com/in/lenafischer,lena@example.org,Climate Ventures,Principal,09 Sep 2023
Tom,Baker,https://www.linkedin.com/in/tombaker,,Acme Payments,Engineering Manager,17 Jan 2017
Grace,Liu,https://www.linkedin.com/in/graceliu,,Stripe,Product Designer,05 May 2018
Omar,Haddad,https://www.linkedin.com/in/omarhaddad,,Carbon Direct,Data Scientist,30 Jan 2024
Sofia,Marquez,https://www.linkedin.com/in/sofiamarquez,,Recruit Co,Technical Recruiter,11 Aug 2020
Ravi,Patel,https://www.linkedin.com/in/ravipatel,,Acme Payments,Director of Product,03 Mar 2016
Ines,Costa,https://www.linkedin.com/in/inescosta,,Watershed,Product Lead,22 Feb 2025
Ben,Okafor,https://www.linkedin.com/in/benokafor,,Freelance,,12 Dec 2021
Hannah,Schmidt,https://www.linkedin.com/in/hannahschmidt,hannah@example.org,Electrify,Head of Partnerships,01 Oct 2024
"""  # noqa: E501

VCARD = """BEGIN:VCARD
VERSION:3.0
FN:佐藤 由紀
N:佐藤;由紀;;;
TEL;TYPE=CELL:+81 90 1234 5678
BDAY:--12-18
NOTE:Old university friend, now in Tokyo
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Kai Müller
N:Müller;Kai;;;
TEL;TYPE=CELL:+49 151 2345678
EMAIL:kai@example.org
END:VCARD
"""


FIRST = ("Aisha", "Bruno", "Chen", "Daniela", "Emeka", "Farah", "Gustav", "Hiro", "Isla",
         "Jonas", "Kavya", "Luca", "Maya", "Nikolai", "Olivia", "Pedro", "Quynh", "Rania",
         "Stefan", "Tariq", "Ursula", "Vikram", "Wen", "Ximena", "Yusuf", "Zoe")
LAST = ("Abara", "Berg", "Castillo", "Dubois", "Eriksen", "Fontaine", "Gupta", "Horvath",
        "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Oyelaran",
        "Pereira", "Quist", "Romano", "Silva", "Tanaka", "Ulrich", "Varga", "Wójcik", "Yilmaz")
COMPANIES = ("Northwind Energy", "Fjord Analytics", "Solstice Grid", "Brightline Bank",
             "Kelp Labs", "Tidewater Capital", "Copperleaf", "Meridian Health", "Orbit Pay")
POSITIONS = ("Product Manager", "Software Engineer", "Head of Growth", "Data Analyst",
             "Recruiter", "Designer", "Founder", "Account Executive", "")


def more_connections(count: int) -> str:
    """``count`` rows more for the export, in its format, connected over ten years."""
    rows = []
    for n in range(count):
        first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]
        suffix = f" {n // (len(FIRST) * len(LAST)) + 1}" if n >= len(FIRST) * len(LAST) else ""
        since = dt.date(2016, 1, 4) + dt.timedelta(days=(n * 37) % 3600)
        rows.append(f"{first},{last}{suffix},https://www.linkedin.com/in/{first}-{last}-{n},,"
                    f"{COMPANIES[n % len(COMPANIES)]},{POSITIONS[n % len(POSITIONS)]},"
                    f"{since:%d %b %Y}")
    return "".join(row + "\n" for row in rows)


def ready(page: Page) -> None:
    page.wait_for_selector("html[data-app=ready]", state="attached", timeout=60_000)


def hash_to(page: Page, where: str) -> None:
    took = page.evaluate("""(where) => new Promise((resolve) => {
      const view = document.getElementById("view");
      if (location.hash === where) { resolve(0); return; }
      const start = performance.now();
      const seen = new MutationObserver(() => {
        seen.disconnect();
        resolve(performance.now() - start);
      });
      seen.observe(view, { childList: true });
      location.hash = where;
      setTimeout(() => { seen.disconnect(); resolve(-1); }, 20000);
    })""", where)
    CLICKS.append(f"{page.evaluate('new Date().toISOString().slice(0, 10)')} {where} {took:.0f} ms")
    page.wait_for_timeout(400)


def person(page: Page, name: str) -> None:
    go(page, "People")
    link = page.locator(".people").get_by_role("link", name=name).first
    if not link.count():  # a long list shows a page of it: searched, as a person would
        page.locator("form.filters input[name=q]").fill(name)
        page.locator("form.filters").evaluate("(form) => form.requestSubmit()")
        page.wait_for_timeout(300)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    open_all(page)


def plan_of(page: Page, name: str) -> None:
    person(page, name)
    here = page.evaluate("location.hash").split("?")[0]
    hash_to(page, here + "/plan")
    expect(page.locator("#plan-why")).to_be_visible()


def open_all(page: Page) -> None:
    """Open every disclosure on the view, as a person would click each summary."""
    page.evaluate("document.querySelectorAll('#view details').forEach(d => d.open = true)")


def view_text(page: Page) -> str:
    return page.locator("#view").inner_text()


def drafts(page: Page) -> list[str]:
    return [t.input_value() for t in page.locator("#view textarea[readonly]").all()]


def log_it(page: Page, name: str, on: dt.date, kind: str, note: str, where: str = "") -> None:
    person(page, name)
    page.locator("#log-on").fill(on.isoformat())
    page.locator("#log-kind").select_option(kind)
    page.locator("#log-where").fill(where)
    page.locator("#log-note").fill(note)
    page.get_by_role("button", name="Log it").click()
    page.wait_for_timeout(300)


class Day:
    """One day's notes, written as the day goes."""

    def __init__(self, on: dt.date) -> None:
        self.on = on
        self.parts: list[str] = [f"=== {on:%A %d %B %Y} ==="]

    def add(self, title: str, text: str) -> None:
        self.parts.append(f"\n--- {title} ---\n{text.strip()}")

    def page(self, page: Page, title: str) -> None:
        self.add(title, view_text(page))
        for n, d in enumerate(drafts(page), 1):
            self.add(f"{title}: draft {n}", d)

    def write(self) -> None:
        (LOG / f"day{self.on.day:02}.txt").write_text("\n".join(self.parts) + "\n")


def setup(page: Page, day: Day) -> None:
    hash_to(page, "#/start")
    page.locator("#st-one_liner").fill(
        "I'm a product manager who spent eight years building payments products, "
        "now moving into climate tech.")
    page.locator("input[name=targets][value=employers]").check()
    checks = page.locator("input[name=targets]:not([disabled])")
    for i in range(checks.count()):
        value = checks.nth(i).get_attribute("value")
        if value in ("employers", "mentors"):
            checks.nth(i).check()
    page.get_by_label("Person 1").fill("Mum")
    page.locator("#st-circle_1").select_option("family")
    page.locator("#st-last_1").select_option("week")
    page.get_by_label("Person 2").fill("Sam Carter")
    page.locator("#st-last_2").select_option("month")
    page.get_by_label("Person 3").fill("Ravi Menon")
    page.locator("#st-circle_3").select_option("colleague")
    page.locator("#st-last_3").select_option("longer")
    page.get_by_role("button", name="Show me today").click()
    page.wait_for_timeout(500)
    day.add("after Start", view_text(page))

    go(page, "Pitch")
    page.locator("#pitch-distinctive").fill(
        "I turn messy operations into products people use every day")
    page.locator("#pitch-how_i_help").fill("product reviews of onboarding and pricing pages")
    page.locator("#pitch-looking_for").fill(
        "a senior product role at a climate company, ideally in energy or grid software")
    page.get_by_role("button", name="Save pitch").click()
    page.wait_for_timeout(300)
    day.page(page, "Pitch")

    go(page, "Networks")
    forms = page.locator("form[data-action=save_target]")
    props = ["I know how to ship products that move money, which grid software needs",
             "I can bring a payments person's view to climate founders' pricing"]
    for i in range(min(forms.count() - 1, 2)):
        form = page.locator("form[data-action=save_target]").nth(i)
        field = form.locator("textarea[name=value_proposition], input[name=value_proposition]")
        if field.count():
            field.fill(props[i])
            form.get_by_role("button", name="Save").click()
            page.wait_for_timeout(300)
    day.page(page, "Networks after value propositions")

    FILES.mkdir(parents=True, exist_ok=True)
    (FILES / "Connections.csv").write_text(CONNECTIONS + more_connections(EXTRA))
    (FILES / "phone.vcf").write_text(VCARD)
    for name in ("Connections.csv", "phone.vcf"):
        hash_to(page, "#/data")
        page.locator("#people-file").set_input_files(str(FILES / name))
        page.get_by_role("button", name="Read the file").click()
        page.wait_for_timeout(800)
        day.add(f"import preview {name}", view_text(page))
        buttons = page.locator("form[data-action=confirm_import] button")
        everyone = buttons.and_(page.locator("[name=everyone]"))
        # A long export suggests importing everyone (as wider network): taken.
        (everyone if everyone.count() else buttons).first.click()
        page.wait_for_timeout(800)
        day.add(f"after import {name}", view_text(page))

    go(page, "Networks")
    page.wait_for_timeout(300)
    day.add("Networks with triage", view_text(page))
    sort = {"Amara Okoye": 0, "Marco Rossi": 1, "Ines Costa": 0, "Hannah Schmidt": 1,
            "Lena Fischer": 1, "Omar Haddad": 0}
    for name, target in sort.items():
        form = page.locator("form[data-action=triage]").filter(has_text=name)
        if form.count():
            form.locator("input[name=targets]").nth(target).check()
            form.get_by_role("button", name="Save").click()
            page.wait_for_timeout(300)
    for name in ("Amara Okoye", "Marco Rossi", "Ines Costa"):
        person(page, name)
        page.locator("#edit-shortlist").check()
        page.locator("form[data-action=edit_contact] button[type=submit]").click()
        page.wait_for_timeout(300)
    person(page, "Ravi Menon")
    page.locator("#edit-how_met").fill("My manager at Acme Payments for three years")
    page.locator("form[data-action=edit_contact] button[type=submit]").click()
    page.wait_for_timeout(300)
    day.page(page, "Ravi Menon page")

    plan(page, day, "Amara Okoye", {
        "why": "She moved from payments to heat pumps and leads product at Heatwise, "
               "where I want to work",
        "give": "a teardown of their installer onboarding",
        "get": "how she made the switch, and who is hiring",
        "next_step": "Ask for 20 minutes about her path", "next_on": "2026-12-02",
        "reach_reason": "her talk on heat pump installers at Climate Week",
        "research": "Heatwise sells heat pump installs; installers are the bottleneck; "
                    "raised a Series B in October"})
    plan(page, day, "Marco Rossi", {
        "why": "GridCell is an early grid-storage startup that will need its first PM",
        "give": "feedback on their pricing page",
        "next_step": "Say hello at the Climate Tech Meetup", "next_on": "2026-12-10"})


def plan(page: Page, day: Day, name: str, answers: dict[str, str]) -> None:
    """The three questions answered on a person's plan, as the user types them."""
    plan_of(page, name)
    for field, text in answers.items():
        page.locator(f"#plan-{field}").fill(text)
    page.get_by_role("button", name="Save plan").click()
    page.wait_for_timeout(300)
    day.page(page, f"{name} plan")


def day2(page: Page, day: Day) -> None:
    log_it(page, "Amara Okoye", day.on, "message",
           "Asked for 20 minutes about her move from payments to heat pumps")
    day.page(page, "Amara page after message")


def day8(page: Page, day: Day) -> None:
    log_it(page, "Amara Okoye", day.on, "call",
           "She said installers are their bottleneck and her team is hiring a PM in Q1")
    day.page(page, "Amara page after call")
    plan_of(page, "Amara Okoye")
    day.page(page, "Amara plan after call")


def day10(page: Page, day: Day) -> None:
    log_it(page, "Marco Rossi", day.on, "meeting",
           "He is building grid storage for apartment blocks and needs someone to test "
           "their onboarding", where="Climate Tech Meetup")
    day.page(page, "Marco page after coffee")


def day12(page: Page, day: Day) -> None:
    person(page, "Amara Okoye")
    form = page.locator("form[data-action=add_favour]")
    form.locator("#fav-direction").select_option("received")
    form.locator("#fav-on").fill(day.on.isoformat())
    form.locator("#fav-what").fill("Sent me the PM job description before it was posted")
    form.get_by_role("button", name="Save favour").click()
    page.wait_for_timeout(300)
    day.page(page, "Amara page after favour")


def day14(page: Page, day: Day) -> None:
    go(page, "People")
    adding = page.locator("details.add-person")
    if adding.get_attribute("open") is None:  # folded once the list is long
        adding.locator("summary").click()
    page.get_by_label("Name").first.fill("Jonas Berg")
    page.get_by_label("How you met").first.fill("Amara introduced us by e-mail")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jonas Berg")
    open_all(page)
    page.locator("#edit-introduced_by").fill("Dr. Amara Okoye")  # typed, as a person would
    page.locator("form[data-action=edit_contact] button[type=submit]").click()
    page.wait_for_timeout(300)
    day.page(page, "Jonas page after introduction")


def add_news(page: Page, name: str, label: str, on: dt.date, day: Day) -> None:
    person(page, name)
    form = page.locator("form[data-action=add_date]")
    form.locator("#date-kind").select_option("news")
    form.locator("#date-label").fill(label)
    form.locator("#date-month").select_option(str(on.month))
    form.locator("#date-day").fill(str(on.day))
    form.locator("#date-year").fill(str(on.year))
    form.get_by_role("button", name="Save date").click()
    page.wait_for_timeout(300)
    day.page(page, f"{name} page after news")


def day15(page: Page, day: Day) -> None:
    add_news(page, "Sam Carter", "started a new job", day.on, day)


def day16(page: Page, day: Day) -> None:
    add_news(page, "Mum", "knee surgery", day.on, day)


EVENTS: dict[int, Callable[[Page, Day], None]] = {
    1: setup, 2: day2, 8: day8, 10: day10, 12: day12, 14: day14, 15: day15, 16: day16}

NOTES = {
    "follow_up": "Thanked them and sent the link we talked about",
    "date": "Sent a short message",
    "news": "Sent a short note",
    "thanks": "Sent a thank-you note",
    "give": "Offered a teardown of their onboarding",
    "due": "Sent a quick hello and asked how things are",
}


def act(page: Page, day: Day) -> None:
    """Work the top of Today as a busy person: up to three items, the fourth snoozed."""
    for done in range(4):
        items = page.locator(".agenda-item")
        if items.count() == 0:
            return
        item = items.nth(0)
        cls = item.get_attribute("class") or ""
        kind = cls.split("kind-")[-1].split()[0]
        heading = item.locator(".agenda-name").inner_text()
        if done == 3:
            choice = "snooze"
        elif kind in ("plan", "plan_next", "plan_passed"):
            if kind != "plan_next":  # a step already logged asks only what comes next
                item.get_by_label("How it went, what you learned").fill(
                    "She replied; we set a call")
            item.get_by_role("textbox", name="Following step").fill("Call about her path")
            item.get_by_label("Kind of step").select_option("call")
            following = day.on + dt.timedelta(days=6)
            item.get_by_label("On (empty: no date yet)").fill(following.isoformat())
            item.get_by_role("button", name="Done, and next").click()
            choice = "done, and next"
        elif kind == "prune":
            choice = "keep" if day.on.day % 2 else "let_go"
        elif kind in ("first_step", "undated", "triage"):
            choice = "skip" if day.on.day % 3 == 0 else "snooze"
        elif kind == "date_ahead":
            choice = "done"
        else:
            note = NOTES.get(kind, "Sent a short message")
            item.locator("[data-done-note]").first.fill(note)
            choice = "done"
        if choice != "done, and next":
            button = {"done": "Done", "keep": "Keep", "let_go": "Let go", "skip": "Skip",
                      "snooze": "Snooze", }[choice]
            if choice == "done" and kind == "date_ahead":
                button = "Ready"
            item.get_by_role("button", name=button, exact=True).first.click()
        page.wait_for_timeout(400)
        notice = page.locator("#notice").inner_text()
        day.add(f"acted: {choice} on [{kind}] {heading}", f"notice: {notice}")


def shoot(page: Page, on: dt.date, label: str) -> None:
    shots = LOG / "shots"
    shots.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.querySelectorAll('#view details').forEach(d => d.open = false)")
    for width in (1280, 360):
        for scheme in ("light", "dark"):
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            page.wait_for_timeout(200)
            page.screenshot(path=str(shots / f"d{on.day:02}-{label}-{width}-{scheme}.png"),
                            full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(color_scheme="light")


def live(page: Page, url: str, first: int, last: int) -> None:
    for n in range(first, last + 1):
        on = START + dt.timedelta(days=n - 1)
        page.clock.set_fixed_time(dt.datetime(on.year, on.month, on.day, 8, 30))
        page.goto(url + "#/today")
        page.reload()
        ready(page)
        day = Day(on)
        if n in EVENTS:
            try:
                EVENTS[n](page, day)
            finally:
                day.write()  # what the day showed so far, to read if it broke
            hash_to(page, "#/today")
        day.page(page, "Today (morning)")
        if n in (1, 11, 18):
            shoot(page, on, "today")
        if on.weekday() == 0 or n == 1:
            hash_to(page, "#/week")
            day.add("This week", view_text(page))
            hash_to(page, "#/today")
        act(page, day)
        day.page(page, "Today (after acting)")
        if n in (1, 11, 18):
            person(page, "Amara Okoye")
            shoot(page, on, "person")
            plan_of(page, "Amara Okoye")
            shoot(page, on, "plan")
        if n in (1, 18):
            hash_to(page, "#/data")
            shoot(page, on, "data")
        day.write()
        print(f"day {n} written", flush=True)


def main() -> int:
    global LOG, FILES, EXTRA  # the trial's helpers write where and what the user asked
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--days", default="1-31")
    parser.add_argument("--log", type=Path, help="where the days are written "
                        "(default bench/results/month)")
    parser.add_argument("--connections", type=int, default=0,
                        help="people added to the LinkedIn export")
    args = parser.parse_args()
    EXTRA = args.connections
    args.log = args.log or LOG
    LOG, FILES = args.log, args.log / "files"
    if args.build or not (ROOT / "dist" / "index.html").exists():
        build.build(ROOT / "dist")
    first, last = (int(x) for x in args.days.split("-"))
    LOG.mkdir(parents=True, exist_ok=True)
    httpd = build.server(ROOT / "dist", port=0, subpath="tend")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/tend/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.clock.install(time=dt.datetime(2026, 12, 1, 8, 30))
        live(page, url, first, last)
        (LOG / "errors.txt").write_text("\n".join(errors))
        (LOG / "clicks.txt").write_text("\n".join(CLICKS) + "\n")
        browser.close()
    httpd.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
