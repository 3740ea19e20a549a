"""Agenda benchmark: how the core scales with the size of a network, in one run.

Not a test: it prints figures and writes bench/results/agenda.json. For 150, 1,500
and 10,000 contacts (each with five interactions, and a date and a favour for one in
five) it times loading from stored entries, the Today agenda and rendering the Today
view (median of several runs), and reports each as a ratio to the 150-contact case.
What is stored per record is bench/storage.py's subject.

    python bench/agenda.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import keep  # noqa: E402

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
from core.rules.agenda import agenda  # noqa: E402
from core.storage.codec import encode, key_for, load_network  # noqa: E402
from core.views.router import today_view  # noqa: E402

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SIZES = (150, 1_500, 10_000)


def records_for(size: int) -> list[Record]:
    """A network of ``size`` people with a plausible spread of history."""
    layers = list(Layer)
    made: list[Record] = []
    for n in range(size):
        cid = f"c{n}"
        made.append(Contact(id=cid, name=f"Person {n}", layer=layers[n % 4],
                            groups=(f"G{n % 12}",),
                            weak_tie=n % 7 == 0, added_on=date(2025, 1, 1), updated_at=NOW))
        made += [Interaction(id=f"{cid}i{k}", contact_id=cid,
                             on=TODAY - timedelta(days=(n * 7 + k * 45) % 400),
                             note="Talked about the new project", updated_at=NOW) for k in range(5)]
        if n % 5 == 0:
            made.append(ImportantDate(id=f"{cid}d", contact_id=cid, kind=DateKind.BIRTHDAY,
                                      month=n % 12 + 1, day=n % 28 + 1, updated_at=NOW))
            made.append(Favour(id=f"{cid}f", contact_id=cid, direction=FavourDirection.RECEIVED,
                               what="An introduction", on=date(2026, 5, 1), updated_at=NOW))
    return made


def timed(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result: dict[str, dict[str, float]] = {}
    for size in SIZES:
        entries = {key_for(r): encode(r) for r in records_for(size)}
        network = load_network(entries).network
        items = agenda(network, TODAY)
        result[str(size)] = {
            "load_ms": round(timed(lambda e=entries: load_network(e), args.runs), 1),
            "agenda_ms": round(timed(lambda n=network: agenda(n, TODAY), args.runs), 1),
            "today_view_ms": round(timed(lambda n=network: today_view(n, TODAY), args.runs), 1),
            "agenda_items": len(items),
            "stored_chars": sum(len(k) + len(v) for k, v in entries.items()),
        }
    base = result[str(SIZES[0])]
    for size in SIZES[1:]:
        row = result[str(size)]
        for key in ("load_ms", "agenda_ms", "today_view_ms"):
            row[key.replace("_ms", "_over_150")] = round(row[key] / base[key], 1)
    keep("agenda", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
