"""What the passphrase lock costs, at 1,500 people, locked against unlocked in one run.

Not a test: it prints figures and writes bench/results/lock.json. Each figure is a
median over fresh loads of the built app in Chromium (service worker blocked):

- start-up: unlocked, navigation to ``tend-ready``; locked, navigation to the passphrase
  form, and the passphrase's submit to Today on screen (the key made from it, every
  record opened, the core started on them). The ratios are against the unlocked start;
- one edit's write: the shell's ``storage.writeAll`` of one person's record (sealing it
  when locked, journal and Web Lock as always), and the characters it stores.

    python bench/lock.py [--runs 5] [--people 1500]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from agenda import records_for  # noqa: E402
from results_file import keep  # noqa: E402
from startup import serve  # noqa: E402

import build  # noqa: E402
from core.storage.codec import encode, key_for  # noqa: E402

PASSPHRASE = "a walk along the river"
WRITES = 30
FILL = """(entries) => {
  localStorage.clear();
  for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
}"""
DUMP = "() => Object.fromEntries(Object.entries(localStorage))"
# One person's record written back as the core would write it, WRITES times: the mean time
# of one storage.writeAll, and the characters stored for it.
WRITE_ONE = """async ([key, times]) => {
  const { storage } = await import(new URL("shell/storage.mjs", location.href).href);
  const value = await storage.plain(key, localStorage.getItem(key));
  const started = performance.now();
  for (let i = 0; i < times; i += 1) await storage.writeAll([{ key, value }]);
  return [(performance.now() - started) / times, key.length + localStorage.getItem(key).length];
}"""


def ready_ms(page: Page) -> float:
    page.wait_for_selector("html[data-app=ready]", state="attached", timeout=120_000)
    return float(page.evaluate("performance.getEntriesByName('tend-ready')[0].startTime"))


def locked_store(browser: Browser, url: str, entries: dict[str, str]) -> dict[str, str]:
    """The same entries locked through the app, as a user locks them."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(url)
    ready_ms(page)
    page.evaluate(FILL, entries)
    page.goto(url + "#/data")
    page.reload()
    ready_ms(page)
    page.locator("#lock-passphrase").fill(PASSPHRASE)
    page.locator("#lock-passphrase_again").fill(PASSPHRASE)
    page.locator("#lock-understood").check()
    page.get_by_role("button", name="Lock Tend").click()
    expect(page.locator("#notice")).to_contain_text("Locked.", timeout=120_000)
    stored: dict[str, str] = page.evaluate(DUMP)
    context.close()
    return stored


def one_start(browser: Browser, url: str, stored: dict[str, str], locked: bool,
              edit_key: str) -> dict[str, float]:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(url + "missing.txt")  # the origin, without starting the app
    page.evaluate(FILL, stored)
    page.goto(url)
    start = ready_ms(page)
    result = {"ready_ms": start}
    if locked:
        expect(page.get_by_role("heading", level=1)).to_have_text("Tend is locked")
        page.get_by_label("Passphrase").fill(PASSPHRASE)
        clicked = time.perf_counter()
        page.get_by_role("button", name="Open Tend").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Today", timeout=120_000)
        result["open_ms"] = (time.perf_counter() - clicked) * 1000
    write_ms, chars = page.evaluate(WRITE_ONE, [edit_key, WRITES])
    result |= {"write_ms": write_ms, "write_chars": chars}
    context.close()
    return result


def median(runs: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=1_500)
    parser.add_argument("--no-build", action="store_true", help="use dist/ as it is")
    args = parser.parse_args()
    dist = ROOT / "dist"
    if not args.no_build:
        build.build(dist)
    records = records_for(args.people)
    entries = {key_for(r): encode(r) for r in records}
    edit_key = key_for(records[0])
    httpd, base = serve(dist)
    url = base + "tend/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        sealed = locked_store(browser, url, entries)
        plain, locked = [], []
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            plain.append(one_start(browser, url, entries, False, edit_key))
            locked.append(one_start(browser, url, sealed, True, edit_key))
        browser.close()
    httpd.shutdown()
    unlocked_start = median(plain, "ready_ms")
    locked_start = median(locked, "ready_ms") + median(locked, "open_ms")
    result = {
        "runs": args.runs, "people": args.people, "records": len(entries),
        "stored_chars_plain": sum(len(k) + len(v) for k, v in entries.items()),
        "stored_chars_locked": sum(len(k) + len(v) for k, v in sealed.items()),
        "unlocked_ready_ms": unlocked_start,
        "locked_form_ready_ms": median(locked, "ready_ms"),
        "locked_open_after_passphrase_ms": median(locked, "open_ms"),
        "locked_start_over_unlocked": round(locked_start / unlocked_start, 2),
        "open_after_passphrase_over_unlocked_start": round(
            median(locked, "open_ms") / unlocked_start, 2),
        "edit_write_unlocked_ms": median(plain, "write_ms"),
        "edit_write_locked_ms": median(locked, "write_ms"),
        "edit_write_locked_over_unlocked": round(
            median(locked, "write_ms") / median(plain, "write_ms"), 2),
        "edit_chars_unlocked": median(plain, "write_chars"),
        "edit_chars_locked": median(locked, "write_chars"),
    }
    keep("lock", result)
    for key, value in result.items():
        print(f"{key:42} {value}")


if __name__ == "__main__":
    main()
