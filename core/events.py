"""What each user action does to the records: pure functions from input to outcome."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from pydantic import ValidationError

from core.forms import FormState, clean, field_errors
from core.model import Contact, Interaction, Record
from core.store import Network


class Context(Protocol):
    """What every action may use: the day, the time, and a fresh id from the shell."""

    @property
    def today(self) -> date: ...
    @property
    def now(self) -> datetime: ...
    @property
    def new_id(self) -> str: ...


@dataclass(frozen=True)
class Outcome:
    """Records to store, where to go next, what to tell the user, forms left to fix."""

    records: tuple[Record, ...] = ()
    route: str | None = None
    notice: str = ""
    forms: Mapping[str, FormState] = field(default_factory=dict)


def add_contact(fields: Mapping[str, str], network: Network, context: Context) -> Outcome:
    values = clean(fields, ("name", "how_met", "group", "layer"))
    try:
        contact = Contact(
            id=context.new_id,
            updated_at=context.now,
            added_on=context.today,
            **{k: v for k, v in values.items() if v or k == "name"},
        )
    except ValidationError as error:
        errors = field_errors(error)
        return Outcome(route="#/people", forms={"add_contact": FormState(values, errors)})
    return Outcome(
        records=(contact,),
        route=f"#/people/{contact.id}",
        notice=f"Added {contact.name}. When did you last speak? Log it below.",
    )


def log_interaction(fields: Mapping[str, str], network: Network, context: Context) -> Outcome:
    values = clean(fields, ("contact_id", "on", "note"))
    contact = network.contacts.get(values["contact_id"])
    if contact is None:
        notice = "That person is no longer here; nothing was logged."
        return Outcome(route="#/people", notice=notice)
    form_key, route = "log_interaction", f"#/people/{contact.id}"
    try:
        interaction = Interaction(id=context.new_id, updated_at=context.now, **values)
    except ValidationError as error:
        return Outcome(route=route, forms={form_key: FormState(values, field_errors(error))})
    if interaction.on > context.today:
        errors = {"on": "That date is in the future: log conversations that happened."}
        return Outcome(route=route, forms={form_key: FormState(values, errors)})
    return Outcome(records=(interaction,), notice=f"Logged your conversation with {contact.name}.")


ACTIONS: dict[str, Callable[[Mapping[str, str], Network, Context], Outcome]] = {
    "add_contact": add_contact,
    "log_interaction": log_interaction,
}


def submit(action: str, fields: Mapping[str, str], network: Network, context: Context) -> Outcome:
    """Run the action a form names; unknown actions are a bug in the page, not user error."""
    return ACTIONS[action](fields, network, context)
