"""P8 cadence: how often to be in touch with someone, and whether that time has come.

The interval comes from the contact's closeness layer (P1): the closer the tie, the
shorter the gap. Anyone in an active target network (P5) is seen at least every 60
days, and the user may set any interval for one person. Time since last contact is
derived from logged interactions; a contact with none counts from the day they were
added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from core.model import Contact, Layer, TargetNetwork
from core.rules.reasons import Reason
from core.rules.wording import days_ago, plural, time_span

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

    @property
    def days_overdue(self) -> int:
        """Days past the interval; zero on the day it falls due, negative before."""
        return self.days_since - self.interval_days

    @property
    def is_due(self) -> bool:
        return self.days_overdue >= 0

    @property
    def lateness(self) -> float:
        """Time since contact in intervals: 1.5 means half an interval late."""
        return self.days_since / self.interval_days


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
) -> CadenceStatus:
    """Compare the time since last contact with the contact's interval.

    >>> from datetime import UTC, datetime
    >>> ana = Contact(id="a", name="Ana", layer="close", added_on=date(2026, 1, 1),
    ...               updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    >>> cadence_status(ana, date(2026, 10, 1), today=date(2026, 11, 5)).days_overdue
    5
    """
    interval = interval_for(contact, targets)
    since = last_contact or contact.added_on
    days_since = max((today - since).days, 0)
    return CadenceStatus(
        contact=contact,
        interval_days=interval.days,
        last_contact=last_contact,
        days_since=days_since,
        reason=_reason(contact, last_contact, days_since, interval, estimated),
        estimated=estimated and last_contact is not None,
    )


def _reason(
    contact: Contact, last_contact: date | None, days_since: int, interval: Interval,
    estimated: bool = False,
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
    overdue = days_since - interval.days
    if overdue > 0:
        verdict = f"{overdue} {plural(overdue, 'day')} overdue"
    elif overdue == 0:
        verdict = "due today"
    else:
        verdict = f"due in {-overdue} {plural(-overdue, 'day')}"
    return Reason("P8", f"{said}; {aim} — {verdict}.")


def guessed_ago(days: int) -> str:
    """How long ago a guess was, as roughly as it was given: "in the last week" (Start's
    "this week" is a guess of a few days, not three to the day), else "about 6 months ago".

    >>> guessed_ago(3), guessed_ago(200)
    ('in the last week', 'about 6 months ago')
    """
    return "in the last week" if days < 7 else f"about {time_span(days)} ago"
