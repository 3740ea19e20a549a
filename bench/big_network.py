"""A big network in the real app: click→paint and the longest main-thread task, one run.

Not a test: it prints figures and writes bench/results/big_network.json. For each size
(1,500 people with 10 interactions each, 10,000 with 1) one Chromium page is seeded, reloaded
and driven: People rendered from Today, People searched, a person opened, one person
added, and a 2,000-row LinkedIn import read and confirmed. Each click is timed from the
event to the first frame painted after the view changed, and the longest 'longtask' the
page saw meanwhile is kept. With ``--profile`` the same People search is run under
cProfile inside Pyodide (a page that loads the core on its main thread, as the worker
does) and the top functions are printed, so a fix starts from where the time goes.

    python bench/big_network.py [--runs 3] [--profile] [--dist DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, FilePayload, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import keep  # noqa: E402
from startup import serve  # noqa: E402

import build  # noqa: E402
from core.model import Contact, Interaction, Layer  # noqa: E402
from core.storage.codec import encode, key_for  # noqa: E402

SIZES = ((1_500, 10), (10_000, 1))
IMPORT_ROWS = 2_000

# Installed once per page: long tasks seen, and a timer from an action to the first frame
# painted after the view's children changed (the shell replaces them on every answer).
# Where the page records the worker's answers (``window.__answers``, as bench/interaction.py
# arranges), each click is also split: until the worker's last answer (the core, and JSON
# across), the page's own work until the view changed, and the frame.
TIMER = """() => {
  window.bench = { tasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.bench.tasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask" });
  window.bench.time = (act) => new Promise((resolve) => {
    const view = document.getElementById("view");
    const start = performance.now();
    const seen = new MutationObserver(() => {
      seen.disconnect();
      const changed = performance.now();
      requestAnimationFrame(() => setTimeout(() => {
        const painted = performance.now() - start;
        const answered = Math.max(start, ...(window.__answers ?? []).filter((t) => t <= changed));
        setTimeout(() => {
          const during = window.bench.tasks.filter(([s, d]) => s + d >= start).map(([, d]) => d);
          resolve({ ms: painted, longest: Math.max(0, ...during), worker: answered - start,
                    page: changed - answered, frame: painted - (changed - start) });
        }, 200);
      }));
    });
    seen.observe(view, { childList: true });
    setTimeout(() => { seen.disconnect(); resolve({ ms: -1, longest: -1 }); }, 120000);
    act();
  });
}"""

GO = """(route) => location.hash === route ? { ms: 0, longest: 0 }
  : bench.time(() => { location.hash = route; })"""
SEARCH = """(text) => bench.time(() => {
  const form = document.querySelector("form.filters");
  form.elements.namedItem("q").value = text;
  form.requestSubmit();
})"""
ADD = """(name) => bench.time(() => {
  const form = document.querySelector("form[data-action=add_contact]");
  form.elements.namedItem("name").value = name;
  form.requestSubmit();
})"""
SUBMIT = """(selector) => bench.time(() => {
  const form = document.querySelector(selector);
  form.requestSubmit(form.querySelector("button[name=everyone]") ?? undefined);
})"""


def records(people: int, each: int) -> dict[str, str]:
    """A book of `people`, each with `each` interactions spread over the last two years."""
    now = datetime.now(UTC)
    today = date.today()
    entries: dict[str, str] = {}
    for n in range(people):
        # Each record last edited when it was made, as in a book used for years: most of
        # it settled, so Tend keeps it packed (core.storage.packs).
        contact = Contact(id=f"p{n:07d}", name=f"Person {n:05d}", company="Acme Analytics",
                          title="Engineer", how_met="A conference", groups=("Work",),
                          layer=Layer.ACTIVE if n % 10 == 0 else Layer.WIDER,
                          added_on=today - timedelta(days=800),
                          updated_at=now - timedelta(days=800))
        entries[key_for(contact)] = encode(contact)
        for k in range(each):
            ago = timedelta(days=(n * 7 + k * 61) % 700)
            talk = Interaction(id=f"i{n:07d}x{k}", contact_id=contact.id, on=today - ago,
                               note="Coffee; talked about the new project and the team.",
                               updated_at=now - ago)
            entries[key_for(talk)] = encode(talk)
    return entries


def linkedin_csv(rows: int) -> str:
    lines = ["Notes:", '"An export."', "",
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"New{n},Imported,https://www.linkedin.com/in/new-{n},new.{n}@example.org,"
              f"Globex,Analyst,12 Mar 2024" for n in range(rows)]
    return "\n".join(lines) + "\n"


def seeded_page(browser: Browser, url: str, entries: dict[str, str], *,
                before: str = "") -> Page:
    """A fresh context (its own localStorage) running ``before`` on every page, seeded,
    reloaded, and with the timer installed."""
    context = browser.new_context(service_workers="block")
    if before:
        context.add_init_script(before)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("html[data-app=ready]", timeout=120_000)
    items = list(entries.items())
    for n in range(0, len(items), 2_000):
        page.evaluate("(batch) => { for (const [k, v] of batch) localStorage.setItem(k, v); }",
                      items[n:n + 2_000])
    page.reload()
    page.wait_for_selector("html[data-app=ready]", timeout=300_000)
    page.evaluate(TIMER)
    return page


def drive(page: Page, runs: int, people: int) -> dict[str, list[dict[str, float]]]:
    """Each action `runs` times (the import once); each result is click→paint and longest task."""
    out: dict[str, list[dict[str, float]]] = {k: [] for k in
                                              ("people", "search", "open", "add", "import")}
    for n in range(runs):
        page.evaluate(GO, "#/today")
        out["people"].append(page.evaluate(GO, "#/people"))
        out["search"].append(page.evaluate(SEARCH, f"Person {(people - 1 - n):05d}"))
        out["open"].append(page.evaluate(GO, f"#/people/p{(n * 37) % people:07d}"))
        page.evaluate(GO, "#/people")
        out["add"].append(page.evaluate(ADD, f"Added Someone {n}"))
    page.evaluate(GO, "#/data")
    csv = FilePayload(name="Connections.csv", mimeType="text/csv",
                      buffer=linkedin_csv(IMPORT_ROWS).encode())
    page.set_input_files("#people-file", files=[csv])
    page.evaluate(SUBMIT, "form[data-action=preview_import]")
    page.wait_for_selector("form[data-action=confirm_import]", timeout=120_000)
    out["import"].append(page.evaluate(SUBMIT, "form[data-action=confirm_import]"))
    stored = page.evaluate("Object.keys(localStorage).filter((k) => k.startsWith('tend/')"
                           " && k.includes('contact')).length")
    assert stored >= people + IMPORT_ROWS, f"the import stored {stored} people"
    return out


PROFILE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>profile</title>
<script type="module">
import { loadPyodide } from "./tend/pyodide/pyodide.mjs";
const base = new URL("./tend/pyodide/", location.href).href;
window.pyodide = await loadPyodide({ indexURL: base, packageBaseUrl: base });
await window.pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
document.documentElement.dataset.app = "ready";
</script></head><body>profile</body></html>"""

PROFILE = """
import cProfile, io, json, pstats, time
from core.app import App
app = App.from_storage_json(ENTRIES)
def request(event):
    return json.dumps({"event": event, "today": TODAY, "now": NOW, "new_id": "benchid00001",
                       "page": "http://127.0.0.1/", "room": {"extras": 0, "others": 0}})
app.handle_json(request({"type": "navigate", "route": "#/people"}))
out = {}
for name, event in json.loads(EVENTS):
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    app.handle_json(request(event))
    profile.disable()
    took = (time.perf_counter() - started) * 1000
    text = io.StringIO()
    pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(22)
    out[name] = f"{took:.0f} ms\\n" + text.getvalue()
json.dumps(out)
"""


def profile_in_pyodide(browser: Browser, base: str, entries: dict[str, str],
                       people: int) -> dict[str, str]:
    page = browser.new_context(service_workers="block").new_page()
    page.goto(base + "profile.html")
    page.wait_for_selector("html[data-app=ready]", timeout=120_000)
    events = [("search", {"type": "filter_people", "fields": {"q": [f"Person {people - 1:05d}"]}}),
              ("people", {"type": "navigate", "route": "#/people"}),
              ("open", {"type": "navigate", "route": "#/people/p0000037"})]
    result = page.evaluate("""([code, entries, events, today, now]) => {
      const globals = pyodide.toPy({ ENTRIES: entries, EVENTS: events, TODAY: today, NOW: now });
      return pyodide.runPython(code, { globals });
    }""", [PROFILE, json.dumps(entries), json.dumps(events), date.today().isoformat(),
           datetime.now(UTC).isoformat()])
    page.context.close()
    profiles: dict[str, str] = json.loads(result)
    return profiles


def summary(runs: list[dict[str, float]]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(r["ms"] for r in runs), 1),
            "longest_task_ms": round(max(r["longest"] for r in runs), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dist", type=Path, help="a build to measure as it is (no build)")
    args = parser.parse_args()
    dist = args.dist or ROOT / "dist"
    if not args.dist:
        build.build(dist)
    httpd, base = serve(dist, {"profile.html": PROFILE_PAGE})
    result: dict[str, Any] = {"runs": args.runs}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for people, each in SIZES:
            entries = records(people, each)
            size = f"{people}x{each}"
            if args.profile:
                for name, text in profile_in_pyodide(browser, base, entries, people).items():
                    print(f"--- pyodide profile, {size}, {name}:\n{text}")
            page = seeded_page(browser, base + "tend/", entries)
            measured = drive(page, args.runs, people)
            page.context.close()
            result[size] = {action: summary(runs) for action, runs in measured.items()}
            for action, figures in result[size].items():
                print(f"{size:10} {action:8} click→paint {figures['median_ms']:8} ms   "
                      f"longest task {figures['longest_task_ms']:7} ms")
        browser.close()
    httpd.shutdown()
    keep("big_network" + ("" if not args.dist else "-" + args.dist.name), result)


if __name__ == "__main__":
    main()
