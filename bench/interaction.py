"""Click benchmark: from a click to the new view painted, at 150, 1,500 and 5,000 people.

Not a test: it prints a table and writes bench/results/interaction.json. One Chromium; for
each size and each build a fresh page is seeded through localStorage and reloaded, then
driven through Today, People, Health, This week, a person's page and logging a
conversation on it, ``--runs`` times in that order (so every round after the first starts
just after a write, as a day's use does). Each click is timed from the event to the first
frame painted after the view's children changed (bench/big_network.py's timer: the
mutation, then a requestAnimationFrame and a task), and the longest main-thread
'longtask' seen meanwhile is kept; each click is also split into the wait for the
worker's answer (the core, and JSON across), the page's own work until the view changed
(writes, innerHTML) and the frame until it was painted. With ``--vs REF`` the same run
measures a checkout of REF too, interleaved size by size, and the table gives this
build's median over REF's.
With ``--profile`` each view's request is also timed stage by stage inside Pyodide (a
page that loads the core on its main thread, as the worker does), so a fix starts from
where the time goes.

    python bench/interaction.py [--runs 5] [--sizes 150x10,1500x10,5000x10] [--vs main]
                                [--no-build] [--profile]

Storage is seeded as Tend keeps it after its first start (``bench/storage.py``'s
``rewritten``: records not edited for weeks packed), which is how 5,000 people with 10
interactions each fit in localStorage.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from big_network import GO, PROFILE_PAGE, records, seeded_page  # noqa: E402
from results_file import keep  # noqa: E402
from startup import serve  # noqa: E402
from storage import rewritten  # noqa: E402

import build  # noqa: E402

ACTIONS = ("today", "people", "health", "week", "person", "log")
LOG = """(note) => bench.time(() => {
  const form = document.querySelector("#view form[data-action=log_interaction]");
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  form.elements.namedItem("on").value =
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  form.elements.namedItem("note").value = note;
  form.requestSubmit();
})"""
# Before the page's scripts: the moment each answer comes back from the worker.
ANSWERS = """window.__answers = [];
const RealWorker = window.Worker;
window.Worker = class extends RealWorker {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", () => window.__answers.push(performance.now()));
  }
};"""
# Assigning the same HTML again, then forcing style and layout: what the shell's
# innerHTML costs for the view on screen.
INNER_HTML = """() => {
  const view = document.getElementById("view");
  const html = view.innerHTML;
  const start = performance.now();
  view.innerHTML = html;
  view.getBoundingClientRect();
  document.body.offsetHeight;
  return { ms: performance.now() - start, chars: html.length };
}"""


def drive(page: Page, runs: int, people: int) -> dict[str, list[dict[str, float]]]:
    """Each view `runs` times; each result is click→paint and the longest task."""
    out: dict[str, list[dict[str, float]]] = {action: [] for action in ACTIONS}
    inner: list[dict[str, float]] = []
    for n in range(runs):
        person = f"#/people/p{(n * 37 + 11) % people:07d}"
        page.evaluate(GO, "#/people" if n else "#/health")
        for action, route in (("today", "#/today"), ("people", "#/people"),
                              ("health", "#/health"), ("week", "#/week"), ("person", person)):
            out[action].append(page.evaluate(GO, route))
        inner.append(page.evaluate(INNER_HTML))
        out["log"].append(page.evaluate(LOG, f"Lunch, round {n}: the move to Lisbon."))
    out["inner_html_person"] = inner
    return out


def summary(runs: list[dict[str, float]]) -> dict[str, float]:
    figures = {"median_ms": round(statistics.median(r["ms"] for r in runs), 1),
               "longest_task_ms": round(max(r.get("longest", r["ms"]) for r in runs), 1)}
    for part in ("worker", "page", "frame"):
        if all(part in r for r in runs):
            figures[f"{part}_ms"] = round(statistics.median(r[part] for r in runs), 1)
    return figures


def reference_dist(ref: str) -> Path:
    """REF checked out beside this one and built there, with its own build.py."""
    where = Path(tempfile.mkdtemp(prefix="tend-ref-")) / "checkout"
    subprocess.run(["git", "worktree", "add", "--detach", str(where), ref], cwd=ROOT,
                   check=True, capture_output=True)
    (where / ".cache").symlink_to(build.CACHE.resolve(), target_is_directory=True)
    script = "import build, pathlib; build.build(pathlib.Path('dist'))"
    subprocess.run([sys.executable, "-c", script], cwd=where, check=True,
                   env={**os.environ, "PYTHONPATH": str(where)})
    return where / "dist"


# Times one request stage by stage: each stage's functions are wrapped where they are
# looked up, so what is timed is what the real request calls.
STAGES = """
import json, time
from core.app import App
import core.app as app_module, core.protocol as protocol, core.views.router as router
import core.views.render as render_module, core.rules.agenda as agenda_module
spent = {}
def timed(module, name, stage):
    real = getattr(module, name)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + (time.perf_counter() - started) * 1000
    setattr(module, name, wrapper)
started = time.perf_counter()
app = App.from_storage_json(ENTRIES)
load_ms = (time.perf_counter() - started) * 1000
timed(app_module, "reply_json", "answer to JSON")
timed(app_module, "usage", "storage usage")
for module in (app_module, router, agenda_module):
    timed(module, "agenda", "agenda")
import sys
original_render = render_module.render
for module in [m for n, m in list(sys.modules.items()) if n.startswith("core.")]:
    if getattr(module, "render", None) is original_render:
        timed(module, "render", "Jinja render")
real_parse = protocol.Request.model_validate_json
def request(event):
    return json.dumps({"event": event, "today": TODAY, "now": NOW, "new_id": "benchid00001",
                       "page": "http://127.0.0.1/", "room": {"extras": 0, "others": 0}})
out = {"load_ms": round(load_ms, 1)}
for name, event in json.loads(EVENTS) * 2:  # the second round is kept: templates compiled
    app.handle_json(request({"type": "navigate", "route": "#/people"}))
    text = request(event)
    spent.clear()
    started = time.perf_counter()
    parsed = real_parse(text)
    spent["request parse"] = (time.perf_counter() - started) * 1000
    answer = app.handle(parsed)
    answered = app_module.reply_json(answer)
    total = (time.perf_counter() - started) * 1000
    figures = {stage: round(ms, 1) for stage, ms in spent.items()}
    figures["total"] = round(total, 1)
    figures["answer_chars"] = len(answered)
    out[name] = figures
json.dumps(out)
"""


def stages_in_pyodide(browser: Browser, base: str, entries: dict[str, str],
                      people: int) -> dict[str, Any]:
    page = browser.new_context(service_workers="block").new_page()
    page.goto(base + "profile.html")
    page.wait_for_selector("html[data-app=ready]", timeout=120_000)
    today = date.today().isoformat()
    events = [("today", {"type": "navigate", "route": "#/today"}),
              ("people", {"type": "navigate", "route": "#/people"}),
              ("health", {"type": "navigate", "route": "#/health"}),
              ("week", {"type": "navigate", "route": "#/week"}),
              ("person", {"type": "navigate", "route": f"#/people/p{37 % people:07d}"}),
              ("log", {"type": "log_interaction",
                       "fields": {"contact_id": [f"p{37 % people:07d}"], "on": [today],
                                  "kind": ["call"], "note": ["Lunch."]}})]
    result = page.evaluate("""([code, entries, events, today, now]) => {
      const globals = pyodide.toPy({ ENTRIES: entries, EVENTS: events, TODAY: today, NOW: now });
      return pyodide.runPython(code, { globals });
    }""", [STAGES, json.dumps(entries), json.dumps(events), today,
           datetime.now(UTC).isoformat()])
    page.context.close()
    stages: dict[str, Any] = json.loads(result)
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="150x10,1500x10,5000x10")
    parser.add_argument("--vs", help="a git ref to measure in the same run (say, main)")
    parser.add_argument("--no-build", action="store_true", help="measure dist/ as it is")
    parser.add_argument("--profile", action="store_true",
                        help="also time each request's stages inside Pyodide")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",")]
    dist = ROOT / "dist"
    if not args.no_build:
        build.build(dist)
    builds = {"this": dist}
    if args.vs:
        builds[args.vs] = reference_dist(args.vs)
    others = [path for name, path in builds.items() if name != "this"]
    httpd, base = serve(dist, {"profile.html": PROFILE_PAGE}, others=others)
    urls = {"this": base + "tend/", **{name: base + f"other{n}/"
                                      for n, name in enumerate(n for n in builds if n != "this")}}
    result: dict[str, Any] = {"runs": args.runs, "builds": {k: str(v) for k, v in builds.items()}}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for people, each in sizes:
            # As Tend keeps them after its first start: settled records packed.
            entries = rewritten(records(people, each))
            size = f"{people}x{each}"
            result[size] = {"stored_chars": sum(len(k) + len(v) for k, v in entries.items())}
            for name, url in urls.items():
                page = seeded_page(browser, url, entries, before=ANSWERS)
                measured = drive(page, args.runs, people)
                page.context.close()
                result[size][name] = {action: summary(runs) for action, runs in measured.items()}
            if args.profile:
                for profiled in {(people, each), (people, 10)}:
                    label = f"{profiled[0]}x{profiled[1]}"
                    result.setdefault("pyodide_stages", {})[label] = stages_in_pyodide(
                        browser, base, records(*profiled), people)
            report(size, result[size], args.vs)
        browser.close()
    httpd.shutdown()
    for label, stages in result.get("pyodide_stages", {}).items():
        print(f"\ninside Pyodide, {label} (ms):")
        for view, figures in stages.items():
            print(f"  {view:8} {figures}")
    keep("interaction", result)


def report(size: str, figures: dict[str, Any], vs: str | None) -> None:
    """One size's table: median click→paint and longest task, and the ratio over REF."""
    print(f"\n{size} ({figures['stored_chars']:,} characters stored)")
    header = f"  {'view':18} {'median ms':>10} {'longest task':>13} {'worker/page/frame':>18}"
    if vs:
        header += f" {vs + ' median':>14} {vs + ' longest':>14} {'ratio':>7}"
    print(header)
    for action in (*ACTIONS, "inner_html_person"):
        mine = figures["this"][action]
        parts = "/".join(str(mine.get(f"{p}_ms", "-")) for p in ("worker", "page", "frame"))
        line = f"  {action:18} {mine['median_ms']:10} {mine['longest_task_ms']:13} {parts:>18}"
        if vs:
            theirs = figures[vs][action]
            ratio = mine["median_ms"] / theirs["median_ms"] if theirs["median_ms"] else 0.0
            line += f" {theirs['median_ms']:14} {theirs['longest_task_ms']:14} {ratio:7.2f}"
        print(line)


if __name__ == "__main__":
    main()
