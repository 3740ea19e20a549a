"""The Today agenda: every rule's verdict merged into one ranked list, one item a person.

Ranking, most pressing first (the guide explains it under "How Today is ordered"):
  0. a 24-hour follow-up after a first real conversation or a planned meeting (P10): it
     only works while it is fresh;
  1. a date today (P11): a birthday wish a day late, or a day early, is a different message;
     a planned next step whose day has come (P14): a promise to yourself; once something
     logged with the person on or after its day has done it, the question of what comes
     next; and, two days after its day with nothing logged, whether it happened; the eve of a
     planned coffee or call, to confirm it (P14); and a thank-you for a favour or an
     introduction received (P13, P7): thanks a week late is a different message too;
  2. people past their keep-in-touch interval (P8), the latest relative to their
     interval first, so an inner-circle friend a week late comes before an
     acquaintance a week late; a follow-up missed for two weeks, as a note to reconnect
     (P10); and newcomers with a reason to reach out, a first step to plan (P14),
     spread a few a week in the order they were added; a next step still without a
     date a week after it was written (P14);
  3. dates later this week and recent news (P11);
  4. a chance to give first: where the balance leans on them, or soon after a first
     meeting with someone new (P13);
  5. weak ties gone cold, up for review (P4), never the shortlist or a target network
     before a first conversation, nobody in their first month, three a day at most,
     the longest silent first;
  6. people not yet sorted into target networks (P5).
Within a rank, ties go by name, then id, so the list is the same on every run.

Nobody is listed twice: a person's verdicts become one item, shown with the most
pressing one's action and every reason. Being in touch settles what it answers:
any interaction logged on a day settles that person's date, news and give items for
the day (a date's from the day its reminder window opens), and anything logged after
a conversation settles its follow-up. Nothing is stored for that; it is derived from
the history. Items the user snoozed (until a day) or skipped stay hidden; a skip
lasts for that occurrence only, because each item's key names the occurrence, and for
the verdicts whose occasion has no end of its own (a review, sorting into networks, a
chance to give, a step without a date) only for a set wait (``SKIP_WAITS``), after
which the question comes back.

This week is built from the same rules, day by day, so the two never disagree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, timedelta

from core.model import AgendaKind, AgendaRank, Contact, Interaction, Plan
from core.network import Network
from core.rules.cadence import CadenceStatus
from core.rules.dates import WISH_DAYS, reminder
from core.rules.favours import GIVE_SKIP_WAIT, give_nudge
from core.rules.followup import follow_up_owed, reconnect_owed
from core.rules.planner import (
    UNDATED_WAIT,
    confirmation_due,
    first_step_days,
    first_step_reason,
    is_planned,
    step_details,
    step_due,
    step_next,
    step_passed,
    step_written,
    undated_key,
    undated_step,
)
from core.rules.pruning import REVIEW_SKIP_WAIT, REVIEWS_A_DAY, prune_review
from core.rules.reasons import Reason, quoted_to_end
from core.rules.targets import TRIAGE_SKIP_WAIT, triage_reason, untriaged
from core.rules.thanks import favour_thanks, introduction_thanks
from core.rules.turns import status_in, turns_of
from core.rules.wording import said_on

WEEK = 7


@dataclass(frozen=True)
class AgendaItem:
    """One thing to do: for whom, what exactly, and why."""

    key: str
    kind: AgendaKind
    rank: AgendaRank
    contact: Contact | None
    action: str
    reason: Reason
    due_on: date
    lateness: float = 0.0
    # The person's other verdicts today, merged into this one item (most pressing first).
    also: tuple[Reason, ...] = ()
    # The days of its dates and planned steps, merged ones included: This week lists them.
    dated: tuple[date, ...] = ()
    # The keys of the verdicts merged into it; empty for an item that stands alone.
    merged_keys: tuple[str, ...] = ()
    # Each merged verdict's kind and key, most pressing first: what the item still offers
    # to do for each (a review's Keep, a planned step's Done and next).
    parts: tuple[tuple[AgendaKind, str], ...] = ()

    @property
    def kinds(self) -> tuple[AgendaKind, ...]:
        """The kind of every verdict in this item, its own first."""
        return tuple(kind for kind, _ in self.parts) or (self.kind,)

    def key_of(self, kind: str) -> str:
        """The key of this item's verdict of ``kind`` (its own key if it stands alone)."""
        return next((key for k, key in self.parts if k == kind), self.key)

    @property
    def verdicts(self) -> tuple[str, ...]:
        """The key of each rule's verdict in this item: what This week compares by."""
        return self.merged_keys or (self.key,)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every reason this item is on Today: its own first, then what was merged in."""
        return (self.reason, *self.also)

    def sort_key(self) -> tuple[int, float, str, str, str]:
        if self.contact is None:
            return (self.rank, -self.lateness, "", "", self.key)
        return (self.rank, -self.lateness, self.contact.name.casefold(), self.contact.id, self.key)


def item_key(kind: AgendaKind | str, *parts: str) -> str:
    """A short, stable key for an agenda item, usable as a record id (a merged item's
    kind is "person")."""
    prefix = kind.key_prefix if isinstance(kind, AgendaKind) else kind
    digest = hashlib.blake2b("\0".join(parts).encode(), digest_size=10).hexdigest()
    return f"{prefix}-{digest}"


def statuses(network: Network, today: date) -> list[CadenceStatus]:
    """Every kept contact's cadence status, in one pass over the history (kept with
    their verdicts for the day: see ``_everyones_verdicts``)."""
    everyone = _everyones_verdicts(network, today)
    return [everyone[c.id][0] for c in network.people]


def candidates(network: Network, today: date) -> list[AgendaItem]:
    """Every item the rules produce today, one per person.

    A verdict the user snoozed or skipped is left out before a person's verdicts are
    merged; the merged item (its key names every verdict in it) is what ``agenda``
    hides when the user snoozes or skips it.
    """
    items: list[AgendaItem] = []
    everyone = _everyones_verdicts(network, today)
    verdicts = [[i for i in everyone[contact.id][1] if not is_hidden(i, network, today)]
                for contact in network.people]
    reviews = sorted((i for own in verdicts for i in own if i.kind == AgendaKind.PRUNE),
                     key=AgendaItem.sort_key)
    waiting_reviews = {i.key for i in reviews[REVIEWS_A_DAY:]}
    for own in verdicts:
        shown = [i for i in own if i.key not in waiting_reviews]
        if shown:
            items.append(merged(shown))
    waiting = network.derived.get("untriaged")
    if waiting is None:  # the same every day: worked out once per network
        waiting = network.derived["untriaged"] = untriaged(network.people)
    if waiting and network.targets:
        items.append(AgendaItem(item_key(AgendaKind.TRIAGE, *sorted(c.id for c in waiting)),
                                AgendaKind.TRIAGE, AgendaKind.TRIAGE.rank, None,
                                "Sort people into target networks", triage_reason(len(waiting)),
                                today))
    return items


def _first_steps(network: Network) -> dict[str, date]:
    """The day of each newcomer's first step (they do not depend on the day asked)."""
    found = network.derived.get("first steps")
    if found is None:
        found = network.derived["first steps"] = first_step_days(
            [(c, _first_contact(network, c)) for c in network.people
             if _reasons_to_reach_out(network, c)])
    return found


def _introduced(network: Network) -> dict[str, tuple[Contact, ...]]:
    """The people each person introduced the user to."""
    found = network.derived.get("introduced")
    if found is None:
        grouped: dict[str, list[Contact]] = {}
        for person in network.people:
            if person.introduced_by:
                grouped.setdefault(person.introduced_by, []).append(person)
        found = network.derived["introduced"] = {k: tuple(v) for k, v in grouped.items()}
    return found


# How many days of verdicts are kept from one network to the next (Today, This week).
KEPT_DAYS = 16


def _everyones_verdicts(network: Network, today: date
                        ) -> dict[str, tuple[CadenceStatus, list[AgendaItem]]]:
    """Each kept person's cadence status and verdicts on a day, before hiding, by id.

    Worked out again only for the people a write touched since the last network of the
    same line that was asked about this day (``Network.kept``): after one conversation
    is logged, This week works out one person's eight days, not everyone's.
    """
    first_steps, introduced = _first_steps(network), _introduced(network)
    turns = turns_of(network)
    days = network.kept.setdefault("days", {})
    last = days.get(today)
    if last is not None and last[0] == network.serial:
        same: dict[str, tuple[CadenceStatus, list[AgendaItem]]] = last[4]
        return same
    touched = _touched_since(network, last[0]) if last is not None else None
    if last is None or touched is None:
        found: dict[str, tuple[CadenceStatus, list[AgendaItem]]] = {}
    else:
        _, steps_then, introduced_then, turns_then, found = last
        found = dict(found)
        # Someone added, deleted or moved to another interval moves the turns of others.
        for then, now in ((steps_then, first_steps), (introduced_then, introduced),
                          (turns_then, turns)):
            if then is not now:
                touched |= {k for k in then.keys() | now.keys() if then.get(k) != now.get(k)}
        for contact_id in touched:
            found.pop(contact_id, None)
    for contact in network.people:
        if contact.id not in found:
            status = status_in(network, contact, today)
            found[contact.id] = (status, _verdicts(network, status, today,
                                                   first_steps.get(contact.id),
                                                   list(introduced.get(contact.id, ()))))
    days[today] = (network.serial, first_steps, introduced, turns, found)
    for old in sorted(days)[:-KEPT_DAYS]:
        del days[old]
    return found


def work_ahead(network: Network, today: date) -> bool:
    """Work out one more day of this week's verdicts, if one is left; True when one was.

    This week asks for eight days of everyone's verdicts: at 5,000 people that was
    ~650 ms on its first opening of the day, against ~90 ms a day in Pyodide. The shell
    calls this while the user reads, a day at a time, so a click waits for one day's
    work at most; a day already worked out at this network, or at an earlier one of its
    line, costs only the people written since.
    """
    days = network.kept.get("days", {})
    for ahead in range(WEEK + 1):
        day = today + timedelta(days=ahead)
        kept = days.get(day)
        if kept is None or kept[0] != network.serial:
            _everyones_verdicts(network, day)
            return True
    return False


def _touched_since(network: Network, serial: int) -> set[str] | None:
    """Everyone a write touched between the network numbered ``serial`` and this one;
    None if that network is not an earlier one of this line, or a write touched all."""
    writes = network.kept.get("writes", {})
    touched: set[str] = set()
    at = network.serial
    while at != serial:
        step = writes.get(at)
        if step is None or step[1] is None:
            return None
        at = step[0]
        touched |= step[1]
    return touched


def merged(own: list[AgendaItem]) -> AgendaItem:
    """One person's verdicts as one item: the most pressing one's action, every reason."""
    ordered = sorted(own, key=AgendaItem.sort_key)
    first = ordered[0]
    if len(ordered) == 1:
        return first
    also = tuple(r for i in ordered[1:] for r in i.reasons)
    dated = tuple(sorted({on for i in ordered for on in i.dated}))
    keys = tuple(sorted(i.key for i in ordered))
    return replace(first, key=item_key("person", *keys), also=also, dated=dated,
                   merged_keys=keys, parts=tuple((i.kind, i.key) for i in ordered))


def _verdicts(network: Network, status: CadenceStatus, today: date,
              first_on: date | None, introduced: list[Contact]) -> list[AgendaItem]:
    """Every rule's verdict on one person today, before merging."""
    items: list[AgendaItem] = []
    settings = network.settings
    contact = status.contact
    history = network.interactions_with(contact.id)
    plan = network.plans.get(contact.id)
    planned = is_planned(plan)
    follow_up = follow_up_owed(contact, history, today, planned)
    reconnect = None if status.is_due else reconnect_owed(contact, history, today, planned)
    if follow_up:
        items.append(AgendaItem(item_key(AgendaKind.FOLLOW_UP, follow_up.meeting.id),
                                AgendaKind.FOLLOW_UP, AgendaKind.FOLLOW_UP.rank,
                                contact, "Send a follow-up note", follow_up.reason,
                                follow_up.due_on))
    elif reconnect:
        items.append(AgendaItem(item_key(AgendaKind.RECONNECT, reconnect.meeting.id),
                                AgendaKind.RECONNECT, AgendaKind.RECONNECT.rank,
                                contact, "Write to reconnect", reconnect.reason,
                                reconnect.due_on))
    elif status.is_due:
        due_on = today - timedelta(days=status.days_overdue)
        items.append(AgendaItem(item_key(AgendaKind.CADENCE, contact.id, due_on.isoformat()),
                                AgendaKind.CADENCE, AgendaKind.CADENCE.rank, contact,
                                _touch_action(status, history),
                                _with_context(status.reason, history), due_on,
                                status.lateness))
    elif first_on is not None and first_on <= today and _waits_for_a_first_step(network, status):
        why = _reasons_to_reach_out(network, contact)
        # After everyone late and any reconnect: a first step can wait a day, they cannot.
        items.append(AgendaItem(item_key(AgendaKind.FIRST_STEP, contact.id),
                                AgendaKind.FIRST_STEP, AgendaKind.FIRST_STEP.rank, contact,
                                "Plan a first step", first_step_reason(contact, why), first_on,
                                lateness=-1.0))
    review = prune_review(status, settings.prune_after_days, today, history, network.targets)
    if review:
        items.append(AgendaItem(item_key(AgendaKind.PRUNE, contact.id, review.since.isoformat()),
                                AgendaKind.PRUNE, AgendaKind.PRUNE.rank, contact, "Keep or let go",
                                review.reason, today,
                                (today - review.since).days / settings.prune_after_days))
    in_touch_today = bool(history) and history[0].on == today
    favours = network.favours_with(contact.id)
    nudge = give_nudge(contact, favours, history, today)
    if nudge and not in_touch_today:
        items.append(AgendaItem(item_key(AgendaKind.GIVE, contact.id, nudge.occasion),
                                AgendaKind.GIVE, AgendaKind.GIVE.rank, contact, "Offer to help",
                                nudge.reason, today))
    thanks = (favour_thanks(contact, favours, history, today)
              or introduction_thanks(contact, introduced, history, today))
    if thanks:
        items.append(AgendaItem(item_key(AgendaKind.THANKS, contact.id, thanks.occasion),
                                AgendaKind.THANKS, AgendaKind.THANKS.rank,
                                contact, "Say thank you", thanks.reason, thanks.since))
    if plan:
        items += _step_verdicts(contact, plan, history, today)
    for important in network.dates_of(contact.id):
        found = reminder(contact, important, today, settings.date_lead_days)
        if found and not found.settled_by(history):
            if important.kind.recurs and found.days_away > WISH_DAYS:
                # The countdown is for getting ready (a card, a call in the diary); the
                # wish itself is its own item on the day.
                items.append(AgendaItem(item_key(AgendaKind.DATE_AHEAD, important.id,
                                                 found.on.isoformat()),
                                        AgendaKind.DATE_AHEAD, AgendaKind.DATE_AHEAD.rank, contact,
                                        "Get ready for the day",
                                        found.reason, found.on))
                continue
            rank = (AgendaKind.DATE.rank if 0 <= found.days_away <= WISH_DAYS
                    else AgendaRank.THIS_WEEK)
            # News may be hard news: a note to say you heard, not a "light touch".
            action = "Send a light touch" if important.kind.recurs else "Send a short note"
            items.append(AgendaItem(item_key(AgendaKind.DATE, important.id, found.on.isoformat()),
                                    AgendaKind.DATE, rank, contact, action, found.reason, found.on,
                                    dated=(found.on,)))
    return items


def _step_verdicts(contact: Contact, plan: Plan, history: list[Interaction],
                   today: date) -> list[AgendaItem]:
    """A plan's next step: its day come, its eve to confirm a meeting, or no date yet."""
    items = []
    on = plan.next_on or today
    planned_step = step_due(contact, plan, history, today)
    if planned_step:
        items.append(AgendaItem(item_key(AgendaKind.PLAN, planned_step.key), AgendaKind.PLAN,
                                AgendaKind.PLAN.rank, contact,
                                "Do the planned step", planned_step.reason, on, dated=(on,)))
    logged = step_next(contact, plan, history, today)
    if logged:
        items.append(AgendaItem(item_key(AgendaKind.PLAN_NEXT, logged.key),
                                AgendaKind.PLAN_NEXT, AgendaKind.PLAN_NEXT.rank, contact,
                                f"What's next with {contact.name}?", logged.reason, on))
    passed = step_passed(contact, plan, history, today)
    if passed:
        items.append(AgendaItem(item_key(AgendaKind.PLAN_PASSED, passed.key),
                                AgendaKind.PLAN_PASSED, AgendaKind.PLAN_PASSED.rank, contact,
                                "Did the planned step happen?", passed.reason, on))
    confirm = confirmation_due(contact, plan, history, today)
    if confirm:
        what = step_details(plan.next_step).what or "meeting"
        items.append(AgendaItem(item_key(AgendaKind.CONFIRM, confirm.key),
                                AgendaKind.CONFIRM, AgendaKind.CONFIRM.rank,
                                contact, f"Confirm tomorrow's {what}", confirm.reason, today))
    undated = undated_step(contact, plan, today)
    if undated:
        items.append(AgendaItem(item_key(AgendaKind.UNDATED, undated_key(undated)),
                                AgendaKind.UNDATED, AgendaKind.UNDATED.rank, contact,
                                "Put a date on the next step", undated.reason,
                                step_written(plan).date() + UNDATED_WAIT))
    return items


def _first_contact(network: Network, contact: Contact) -> date | None:
    history = network.interactions_with(contact.id)
    return history[-1].on if history else None


def _waits_for_a_first_step(network: Network, status: CadenceStatus) -> bool:
    """No contact yet, not yet due by cadence (then the cadence item asks), and no dated
    step in a plan (then that step is the first step)."""
    if network.interactions_with(status.contact.id) or status.is_due:
        return False
    plan = network.plans.get(status.contact.id)
    return not (is_planned(plan) and plan is not None and plan.next_step and plan.next_on)


def _reasons_to_reach_out(network: Network, contact: Contact) -> list[str]:
    """Why someone is worth a first step: the shortlist, a target network, an introduction."""
    why = []
    if contact.shortlist:
        why.append("on your shortlist")
    active = sorted(t.name for t in network.targets.values()
                    if t.active and t.id in contact.targets)
    if active:
        noun = "network" if len(active) == 1 else "networks"
        why.append(f"in your target {noun} {', '.join(active)}")
    introducer = network.contacts.get(contact.introduced_by or "")
    if introducer is not None:
        why.append(f"someone {introducer.name} introduced you to")
    return why


def _touch_action(status: CadenceStatus, history: list[Interaction]) -> str:
    """What exactly to do: pick up the thread of the last conversation when there is one."""
    if status.last_contact is None:
        return "Get in touch"
    if history and history[0].note:
        return "Pick up from last time"
    return "Send a light touch or set up a catch-up"


def _with_context(reason: Reason, history: list[Interaction]) -> Reason:
    """Add what was said last time (P9), so the message can pick up the thread."""
    if not history or not history[0].note:
        return reason
    return Reason(reason.principle, f"{reason.text} Last time: {quoted_to_end(history[0].note)}")


# How long a Skip hides a verdict whose occasion never ends by itself; any other skip
# lasts for its occurrence (a follow-up, a date, a step as written: the key names it).
SKIP_WAITS: dict[AgendaKind, timedelta] = {
    AgendaKind.PRUNE: REVIEW_SKIP_WAIT,
    AgendaKind.TRIAGE: TRIAGE_SKIP_WAIT,
    AgendaKind.GIVE: GIVE_SKIP_WAIT,
    AgendaKind.UNDATED: UNDATED_WAIT,
}


def is_hidden(item: AgendaItem, network: Network, today: date) -> bool:
    """Snoozed until a later day, or skipped: for its occurrence, or for its kind's wait
    counted from the day of the skip."""
    decision = network.decisions.get(item.key)
    if decision is None:
        return False
    if decision.until is not None and decision.until > today:
        return True
    wait = SKIP_WAITS.get(item.kind)
    if not decision.skipped:
        return False
    return wait is None or today < decision.updated_at.date() + wait


def agenda(network: Network, today: date) -> list[AgendaItem]:
    """Today's ranked list, without what the user snoozed or skipped.

    Worked out once per network and day (Today, its badge, This week and the daily notes
    all ask): a network never changes, so the list is kept with it.
    """
    kept = network.derived.get(("agenda", today))
    if kept is None:
        items = [i for i in candidates(network, today) if not is_hidden(i, network, today)]
        kept = network.derived[("agenda", today)] = tuple(sorted(items, key=AgendaItem.sort_key))
    return list(kept)


def due_touches(network: Network, today: date) -> list[AgendaItem]:
    """The people past their keep-in-touch interval (P8 only), as ranked on Today; a person
    whose item leads with something else (a birthday) is included by its P8 reason."""
    return [i for i in agenda(network, today)
            if i.kind == AgendaKind.CADENCE or any(r.principle == "P8" for r in i.also)]


@dataclass(frozen=True)
class Upcoming:
    """An item Today will show on a coming day."""

    on: date
    item: AgendaItem
    said: date  # the day the item's reasons were worded, for Today of that day
    today: date  # the day This week is read

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """The reasons as read today: "Planned for Thursday", never "Planned for today"
        for a later day."""
        return tuple(Reason(r.principle, said_on(r.text, self.said, self.today))
                     for r in self.item.reasons)

    @property
    def contact(self) -> Contact | None:
        return self.item.contact

    @property
    def what(self) -> str:
        return self.item.action

    @property
    def reason(self) -> Reason:
        return self.item.reason


def this_week(network: Network, today: date) -> list[Upcoming]:
    """What Today will show in the next seven days, on the day it comes up.

    Built from ``agenda`` for each coming day, so it never disagrees with Today. An item
    is listed on the first day it brings something new (what stays on Today is not
    repeated day after day); a date or a planned step already on Today is also listed on
    its own day.
    """
    shown = agenda(network, today)
    coming = [Upcoming(on, i, today, today) for i in shown for on in i.dated
              if today < on <= today + timedelta(days=WEEK)]
    before = {k for i in shown for k in i.verdicts}
    for ahead in range(1, WEEK + 1):
        day = today + timedelta(days=ahead)
        items = agenda(network, day)
        coming += [Upcoming(day, i, day, today) for i in items if not before.issuperset(i.verdicts)]
        before = {k for i in items for k in i.verdicts}
    return sorted(coming, key=lambda u: (u.on, u.item.sort_key()))
