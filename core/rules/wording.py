"""How Tend says counts, spans of time and days: one place, so every page and every
reason says "yesterday", "2 months" and "5 Mar 2026" the same way. Templates use these
as filters (``n|plural("person", "people")``, ``day|long_date``)."""

from __future__ import annotations

from datetime import date


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
