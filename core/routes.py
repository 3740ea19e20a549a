"""The addresses the page can show, ``#/…``: known to the views and to the actions alike.

This is the one place a ``#/`` address is spelled: outcomes, views and templates (the
``route`` global, as ``url_for`` is in other Jinja apps) build theirs with ``route_to``, and
``tests/test_quality.py`` fails on a ``#/`` literal anywhere else in the core.

An action that sends the page somewhere the form told it (the quick log's ``back``)
takes only an address from here, so a tampered or stale form can never leave the page
on a URL that fails when it is reloaded.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

PREFIX = "#/"
# Every top-level page; a person's page and their plan are under people/<id>.
PAGES = ("today", "week", "people", "groups", "networks", "shortlist", "health", "pitch",
         "data", "import", "log", "start", "duplicates")
# The pages that name someone: each takes the person's id.
PERSON_PAGES = {"person": "people/{}", "plan": "people/{}/plan"}
_PERSON = r"people(?:/[A-Za-z0-9_-]{1,64}(?:/plan)?)?(?:\?[^\s#]*)?"
_ROUTE = re.compile(f"{PREFIX}(?:{_PERSON}|{'|'.join(PAGES)})")


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


def route_to(page: str, contact_id: str = "", **query: str) -> str:
    """The address of a page: a top-level one by its name, with an optional query, or a
    person's page (``person``) or plan (``plan``) by their id.

    >>> route_to("today"), route_to("people", group="Work"), route_to("plan", "ana")
    ('#/today', '#/people?group=Work', '#/people/ana/plan')
    """
    if page in PERSON_PAGES:
        if not contact_id:
            raise ValueError(f"the {page} page needs a person's id")
        path = PERSON_PAGES[page].format(contact_id)
    elif page in PAGES and not contact_id:
        path = page
    else:
        raise ValueError(f"no page {page!r} (with {contact_id!r})")
    return PREFIX + path + (f"?{urlencode(query)}" if query else "")


def path_of(known: str) -> str:
    """A known address without its ``#/``: what the router reads.

    >>> path_of("#/people/ana/plan")
    'people/ana/plan'
    """
    return known.removeprefix(PREFIX)


HOME = route_to("today")


def person_route(contact_id: str) -> str:
    """The address of a person's page.

    >>> person_route("ana")
    '#/people/ana'
    """
    return route_to("person", contact_id)


def plan_route(contact_id: str) -> str:
    """The address of a person's plan.

    >>> plan_route("ana")
    '#/people/ana/plan'
    """
    return route_to("plan", contact_id)
