"""Start-up benchmark: how much Tend adds to a bare Pyodide boot, measured in one run.

Not a test: it prints figures and writes bench/results/startup.json. Every figure is a
median over several fresh loads (new browser context: empty cache, no service worker),
and the headline is a ratio, app-ready over bare ``loadPyodide()``, because both halves
are taken on the same machine minutes apart, which keeps machine noise out of it. The
repeat visit (the daily case) is measured too: reloads after a first visit, interleaved,
of the bare page and of the app from its service worker's cache once the offline copy is
complete, with the core's memory snapshot kept and without it.

    python bench/startup.py [--runs 5] [--no-build] [--against OTHER_DIST ...]

``--against`` also loads other builds (say, main's) in the same run, interleaved with the
two halves, first visits and repeat visits from their memory snapshots, so a change is
judged by ratios taken minutes apart on the same machine.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import sys
import tarfile
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import keep  # noqa: E402

import build  # noqa: E402

BARE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>bare</title>
<script type="module">
import { loadPyodide } from "./bare/pyodide.mjs";
const base = new URL("./bare/", location.href).href;
await loadPyodide({ indexURL: base, packageBaseUrl: base });
performance.mark("bare-ready");
document.documentElement.dataset.app = "ready";
</script></head><body>bare Pyodide</body></html>"""

LONG_TASKS = """new Promise((resolve) => {
  const seen = [];
  new PerformanceObserver((list) => seen.push(...list.getEntries()))
    .observe({ type: "longtask", buffered: true });
  setTimeout(() => resolve(seen.map((e) => e.duration)), 50);
})"""


def serve(dist: Path, pages: dict[str, str] | None = None, others: Sequence[Path] = ()
          ) -> tuple[http.server.ThreadingHTTPServer, str]:
    """dist/ under /tend/, other builds under /other<N>/, and the bare page (upstream's
    runtime, and any other given pages) beside them."""
    root = Path(tempfile.mkdtemp(prefix="tend-bench-"))
    (root / "tend").symlink_to(dist, target_is_directory=True)
    for number, other in enumerate(others):
        (root / f"other{number}").symlink_to(other.resolve(), target_is_directory=True)
    for name, html in {"bare.html": BARE_PAGE, **(pages or {})}.items():
        (root / name).write_text(html)
    upstream_runtime(root / "bare")
    handler = functools.partial(build.StaticHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def upstream_runtime(target: Path) -> None:
    """Pyodide's runtime exactly as npm ships it, for the bare page.

    Tend's build swaps the stdlib modules it imports for bytecode, which would speed up
    a bare boot too; the yardstick is Pyodide as anyone gets it.
    """
    target.mkdir()
    with tarfile.open(build.CACHE / f"pyodide-{build.PYODIDE_VERSION}.tgz") as archive:
        for name in (*build.RUNTIME_FILES, "pyodide-lock.json"):
            member = archive.extractfile(f"package/{name}")
            assert member is not None, name
            (target / name).write_bytes(member.read())


def load(browser: Browser, url: str, mark: str) -> dict[str, float]:
    """One fresh load: when the mark was set, first paint, and main-thread long tasks."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("html[data-app=ready]", timeout=120_000)
    ready = page.evaluate(f"performance.getEntriesByName('{mark}')[0].startTime")
    paint = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
    )
    long_tasks = page.evaluate(LONG_TASKS)
    context.close()
    return {"ready_ms": ready, "first_paint_ms": paint or 0.0,
            "long_tasks_ms": sum(long_tasks), "longest_task_ms": max(long_tasks, default=0.0)}


def visited(browser: Browser, url: str, offline_copy: bool, memory_snapshot: bool) -> Page:
    """A page after a first visit in a context of its own. For the app, the first visit's
    offline copy is complete first, so reloads come from the service worker's cache, and
    with ``memory_snapshot`` the core's snapshot is kept too (the second start has it
    made), so reloads start from it; the bare page has the browser's HTTP cache."""
    from tests.e2e.helpers import wait_for_memory_snapshot, wait_for_offline_copy

    page = browser.new_context().new_page()
    page.goto(url)
    page.wait_for_selector("html[data-app=ready]", state="attached", timeout=180_000)
    if offline_copy:
        wait_for_offline_copy(page)
    if memory_snapshot:
        page.reload()
        wait_for_memory_snapshot(page)
    return page


def reloaded(page: Page, mark: str, started: str | None = None) -> float:
    """One repeat visit: when the mark was set after a reload."""
    page.reload()
    page.wait_for_selector("html[data-app=ready]", state="attached", timeout=180_000)
    if started:
        assert page.evaluate("document.documentElement.dataset.core") == started
    ready: float = page.evaluate(f"performance.getEntriesByName('{mark}')[0].startTime")
    return ready


SNAPSHOT_BYTES = """caches.open("tend-memory-snapshot")
  .then((cache) => cache.match(new URL("pyodide/memory-snapshot.bin", location.href)))
  .then((kept) => kept.arrayBuffer()).then((bytes) => bytes.byteLength)"""


def repeat_visits(browser: Browser, base: str, runs: int, others: int
                  ) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Ready times of reloads after a first visit, the daily case, interleaved so drift
    hits each alike: the bare page, the app from its offline copy with the core's memory
    snapshot, and without it (service worker's cache, ordinary start), and each other
    build with its snapshot ("other<N>"). Also the size of each snapshot the browser kept
    (under the same names)."""
    bare = visited(browser, base + "bare.html", False, False)
    snapshots = {"snapshot": visited(browser, base + "tend/", True, True)}
    snapshots.update({f"other{n}": visited(browser, base + f"other{n}/", True, True)
                      for n in range(others)})
    plain = visited(browser, base + "tend/", True, False)
    sizes = {name: page.evaluate(SNAPSHOT_BYTES) for name, page in snapshots.items()}
    times: dict[str, list[float]] = {"bare": [], "plain": [], **{name: [] for name in snapshots}}
    for _ in range(runs):
        times["bare"].append(reloaded(bare, "bare-ready"))
        for name, page in snapshots.items():
            times[name].append(reloaded(page, "tend-ready", "snapshot"))
        # The plain page's snapshot is thrown away before each reload.
        plain.evaluate("caches.delete('tend-memory-snapshot')")
        times["plain"].append(reloaded(plain, "tend-ready", "plain"))
    for page in (bare, plain, *snapshots.values()):
        page.context.close()
    return times, sizes


def median(runs: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", type=Path, nargs="*", default=[],
                        help="other builds to load in the same run")
    parser.add_argument("--no-build", action="store_true",
                        help="measure dist/ as it is (its sizes are then not reported)")
    args = parser.parse_args()
    dist = ROOT / "dist"
    sizes = {} if args.no_build else build.build(dist)
    httpd, base = serve(dist, others=args.against)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        bare, app = [], []
        others: list[list[dict[str, float]]] = [[] for _ in args.against]
        for _ in range(args.runs):  # interleaved, so drift hits every half alike
            bare.append(load(browser, base + "bare.html", "bare-ready"))
            app.append(load(browser, base + "tend/", "tend-ready"))
            for number, runs in enumerate(others):
                runs.append(load(browser, base + f"other{number}/", "tend-ready"))
        repeat, snapshot_bytes = repeat_visits(browser, base, args.runs, len(args.against))
        browser.close()
    httpd.shutdown()
    result = {
        "runs": args.runs,
        "bare_pyodide_ms": median(bare, "ready_ms"),
        "app_ready_ms": median(app, "ready_ms"),
        "ready_over_bare": round(median(app, "ready_ms") / median(bare, "ready_ms"), 2),
        "repeat_bare_pyodide_ms": round(statistics.median(repeat["bare"]), 1),
        "repeat_app_ready_ms": round(statistics.median(repeat["snapshot"]), 1),
        "repeat_ready_over_bare": round(statistics.median(repeat["snapshot"])
                                        / statistics.median(repeat["bare"]), 2),
        "snapshot_bytes": snapshot_bytes["snapshot"],
        "repeat_without_snapshot_ms": round(statistics.median(repeat["plain"]), 1),
        "repeat_without_snapshot_over_bare": round(statistics.median(repeat["plain"])
                                                   / statistics.median(repeat["bare"]), 2),
        "first_paint_ms": median(app, "first_paint_ms"),
        "first_paint_over_bare": round(median(app, "first_paint_ms") / median(bare, "ready_ms"), 3),
        # Pyodide on the main thread (the bare page) against Tend's worker: how long the
        # page cannot answer a click while Python boots.
        "bare_longest_main_thread_task_ms": median(bare, "longest_task_ms"),
        "app_longest_main_thread_task_ms": median(app, "longest_task_ms"),
        "app_main_thread_long_tasks_ms": median(app, "long_tasks_ms"),
        **{f"dist_{name}": value for name, value in sizes.items()},
    }
    for number, (other, runs) in enumerate(zip(args.against, others, strict=True)):
        result[f"other{number}_build"] = str(other)
        result[f"other{number}_ready_over_bare"] = round(
            median(runs, "ready_ms") / median(bare, "ready_ms"), 2)
        result[f"other{number}_repeat_ready_over_bare"] = round(
            statistics.median(repeat[f"other{number}"]) / statistics.median(repeat["bare"]), 2)
        result[f"other{number}_snapshot_bytes"] = snapshot_bytes[f"other{number}"]
        result[f"other{number}_gzip_bytes"] = sum(
            len(gzip.compress(f.read_bytes(), mtime=0)) for f in other.rglob("*") if f.is_file())
    keep("startup", result)
    for key, value in result.items():
        print(f"{key:34} {value}")


if __name__ == "__main__":
    main()
