"""An import lived day by day: how many people Today asks you to get in touch with.

Not a test: a trial to read. A LinkedIn-shaped export of N people is imported through the
app (``core.app.App``, as the browser shell drives it) on 7 Dec 2026; then Today is opened
every morning for DAYS days. With ``--seen-after N`` the import was made N days before by
a Tend that did not take turns yet (the records as it stored them, no first day of turns),
and the days are counted from the first morning this Tend opens them. With ``--acts`` the
user writes to everyone Today asks about that day (logging it); without, nobody is written
to and what is due stays due. Prints the people due per day and per week and each kind of
sentence Today said for them, and keeps the figures in bench/results/import_turns.json.
Run against another checkout (``PYTHONPATH=<it>``) to compare.
Run: python bench/import_turns.py [--people 40] [--days 200] [--seen-after 90] [--acts]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from bench.results_file import keep
from core.formats.importing import commit, preview, read_file
from core.model import AgendaKind
from core.network import Network
from core.rules.agenda import agenda
from core.storage.codec import encode, key_for
from tests.core.helpers import Shell

IMPORTED_ON = date(2026, 12, 7)
FIRST = ["Amara", "Marco", "Yuki", "Lena", "Tom", "Grace", "Omar", "Sofia", "Ravi", "Ines",
         "Ben", "Hannah", "Kofi", "Mei", "Jon", "Priya", "Lars", "Zoe", "Ade", "Nina"]
LAST = ["Okoye", "Rossi", "Sato", "Fischer", "Baker", "Liu", "Haddad", "Marquez", "Patel",
        "Costa", "Okafor", "Schmidt", "Mensah", "Wong", "Berg"]


def connections(n: int) -> str:
    """A Connections.csv of ``n`` distinct people, connected over nine years."""
    rows = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[i // len(FIRST) % len(LAST)]
        rows.append(f"{first},{last}{i // 300 or ''},https://www.linkedin.com/in/p{i},,"
                    f"Co {i % 7},PM,{1 + i % 28:02d} Mar {2015 + i % 9}")
    return "\n".join(rows) + "\n"


def imported_earlier(people: int) -> Shell:
    """A browser holding an import as a Tend that did not take turns stored it."""
    rows = preview(read_file(connections(people)), Network()).rows
    now = datetime(IMPORTED_ON.year, IMPORTED_ON.month, IMPORTED_ON.day, 9, tzinfo=UTC)
    records = commit(rows, {}, "imp", IMPORTED_ON, now, everyone=True)
    return Shell(storage={key_for(r): encode(r) for r in records})


def walk(people: int, days: int, acts: bool, seen_after: int = 0) -> dict[str, object]:
    if seen_after:
        device = imported_earlier(people)
    else:
        device = Shell()
        device.submit("preview_import", file=connections(people), today=IMPORTED_ON)
        device.submit("confirm_import", today=IMPORTED_ON, everyone="yes")
    first = IMPORTED_ON + timedelta(days=seen_after)
    due: list[int] = []
    listed: list[int] = []
    said: dict[str, tuple[date, str]] = {}
    for n in range(days + 1):
        day = first + timedelta(days=n)
        device.open("#/today", today=day)
        items = agenda(device.app.network, day)
        touches = [i for i in items if i.kind == AgendaKind.CADENCE and i.contact]
        due.append(len(touches))
        listed.append(len(items))
        for item in touches:  # each kind of sentence once, numbers and names aside
            assert item.contact is not None
            shape = re.sub(r"\d+", "N", item.reason.text.replace(item.contact.name, "X"))
            said.setdefault(shape, (day, item.reason.text))
        for item in touches if acts else ():
            assert item.contact is not None
            device.submit("log_interaction", today=day, contact_id=item.contact.id,
                          on=day.isoformat(), note="said hello")
    for day, text in sorted(said.values()):
        print(f"  {day} {text}")
    return {"people": people, "days": days, "acts": acts, "seen_after": seen_after,
            "due_per_day": due,
            "today_items_per_day": listed,
            "due_per_week": [sum(due[w:w + 7]) for w in range(0, len(due), 7)]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=40)
    parser.add_argument("--days", type=int, default=200)
    parser.add_argument("--seen-after", type=int, default=0)
    parser.add_argument("--acts", action="store_true")
    args = parser.parse_args()
    found = walk(args.people, args.days, args.acts, args.seen_after)
    due = found["due_per_day"]
    assert isinstance(due, list)
    earlier = (f" {args.seen_after} days before this Tend first opened it"
               if args.seen_after else "")
    print(f"{args.people} imported{earlier}, {args.days} days, the user "
          f"{'writes to each on their day' if args.acts else 'writes to nobody'}:")
    print(f"  due per day, at most {max(due)}; days with someone due: {sum(1 for d in due if d)}")
    print(f"  days by how many are due: {sorted(Counter(due).items())}")
    print(f"  due per week: {found['due_per_week']}")
    print(f"  kept in {keep('import_turns', found)}")


if __name__ == "__main__":
    main()
