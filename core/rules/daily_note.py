"""The daily note an installed Tend shows while it is closed: how many things Today lists.

Tend's service worker wakes about once a day (periodic background sync) and loads no
Python, so it cannot ask the core. The core therefore works out, while the page is open,
what each of the coming days will hold if nothing is done in between, and the page
leaves that list where the worker can read it. The worker only picks the entry for the
day it wakes on. The note gives a count, never a name: it can appear on a locked screen.

A week of agendas costs about a second at 1,500 people (CPython), so the page asks for
the notes only when the user turns the note on and each time the page is hidden (the
user is leaving it: what stands then is what the note should count).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.network import Network
from core.rules.agenda import agenda
from core.rules.wording import plural

# How far ahead the notes reach: a week without opening Tend still gets its notes; after
# that the worker stays quiet rather than guess.
DAYS_AHEAD = 7


@dataclass(frozen=True)
class DayNote:
    """What the note says on ``day``: ``count`` things on Today, in ``text``."""

    day: date
    count: int
    text: str


def note_text(count: int) -> str:
    """The note's sentence for ``count`` things on Today ("" when there are none)."""
    if count == 0:
        return ""
    return f"{count} {plural(count, 'thing')} on Today's list. Open Tend to see who and why."


def daily_notes(network: Network, today: date, days: int = DAYS_AHEAD) -> list[DayNote]:
    """The note for today and each of the next days, as Today would list them then."""
    notes = []
    for ahead in range(days):
        count = len(agenda(network, today + timedelta(days=ahead)))
        notes.append(DayNote(today + timedelta(days=ahead), count, note_text(count)))
    return notes
