"""People import benchmark in the browser: 5,000 LinkedIn connections and 5,000 vCards.

Not a test: it prints figures and writes bench/results/import_browser.json. One Chromium,
one page per file (a fresh context, so each import starts from an empty book), against a
bare ``loadPyodide()`` page in the same run. For each file: the time from choosing it to
its preview, from confirming "import all" to done, and the longest main-thread task
(PerformanceObserver 'longtask') in each span. Headlines are ratios against the bare
boot, taken minutes apart on the same machine, which keeps machine noise out of them.

    python bench/import_browser.py [--rows 5000] [--runs 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import keep  # noqa: E402
from startup import load, serve  # noqa: E402

import build  # noqa: E402

# Gathers every long task from the first script on, so each span can take its own.
WATCH = """window.__long = [];
new PerformanceObserver((list) => window.__long.push(
  ...list.getEntries().map((e) => [e.startTime, e.duration])))
  .observe({ type: "longtask", buffered: true });"""
PICKER = "Contacts file, calendar or messages"


def connections(rows: int) -> str:
    """LinkedIn's Connections.csv: its notes above the header, a blank line, then rows."""
    lines = ['Notes:', '"When exporting your connection data, you may notice that some of '
             'the email addresses are missing."', "",
             "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Ana{n},Ruiz{n},https://www.linkedin.com/in/ana-ruiz-{n},"
              f"{f'ana{n}@example.org' if n % 3 == 0 else ''},\"Solar Co, {n % 40}\","
              f"Engineer,{1 + n % 28:02d} Mar {2015 + n % 10}" for n in range(rows)]
    return "\r\n".join(lines) + "\r\n"


def vcards(rows: int) -> str:
    """An iPhone-shaped vCard 3.0 export: name parts, work, two numbers, a labelled date,
    a note and groups on every card."""
    cards = [f"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n"
             f"N:Lima{n};Inés;;;\r\nFN:Inés Lima{n}\r\nORG:Solar Co;Field {n % 9}\r\n"
             f"TITLE:Site lead\r\nEMAIL;type=INTERNET;type=HOME:ines{n}@example.org\r\n"
             f"TEL;type=CELL:+351 912 {n:06d}\r\nTEL;type=WORK:+351 213 {n:06d}\r\n"
             f"item1.X-ABDATE:2016-{1 + n % 12:02d}-04\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\n"
             f"NOTE:Met at the meetup {n}.\\nPrefers calls after 6pm.\r\n"
             f"CATEGORIES:Climate,Friends\r\nBDAY:19{50 + n % 49}-03-07\r\nEND:VCARD\r\n"
             for n in range(rows)]
    return "".join(cards)


def longest(page: Page, since: float, until: float) -> float:
    """The longest main-thread task that began in the span (page clock, ms)."""
    tasks = page.evaluate("window.__long")
    return max((d for s, d in tasks if since <= s <= until), default=0.0)


def one_import(browser: Browser, url: str, path: Path, rows: int) -> dict[str, float]:
    """A fresh page: boot, choose the file, read it, import all; each span timed."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(url + "#/data")
    page.wait_for_selector("html[data-app=ready]", state="attached", timeout=120_000)
    marks = [page.evaluate("performance.now()")]
    started = time.perf_counter()
    page.get_by_label(PICKER).set_input_files(path)
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#notice")).to_contain_text(f"{rows} people found",
                                                    timeout=300_000)
    preview_s = time.perf_counter() - started
    marks.append(page.evaluate("performance.now()"))
    started = time.perf_counter()
    page.get_by_role("button", name=f"Import all {rows} as suggested").click()
    expect(page.locator("#notice")).to_contain_text(f"Imported {rows} new people",
                                                    timeout=300_000)
    confirm_s = time.perf_counter() - started
    marks.append(page.evaluate("performance.now()"))
    result = {"preview_ms": preview_s * 1000, "confirm_ms": confirm_s * 1000,
              "preview_longest_task_ms": longest(page, marks[0], marks[1]),
              "confirm_longest_task_ms": longest(page, marks[1], marks[2])}
    context.close()
    return result


def median(runs: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    dist = ROOT / "dist"
    build.build(dist)
    httpd, base = serve(dist)
    files = Path(tempfile.mkdtemp(prefix="tend-import-bench-"))
    (files / "Connections.csv").write_text(connections(args.rows), encoding="utf-8")
    (files / "contacts.vcf").write_text(vcards(args.rows), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        bare, linkedin, vcf = [], [], []
        for _ in range(args.runs):  # interleaved, so drift hits every part alike
            bare.append(load(browser, base + "bare.html", "bare-ready"))
            linkedin.append(one_import(browser, base + "tend/", files / "Connections.csv",
                                       args.rows))
            vcf.append(one_import(browser, base + "tend/", files / "contacts.vcf", args.rows))
        browser.close()
    httpd.shutdown()
    boot = median(bare, "ready_ms")
    result: dict[str, float] = {"runs": args.runs, "rows": args.rows, "bare_pyodide_ms": boot}
    for name, runs in (("linkedin", linkedin), ("vcard", vcf)):
        for key in ("preview_ms", "confirm_ms", "preview_longest_task_ms",
                    "confirm_longest_task_ms"):
            result[f"{name}_{key}"] = median(runs, key)
        result[f"{name}_preview_over_bare"] = round(median(runs, "preview_ms") / boot, 2)
        result[f"{name}_confirm_over_bare"] = round(median(runs, "confirm_ms") / boot, 2)
    keep("import_browser", result)
    for key, value in result.items():
        print(f"{key:34} {value}")


if __name__ == "__main__":
    main()
