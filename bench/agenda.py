"""Agenda benchmark: how the core scales with the size of a network, in one run.

Not a test: it prints figures and writes bench/results/agenda.json. For 150, 1,500
and 10,000 contacts (each with five interactions, and a date and a favour for one in
five) it times loading from stored entries, the Today agenda and rendering the Today
view (median of several runs), and reports each as a ratio to the 150-contact case.
The entries are storage as Tend keeps it after its first start (bench/storage.py's
``rewritten``: records not edited for weeks packed), made once in CPython and measured
as the same text in both Pythons; what is stored per record is bench/storage.py's subject.

With ``--pyodide`` the same sizes are measured in the same run inside Chromium's Pyodide,
from the built dist/ (this file's own ``measure`` runs there, on the shipped core), and
each figure is also given as Pyodide over CPython.

    python bench/agenda.py [--runs 5] [--pyodide]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from core.model import (  # noqa: E402
    Contact,
    DateKind,
    Favour,
    FavourDirection,
    ImportantDate,
    Interaction,
    Layer,
    Record,
)
from core.network import Network  # noqa: E402
from core.rules.agenda import agenda  # noqa: E402
from core.storage.codec import encode, key_for  # noqa: E402
from core.storage.loading import load_network  # noqa: E402
from core.views.router import today_view  # noqa: E402

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
MADE = datetime(2025, 1, 1, 9, tzinfo=UTC)  # when the people were added
SIZES = (150, 1_500, 10_000)


def records_for(size: int) -> list[Record]:
    """A network of ``size`` people with a plausible spread of history."""
    layers = list(Layer)
    made: list[Record] = []
    for n in range(size):
        cid = f"c{n}"
        made.append(Contact(id=cid, name=f"Person {n}", layer=layers[n % 4],
                            groups=(f"G{n % 12}",),
                            weak_tie=n % 7 == 0, added_on=date(2025, 1, 1), updated_at=MADE))
        for k in range(5):
            on = TODAY - timedelta(days=(n * 7 + k * 45) % 400)
            made.append(Interaction(id=f"{cid}i{k}", contact_id=cid, on=on,
                                    note="Talked about the new project",
                                    updated_at=datetime.combine(on, NOW.timetz())))
        if n % 5 == 0:
            made.append(ImportantDate(id=f"{cid}d", contact_id=cid, kind=DateKind.BIRTHDAY,
                                      month=n % 12 + 1, day=n % 28 + 1, updated_at=MADE))
            made.append(Favour(id=f"{cid}f", contact_id=cid, direction=FavourDirection.RECEIVED,
                               what="An introduction", on=date(2026, 5, 1),
                               updated_at=datetime(2026, 5, 1, 9, tzinfo=UTC)))
    return made


def timed(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def fresh(network: Network) -> Network:
    """The same records in a network that has worked nothing out yet: a network keeps
    its agenda and indexes while it lives, so timing one twice would time a lookup."""
    return replace(network)


def stored(size: int) -> dict[str, str]:
    """Storage holding a network of ``size`` as Tend keeps it after its first start."""
    from storage import rewritten

    return rewritten({key_for(r): encode(r) for r in records_for(size)})


def measure(runs: int, storages: dict[str, dict[str, str]]) -> dict[str, dict[str, float]]:
    """Each size's figures in this Python, with ratios to the 150-contact case;
    ``storages``: each size's stored entries (``stored``)."""
    result: dict[str, dict[str, float]] = {}
    for size in SIZES:
        entries = storages[str(size)]
        network = load_network(entries).network
        items = agenda(network, TODAY)
        result[str(size)] = {
            "load_ms": round(timed(lambda e=entries: load_network(e), runs), 1),
            "agenda_ms": round(timed(lambda n=network: agenda(fresh(n), TODAY), runs), 1),
            "today_view_ms": round(timed(lambda n=network: today_view(fresh(n), TODAY), runs),
                                   1),
            "agenda_items": len(items),
            "stored_chars": sum(len(k) + len(v) for k, v in entries.items()),
        }
    base = result[str(SIZES[0])]
    for size in SIZES[1:]:
        row = result[str(size)]
        for key in ("load_ms", "agenda_ms", "today_view_ms"):
            row[key.replace("_ms", "_over_150")] = round(row[key] / base[key], 1)
    return result


# Runs in a page of the built site that does not boot the app: Pyodide and the shipped
# core, then this file, written into Pyodide's file system and imported.
IN_PYODIDE = """async ([base, source, runs, storages]) => {
  const { loadPyodide } = await import(base + "pyodide/pyodide.mjs");
  const at = base + "pyodide/";
  const pyodide = await loadPyodide({ indexURL: at, packageBaseUrl: at });
  await pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
  pyodide.FS.writeFile("/home/pyodide/agenda_bench.py", source);
  pyodide.FS.writeFile("/home/pyodide/storages.json", storages);
  return pyodide.runPython(`import json, sys
sys.path.insert(0, "/home/pyodide")
import agenda_bench
with open("/home/pyodide/storages.json", encoding="utf-8") as file:
    storages = json.load(file)
json.dumps(agenda_bench.measure(${runs}, storages))`);
}"""


def in_pyodide(runs: int, storages: dict[str, dict[str, str]]) -> dict[str, dict[str, float]]:
    """The same figures inside Chromium's Pyodide, on dist/ as it was last built."""
    import threading

    from playwright.sync_api import sync_playwright

    import build

    httpd = build.server(ROOT / "dist", port=0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(base + "pyodide/pyodide-lock.json")
            answer = page.evaluate(IN_PYODIDE, [base, Path(__file__).read_text(), runs,
                                                json.dumps(storages)])
            browser.close()
    finally:
        httpd.shutdown()
    figures: dict[str, dict[str, float]] = json.loads(answer)
    return figures


def main() -> None:
    from results_file import keep

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pyodide", action="store_true",
                        help="also measure inside Chromium's Pyodide (needs a built dist/)")
    args = parser.parse_args()
    storages = {str(size): stored(size) for size in SIZES}
    cpython = measure(args.runs, storages)
    result: dict[str, object] = {"cpython": cpython}
    if args.pyodide:
        pyodide = in_pyodide(args.runs, storages)
        result["pyodide"] = pyodide
        result["pyodide_over_cpython"] = {
            size: {key: round(pyodide[size][key] / value, 1)
                   for key, value in row.items() if key.endswith("_ms") and value}
            for size, row in cpython.items()}
    keep("agenda", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
