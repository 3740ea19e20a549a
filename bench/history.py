"""History import benchmark: a 5,000-event calendar and 5,000 LinkedIn messages in CPython.

Not a test: it prints figures and writes bench/results/history.json. The network has 500
people; each file names them in turn (a fifth of the calendar's events are weekly
series), and the figures are the time to read the file, to preview it against the
network and to make its interactions (median of several runs).

    python bench/history.py [--runs 3]
"""

from __future__ import annotations

import argparse
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

from core.formats.history import commit_history, preview_history, read_history  # noqa: E402
from core.model import Contact, Layer  # noqa: E402
from core.network import Network, network_of  # noqa: E402

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
TODAY = NOW.date()
PEOPLE = 500
ROWS = 5_000


def network() -> Network:
    return network_of(Contact(
        id=f"p{n}", name=f"Person {n} Example", emails=(f"p{n}@example.org",),
        websites=(f"https://www.linkedin.com/in/person-{n}",), layer=Layer.WIDER,
        added_on=date(2025, 1, 1), updated_at=NOW) for n in range(PEOPLE))


def calendar(events: int = ROWS) -> str:
    """A Google-shaped export: UTC times, a description and the usual stamps on every
    event, every fifth event a weekly series of ten."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN",
             "X-WR-TIMEZONE:Europe/Madrid"]
    for n in range(events):
        start = datetime(2025, 1, 1, 9, tzinfo=UTC) + timedelta(hours=37 * n % 8000)
        lines += ["BEGIN:VEVENT", f"UID:event-{n}@bench", f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
                  f"DTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
                  f"SUMMARY:Meeting {n}", "ORGANIZER:mailto:me@example.org",
                  f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Person"
                  f" {n % PEOPLE} Example;X-NUM-GUESTS=0:mailto:p{n % PEOPLE}@example.org",
                  "DTSTAMP:20261201T090000Z", "CREATED:20241201T090000Z",
                  "LAST-MODIFIED:20241201T090000Z", "SEQUENCE:0", "STATUS:CONFIRMED",
                  "TRANSP:OPAQUE", "DESCRIPTION:Join with a video link: https://meet.example/"
                  "abc-defg-hij\\nOr dial in by phone\\, with the PIN below.\\n\\nAgenda: "
                  "catch up on the quarter"]
        if n % 5 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=10")
        lines.append("END:VEVENT")
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def messages(rows: int = ROWS) -> str:
    head = ("CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
            "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER")
    body = [f"conv-{n % 900},,Person {n % PEOPLE} Example,"
            f"https://www.linkedin.com/in/person-{n % PEOPLE},Me,https://www.linkedin.com/in/me,"
            f"{date(2025, 1, 1) + timedelta(days=n % 600)} 10:00:00 UTC,,\"Words, {n}\",INBOX"
            for n in range(rows)]
    return "\r\n".join([head, *body, ""])


def median_ms(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def measure(name: str, text: str, people: Network, runs: int) -> dict[str, float | int]:
    history = read_history(text, TODAY)
    assert history is not None
    found = preview_history(history, people)
    figures: dict[str, float | int] = {
        "read_ms": median_ms(lambda: read_history(text, TODAY), runs),
        "preview_ms": median_ms(lambda: preview_history(history, people), runs),
        "commit_ms": median_ms(lambda: commit_history(found, NOW), runs),
        "occasions": len(history.occasions), "interactions": len(found.entries)}
    print(f"{name}: {figures}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    people = network()
    keep("history", {"calendar_5000_events": measure("calendar", calendar(), people, runs),
                     "messages_5000_rows": measure("messages", messages(), people, runs)})


if __name__ == "__main__":
    main()
