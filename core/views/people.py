"""The people views: the list with its filters, a contact's page, plan and prepare."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from urllib.parse import parse_qsl, urlencode

from core.forms import FILTERS, FormState, editing
from core.model import (
    Contact,
    FavourDirection,
    Interaction,
    InteractionKind,
    Plan,
    Sphere,
    TargetNetwork,
)
from core.network import NEVER, Network
from core.rules import drafts
from core.rules.agenda import statuses
from core.rules.cadence import CadenceStatus, cadence_status, interval_for
from core.rules.dates import describe, next_occurrence
from core.rules.favours import balance
from core.rules.followup import follow_up_owed
from core.rules.groups import in_group, is_family_or_inner, parts
from core.rules.introductions import introducers
from core.rules.names import finds
from core.rules.patience import ask_readiness, early_asks, next_step
from core.rules.pitch import pitch_sentences
from core.rules.planner import completeness, early_ask_flag, is_planned, reach_out_flag
from core.views.corrections import entry_forms, what_goes
from core.views.render import Forms, View, last_seen_text, render


def not_found_view() -> View:
    """The page for a person who is not here (a stale link, or removed elsewhere)."""
    return View("Not found", render("missing.html"))


def parse_filters(query: str) -> dict[str, str]:
    """The people list's filters, from the route's query; anything else is ignored."""
    return {k: v for k, v in parse_qsl(query) if k in FILTERS and v}



# While the network is small, adding people is the main thing to do here, so the form is
# open; past this, the list is, and "Add a person" is one click at the top.
ADD_FORM_OPEN_BELOW = 20


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
                  filter_query=urlencode(filters),
                  add_open=len(network.contacts) < ADD_FORM_OPEN_BELOW)
    return View("People", html)


def _archived_statuses(network: Network, today: date) -> list[CadenceStatus]:
    gone = sorted((c for c in network.contacts.values() if c.archived), key=lambda c: c.name)
    return [statuses_for(network, c.id, today) for c in gone]


def _matches(status: CadenceStatus, filters: Mapping[str, str]) -> bool:
    contact = status.contact
    checks: dict[str, Callable[[str], bool]] = {
        "q": lambda v: finds(v, searched_text(contact)),
        "group": lambda v: in_group(contact, v),
        "layer": lambda v: contact.layer == v,
        "target": lambda v: v in contact.targets,
        "due": lambda v: status.is_due == (v == "yes"),
    }
    return all(checks[k](v) for k, v in filters.items() if k in checks)


def searched_text(contact: Contact) -> tuple[str, ...]:
    """What the people search looks in: the name in all its parts, work, groups, how you
    met and notes."""
    return (contact.name, contact.call_them, contact.nickname, contact.given_name,
            contact.family_name, contact.title, contact.company, contact.department,
            *contact.groups, contact.how_met, contact.notes)


def _group_paths(network: Network) -> list[str]:
    paths: set[str] = set()
    for contact in network.people:
        for group in contact.groups:
            steps = parts(group)
            paths.update(" / ".join(steps[:n]) for n in range(1, len(steps) + 1))
    return sorted(paths, key=str.casefold)


def contact_view(network: Network, contact_id: str, today: date,
                 forms: Forms | None = None) -> View:
    contact = network.contacts.get(contact_id)
    if contact is None:
        return not_found_view()
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
        favours=favours, ledger=balance(favours, history), dates=dates,
        helped=[i for i in history if i.kind is InteractionKind.FAVOUR], introducer=introducer,
        introduced=[c for c in network.people if c.introduced_by == contact.id],
        paths=introducers(contact, network.people, history)[:5], people=network.people,
        targets=network.targets, flags=early_asks(history, contact),
        readiness=ask_readiness(history, today, contact), next_step=next_step(history),
        family=is_family_or_inner(contact),
        follow_up=follow_up_owed(contact, history, today,
                                 is_planned(network.plans.get(contact_id))),
        last_seen=last_seen_text(status),
        plan=network.plans.get(contact_id),
        plan_state=completeness(network.plans[contact_id]) if contact_id in network.plans
        else None,
        log_form=forms.get("log_interaction", FormState({"on": today.isoformat()})),
        edit_form=forms.get("edit_contact"),
        contact_form=editing(contact, "contact", forms.get("edit_contact")),
        intro_options=[(c.id, c.name) for c in network.people if c.id != contact.id],
        favour_form=forms.get("add_favour", FormState()),
        date_form=forms.get("add_date", FormState()),
        entry_forms=entry_forms(network, contact_id, forms), what_goes=what_goes(contact, network),
        websites=[(w, w if w.startswith(("https://", "http://")) else "")
                  for w in contact.websites],
    )
    return View(contact.name, html)


def statuses_for(network: Network, contact_id: str, today: date) -> CadenceStatus:
    return cadence_status(network.contacts[contact_id], network.last_contact_on(contact_id),
                          today, network.targets)


def plan_view(network: Network, contact_id: str, today: date,
              forms: Forms | None = None) -> View:
    """Plan and prepare: the three questions, research, questions to ask, drafts."""
    contact = network.contacts.get(contact_id)
    if contact is None:
        return not_found_view()
    forms = forms or {}
    history = network.interactions_with(contact_id)
    plan = network.plans.get(contact_id) or Plan(id=contact_id, contact_id=contact_id,
                                                  updated_at=NEVER)
    favours = network.favours_with(contact_id)
    targets = [network.targets[t] for t in contact.targets if t in network.targets]
    html = render(
        "plan.html", contact=contact, plan=plan, is_new=contact_id not in network.plans,
        completeness=completeness(plan), reach_flag=reach_out_flag(plan),
        target_research=[t for t in targets if t.research],
        target_values=[t for t in targets if t.value_proposition],
        pitch_said=" ".join(pitch_sentences(network.pitch, with_ask=False)),
        ask_flag=early_ask_flag(plan, history, contact), pitch=network.pitch,
        last=history[0] if history else None, ledger=balance(favours, history),
        open_favours=[f for f in favours if f.direction is FavourDirection.RECEIVED][:3],
        drafts=plan_drafts(network, contact, plan, history, targets),
        form=editing(plan, "plan", forms.get("save_plan")),
        step_form=forms.get("step_done", FormState()),
    )
    return View(f"Plan: {contact.name}", html)


def plan_drafts(network: Network, contact: Contact, plan: Plan, history: list[Interaction],
                targets: list[TargetNetwork]) -> list[drafts.Draft]:
    """The drafts for this person: the outreach first until there is history, then the rest."""
    made = [drafts.follow_up(contact, history, plan), drafts.light_touch(contact, history),
            drafts.offer_help(contact, plan, targets)]
    if not drafts.already_known(contact, history):
        outreach = drafts.informational_request(contact, plan, network.pitch, targets)
        made.insert(0 if not history else len(made), outreach)
    introducer = network.contacts.get(contact.introduced_by or "")
    if introducer is not None:
        made.append(drafts.thank_introducer(introducer, contact, history))
    if contact.layer.is_strong or contact.sphere is Sphere.PERSONAL:
        made.append(drafts.looking_for_note(contact, network.pitch))
    return made
