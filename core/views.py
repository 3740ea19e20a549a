"""The HTML of every view, rendered from Jinja2 templates with autoescape on.

The same templates render the static page at build time and the live views in
Pyodide. Each view function gathers a ready-made view model from the rules; the
templates only loop and branch.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from core import charts, drafts
from core.agenda import agenda, statuses, this_week
from core.cadence import CadenceStatus, cadence_status, days_ago, interval_for
from core.dates import describe, next_occurrence
from core.favours import balance
from core.followup import follow_up_owed
from core.forms import FormState
from core.groups import group_tree, in_group
from core.health import balance_warning, capacity_warnings, layer_counts, sphere_balance
from core.introductions import introducers
from core.model import (
    KIND_LABELS,
    Contact,
    DateKind,
    FavourDirection,
    Layer,
    Plan,
    Sphere,
    TargetKind,
)
from core.patience import ask_readiness, early_asks, next_step
from core.planner import completeness, early_ask_flag, reach_out_flag
from core.reasons import guide_href
from core.shortlist import is_a_call_away, shortlist_progress
from core.store import NEVER, Network
from core.targets import SUGGESTED, members, missing_value_proposition, untriaged

Forms = Mapping[str, FormState]


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
    env.globals.update(
        guide_href=guide_href, layers=list(Layer), spheres=list(Sphere),
        kinds=KIND_LABELS, favour_directions=list(FavourDirection),
        date_kinds=list(DateKind), target_kinds=SUGGESTED, days_ago=days_ago,
    )
    env.globals.update(
        layer_options=[(layer.value, f"{layer.label} (up to {layer.capacity})") for layer in Layer],
        sphere_options=[(s.value, s.value.capitalize()) for s in Sphere],
        date_kind_options=[(k.value, DATE_KIND_LABELS[k]) for k in DateKind],
        month_options=[(str(n), calendar.month_name[n]) for n in range(1, 13)],
    )
    env.filters["long_date"] = long_date
    return env


DATE_KIND_LABELS = {
    DateKind.BIRTHDAY: "Birthday",
    DateKind.WORK_ANNIVERSARY: "Work anniversary",
    DateKind.CUSTOM: "Another yearly date",
    DateKind.NEWS: "News (new job, promotion…)",
}


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@dataclass(frozen=True)
class View:
    """A rendered view: the title for the tab and the HTML of the main region."""

    title: str
    html: str


def long_date(day: date) -> str:
    """'5 Mar 2026': unambiguous in every locale, unlike 03/05/2026."""
    return f"{day.day} {day:%b %Y}"


def last_seen_text(status: CadenceStatus) -> str:
    """'last contact: 12 days ago', or 'no contact logged yet'."""
    if status.last_contact is None:
        return "no contact logged yet"
    return f"last contact: {days_ago(status.days_since)}"


def today_view(network: Network, today: date, forms: Forms | None = None) -> View:
    items = agenda(network, today)
    html = render("today.html", items=items, people_count=len(network.people), today=today)
    return View("Today", html)


def week_view(network: Network, today: date, forms: Forms | None = None) -> View:
    return View("This week", render("week.html", coming=this_week(network, today), today=today))


def parse_filters(query: str) -> dict[str, str]:
    allowed = ("q", "group", "layer", "target", "due", "show")
    return {k: v for k, v in parse_qsl(query) if k in allowed and v}



def people_view(network: Network, today: date, forms: Forms | None = None,
                query: str = "") -> View:
    filters = parse_filters(query)
    everyone = [s for s in statuses(network, today) if _matches(s, filters)]
    if filters.get("show") == "archived":
        everyone = [s for s in _archived_statuses(network, today) if _matches(s, filters)]
    html = render("people.html", rows=everyone, filters=filters, targets=network.targets,
                  groups=_group_paths(network), form=(forms or {}).get("add_contact", FormState()),
                  people=network.people, last_seen=last_seen_text,
                  intro_options=[(c.id, c.name) for c in network.people],
                  filter_query=urlencode(filters))
    return View("People", html)


def _archived_statuses(network: Network, today: date) -> list[CadenceStatus]:
    gone = sorted((c for c in network.contacts.values() if c.archived), key=lambda c: c.name)
    history = network.history
    return [cadence_status(c, history[c.id][0].on if c.id in history else None, today)
            for c in gone]


def _matches(status: CadenceStatus, filters: Mapping[str, str]) -> bool:
    contact = status.contact
    checks: dict[str, Callable[[str], bool]] = {
        "q": lambda v: v.casefold() in contact.name.casefold(),
        "group": lambda v: in_group(contact, v),
        "layer": lambda v: contact.layer == v,
        "target": lambda v: v in contact.targets,
        "due": lambda v: status.is_due == (v == "yes"),
    }
    return all(checks[k](v) for k, v in filters.items() if k in checks)


def _group_paths(network: Network) -> list[str]:
    paths: set[str] = set()
    for contact in network.people:
        steps = [p.strip() for p in contact.group.split("/") if p.strip()]
        paths.update(" / ".join(steps[:n]) for n in range(1, len(steps) + 1))
    return sorted(paths, key=str.casefold)


def contact_view(network: Network, contact_id: str, today: date,
                 forms: Forms | None = None) -> View:
    contact = network.contacts.get(contact_id)
    if contact is None:
        return View("Not found", render("missing.html"))
    forms = forms or {}
    history = network.interactions_with(contact_id)
    status = statuses_for(network, contact_id, today)
    favours = network.favours_with(contact_id)
    dates = [(d, describe(d, on) if (on := next_occurrence(d, today)) else describe(d, today), on)
             for d in network.dates_of(contact_id)]
    introducer = network.contacts.get(contact.introduced_by or "")
    html = render(
        "contact.html", contact=contact, status=status, timeline=history,
        interval=interval_for(contact, network.targets), today=today,
        favours=favours, ledger=balance(favours), dates=dates, introducer=introducer,
        introduced=[c for c in network.people if c.introduced_by == contact.id],
        paths=introducers(contact, network.people)[:5], people=network.people,
        targets=network.targets, flags=early_asks(history),
        readiness=ask_readiness(history, today), next_step=next_step(history),
        follow_up=follow_up_owed(contact, history, today), last_seen=last_seen_text(status),
        plan=network.plans.get(contact_id),
        plan_state=completeness(network.plans[contact_id]) if contact_id in network.plans
        else None,
        log_form=forms.get("log_interaction", FormState({"on": today.isoformat()})),
        edit_form=forms.get("edit_contact"), contact_form=contact_form(contact),
        intro_options=[(c.id, c.name) for c in network.people if c.id != contact.id],
        favour_form=forms.get("add_favour", FormState()),
        date_form=forms.get("add_date", FormState()),
    )
    return View(contact.name, html)


def contact_form(contact: Contact) -> FormState:
    """The edit form filled with what is stored."""
    return FormState({
        "name": contact.name, "how_met": contact.how_met, "group": contact.group,
        "layer": contact.layer.value, "sphere": contact.sphere.value if contact.sphere else "",
        "introduced_by": contact.introduced_by or "",
        "interval_days": str(contact.interval_days or ""),
        "weak_tie": "on" if contact.weak_tie else "",
        "shortlist": "on" if contact.shortlist else "",
    })


def statuses_for(network: Network, contact_id: str, today: date) -> CadenceStatus:
    contact = network.contacts[contact_id]
    history = network.interactions_with(contact_id)
    return cadence_status(contact, history[0].on if history else None, today, network.targets)


def plan_view(network: Network, contact_id: str, today: date,
              forms: Forms | None = None) -> View:
    """Plan and prepare: the three questions, research, questions to ask, drafts."""
    contact = network.contacts.get(contact_id)
    if contact is None:
        return View("Not found", render("missing.html"))
    forms = forms or {}
    history = network.interactions_with(contact_id)
    plan = network.plans.get(contact_id) or Plan(id=contact_id, contact_id=contact_id,
                                                  updated_at=NEVER)
    favours = network.favours_with(contact_id)
    html = render(
        "plan.html", contact=contact, plan=plan, is_new=contact_id not in network.plans,
        completeness=completeness(plan), reach_flag=reach_out_flag(plan),
        ask_flag=early_ask_flag(plan, history), pitch=network.pitch,
        last=history[0] if history else None, ledger=balance(favours),
        open_favours=[f for f in favours if f.direction is FavourDirection.RECEIVED][:3],
        drafts=[drafts.follow_up(contact, history, network.pitch),
                drafts.light_touch(contact, history), drafts.offer_help(contact, plan)],
        form=forms.get("save_plan", plan_form(plan)),
        step_form=forms.get("step_done", FormState({"next_kind": "meeting"})),
    )
    return View(f"Plan: {contact.name}", html)


def plan_form(plan: Plan) -> FormState:
    values = {k: str(v or "") for k, v in plan.model_dump(include=set(PLAN_TEXT)).items()}
    values["next_kind"] = plan.next_kind.value
    values["questions"] = "\n".join(plan.questions)
    values["active"] = "on" if plan.active else ""
    return FormState(values)


PLAN_TEXT = ("why", "give", "get", "reach_reason", "research", "next_step", "next_on")


def pitch_view(network: Network, today: date, forms: Forms | None = None) -> View:
    pitch = network.pitch
    saved = FormState({"one_liner": pitch.one_liner, "distinctive": pitch.distinctive,
                       "how_i_help": pitch.how_i_help})
    return View("Your pitch", render("pitch.html", pitch=pitch,
                                     form=(forms or {}).get("save_pitch", saved)))


def groups_view(network: Network, today: date, forms: Forms | None = None) -> View:
    return View("Groups", render("groups.html", tree=group_tree(network.people),
                                 weak=sum(c.weak_tie for c in network.people)))


def networks_view(network: Network, today: date, forms: Forms | None = None) -> View:
    targets = sorted(network.targets.values(), key=lambda t: (not t.active, t.name.casefold()))
    html = render("networks.html", targets=targets, members=members, people=network.people,
                  waiting=untriaged(network.people),
                  missing=missing_value_proposition(network.targets),
                  form=(forms or {}).get("save_target", FormState()),
                  used_kinds={t.kind for t in targets}, TargetKind=TargetKind)
    return View("Target networks", html)


def shortlist_view(network: Network, today: date, forms: Forms | None = None) -> View:
    history = network.history
    listed = [(c, is_a_call_away(history.get(c.id, []), today))
              for c in network.people if c.shortlist]
    progress = shortlist_progress(network.people, history, today)
    return View("Shortlist", render("shortlist.html", listed=listed, progress=progress))


def health_view(network: Network, today: date, forms: Forms | None = None) -> View:
    people = network.people
    counts = layer_counts(people)
    spheres = sphere_balance(people)
    all_statuses = statuses(network, today)
    overdue = sum(s.days_overdue > 0 for s in all_statuses)
    due_today = sum(s.days_overdue == 0 for s in all_statuses)
    ledger = balance(network.favours.values())
    progress = shortlist_progress(people, network.history, today)
    warnings = [*capacity_warnings(counts)]
    lopsided = balance_warning(spheres)
    if lopsided:
        warnings.append(lopsided)
    html = render(
        "health.html", counts=counts, spheres=spheres, warnings=warnings,
        layer_chart=charts.layer_chart(counts),
        sphere_chart=charts.bar_chart("Personal and professional", [
            ("Personal", spheres.personal), ("Both", spheres.both),
            ("Professional", spheres.professional), ("Not sorted", spheres.unsorted)]),
        cadence_chart=charts.bar_chart("Keeping in touch", [
            ("On time", len(all_statuses) - overdue - due_today), ("Due today", due_today),
            ("Overdue", overdue)]),
        favour_chart=charts.bar_chart("Favours", [("Given", ledger.given),
                                                  ("Received", ledger.received)]),
        progress=progress, form=(forms or {}).get("settings", FormState()),
        settings_form=FormState({k: str(v) for k, v in network.settings.model_dump().items()}),
    )
    return View("Network health", html)


ROUTES = {
    "today": today_view, "week": week_view, "groups": groups_view,
    "networks": networks_view, "shortlist": shortlist_view, "health": health_view,
    "pitch": pitch_view,
}


def view_for(route: str, network: Network, today: date, forms: Forms) -> tuple[str, View]:
    """The canonical route and its view; an unknown route shows Today."""
    path, _, query = route.removeprefix("#/").partition("?")
    parts = path.split("/")
    if parts[0] == "people" and len(parts) == 3 and parts[2] == "plan":
        return route, plan_view(network, parts[1], today, forms)
    if parts[0] == "people" and len(parts) == 2:
        return route, contact_view(network, parts[1], today, forms)
    if parts[0] == "people":
        return route, people_view(network, today, forms, query)
    if parts[0] in ROUTES:
        return f"#/{parts[0]}", ROUTES[parts[0]](network, today, forms)
    return "#/today", today_view(network, today, forms)
