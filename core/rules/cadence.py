"""P8 cadence: how often to be in touch with someone, and whether that time has come.

The interval comes from the contact's closeness layer (P1): the closer the tie, the
shorter the gap. Anyone in an active target network (P5) is seen at least every 60
days, and the user may set any interval for one person. Time since last contact is
derived from logged interactions; a contact with none counts from the day they were
added, and people added on the same day take turns (``core.rules.turns``): an imported
address book does not fall due in one morning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from core.model import Contact, Layer, TargetNetwork
from core.rules.reasons import Reason
from core.rules.wording import days_ago, long_date, plural, time_span

DEFAULT_INTERVAL_DAYS: dict[Layer, int] = {
    Layer.INNER: 14,
    Layer.CLOSE: 30,
    Layer.ACTIVE: 90,
    Layer.WIDER: 180,
}
TARGET_NETWORK_CAP_DAYS = 60


@dataclass(frozen=True)
class Interval:
    """A keep-in-touch interval and where it comes from, in the user's words."""

    days: int
    source: str


@dataclass(frozen=True)
class CadenceStatus:
    """Where a contact stands against their keep-in-touch interval on a given day."""

    contact: Contact
    interval_days: int
    last_contact: date | None
    days_since: int
    reason: Reason
    # The last contact is the guess Start recorded, so it is said as "about", never to the day.
    estimated: bool = False
    # Days by which a first keep-in-touch day comes before the interval runs out: the turn
    # of someone added with others and never contacted (``core.rules.turns``); zero otherwise.
    head_start: int = 0
    # Days after the day they were added from which that interval counts: for someone
    # whose turn had passed before Tend took turns with them (the back of the line).
    put_back: int = 0

    @property
    def days_overdue(self) -> int:
        """Days past the keep-in-touch day; zero on the day it falls due, negative before."""
        return self.days_late + self.head_start

    @property
    def days_late(self) -> int:
        """Days past the interval itself: what "overdue" means; a turn that came early is
        due without being late, and the back of the line counts from where it starts."""
        return self.days_since - self.put_back - self.interval_days

    @property
    def is_due(self) -> bool:
        return self.days_overdue >= 0

    @property
    def lateness(self) -> float:
        """Time since contact in intervals: 1.5 means half an interval late (a turn that
        came early counts as its interval's end, so it ranks with those due the same day)."""
        return (self.days_since - self.put_back + self.head_start) / self.interval_days


def interval_for(contact: Contact, targets: Mapping[str, TargetNetwork] | None = None) -> Interval:
    """The keep-in-touch interval: the user's own, else the layer's, capped for targets.

    >>> from datetime import UTC, datetime
    >>> ana = Contact(id="a", name="Ana", layer="wider", added_on=date(2026, 1, 1),
    ...               updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    >>> interval_for(ana).days
    180
    """
    if contact.interval_days is not None:
        return Interval(contact.interval_days, "the interval you set")
    layer_days = DEFAULT_INTERVAL_DAYS[contact.layer]
    active = [t for t in (targets or {}).values() if t.active and t.id in contact.targets]
    if active and layer_days > TARGET_NETWORK_CAP_DAYS:
        names = ", ".join(sorted(t.name for t in active))
        noun = "network" if len(active) == 1 else "networks"
        # Said plainly: the contact page puts the source in brackets after "every 60 days".
        return Interval(TARGET_NETWORK_CAP_DAYS, f"your target {noun} {names}")
    return Interval(layer_days, f"your {contact.layer.label.lower()}")


def cadence_status(
    contact: Contact,
    last_contact: date | None,
    today: date,
    targets: Mapping[str, TargetNetwork] | None = None,
    estimated: bool = False,
    head_start: int = 0,
    put_back: int = 0,
) -> CadenceStatus:
    """Compare the time since last contact with the contact's interval; ``head_start``
    and ``put_back`` (their turn among people added together) count only while nothing
    is logged.

    >>> from datetime import UTC, datetime
    >>> ana = Contact(id="a", name="Ana", layer="close", added_on=date(2026, 1, 1),
    ...               updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    >>> cadence_status(ana, date(2026, 10, 1), today=date(2026, 11, 5)).days_overdue
    5
    """
    interval = interval_for(contact, targets)
    since = last_contact or contact.added_on
    days_since = max((today - since).days, 0)
    early, later = (head_start, put_back) if last_contact is None else (0, 0)
    return CadenceStatus(
        contact=contact,
        interval_days=interval.days,
        last_contact=last_contact,
        days_since=days_since,
        reason=_reason(contact, last_contact, days_since, interval, estimated, early, later),
        estimated=estimated and last_contact is not None,
        head_start=early,
        put_back=later,
    )


def in_short(status: CadenceStatus) -> str:
    """The status in a few words, for a list that already names the person (the
    calendar's day of wider-network reminders).

    >>> from datetime import UTC, datetime
    >>> ana = Contact(id="a", name="Ana", layer="wider", added_on=date(2026, 12, 7),
    ...               updated_at=datetime(2026, 12, 7, tzinfo=UTC))
    >>> in_short(cadence_status(ana, None, date(2027, 3, 1)))
    'added 7 Dec 2026, no contact logged since'
    """
    if status.last_contact is None:
        return f"added {long_date(status.contact.added_on)}, no contact logged since"
    if status.estimated:
        return f"last in touch around {status.last_contact:%b %Y}, as you estimated it"
    return f"last in touch {long_date(status.last_contact)}"


def _reason(
    contact: Contact, last_contact: date | None, days_since: int, interval: Interval,
    estimated: bool = False, head_start: int = 0, put_back: int = 0,
) -> Reason:
    aim = f"you aim for every {interval.days} days with {interval.source}"
    if last_contact is not None and estimated:
        # A guess is said as one: "about 6 months", never "200 days ... 110 overdue".
        overdue = days_since - interval.days
        verdict = ("time to be in touch again" if overdue >= 0
                   else f"due in about {time_span(-overdue)}")
        return Reason("P8", f"Last contact {guessed_ago(days_since)}, as you "
                            f"estimated it when you started; {aim} — {verdict}.")
    if last_contact is None:
        said = f"No contact logged since you added {contact.name} {days_ago(days_since)}"
    else:
        said = f"Last contact {days_ago(days_since)}"
    overdue = days_since - put_back - interval.days
    if put_back or (head_start and overdue <= 0):
        turns = "The people you added that day come up in turns rather than all at once"
        # At the back of the line, a turn comes after the interval counted from adding
        # them: said, so "every 180 days" and "added 190 days ago" do not read as a slip.
        later = f", some of them after those {interval.days} days" if put_back else ""
        return Reason("P8", f"{said}; {aim}. {turns}{later} — {_turn(overdue + head_start)}.")
    if overdue > 0:
        verdict = f"{overdue} {plural(overdue, 'day')} overdue"
    elif overdue == 0:
        verdict = "due today"
    else:
        verdict = f"due in {-overdue} {plural(-overdue, 'day')}"
    return Reason("P8", f"{said}; {aim} — {verdict}.")


def _turn(days_past: int) -> str:
    """Where a turn stands: said as a turn, never "overdue" (the interval has not run out).

    >>> _turn(-3), _turn(0), _turn(4)
    ('their turn comes in 3 days', 'their turn is today', 'their turn came 4 days ago')
    """
    if days_past < 0:
        return f"their turn comes in {-days_past} {plural(-days_past, 'day')}"
    if days_past == 0:
        return "their turn is today"
    return f"their turn came {days_ago(days_past)}"


def guessed_ago(days: int) -> str:
    """How long ago a guess was, as roughly as it was given: "in the last week" (Start's
    "this week" is a guess of a few days, not three to the day), else "about 6 months ago".

    >>> guessed_ago(3), guessed_ago(200)
    ('in the last week', 'about 6 months ago')
    """
    return "in the last week" if days < 7 else f"about {time_span(days)} ago"
