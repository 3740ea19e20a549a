"""P11 light touches on dates that matter: birthdays, anniversaries, news.

Recurring dates come back every year and are reminded ``lead`` days ahead. A date on
29 February falls on 28 February in years without one, so it is never skipped. News
(a promotion, a new job, an operation) happens once: it stays worth a note for two
weeks. News is not assumed to be good: Tend congratulates only when the user marked it
as good news, and otherwise suggests a note to say they heard.

Being in touch settles a reminder without a separate Done: news, by anything logged
since the news; a birthday or anniversary, by anything logged since its eve. A wish
belongs to its day: a call last week still leaves "It is Ana's birthday today". The
countdown before the eve is for getting ready (a card, a call in the diary): being in
touch on one of those days quiets that day's line only.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from core.model import Contact, DateKind, ImportantDate, Interaction, Sphere
from core.rules.groups import is_family_or_inner
from core.rules.reasons import Reason
from core.rules.wording import days_ago

NEWS_WINDOW_DAYS = 14
KIND_WORDS: dict[DateKind, str] = {
    DateKind.BIRTHDAY: "birthday",
    DateKind.WORK_ANNIVERSARY: "work anniversary",
    DateKind.CUSTOM: "date",
    DateKind.NEWS: "news",
}


def occurrence_in(year: int, month: int, day: int) -> date:
    """The day a yearly date falls on in ``year``: 29 Feb becomes 28 Feb in common years.

    >>> occurrence_in(2027, 2, 29)
    datetime.date(2027, 2, 28)
    """
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last_day))


def next_occurrence(important: ImportantDate, today: date) -> date | None:
    """The next time a date comes round, today included; None for news already past."""
    if not important.kind.recurs:
        if important.year is None:
            return None
        return occurrence_in(important.year, important.month, important.day)
    this_year = occurrence_in(today.year, important.month, important.day)
    if this_year >= today:
        return this_year
    return occurrence_in(today.year + 1, important.month, important.day)


# A wish belongs to the day itself: sent on the eve it arrives early, and once sent it
# settles the date. Until then, the countdown (the eve included) is for getting ready.
WISH_DAYS = 0


@dataclass(frozen=True)
class DateReminder:
    """A date to act on: the person, the day, how far away, and why."""

    contact: Contact
    important: ImportantDate
    on: date
    days_away: int
    reason: Reason
    opens_on: date

    def settled_by(self, history: Sequence[Interaction]) -> bool:
        """Whether being in touch has answered this reminder: news, by anything since the
        news; a birthday or anniversary, by anything on the day (a call last week is no
        birthday wish), and its countdown before that, by being in touch that day."""
        if not self.important.kind.recurs:
            since = self.opens_on
        elif self.days_away <= WISH_DAYS:
            since = self.on - timedelta(days=WISH_DAYS)
        else:
            since = self.on - timedelta(days=self.days_away)
        return any(i.on >= since for i in history)


def shows_age(contact: Contact) -> bool:
    """Whether Today may name someone's age: family, the inner circle and close personal
    friends. For a work tie, a target or an acquaintance, "(turns 47)" is a detail that
    reads as prying, and leaving an age out is never rude; so an unsaid sphere leaves it
    out too."""
    if is_family_or_inner(contact):
        return True
    return (contact.layer.is_strong and contact.sphere in (Sphere.PERSONAL, Sphere.BOTH)
            and not contact.targets)


def describe(important: ImportantDate, on: date, with_age: bool = True) -> str:
    """'birthday (turns 40)', 'work anniversary (5 years)', or the user's own label;
    ``with_age`` False leaves a birthday's age out."""
    words = important.label or KIND_WORDS[important.kind]
    if important.year is None or not important.kind.recurs:
        return words
    years = on.year - important.year
    if years <= 0:
        return words
    if important.kind is DateKind.BIRTHDAY:
        return f"{words} (turns {years})" if with_age else words
    return f"{words} ({years} {'year' if years == 1 else 'years'})"


def reminder(
    contact: Contact, important: ImportantDate, today: date, lead_days: int
) -> DateReminder | None:
    """A reminder if the date is within the lead time (or recent news), else None."""
    on = next_occurrence(important, today)
    if on is None:
        return None
    days_away = (on - today).days
    what = describe(important, on, with_age=shows_age(contact))
    if important.kind is DateKind.NEWS:
        if not -NEWS_WINDOW_DAYS <= days_away <= 0:
            return None
        follow = ("A short congratulation keeps the tie warm." if important.good_news else
                  "A few lines to say you heard keep the tie warm. The draft suits good "
                  "news and hard news alike; if this is good news, tick Good news on it "
                  "for a draft that celebrates it.")
        text = f"{contact.name} has news: {what} ({days_ago(-days_away)}). {follow}"
        return DateReminder(contact, important, on, days_away, Reason("P11", text), on)
    elif days_away > lead_days:
        return None
    elif days_away == 0:
        text = f"It is {contact.name}'s {what} today."
    else:
        when = "tomorrow" if days_away == 1 else f"in {days_away} days"
        text = f"{contact.name}'s {what} is {when} ({on.day} {on:%b})."
    return DateReminder(contact, important, on, days_away, Reason("P11", text),
                        on - timedelta(days=lead_days))
