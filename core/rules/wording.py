"""How Tend says counts, spans of time and days: one place, so every page and every
reason says "yesterday", "2 months" and "5 Mar 2026" the same way. Templates use these
as filters (``n|plural("person", "people")``, ``day|long_date``)."""

from __future__ import annotations

import re
from datetime import date, timedelta


def plural(n: int, word: str, many: str | None = None) -> str:
    """The word for ``n`` of something: ``word`` for one, else ``many`` (``word`` + s).

    >>> plural(1, "day"), plural(3, "day"), plural(2, "person", "people")
    ('day', 'days', 'people')
    """
    if n == 1:
        return word
    return f"{word}s" if many is None else many


def days_ago(days: int) -> str:
    """'today', 'yesterday' or 'N days ago', as people say it."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def time_span(days: int) -> str:
    """'3 years', '5 months', '40 days', '1 day': how people say how long a history is.

    >>> time_span(2826), time_span(75), time_span(1)
    ('7 years', '2 months', '1 day')
    """
    if days >= 730:
        return f"{days // 365} years"
    if days >= 60:
        return f"{days // 30} months"
    return f"{days} {plural(days, 'day')}"


def long_date(day: date) -> str:
    """'5 Mar 2026': unambiguous in every locale, unlike 03/05/2026."""
    return f"{day.day} {day:%b %Y}"


_RELATIVE = re.compile(r"(\bfor |\()?\b(today|tomorrow|yesterday)\b", re.IGNORECASE)


def said_on(text: str, said: date, today: date) -> str:
    """A sentence worded on ``said`` ("Planned for today: …"), read on ``today``: its
    "today", "tomorrow" and "yesterday" become the days they meant, so This week never
    tells of a later day in Today's words.

    >>> said_on("Planned for today: call Ana.", date(2026, 12, 3), date(2026, 11, 30))
    'Planned for Thursday: call Ana.'
    >>> said_on("It is Yuki's birthday today.", date(2026, 12, 4), date(2026, 11, 30))
    "It is Yuki's birthday on Friday."
    >>> said_on("Mum has news: surgery (today).", date(2026, 12, 1), date(2026, 11, 30))
    'Mum has news: surgery (Tuesday).'
    """
    if said == today:
        return text

    def day_meant(match: re.Match[str]) -> str:
        lead, word = match.group(1) or "", match.group(2)
        meant = said + timedelta(days={"today": 0, "tomorrow": 1,
                                       "yesterday": -1}[word.casefold()])
        named = ("today" if meant == today else f"{meant:%A}" if lead
                 else f"on {meant:%A}")
        return lead + (named[:1].upper() + named[1:] if word[:1].isupper() else named)

    return _RELATIVE.sub(day_meant, text)


def day_named(day: date, today: date) -> str:
    """A day as said on ``today``: 'today', 'yesterday', 'tomorrow', a weekday within the
    week either side ('Monday'), else its date ('2 Dec'). A reason names a day once, in the
    words the reader would use.

    >>> t = date(2026, 12, 3)  # a Thursday
    >>> [day_named(t - timedelta(days=n), t) for n in (0, 1, 3, 9, -1, -2)]
    ['today', 'yesterday', 'Monday', '24 Nov', 'tomorrow', 'Saturday']
    """
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days == -1:
        return "tomorrow"
    if -7 < days < 7:
        return f"{day:%A}"
    return f"{day.day} {day:%b}"


def on_day(day: date, today: date) -> str:
    """'today', 'yesterday', 'on Monday', 'on 24 Nov': never 'on today'.

    >>> t = date(2026, 12, 3)
    >>> on_day(t, t), on_day(date(2026, 11, 30), t), on_day(date(2026, 11, 2), t)
    ('today', 'on Monday', 'on 2 Nov')
    """
    named = day_named(day, today)
    return named if named in ("today", "yesterday", "tomorrow") else f"on {named}"
