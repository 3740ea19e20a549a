"""The addresses the page can show, ``#/…``: known to the views and to the actions alike.

An action that sends the page somewhere the form told it (the quick log's ``back``)
takes only an address from here, so a tampered or stale form can never leave the page
on a URL that fails when it is reloaded.
"""

from __future__ import annotations

import re

# Every top-level page; a person's page and their plan are under people/<id>.
PAGES = ("today", "week", "people", "groups", "networks", "shortlist", "health", "pitch",
         "data", "import", "log", "start", "duplicates")
_PERSON = r"people(?:/[A-Za-z0-9_-]{1,64}(?:/plan)?)?(?:\?[^\s#]*)?"
_ROUTE = re.compile(f"#/(?:{_PERSON}|{'|'.join(PAGES)})")


def is_known_route(route: str) -> bool:
    """Whether the page can show this address, and show it again after a reload.

    >>> is_known_route("#/people/ana/plan"), is_known_route("#/people?group=Work")
    (True, True)
    >>> is_known_route("people/ana"), is_known_route("#/today/../../x")
    (False, False)
    """
    return _ROUTE.fullmatch(route) is not None


def known_route(route: str, otherwise: str) -> str:
    """The route if the page knows it, else where to go instead."""
    return route if is_known_route(route) else otherwise


def person_route(contact_id: str) -> str:
    """The address of a person's page.

    >>> person_route("ana")
    '#/people/ana'
    """
    return f"#/people/{contact_id}"
