"""The people views: the list with its filters, a contact's page, plan and prepare."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
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
from core.rules import drafts, thank_you_drafts
from core.rules.cadence import CadenceStatus, interval_for
from core.rules.dates import describe, next_occurrence
from core.rules.duplicates import possible_duplicates
from core.rules.favours import balance
from core.rules.followup import follow_up_owed
from core.rules.groups import in_group, is_family_or_inner, parts
from core.rules.introductions import introducers
from core.rules.names import finds, picker_labels
from core.rules.patience import ask_readiness, early_asks, next_step, rung
from core.rules.pitch import pitch_sentences
from core.rules.planner import (
    LOGGED_KINDS,
    completeness,
    early_ask_flag,
    is_planned,
    reach_out_flag,
    step_line,
    step_settled_by,
)
from core.rules.turns import status_in
from core.rules.wording import on_day
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
# People listed on one page: enough to scan, few enough that a book of 10,000 opens as
# fast as one of a hundred.
PAGE_SIZE = 100
# A list of everyone to pick a person from helps in a small book; in a large one it is
# the page's largest element (at 1,500 people, 60% of a person's page: bench/interaction.py),
# so past this many people the name is typed and looked up.
PICKER_LIST_MOST = 500


@dataclass(frozen=True)
class PersonPicker:
    """A form field naming one person: the name it shows, the id the form was shown
    with, the other tab's choice in a conflict, and the names to pick from."""

    id: str
    text: str
    theirs: str | None
    labels: tuple[str, ...]
    field: str = "introducer"

    @property
    def hint(self) -> str:
        if self.labels:
            return "Start typing a name, then pick it from the list; leave empty if nobody."
        return "Type their name as Tend has it; leave empty if nobody."


def introducer_picker(form: FormState, network: Network, own_id: str = "") -> PersonPicker:
    """The "Introduced by" field of a form, as the user left it or as stored."""
    chosen = form.value("introduced_by")
    theirs = form.theirs.get("introduced_by")
    if not (chosen or theirs or len(network.contacts) <= PICKER_LIST_MOST):
        return PersonPicker("", form.value("introducer"), None, ())
    labels = picker_labels(network.people)
    text = form.values.get("introducer", labels.get(chosen, ""))
    return PersonPicker(chosen, text, None if theirs is None else labels.get(theirs, "nobody"),
                        names_to_pick(network.people, own_id, labels))


def names_to_pick(people: list[Contact], own_id: str = "",
                  labels: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Everyone's picker label in alphabetical order, or none in a book too large to list
    (then no label is worked out at all)."""
    if len(people) > PICKER_LIST_MOST:
        return ()
    labels = labels if labels is not None else picker_labels(people)
    return tuple(sorted((label for person_id, label in labels.items() if person_id != own_id),
                        key=str.casefold))


@dataclass(frozen=True)
class Page:
    """One page of a long list: which rows, and where the pages before and after are."""

    number: int
    first: int
    last: int
    total: int

    @property
    def has_next(self) -> bool:
        return self.last < self.total


def page_of(total: int, query: str) -> Page:
    """The page the route asks for (``?page=N``), kept within the list."""
    asked = dict(parse_qsl(query)).get("page", "1")
    pages = max(1, -(-total // PAGE_SIZE))
    number = min(max(int(asked), 1), pages) if asked.isdigit() else 1
    first = (number - 1) * PAGE_SIZE
    return Page(number, first, min(first + PAGE_SIZE, total), total)


def people_view(network: Network, today: date, forms: Forms | None = None,
                query: str = "") -> View:
    filters = parse_filters(query)
    chosen = [c for c in _listed(network, filters) if _matches(c, filters)]
    if "due" in filters:
        shown = [s for c in chosen if (s := statuses_for(network, c.id, today)).is_due
                 == (filters["due"] == "yes")]
        page = page_of(len(shown), query)
        rows = shown[page.first:page.last]
    else:
        # Only the page shown needs anyone's keep-in-touch status: in a book of 10,000 a
        # search would otherwise work out all of them for the 100 it lists.
        page = page_of(len(chosen), query)
        rows = [statuses_for(network, c.id, today) for c in chosen[page.first:page.last]]
    form = (forms or {}).get("add_contact", FormState())
    html = render("people.html", rows=rows, page=page,
                  filters=filters, targets=network.targets,
                  groups=_group_paths(network), form=form,
                  people=network.people, last_seen=last_seen_text,
                  introducer_field=introducer_picker(form, network), page_size=PAGE_SIZE,
                  filter_query=urlencode(filters),
                  add_open=len(network.contacts) < ADD_FORM_OPEN_BELOW,
                  duplicates=_duplicate_count(network))
    return View("People", html)


_counted: list[tuple[object, object, int]] = []


def _duplicate_count(network: Network) -> int:
    """How many pairs seem to be one person, kept for the contacts and decisions it was
    counted from (a write of anything else leaves both maps as they were): paging,
    searching or logging a conversation changes nothing, and the count is a pass over
    everyone."""
    if (not _counted or _counted[0][0] is not network.contacts
            or _counted[0][1] is not network.decisions):
        _counted[:] = [(network.contacts, network.decisions, len(possible_duplicates(network)))]
    return _counted[0][2]


def _listed(network: Network, filters: Mapping[str, str]) -> list[Contact]:
    """Whom the list is drawn from: the people kept, or those let go (by name)."""
    if filters.get("show") == "archived":
        return sorted((c for c in network.contacts.values() if c.archived), key=lambda c: c.name)
    return network.people


def _matches(contact: Contact, filters: Mapping[str, str]) -> bool:
    """Whether a person passes the filters that need only their record (not "due")."""
    checks: dict[str, Callable[[str], bool]] = {
        "q": lambda v: finds(v, searched_text(contact)),
        "group": lambda v: in_group(contact, v),
        "layer": lambda v: contact.layer == v,
        "target": lambda v: v in contact.targets,
    }
    return all(checks[k](v) for k, v in filters.items() if k in checks)


def searched_text(contact: Contact) -> tuple[str, ...]:
    """What the people search looks in: the name in all its parts, work, groups, how you
    met and notes."""
    return (contact.name, contact.call_them, contact.nickname, contact.given_name,
            contact.family_name, contact.title, contact.company, contact.department,
            *contact.groups, contact.how_met, contact.notes)


_grouped: list[tuple[object, list[str]]] = []


def _group_paths(network: Network) -> list[str]:
    """Every group and the groups above it, kept for the list of people they came from
    (a write of anything but a person leaves that list as it was)."""
    if not _grouped or _grouped[0][0] is not network.people:
        _grouped[:] = [(network.people, _paths_of_groups(network))]
    return list(_grouped[0][1])


def _paths_of_groups(network: Network) -> list[str]:
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
    contact_form = editing(contact, "contact", forms.get("edit_contact"))
    html = render(
        "contact.html", contact=contact, status=status, timeline=history,
        interval=interval_for(contact, network.targets), today=today,
        favours=favours, ledger=balance(favours, history), dates=dates,
        helped=[i for i in history if i.kind is InteractionKind.FAVOUR], introducer=introducer,
        introduced=[c for c in network.people if c.introduced_by == contact.id],
        paths=introducers(contact, network.people, history)[:5],
        targets=network.targets, flags=early_asks(history, contact),
        readiness=ask_readiness(history, today, contact), next_rung=rung(next_step(history)),
        family=is_family_or_inner(contact),
        follow_up=follow_up_owed(contact, history, today,
                                 is_planned(network.plans.get(contact_id))),
        last_seen=last_seen_text(status),
        plan=network.plans.get(contact_id),
        step=step_line(network.plans[contact_id], history, today) if contact_id in network.plans
        else "",
        plan_state=completeness(network.plans[contact_id]) if contact_id in network.plans
        else None,
        log_form=forms.get("log_interaction", FormState({"on": today.isoformat()})),
        edit_form=forms.get("edit_contact"),
        contact_form=contact_form,
        introducer_field=introducer_picker(contact_form, network, contact.id),
        favour_form=forms.get("add_favour", FormState()),
        date_form=forms.get("add_date", FormState()),
        entry_forms=entry_forms(network, contact_id, forms), what_goes=what_goes(contact, network),
        websites=[(w, w if w.startswith(("https://", "http://")) else "")
                  for w in contact.websites],
    )
    return View(contact.name, html)


def statuses_for(network: Network, contact_id: str, today: date) -> CadenceStatus:
    return status_in(network, network.contacts[contact_id], today)


def logged_line(logged: Interaction, today: date) -> str:
    """What the step's form says when the user already logged the step."""
    what = LOGGED_KINDS.get(logged.kind, "what")
    return (f"That was the step: {what} you logged {on_day(logged.on, today)}. "
            "Nothing new is logged; just choose what comes next.")


# The plan's fields a link may open the plan on: ``#/people/<id>/plan?field=reach_reason``.
PLAN_FIELDS = frozenset({"why", "give", "reach_reason", "research"})


def field_asked(query: str) -> str:
    """The field a plan's address asks to open on, or "" (``?field=reach_reason``).

    >>> field_asked("field=reach_reason"), field_asked("")
    ('reach_reason', '')
    """
    return dict(parse_qsl(query)).get("field", "")


def plan_view(network: Network, contact_id: str, today: date,
              forms: Forms | None = None, field: str = "") -> View:
    """Plan and prepare: the three questions, research, questions to ask, drafts; opened
    on one field of the plan when a link asks for it (Today's "Add the reason")."""
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
        drafts=plan_drafts(network, contact, plan, history, targets, today),
        form=editing(plan, "plan", forms.get("save_plan")),
        step_form=forms.get("step_done", FormState()),
        logged=_logged_step(plan, history, today), logged_line=logged_line, today=today,
    )
    return View(f"Plan: {contact.name}", html,
                f"#plan-{field}" if field in PLAN_FIELDS else "#view-title")



def _logged_step(plan: Plan, history: list[Interaction], today: date) -> Interaction | None:
    """What the user logged that was the plan's step, once the step's day has come."""
    if plan.next_on is None or plan.next_on > today:
        return None
    return step_settled_by(plan, history)


def plan_drafts(network: Network, contact: Contact, plan: Plan, history: list[Interaction],
                targets: list[TargetNetwork], today: date) -> list[drafts.Draft]:
    """The drafts for this person: the outreach first until there is history, then the rest."""
    made = [drafts.follow_up(contact, history, plan, today), drafts.light_touch(contact, history),
            drafts.offer_help(contact, plan, targets)]
    if not drafts.already_known(contact, history):
        outreach = drafts.informational_request(contact, plan, network.pitch, targets)
        made.insert(0 if not history else len(made), outreach)
    introducer = network.contacts.get(contact.introduced_by or "")
    if introducer is not None:
        made.append(thank_you_drafts.thank_introducer(introducer, contact, history))
    if contact.layer.is_strong or contact.sphere is Sphere.PERSONAL:
        made.append(drafts.looking_for_note(contact, network.pitch))
    return made
