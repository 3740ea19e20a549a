"""Actions on the strategy: target networks, Today's items, settings, plans, the pitch."""

from __future__ import annotations

from datetime import timedelta

from core.actions.outcome import Context, Fields, Outcome, contact_of, validated
from core.actions.people import set_archived
from core.forms import FormState, clean, values_of
from core.model import (
    AgendaDecision,
    Interaction,
    InteractionKind,
    Pitch,
    Plan,
    Settings,
    TargetNetwork,
)
from core.network import Network
from core.rules.agenda import candidates
from core.rules.planner import PARTS, missing_parts


def save_target(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("id", "name", "kind", "value_proposition", "research"))
    old = network.targets.get(typed["id"])
    data = {**(old.model_dump() if old else {"id": context.new_id}),
            **{k: v for k, v in typed.items() if k != "id"},
            "kind": typed["kind"] or "other",
            "active": bool(values_of(fields, "active")) if old else True,
            "updated_at": context.now}
    target = validated(TargetNetwork, data, "save_target", "#/networks", typed)
    return Outcome((target,), "#/networks", f"Saved the network {target.name}.")


def triage(fields: Fields, network: Network, context: Context) -> Outcome:
    """Sort one person into target networks, or mark them as in none (P5)."""
    contact = contact_of(fields, network)
    chosen = tuple(t for t in values_of(fields, "targets") if t in network.targets)
    updated = contact.model_copy(update={"targets": chosen, "triaged": True,
                                         "updated_at": context.now})
    where = ", ".join(network.targets[t].name for t in chosen) or "no target network"
    return Outcome((updated,), "#/networks", f"{contact.name}: {where}.")


def act_on_item(fields: Fields, network: Network, context: Context) -> Outcome:
    """Done, snooze, skip, keep or let go, from the Today list."""
    key, do, days = clean(fields, ("key", "do", "days")).values()
    item = next((i for i in candidates(network, context.today) if i.key == key), None)
    if item is None:
        return Outcome(route="#/today", notice="That item has already been dealt with.")
    name = item.contact.name if item.contact else "that"
    if do == "done" and item.contact is not None:
        kind = InteractionKind.MESSAGE if item.kind == "follow_up" else InteractionKind.TOUCH
        done = Interaction(id=context.new_id, updated_at=context.now, contact_id=item.contact.id,
                           on=context.today, kind=kind, note=item.action)
        # The logged touch clears cadence and follow-up items by itself; a date or a
        # nudge also needs to know this occurrence was dealt with.
        dealt_with = AgendaDecision(id=key, updated_at=context.now, skipped=True)
        return Outcome((done, dealt_with), "#/today", f"Done: {item.action.lower()} ({name}).")
    if do == "let_go" and item.contact is not None:
        return set_archived({"id": item.contact.id, "archived": "yes"}, network, context)
    until = None
    if do in ("snooze", "keep"):
        wait = int(days) if days.isdigit() and 1 <= int(days) <= 365 else 7
        until = context.today + timedelta(days=wait if do == "snooze" else 90)
    decision = AgendaDecision(id=key, updated_at=context.now, until=until,
                              skipped=do == "skip")
    notice = {"snooze": f"Snoozed until {until:%d %b}." if until else "",
              "keep": f"Kept {name}. Plan a light touch soon.",
              "skip": "Skipped for this time."}.get(do, "")
    return Outcome((decision,), "#/today", notice)


def save_settings(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("prune_after_days", "date_lead_days"))
    data = {**network.settings.model_dump(), **typed, "updated_at": context.now}
    settings = validated(Settings, data, "settings", "#/health", typed)
    return Outcome((settings,), "#/health", "Settings saved.")


PLAN_FIELDS = ("why", "give", "get", "reach_reason", "research", "next_step", "next_kind",
               "next_on")


def save_plan(fields: Fields, network: Network, context: Context) -> Outcome:
    """Write the why / what / what's next for one person (P14, P15)."""
    contact = contact_of(fields, network)
    typed = clean(fields, PLAN_FIELDS)
    questions_text = clean(fields, ("questions",))["questions"]
    questions = tuple(q.strip() for q in questions_text.splitlines() if q.strip())
    old = network.plans.get(contact.id)
    base = old.model_dump() if old else {"id": contact.id, "contact_id": contact.id}
    data = {**base, **typed, "next_kind": typed["next_kind"] or "meeting",
            "next_on": typed["next_on"] or None, "questions": questions,
            "active": bool(values_of(fields, "active")) if old else True,
            "updated_at": context.now}
    route = f"#/people/{contact.id}/plan"
    shown = {**typed, "questions": questions_text}
    if old and old.active and old.next_step and data["active"] and not typed["next_step"]:
        errors = {"next_step": "A relationship always has a next step: change it rather "
                               "than clear it, or pause the plan."}
        return Outcome(route=route, forms={"save_plan": FormState(shown, errors)})
    plan = validated(Plan, data, "save_plan", route, shown)
    notice = f"Plan for {contact.name} saved."
    gaps = missing_parts(plan)
    if gaps:
        notice += " Still to answer: " + "; ".join(PARTS[g] for g in gaps) + "."
    return Outcome((plan,), route, notice)


def step_done(fields: Fields, network: Network, context: Context) -> Outcome:
    """The planned step happened: log it, and set the following one (required)."""
    contact = contact_of(fields, network)
    plan = network.plans.get(contact.id)
    typed = clean(fields, ("note", "next_step", "next_kind", "next_on"))
    route = clean(fields, ("back",))["back"] or f"#/people/{contact.id}/plan"
    if plan is None:
        return Outcome(route=route, notice="There is no plan for that person yet.")
    errors = {}
    if not typed["next_step"]:
        errors["next_step"] = "What comes next? A relationship always has a next step."
    if not typed["next_on"]:
        errors["next_on"] = "When? Pick a date for the next step."
    if errors:
        return Outcome(route=route, forms={"step_done": FormState(typed, errors)})
    data = {**plan.model_dump(), "next_step": typed["next_step"],
            "next_kind": typed["next_kind"] or "meeting", "next_on": typed["next_on"],
            "updated_at": context.now}
    following = validated(Plan, data, "step_done", route, typed)
    done = Interaction(id=context.new_id, updated_at=context.now, contact_id=contact.id,
                       on=context.today, kind=plan.next_kind,
                       note=typed["note"] or plan.next_step)
    return Outcome((done, following), route,
                   f"Logged. Next with {contact.name}: {following.next_step}.")


def save_pitch(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("one_liner", "distinctive", "how_i_help", "looking_for"))
    data = {**network.pitch.model_dump(), **typed, "updated_at": context.now}
    pitch = validated(Pitch, data, "save_pitch", "#/pitch", typed)
    return Outcome((pitch,), "#/pitch", "Your pitch is saved; it shows before every meeting.")


