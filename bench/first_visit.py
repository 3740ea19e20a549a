"""First-visit benchmark: what a first visit downloads before Tend is ready, against the budget.

Not a test: it prints figures and writes bench/results/first_visit.json. Two views of the
same thing:

* **listed**: the files the service worker caches when it installs (its ``FILES`` list;
  what it caches only after the app is ready, ``LATER``, is counted apart), each gzipped
  as a server would send it, grouped into the Pyodide runtime, wheels, site and guide;
* **measured**: a fresh load in Chromium with the service worker blocked, counting every
  response the page and its worker receive (CDP ``Network.loadingFinished``) until the
  page says it is ready. The loopback server sends files uncompressed, so the bytes on
  the wire are raw; each is gzipped here too, to compare with the budget.

The budget (issue 17): the runtime plus 2 MB gzip, the runtime being Pyodide's as upstream
ships it (the build's own stdlib zip holds only what a start imports).

    python bench/first_visit.py [--dist DIR] [--against OTHER_DIST ...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import keep  # noqa: E402
from startup import serve  # noqa: E402

import build  # noqa: E402

BUDGET_ABOVE_RUNTIME = 2_000_000
RUNTIME = {f"pyodide/{name}" for name in (*build.RUNTIME_FILES, "pyodide-lock.json")}


def group(name: str) -> str:
    if name in RUNTIME:
        return "runtime"
    if name.endswith(".whl"):
        return "wheels"
    if name.startswith("guide/"):
        return "guide"
    return "site"


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), mtime=0))


def upstream_runtime_gzip() -> int:
    """Pyodide's runtime files as the pinned npm package holds them, gzipped."""
    with tarfile.open(build.CACHE / f"pyodide-{build.PYODIDE_VERSION}.tgz") as archive:
        members = [archive.extractfile(f"package/{name}") for name in build.RUNTIME_FILES]
        return sum(len(gzip.compress(member.read(), mtime=0)) for member in members if member)


def sw_lists(dist: Path) -> tuple[list[str], list[str]]:
    """The service worker's install list and its after-ready list (empty on older builds)."""
    sw = (dist / "sw.js").read_text()
    lists = []
    for name in ("FILES", "LATER"):
        found = re.search(rf"const {name} = (\[.*?\]);", sw, re.S)
        lists.append(json.loads(found.group(1)) if found else [])
    return lists[0], lists[1]


def by_group(dist: Path, names: list[str]) -> dict[str, int]:
    sizes = {"runtime": 0, "wheels": 0, "site": 0, "guide": 0}
    for name in names:
        sizes[group(name)] += gzipped(dist / name)
    return sizes


def measured(dist: Path, base: str, prefix: str) -> dict[str, object]:
    """A fresh load's downloads until ready, from Chromium's own network events."""
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        urls: dict[str, str] = {}
        wire: dict[str, int] = {}

        def watch(session: object) -> None:
            session.send("Network.enable")  # type: ignore[attr-defined]
            session.on("Network.responseReceived",  # type: ignore[attr-defined]
                       lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
            session.on("Network.loadingFinished",  # type: ignore[attr-defined]
                       lambda e: wire.__setitem__(e["requestId"], e["encodedDataLength"]))

        watch(context.new_cdp_session(page))
        # Playwright sees the core worker's requests too; CDP's page session may not.
        seen: list[str] = []
        context.on("requestfinished", lambda request: seen.append(request.url))
        page.goto(base + prefix)
        page.wait_for_selector("html[data-app=ready]", timeout=180_000)
        browser.close()
    fetched = sorted({urlsplit(u).path for u in [*urls.values(), *seen]})
    raw = sum(wire.values())
    names = [path.removeprefix("/" + prefix) for path in fetched if path.startswith("/" + prefix)]
    names = ["index.html" if n == "" else n for n in names]
    present = [n for n in names if (dist / n).is_file()]
    # CDP's page session sees the page's own requests, not the core worker's: its bytes
    # undercount; the files Playwright saw (worker's too) are gzipped from dist/.
    return {"requests_seen": len(seen), "cdp_requests_seen": len(wire),
            "cdp_page_bytes_on_wire": raw, "files": present,
            "gzip_by_group": by_group(dist, present)}


def figures(dist: Path, base: str, prefix: str) -> dict[str, object]:
    install, later = sw_lists(dist)
    listed = by_group(dist, install)
    runtime = upstream_runtime_gzip()
    real = measured(dist, base, prefix)
    pre_ready = sum(real["gzip_by_group"].values())  # type: ignore[attr-defined]
    return {
        "install_gzip_by_group": listed,
        "install_gzip_total": sum(listed.values()),
        "install_files": len(install),
        "later_gzip_total": sum(gzipped(dist / n) for n in later),
        "later_files": len(later),
        "upstream_runtime_gzip": runtime,
        "budget_gzip": runtime + BUDGET_ABOVE_RUNTIME,
        "install_within_budget": sum(listed.values()) <= runtime + BUDGET_ABOVE_RUNTIME,
        "ready_fetched_files": len(real["files"]),  # type: ignore[arg-type]
        "cdp_page_bytes_on_wire": real["cdp_page_bytes_on_wire"],
        "ready_fetched_gzip_by_group": real["gzip_by_group"],
        "ready_fetched_gzip_total": pre_ready,
        "ready_within_budget": pre_ready <= runtime + BUDGET_ABOVE_RUNTIME,
        "dist_gzip_total": sum(gzipped(dist / n) for n in build.build_files(dist)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, help="a built dist/ (default: build one)")
    parser.add_argument("--against", type=Path, nargs="*", default=[],
                        help="other builds (say, main's) to measure the same way")
    args = parser.parse_args()
    dist = args.dist.resolve() if args.dist else ROOT / "dist"
    if not args.dist:
        build.build(dist)
    httpd, base = serve(dist, others=args.against)
    result = {"this": figures(dist, base, "tend/")}
    for number, other in enumerate(args.against):
        result[str(other)] = figures(other.resolve(), base, f"other{number}/")
    httpd.shutdown()
    keep("first_visit", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
