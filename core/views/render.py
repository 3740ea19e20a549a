"""Rendering: the Jinja2 environment (autoescape on) and the helpers every view shares.

The same templates render the static page at build time and the live views in
Pyodide. Templates get ready-made view models and hold no rule.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from core.bidi import isolated
from core.formats.sealing import MIN_PASSPHRASE
from core.forms import FormState, bounds_of, limit_of
from core.model import (
    DATE_KIND_LABELS,
    KIND_LABELS,
    DateKind,
    FavourDirection,
    Layer,
    Settings,
    Sphere,
)
from core.routes import route_to
from core.rules.agenda import WEEK
from core.rules.cadence import TARGET_NETWORK_CAP_DAYS, CadenceStatus, guessed_ago
from core.rules.capacity import NEAR_LIMIT
from core.rules.followup import FOLLOW_UP_WITHIN
from core.rules.reasons import guide_href
from core.rules.shortlist import CONNECTED_GOAL
from core.rules.targets import SUGGESTED
from core.rules.wording import days_ago, long_date, plural

Forms = Mapping[str, FormState]
# How long Today's Snooze puts an item off, in days, as the menu offers it (a week first).
SNOOZE_OPTIONS = ((1, "1 day"), (3, "3 days"), (WEEK, "1 week"), (30, "1 month"))


@cache
def environment() -> Environment:
    """Built once per process: template compilation is the slow part of rendering."""
    env = Environment(
        loader=PackageLoader("core.views", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_isolated,
    )
    env.globals.update(
        guide_href=guide_href, layers=list(Layer), spheres=list(Sphere),
        kinds=KIND_LABELS, favour_directions=list(FavourDirection),
        date_kinds=list(DateKind), target_kinds=SUGGESTED, days_ago=days_ago,
        limit_of=limit_of, route=route_to,
    )
    # Numbers a page states that the rules own: a template never restates one.
    env.globals.update(
        target_cap_days=TARGET_NETWORK_CAP_DAYS, connected_goal=CONNECTED_GOAL,
        prune_bounds=bounds_of(Settings, "prune_after_days"),
        near_limit_percent=round(NEAR_LIMIT * 100),
        follow_up_hours=FOLLOW_UP_WITHIN // timedelta(hours=1),
        min_passphrase=MIN_PASSPHRASE, snooze_options=SNOOZE_OPTIONS, snooze_default=WEEK,
    )
    env.globals.update(
        layer_options=[(layer.value, f"{layer.label} (up to {layer.capacity})") for layer in Layer],
        sphere_options=[(s.value, s.value.capitalize()) for s in Sphere],
        date_kind_options=[(k.value, DATE_KIND_LABELS[k]) for k in DateKind],
        month_options=[(str(n), calendar.month_name[n]) for n in range(1, 13)],
    )
    env.filters["long_date"] = long_date
    env.filters["plural"] = plural  # n|plural("person", "people")
    env.filters["isolated"] = isolated  # for user text inside a longer printed string
    env.filters["lower_first"] = lower_first
    return env


def lower_first(title: str) -> str:
    """A title inside a sentence: its first letter small, a name in it as written.

    >>> lower_first("Thank-you to Dr. Amara Okoye, who introduced you")
    'thank-you to Dr. Amara Okoye, who introduced you'
    """
    return title[:1].lower() + title[1:]


def _isolated(value: Any) -> Any:
    """Every printed text isolated from the words around it (core.bidi); markup made by
    the templates themselves (a macro's output) holds its own values, isolated already."""
    return value if not isinstance(value, str) or isinstance(value, Markup) else isolated(value)


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@cache
def _left_to_compile() -> list[str]:
    return list(environment().list_templates())


def compile_one_more() -> bool:
    """Compile one more template, while the user pauses; False when all have been. A
    view's first showing otherwise compiles its template: 190 ms for all of them in
    CPython, several times that in Pyodide, after an ordinary start (a start from the
    memory snapshot has them compiled, and each call here is then a lookup)."""
    left = _left_to_compile()
    if not left:
        return False
    environment().get_template(left.pop())
    return True


@dataclass(frozen=True)
class View:
    """A rendered view: the title for the tab, the HTML of the main region, and where the
    keyboard goes when it opens (the heading, unless the address names a field)."""

    title: str
    html: str
    focus: str = "#view-title"


def last_seen_text(status: CadenceStatus) -> str:
    """'last contact: 12 days ago', or 'no contact logged yet'; a guess is said as one."""
    if status.last_contact is None:
        return "no contact logged yet"
    if status.estimated:
        return (f"last contact: {guessed_ago(status.days_since)}, "
                "as you estimated it when you started")
    return f"last contact: {days_ago(status.days_since)}"


