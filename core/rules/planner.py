"""P14 why / what / what's next, kept honest; with P15 research and P12 patience.

Before reaching out, a plan answers three questions: why this person; what the user can
give (and might get); what comes next, as a dated step. A plan is incomplete until all
three are answered, and the app names what is missing. Marking a step done requires
the following step, so an active plan always has exactly one open step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.model import Contact, Interaction, InteractionKind, Plan
from core.rules.followup import CONVERSATIONS
from core.rules.patience import BIG_STEPS, ask_readiness
from core.rules.phrasing import sentence
from core.rules.reasons import Reason, quoted_to_end
from core.rules.wording import day_named, days_ago, long_date, on_day

PARTS = {
    "why": "why you want to meet them",
    "give": "what you can give them",
    "next": "what's next: a step and its date",
}


def missing_parts(plan: Plan) -> list[str]:
    """The questions a plan has not answered yet, in the order they are asked."""
    missing = []
    if not plan.why:
        missing.append("why")
    if not plan.give:
        missing.append("give")
    if not (plan.next_step and plan.next_on):
        missing.append("next")
    return missing


def completeness(plan: Plan) -> Reason:
    """'Complete', or which of the three answers are missing (P14)."""
    missing = missing_parts(plan)
    if not missing:
        return Reason("P14", "Complete: you know why, what you bring, and what comes next.")
    listed = "; ".join(PARTS[m] for m in missing)
    return Reason("P14", f"Not complete yet. Still to answer: {listed}.")


def is_planned(plan: Plan | None) -> bool:
    """An active plan: the user prepares each call or meeting with this person (P14)."""
    return plan is not None and plan.active


def reach_out_flag(plan: Plan | None) -> Reason | None:
    """Reaching out without a specific reason (or without a plan at all) is flagged (P15)."""
    if plan is not None and plan.reach_reason:
        return None
    return Reason("P15", "No specific reason to reach out yet. Know their field and name one "
                         "thing you want to ask or share: generic notes get generic answers.")


def early_ask_flag(plan: Plan, history: list[Interaction],
                   contact: Contact | None = None) -> Reason | None:
    """A planned ask or collaboration before trust is built is flagged, with why (P12)."""
    if plan.next_kind not in BIG_STEPS or plan.next_on is None:
        return None
    readiness = ask_readiness(history, plan.next_on, contact)
    return None if readiness.ready else readiness.reason


@dataclass(frozen=True)
class PlannedStep:
    contact: Contact
    plan: Plan
    reason: Reason

    @property
    def key(self) -> str:
        assert self.plan.next_on is not None
        return f"plan-{self.plan.id}-{self.plan.next_on.isoformat()}-{self.plan.next_step}"


def step_due(contact: Contact, plan: Plan, history: list[Interaction],
             today: date) -> PlannedStep | None:
    """The plan's next step once its date has come and until two days after, while
    nothing logged has settled it (then ``step_next`` or ``step_passed`` asks instead)."""
    if not plan.active or not plan.next_step or plan.next_on is None or plan.next_on > today:
        return None
    late = (today - plan.next_on).days
    if late > PASSED_AFTER_DAYS or step_settled_by(plan, history) is not None:
        return None
    when = (day_named(plan.next_on, today) if late < 2
            else f"{plan.next_on.day} {plan.next_on:%b} ({days_ago(late)})")
    text = f"Planned for {when}: {sentence(plan.next_step)}"
    if plan.why:
        text += f" Why: {sentence(plan.why)}"
    return PlannedStep(contact, plan, Reason("P14", text))


# A step's day passed with nothing logged is kept as "Planned for 2 Dec (yesterday)" for
# two days (the user may log it late); after that Today asks whether it happened at all.
PASSED_AFTER_DAYS = 2


def step_settled_by(plan: Plan, history: list[Interaction]) -> Interaction | None:
    """What the user logged that was the planned step: the earliest conversation with the
    person on or after the step's day, logged after the step was written.

    Logging the message or the call on its day is doing the step; "Done, and next" must
    then not log it a second time (as the plan's kind, a meeting that never happened).
    A light touch (a like, an emoji) is no step, unless the step was one. What was logged
    at the very moment the step was written is the step before it ("Done, and next")."""
    if not plan.active or not plan.next_step or plan.next_on is None:
        return None
    written = step_written(plan)
    settling = [i for i in history if i.on >= plan.next_on and i.updated_at > written
                and (i.kind is not InteractionKind.TOUCH
                     or plan.next_kind is InteractionKind.TOUCH)]
    # Two logged at one moment: the one of the step's kind (the call, not its thank-you).
    return min(settling, key=lambda i: (i.on, i.updated_at, i.kind is not plan.next_kind),
               default=None)


def step_line(plan: Plan, history: list[Interaction], today: date) -> str:
    """The plan's step as the person's page says it: what comes next, or, once a logged
    conversation was that step, that it is done and the following one is to choose. A
    step already done must not stay "Next: …" for weeks (P14)."""
    if not plan.next_step or plan.next_on is None:
        return ""
    logged = step_settled_by(plan, history)
    if logged is None:
        return f"Next: {plan.next_step} ({long_date(plan.next_on)})."
    said = LOGGED_KINDS.get(logged.kind, "something")
    return (f"Step done: {said} {on_day(logged.on, today)}. Choose the following step on "
            "the plan.")


def step_next(contact: Contact, plan: Plan, history: list[Interaction],
              today: date) -> PlannedStep | None:
    """The step's day has come and the user logged it: ask for the following step (P14)."""
    logged = step_settled_by(plan, history)
    if logged is None or plan.next_on is None or plan.next_on > today:
        return None
    said = LOGGED_KINDS.get(logged.kind, "something")
    when = ("the day of your planned step" if logged.on == plan.next_on
            else f"after the step you planned for {day_named(plan.next_on, today)}:")
    text = (f"You logged {said} {on_day(logged.on, today)}, {when} "
            f"{quoted_to_end(plan.next_step)} Mark the step done and choose the next one.")
    return PlannedStep(contact, plan, Reason("P14", text))


def step_passed(contact: Contact, plan: Plan, history: list[Interaction],
                today: date) -> PlannedStep | None:
    """A step whose day passed days ago with nothing logged: did it happen? (P14)"""
    if (not plan.active or not plan.next_step or plan.next_on is None
            or (today - plan.next_on).days <= PASSED_AFTER_DAYS
            or step_settled_by(plan, history) is not None):
        return None
    text = (f"The step you planned for {day_named(plan.next_on, today)} with "
            f"{contact.name}, \"{plan.next_step}\", has passed: did it happen? If it did, "
            "mark it done and choose the next one; if not, give it a new day.")
    return PlannedStep(contact, plan, Reason("P14", text))


# How a reason names what the user logged: "You logged a message on 2 Dec".
LOGGED_KINDS: dict[InteractionKind, str] = {
    InteractionKind.TOUCH: "a light touch",
    InteractionKind.MESSAGE: "a message",
    InteractionKind.CALL: "a call",
    InteractionKind.MEETING: "a meeting",
    InteractionKind.FAVOUR: "help you gave",
    InteractionKind.ASK: "an ask",
    InteractionKind.COLLABORATION: "a proposal to work together",
}


# A person the user just gave a reason to reach out to (a target network, the shortlist,
# an introduction) gets a nudge to plan a first step. Two days' grace: the user often
# writes on their own the day they add someone. Then one new person every other day, in
# the order they were added: a first step deserves research and a specific reason
# (P15), and three or four a week is a pace that keeps them personal; ten on one
# morning turns them into form letters.
FIRST_STEP_AFTER_DAYS = 2
FIRST_STEP_EVERY_DAYS = 2


def first_step_days(newcomers: list[tuple[Contact, date | None]]) -> dict[str, date]:
    """The day each newcomer's "plan a first step" comes up, spread out in the order added.

    ``newcomers`` pairs each person with a reason to reach out with the day of their first
    interaction, if any. Someone the user wrote to before their day came needs no slot;
    someone written to later keeps theirs, so days already given never move.

    >>> from datetime import UTC, datetime
    >>> def new(n: str) -> Contact:
    ...     return Contact(id=n, name=n, added_on=date(2026, 3, 2),
    ...                    updated_at=datetime(2026, 3, 2, tzinfo=UTC))
    >>> days = first_step_days([(new("Ana"), None), (new("Ben"), date(2026, 3, 3)),
    ...                         (new("Cy"), None)])
    >>> {name: f"{on:%d}" for name, on in days.items()}
    {'Ana': '04', 'Cy': '06'}
    """
    days: dict[str, date] = {}
    previous: date | None = None
    for contact, first_contact in sorted(newcomers, key=lambda n: (n[0].added_on,
                                                                   n[0].name.casefold(),
                                                                   n[0].id)):
        on = contact.added_on + timedelta(days=FIRST_STEP_AFTER_DAYS)
        if previous is not None:
            on = max(on, previous + timedelta(days=FIRST_STEP_EVERY_DAYS))
        if first_contact is not None and first_contact < on:
            continue
        days[contact.id] = previous = on
    return days


def first_step_reason(contact: Contact, why: list[str]) -> Reason:
    """Why a first step is worth planning now, in the user's own terms (P14)."""
    listed = why[0] if len(why) == 1 else ", ".join(why[:-1]) + " and " + why[-1]
    who = f"{contact.name} ({contact.work})" if contact.work else contact.name
    return Reason("P14", f"{who} is {listed}, and you have not been in touch yet. "
                         "Plan a first step: why them, what you can offer, and what comes "
                         "next.")


def step_written(plan: Plan) -> datetime:
    """When the plan's next step as it stands was written: what settles its confirmation
    and dates its "no date yet" (editing the why is no new step). A plan stored before
    Tend kept that time has only its last edit to go by.
    """
    return plan.step_written_at or plan.updated_at


def same_step(one: Plan, other: Plan) -> bool:
    """Whether two versions of a plan hold the same next step: its text, kind and date."""
    return ((one.next_step, one.next_kind, one.next_on)
            == (other.next_step, other.next_kind, other.next_on))


# A step saved with no date yet ("Done, and next" lets the date wait) is asked about
# after a week: long enough to hear back and fix a day, short enough not to drift.
UNDATED_WAIT = timedelta(days=7)


def undated_step(contact: Contact, plan: Plan, today: date) -> PlannedStep | None:
    """A next step still without a date a week after it was written: put a date on it."""
    if not plan.active or not plan.next_step or plan.next_on is not None:
        return None
    written = step_written(plan).date()
    if today < written + UNDATED_WAIT:
        return None
    text = (f"Next with {contact.name}: {plan.next_step}, with no date since "
            f"{written.day} {written:%b}. A step without a day tends to slip; pick one, "
            "even a rough one, and move it if you must.")
    return PlannedStep(contact, plan, Reason("P14", text))


def undated_key(step: PlannedStep) -> str:
    written = step_written(step.plan).date()
    return f"undated-{step.plan.id}-{written.isoformat()}-{step.plan.next_step}"


def confirmation_due(contact: Contact, plan: Plan, history: list[Interaction],
                     today: date) -> PlannedStep | None:
    """The eve of a planned coffee or call, not yet confirmed: anything logged with the
    person since the step was written (at the same moment included) settles it.

    With someone never yet in touch there is nothing to confirm: no coffee can have
    been agreed, and "is our meeting still on?" would reach a stranger. The step is
    still to ask for it, and Today says so on the day."""
    if (not plan.active or not plan.next_step or plan.next_kind not in CONVERSATIONS
            or plan.next_on != today + timedelta(days=1) or not history):
        return None
    if any(i.updated_at >= step_written(plan) for i in history):
        return None
    what = step_details(plan.next_step).what or kind_word(plan.next_kind)
    text = (f"Your {what} with {contact.name} is tomorrow ({plan.next_on.day} "
            f"{plan.next_on:%b}): {plan.next_step}. A line today to confirm saves a wasted "
            "trip and shows you value their time.")
    return PlannedStep(contact, plan, Reason("P14", text))


KIND_WORDS = {InteractionKind.MEETING: "meeting", InteractionKind.CALL: "call"}


def kind_word(kind: InteractionKind) -> str:
    """What a planned conversation is called in a sentence when the step does not say."""
    return KIND_WORDS.get(kind, "meeting")


@dataclass(frozen=True)
class StepDetails:
    """What a confirmation may say of a step: what it is, where, at what time."""

    what: str
    place: str
    time: str


MEETS = re.compile(r"\b(coffee|lunch|breakfast|brunch|dinner|drinks|call|video call|meeting|"
                   r"chat|walk|catch-up|interview|visit)\b", re.I)
TIME = re.compile(r"\b(\d{1,2}(?:[:.h]\d{2})?\s?(?:am|pm)|\d{1,2}[:h]\d{2})\b", re.I)
PLACE = re.compile(r"\b(?:at|in)\s+(?![0-9])([^,;()]+?)(?=\s+(?:at|on|from|around)\s+\d|"
                   r"\s*[,;()]|\.\s|\.?$)", re.I)


def step_details(step: str) -> StepDetails:
    """The kind of meeting, the place and the time a step names, each "" if it does not.

    >>> step_details("Coffee at the fund's office at 10:00")
    StepDetails(what='coffee', place="the fund's office", time='10:00')
    >>> step_details("Call to hear about their seed rounds")
    StepDetails(what='call', place='', time='')
    """
    what = MEETS.search(step)
    time = TIME.search(step)
    place = PLACE.search(step)
    return StepDetails(what.group(1).casefold() if what else "",
                       place.group(1).strip() if place else "",
                       time.group(1) if time else "")
