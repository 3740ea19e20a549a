"""Possible duplicates benchmark: how long finding them takes as the book grows.

Not a test: it prints figures and writes bench/results/duplicates.json. For 500, 5,000
and 10,000 people (each with an e-mail and a phone; one in twenty entered twice, under
the name written the other way round, and twenty colleagues on one switchboard number)
it times ``possible_duplicates`` the first time (a cold start: every name folded) and
again (median of several runs: People and Your data find the pairs at each render, and
keys are kept for the people seen last), and, as a yardstick for a busy or slow
machine, a bare loop of a million steps in the same run.

    python bench/duplicates.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from agenda import timed  # noqa: E402
from results_file import keep  # noqa: E402

from core.model import Contact  # noqa: E402
from core.network import network_of  # noqa: E402
from core.rules.duplicates import possible_duplicates  # noqa: E402

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
SIZES = (500, 5_000, 10_000)


def book_of(size: int) -> list[Contact]:
    """``size`` people, one in twenty twice, and an office sharing one number."""
    made = []
    for n in range(size):
        phone = "+44 20 7946 0000" if n % 250 == 0 else f"+1 555 {n:07d}"
        made.append(Contact(id=f"c{n}", name=f"Núñez{n} Inés", emails=(f"p{n}@example.org",),
                            phones=(phone,), added_on=date(2025, 1, 1), updated_at=NOW))
        if n % 20 == 0:
            made.append(Contact(id=f"c{n}-again", name=f"ines, nunez{n}",
                                added_on=date(2026, 1, 1), updated_at=NOW))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    result: dict[str, dict[str, float]] = {
        "yardstick": {"million_steps_ms": round(timed(lambda: sum(1 for _ in range(10**6)),
                                                      args.runs), 1)}}
    for size in SIZES:
        network = network_of(book_of(size))
        result[str(size)] = {
            "first_ms": round(timed(lambda n=network: possible_duplicates(n), 1), 1),
            "again_ms": round(timed(lambda n=network: possible_duplicates(n), args.runs), 1),
            "pairs": len(possible_duplicates(network)),
        }
    keep("duplicates", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
