"""The HTML of every view, rendered from Jinja2 templates with autoescape on.

The same templates render the static page at build time and the live views in
Pyodide. Templates get ready-made view models from here and hold no rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from core.agenda import due_touches, statuses
from core.cadence import CadenceStatus, cadence_status, days_ago, last_contact_on
from core.forms import FormState
from core.model import Layer
from core.reasons import guide_href
from core.store import Network


@cache
def environment() -> Environment:
    """Built once per process: template compilation is the slow part of rendering."""
    env = Environment(
        loader=PackageLoader("core", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["guide_href"] = guide_href
    env.globals["layers"] = list(Layer)
    env.filters["long_date"] = long_date
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@dataclass(frozen=True)
class View:
    """A rendered view: the title for the tab and the HTML of the main region."""

    title: str
    html: str


def today_view(network: Network, today: date) -> View:
    items = due_touches(network, today)
    html = render("today.html", items=items, people_count=len(network.contacts), today=today)
    return View("Today", html)


def people_view(network: Network, today: date, form: FormState | None = None) -> View:
    rows = sorted(statuses(network, today), key=lambda s: (s.contact.name.casefold(), s.contact.id))
    html = render(
        "people.html", rows=rows, form=form or FormState(), last_seen=last_seen_text
    )
    return View("People", html)


def contact_view(
    network: Network, contact_id: str, today: date, form: FormState | None = None
) -> View:
    contact = network.contacts.get(contact_id)
    if contact is None:
        return View("Not found", render("missing.html"))
    timeline = network.interactions_with(contact_id)
    status = cadence_status(contact, last_contact_on(contact_id, timeline), today)
    html = render(
        "contact.html",
        contact=contact,
        status=status,
        timeline=timeline,
        form=form or FormState({"on": today.isoformat()}),
        today=today,
        last_seen=last_seen_text,
    )
    return View(contact.name, html)


def last_seen_text(status: CadenceStatus) -> str:
    """'last contact: 12 days ago', or 'no contact logged yet'."""
    if status.last_contact is None:
        return "no contact logged yet"
    return f"last contact: {days_ago(status.days_since)}"


def long_date(day: date) -> str:
    """'5 Mar 2026': unambiguous in every locale, unlike 03/05/2026."""
    return f"{day.day} {day:%b %Y}"
