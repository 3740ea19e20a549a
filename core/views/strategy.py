"""The network views: groups, target networks, the shortlist and network health."""

from __future__ import annotations

from datetime import date

from core.forms import FormState, edit_form, editing
from core.model import (
    TargetKind,
)
from core.network import Network
from core.rules.agenda import statuses
from core.rules.favours import balance
from core.rules.groups import group_tree
from core.rules.health import balance_warning, capacity_warnings, layer_counts, sphere_balance
from core.rules.names import picker_labels
from core.rules.shortlist import is_a_call_away, plan_nudge, shortlist_progress
from core.rules.targets import SORT_AT_ONCE, members, missing_value_proposition, untriaged
from core.views import charts
from core.views.render import Forms, View, render


def groups_view(network: Network, today: date, forms: Forms | None = None) -> View:
    return View("Groups", render("groups.html", tree=group_tree(network.people),
                                 weak=sum(c.weak_tie for c in network.people)))


def networks_view(network: Network, today: date, forms: Forms | None = None) -> View:
    targets = sorted(network.targets.values(), key=lambda t: (not t.active, t.name.casefold()))
    forms = forms or {}
    edits = {t.id: editing(t, "target", forms.get(edit_form("target", t.id))) for t in targets}
    # Two people of one name are told apart, so each "Sort …" form has a name of its own.
    waiting = untriaged(network.people)
    html = render("networks.html", targets=targets, members=members, people=network.people,
                  edits=edits, in_it={t.id: members(t, network.contacts.values()) for t in targets},
                  waiting=waiting, labels=picker_labels(waiting), sort_at_once=SORT_AT_ONCE,
                  missing=missing_value_proposition(network.targets),
                  form=forms.get("save_target", FormState()),
                  used_kinds={t.kind for t in targets}, TargetKind=TargetKind)
    return View("Target networks", html)


def shortlist_view(network: Network, today: date, forms: Forms | None = None) -> View:
    history = network.history
    listed = [(c, is_a_call_away(history.get(c.id, []), today),
               plan_nudge(c, network.plans.get(c.id)))
              for c in network.people if c.shortlist]
    progress = shortlist_progress(network.people, history, today)
    return View("Shortlist", render("shortlist.html", listed=listed, progress=progress))


def health_view(network: Network, today: date, forms: Forms | None = None) -> View:
    people = network.people
    counts = layer_counts(people)
    spheres = sphere_balance(people)
    all_statuses = statuses(network, today)
    overdue = sum(s.days_late > 0 for s in all_statuses)
    # A turn among people added together is due, not late, until their interval runs out.
    due_today = sum(s.is_due and s.days_late <= 0 for s in all_statuses)
    ledger = balance(network.favours.values(), network.interactions.values())
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
        progress=progress,
        form=editing(network.settings, "settings", (forms or {}).get("settings")),
    )
    return View("Network health", html)


