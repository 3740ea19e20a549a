"""P8 turns: people added together take turns for their first keep-in-touch day.

Someone with no contact logged counts from the day they were added, so an address book
imported in one go would fall due on one morning. People added on one day with one
interval form a line instead (``head_starts``): after a fortnight's grace they come up a
few a day across their interval, in the order they were added. The line is worked out
from the records, so every device gives everyone the same day.

A line drawn from the day people were added holds only if Tend was taking turns from
that day. For people stored before it was (by an earlier Tend, or an old backup restored
in a new browser), every turn already past would come due on the first morning. So the
first day Tend takes turns with the people stored here is written once, in the settings
(``Settings.turns_since``, by ``turns_to_keep``), and travels with them in backups and
sync. Whoever's turn had passed by that day, while their interval still ran, waits at
the back of the line (``turns``): after the last of the line and after the grace, within
one interval of that day. The turns themselves are still worked out, so a turn follows
the person's interval when it changes, and every device that has the same records and
that one day gives everyone the same turn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.model import Contact, Settings, TargetNetwork
from core.network import Network
from core.rules.cadence import CadenceStatus, cadence_status, interval_for

# The first days after an import are for sorting who matters, and a hello the morning
# after reads as a mail-merge. For the wider network (180 days) that leaves 166 days:
# 300 people are two a day at most.
FIRST_TURN_GRACE_DAYS = 14


@dataclass(frozen=True)
class Turn:
    """Someone's place in line: their first keep-in-touch day comes ``head_start`` days
    before their interval's end, the interval counted from ``put_back`` days after the
    day they were added (zero unless they wait at the back of the line)."""

    head_start: int
    put_back: int = 0


def head_starts(people: Iterable[Contact],
                targets: Mapping[str, TargetNetwork] | None = None) -> dict[str, int]:
    """Each person's head start, by id, as the line is first drawn: people added on one
    day with one interval take turns across it, so the same few fall due each day
    instead of all on one morning.

    The order is the order they were added (an import's row numbers, in the ids), so every
    device gives everyone the same day. The last in line keeps the full interval, and the
    first comes a little after ``FIRST_TURN_GRACE_DAYS``; nobody falls due sooner than that,
    nor later than their interval. Someone added alone starts no earlier than before.

    >>> from datetime import UTC, datetime
    >>> def added(n: int) -> Contact:
    ...     return Contact(id=f"imp-{n}", name=f"P{n}", layer="wider", added_on=date(2026, 1, 1),
    ...                    updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    >>> head_starts([added(n) for n in (1, 2, 10)])
    {'imp-1': 110, 'imp-2': 55}
    """
    return {person.id: early for _, line in _lines(people, targets)
            for person, early in line if early}


def turns(people: Iterable[Contact], targets: Mapping[str, TargetNetwork] | None = None,
          since: date | None = None) -> dict[str, Turn]:
    """Everyone's place in line, by id, once Tend takes turns ``since`` that day: the
    line as first drawn, except for whoever's turn
    had passed by then while their interval still ran. They go to the back of the line,
    in the same order: after the line's last turn and the grace, and within one interval
    of that day, so they do not all fall due on it.

    >>> from datetime import UTC, datetime
    >>> def added(n: int) -> Contact:
    ...     return Contact(id=f"imp-{n}", name=f"P{n}", layer="wider", added_on=date(2026, 1, 1),
    ...                    updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    >>> placed = turns([added(n) for n in (1, 2, 10)], since=date(2026, 4, 11))  # 100 days on
    >>> placed["imp-1"], placed["imp-2"], "imp-10" in placed
    (Turn(head_start=0, put_back=99), Turn(head_start=55, put_back=0), False)
    """
    found: dict[str, Turn] = {}
    for days, line in _lines(people, targets):
        added = line[0][0].added_on
        ends = added + timedelta(days=days)
        behind: list[Contact] = []
        for person, early in line:
            if since is not None and ends - timedelta(days=early) < since <= ends:
                behind.append(person)
            elif early:
                found[person.id] = Turn(early)
        if since is not None and behind:
            # The last of them comes the day before those written to on ``since`` come
            # round again, so the two do not meet.
            put_back = (since - added).days - 1
            span = min(put_back + 1, days - FIRST_TURN_GRACE_DAYS) - 1
            found.update((person.id, Turn(early, put_back))
                         for person, early in zip(behind, _spread(len(behind), span), strict=True))
    return found


def _lines(people: Iterable[Contact], targets: Mapping[str, TargetNetwork] | None
           ) -> Iterator[tuple[int, list[tuple[Contact, int]]]]:
    """The lines, with their interval: people added on one day with one interval, at
    least two of them, and an interval longer than the grace; each person in the order
    they were added, with their head start as the line is first drawn."""
    batches: dict[tuple[date, int], list[Contact]] = {}
    for person in people:
        key = (person.added_on, interval_for(person, targets).days)
        batches.setdefault(key, []).append(person)
    for (_, days), batch in batches.items():
        if len(batch) > 1 and days > FIRST_TURN_GRACE_DAYS:
            ordered = sorted(batch, key=_order_added)
            spread = _spread(len(ordered), days - FIRST_TURN_GRACE_DAYS)
            yield days, list(zip(ordered, spread, strict=True))


def _spread(count: int, span: int) -> list[int]:
    """Head starts for ``count`` people in order across ``span`` days: the last keeps
    none, the first nearly the whole span."""
    return [(count - 1 - place) * span // count for place in range(count)]


def _order_added(person: Contact) -> tuple[tuple[int, int, str], ...]:
    """An id's parts with its numbers as numbers: row 2 of an import before row 10."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", person.id) if part)


def turns_of(network: Network) -> dict[str, Turn]:
    """Everyone's place in line in this network (``turns``). Archived people keep their
    place, so letting one go moves nobody else.

    Only people, target networks and the first day of turns decide it, and a write of
    anything else leaves them as they were: the turns are kept along the line of networks
    (``Network.kept``) while the people and target maps are the very same, so logging a
    conversation costs no one's turn.
    """
    since = network.settings.turns_since
    kept = network.kept.get("turns")
    if (kept is not None and kept[0] is network.contacts and kept[1] is network.targets
            and kept[2] == since):
        found: dict[str, Turn] = kept[3]
        return found
    found = turns(network.contacts.values(), network.targets, since)
    network.kept["turns"] = (network.contacts, network.targets, since, found)
    return found


def turns_changed(network: Network) -> dict[str, datetime]:
    """The latest edit among the people who take turns with each person, by id: a turn
    moves when someone joins or leaves the line, so the calendar dates the event by it
    and a file imported again moves the event too (a deletion leaves no record to date).
    A line whose turns the first day of turns moved is dated by the settings' write too."""
    found: dict[str, datetime] | None = network.derived.get("turns changed")
    if found is None:
        found = network.derived["turns changed"] = {}
        placed = turns_of(network)
        for _, line in _lines(network.contacts.values(), network.targets):
            people = [person for person, _ in line]
            latest = max(person.updated_at for person in people)
            if any(p.id in placed and placed[p.id].put_back for p in people):
                latest = max(latest, network.settings.updated_at)
            found.update((person.id, latest) for person in people)
    return found


def status_in(network: Network, contact: Contact, today: date) -> CadenceStatus:
    """A contact's cadence status from the network's records: their last contact, whether
    it was a guess, their target networks and their turn."""
    turn = turns_of(network).get(contact.id, NO_TURN)
    return cadence_status(contact, network.last_contact_on(contact.id), today, network.targets,
                          network.last_contact_estimated(contact.id), turn.head_start,
                          turn.put_back)


NO_TURN = Turn(0)


def turns_to_keep(before: Network, after: Network, today: date,
                  now: datetime) -> Settings | None:
    """The settings to write, after a change from ``before`` to ``after``, so that the
    first day of turns is decided once and then kept: with ``turns_since`` today, the
    first time anyone here stands in a line whose interval still runs; or with the day
    put back, when settings written by a Tend that does not know it came in (a device
    on an earlier Tend, its later edit winning the merge). None when nothing is to write.
    """
    if after.settings.turns_since is not None:
        return None
    since = before.settings.turns_since
    if since is None and _last_line_end(after) >= today:
        since = today
    if since is None:
        return None
    return after.settings.model_copy(update={"turns_since": since, "updated_at": now})


def taking_turns(network: Network, today: date) -> Network:
    """The network as Tend would take turns with it if today were the first day it did:
    what a backup read on the command line gives, where nothing is written."""
    if network.settings.turns_since is not None:
        return network
    return network.with_record(network.settings.model_copy(update={"turns_since": today}))


def _last_line_end(network: Network) -> date:
    """The last day any line's interval runs (``date.min`` without a line), worked out
    again only when people or target networks change (``Network.kept``)."""
    kept = network.kept.get("line ends")
    if kept is not None and kept[0] is network.contacts and kept[1] is network.targets:
        last: date = kept[2]
        return last
    last = max((line[0][0].added_on + timedelta(days=days)
                for days, line in _lines(network.contacts.values(), network.targets)),
               default=date.min)
    network.kept["line ends"] = (network.contacts, network.targets, last)
    return last
