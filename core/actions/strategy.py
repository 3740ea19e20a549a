"""Actions on the strategy: target networks, Today's items, settings, plans, the pitch."""

from __future__ import annotations

from datetime import timedelta

from pydantic import ValidationError

from core.actions.outcome import Context, Fields, Outcome, contact_of, validated
from core.actions.people import set_archived
from core.actions.versions import over_stored
from core.forms import FormState, clean, edit_form, values_of
from core.model import (
    AgendaDecision,
    AgendaKind,
    Contact,
    Interaction,
    Pitch,
    Plan,
    Settings,
    TargetNetwork,
)
from core.network import Network
from core.routes import known_route, plan_route, route_to
from core.rules.agenda import AgendaItem, candidates
from core.rules.done import LOGGED_AS, done_kind
from core.rules.planner import PARTS, missing_parts, same_step, step_written
from core.rules.reasons import quoted_to_end
from core.rules.targets import network_named
from core.rules.wording import on_day

CURLY_QUOTES = ("\u201c", "\u201d")


def save_target(fields: Fields, network: Network, context: Context) -> Outcome:
    """Add a target network, or rename and describe one; never a second of the same name."""
    typed = clean(fields, ("id", "name", "kind", "value_proposition", "research"))
    old = network.targets.get(typed["id"])
    form = edit_form("target", old.id) if old else "save_target"
    active = bool(values_of(fields, "active")) if old else True
    shown = {**{k: v for k, v in typed.items() if k != "id"}, "active": "on" if active else ""}
    data = {**(old.model_dump() if old else {"id": context.new_id}), **shown,
            "kind": typed["kind"] or "other", "active": active, "updated_at": context.now}
    target = validated(TargetNetwork, data, form, route_to("networks"), shown)
    if old:
        target = over_stored(target, old, fields, "target", form, route_to("networks"),
                             f"The network {old.name} was")
    twin = network_named(target.name, (t for t in network.targets.values() if t.id != target.id))
    if twin is not None:
        errors = {"name": f"You already have a network called {twin.name}."}
        return Outcome(route=route_to("networks"), forms={form: FormState(shown, errors)})
    return Outcome((target,), route_to("networks"), f"Saved the network {target.name}.")


def delete_target(fields: Fields, network: Network, context: Context) -> Outcome:
    """Delete a target network: it leaves every page it was on, its people stay (P5)."""
    target = network.targets.get(clean(fields, ("id",))["id"])
    if target is None:
        return Outcome(route=route_to("networks"), notice="That network is no longer here.")
    members = [c for c in network.contacts.values() if target.id in c.targets]
    # They were sorted once: taking the network away does not ask to sort them again.
    left = [c.model_copy(update={"targets": tuple(t for t in c.targets if t != target.id),
                                 "triaged": True, "updated_at": context.now}) for c in members]
    stay = {0: "", 1: " The person in it stays in your network."}.get(
        len(members), f" The {len(members)} people in it stay in your network.")
    return Outcome((target.tombstone(context.now), *left), route_to("networks"),
                   f"Deleted the network {target.name}.{stay}")


def triage(fields: Fields, network: Network, context: Context) -> Outcome:
    """Sort one person into target networks, or mark them as in none (P5)."""
    contact = contact_of(fields, network)
    chosen = tuple(t for t in values_of(fields, "targets") if t in network.targets)
    updated = contact.model_copy(update={"targets": chosen, "triaged": True,
                                         "updated_at": context.now})
    where = ", ".join(network.targets[t].name for t in chosen) or "no target network"
    return Outcome((updated,), route_to("networks"), f"{contact.name}: {where}.")


def act_on_item(fields: Fields, network: Network, context: Context) -> Outcome:
    """Done, snooze, skip, keep or let go, from the Today list."""
    key, do, days, note = clean(fields, ("key", "do", "days", "note")).values()
    item = next((i for i in candidates(network, context.today) if i.key == key), None)
    if item is None:
        return Outcome(route=route_to("today"), notice="That item has already been dealt with.")
    name = item.contact.name if item.contact else "that"
    if do == "done" and item.kind == AgendaKind.FIRST_STEP and item.contact is not None:
        # Nothing has happened yet: the first step is planned on their plan page.
        return Outcome(route=plan_route(item.contact.id),
                       notice=f"Plan your first step with {name}: why them, what you can "
                              "offer, and what comes next.")
    if do == "done" and item.kind == AgendaKind.DATE_AHEAD:
        # Getting ready is not a conversation: nothing is logged, and the day still comes.
        ready = AgendaDecision(id=key, updated_at=context.now, skipped=True)
        return Outcome((ready,), route_to("today"),
                       f"Ready for {name}'s day. Tend will remind you again on the day.")
    if do == "done" and item.contact is not None:
        return _done(item.contact, item, note, bool(values_of(fields, "helped")), network,
                     context)
    if do == "let_go" and item.contact is not None:
        return set_archived({"id": item.contact.id, "archived": "yes"}, network, context)
    if do == "keep":
        key = item.key_of(AgendaKind.PRUNE)  # a review merged into a catch-up: keep is the review's
    until = None
    if do in ("snooze", "keep"):
        wait = int(days) if days.isdigit() and 1 <= int(days) <= 365 else 7
        until = context.today + timedelta(days=wait if do == "snooze" else 90)
    decision = AgendaDecision(id=key, updated_at=context.now, until=until,
                              skipped=do == "skip")
    notice = {"snooze": f"Snoozed until {until.day} {until:%b}." if until else "",
              "keep": f"Kept {name}. Plan a light touch soon.",
              "skip": "Skipped for this time."}.get(do, "")
    parts = _each_part(decision, item) if do in ("snooze", "skip") else ()
    return Outcome((decision, *parts), route_to("today"), notice)


def _each_part(decision: AgendaDecision, item: AgendaItem) -> tuple[AgendaDecision, ...]:
    """The same decision for each verdict merged into the item: what the user put off
    stays put off when tomorrow's item for that person is made of other verdicts (a
    catch-up settled, a date passed), instead of coming back under a new key."""
    return tuple(decision.model_copy(update={"id": key}) for key in item.merged_keys)


def _done(contact: Contact, item: AgendaItem, note: str, helped: bool, network: Network,
          context: Context) -> Outcome:
    """Log what the user sent or said (never the button's words), as the kind it was."""
    kind = done_kind(item.kind, network.interactions_with(contact.id), helped)
    try:
        done = Interaction(id=context.new_id, updated_at=context.now, contact_id=contact.id,
                           on=context.today, kind=kind, note=note)
    except ValidationError:
        return Outcome(route=route_to("today"), notice="That note is longer than Tend keeps (4,000 "
                                               "characters); shorten it and press Done again.")
    # The logged interaction clears cadence and follow-up items by itself; a date or a
    # nudge also needs to know this occurrence was dealt with.
    # A planned step merged into the item is not done by this: it still asks what comes
    # next (P14), or it would sit on the plan, past its day, for good.
    dealt_with = AgendaDecision(id=item.key, updated_at=context.now, skipped=True)
    also = tuple(d for d in _each_part(dealt_with, item)
                 if d.id not in _step_keys(item))
    said = f": {quoted_to_end(note, CURLY_QUOTES)}" if note else "."
    return Outcome((done, dealt_with, *also), route_to("today"),
                   f"Done. Logged {LOGGED_AS[kind].format(name=contact.name)}{said}")


STEP_KINDS = (AgendaKind.PLAN, AgendaKind.PLAN_NEXT, AgendaKind.PLAN_PASSED)


def _step_keys(item: AgendaItem) -> set[str]:
    """The keys of the planned-step verdicts merged into an item."""
    return {key for kind, key in item.parts if kind in STEP_KINDS}


def save_settings(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("prune_after_days", "date_lead_days"))
    data = {**network.settings.model_dump(), **typed, "updated_at": context.now}
    settings = over_stored(validated(Settings, data, "settings", route_to("health"), typed),
                           network.settings, fields, "settings", "settings", route_to("health"),
                           "Your settings were")
    return Outcome((settings,), route_to("health"), "Settings saved.")


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
    route = plan_route(contact.id)
    shown = {**typed, "questions": questions_text}
    plan = over_stored(validated(Plan, data, "save_plan", route, shown), old, fields, "plan",
                       "save_plan", route, "This plan was")
    # The step keeps the time it was written unless it changed: fixing the why is no
    # new step, so what Today already settled about it stays settled.
    written = step_written(old) if old and same_step(old, plan) else context.now
    plan = plan.model_copy(update={"step_written_at": written})
    if old and old.active and old.next_step and plan.active and not plan.next_step:
        errors = {"next_step": "A relationship always has a next step: change it rather "
                               "than clear it, or pause the plan."}
        return Outcome(route=route, forms={"save_plan": FormState(shown, errors)})
    notice = f"Plan for {contact.name} saved."
    gaps = missing_parts(plan)
    if gaps:
        notice += " Still to answer: " + "; ".join(PARTS[g] for g in gaps) + "."
    return Outcome((plan,), route, notice)


def step_done(fields: Fields, network: Network, context: Context) -> Outcome:
    """The planned step happened: log it as what it was, with how it went, and set the
    following one (required; its date may wait until the user knows it).

    When the user already logged the step (the message on its day), the form names that
    interaction (``logged``) and nothing new is recorded: a second entry, as the plan's
    kind, would be a meeting that never happened."""
    contact = contact_of(fields, network)
    plan = network.plans.get(contact.id)
    typed = clean(fields, ("done_kind", "note", "next_step", "next_kind", "next_on"))
    route = known_route(clean(fields, ("back",))["back"], plan_route(contact.id))
    if plan is None:
        return Outcome(route=route, notice="There is no plan for that person yet.")
    if not typed["next_step"]:
        errors = {"next_step": "What comes next? A relationship always has a next step."}
        return Outcome(route=route, forms={"step_done": FormState(typed, errors)})
    history = network.interactions_with(contact.id)
    logged = _logged_step(clean(fields, ("logged",))["logged"], history)
    done = logged or validated(Interaction, {
        "id": context.new_id, "updated_at": context.now, "contact_id": contact.id,
        "on": context.today, "kind": typed["done_kind"] or plan.next_kind, "note": typed["note"],
    }, "step_done", route, typed)
    data = {**plan.model_dump(), "next_step": typed["next_step"],
            "next_kind": typed["next_kind"] or plan.next_kind,
            "next_on": typed["next_on"] or None, "updated_at": context.now,
            "step_written_at": context.now}
    following = validated(Plan, data, "step_done", route, typed)
    on = following.next_on
    when = (f", {on_day(on, context.today)}" if on
            else " (no date yet: add one on the plan when you know it)")
    nxt = f"Next: {following.next_step}{when}."
    if logged is not None:
        what = LOGGED_AS[logged.kind].format(name=contact.name)
        return Outcome((following,), route,
                       f"Step done: {what} {on_day(logged.on, context.today)}. {nxt}")
    return Outcome((done, following), route,
                   f"Logged {LOGGED_AS[done.kind].format(name=contact.name)}. {nxt}")


def move_step(fields: Fields, network: Network, context: Context) -> Outcome:
    """The planned step did not happen: the same step on a new day, from Today (P14).

    Moved, it is a step written now, so what was logged before the move does not settle
    it and its eve asks again to confirm a meeting."""
    contact = contact_of(fields, network)
    plan = network.plans.get(contact.id)
    route = known_route(clean(fields, ("back",))["back"], plan_route(contact.id))
    if plan is None or not plan.next_step:
        return Outcome(route=route, notice="There is no planned step to move.")
    typed = clean(fields, ("next_on",))
    data = {**plan.model_dump(), "next_on": typed["next_on"] or None,
            "updated_at": context.now, "step_written_at": context.now}
    moved = validated(Plan, data, "move_step", route, typed)
    on = moved.next_on
    if on is None or on < context.today:
        return Outcome(route=route, notice="Choose the new day, today or later; nothing "
                                           "was changed.")
    return Outcome((moved,), route, f"Moved: {plan.next_step}, now on {on.day} {on:%b}.")


def _logged_step(interaction_id: str, history: list[Interaction]) -> Interaction | None:
    """The interaction the form says was the step, if it is one of this person's."""
    return next((i for i in history if interaction_id and i.id == interaction_id), None)


def save_pitch(fields: Fields, network: Network, context: Context) -> Outcome:
    typed = clean(fields, ("one_liner", "distinctive", "how_i_help", "looking_for"))
    data = {**network.pitch.model_dump(), **typed, "updated_at": context.now}
    page = route_to("pitch")
    pitch = over_stored(validated(Pitch, data, "save_pitch", page, typed), network.pitch,
                        fields, "pitch", "save_pitch", page, "Your pitch was")
    return Outcome((pitch,), page, "Your pitch is saved; it shows before every meeting.")


