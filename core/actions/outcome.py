"""The shape every user action shares: its context, its outcome, and form checking.

Every action gets the form's fields (each a list of strings, as a form may repeat a
name), the records, and a context with today, now and a fresh id from the shell. It
returns an Outcome: records to store, where to go, what to tell the user, or the form
as typed with a message per field to fix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from core.formats.device_file import SyncReport
from core.formats.history import AnyPreview
from core.forms import FormState, clean, field_errors
from core.model import (
    Contact,
    Record,
)
from core.network import Network
from core.routes import route_to

Fields = Mapping[str, str | Sequence[str]]
R = TypeVar("R", bound=Record)


class Context(Protocol):
    """What every action may use: the day, the time, and a fresh id from the shell."""

    @property
    def today(self) -> date: ...
    @property
    def now(self) -> datetime: ...
    @property
    def new_id(self) -> str: ...
    @property
    def entries(self) -> Mapping[str, str]: ...
    @property
    def preview(self) -> AnyPreview | None: ...
    @property
    def page(self) -> str: ...  # the address Tend was opened at, "" when not known
    @property
    def utc_offset(self) -> timedelta: ...  # the user's clock, east of UTC


@dataclass(frozen=True)
class Download:
    """A file for the browser to save: a backup, a calendar, a vCard."""

    name: str
    text: str
    media_type: str


@dataclass(frozen=True)
class Outcome:
    """Records to store, where to go next, what to tell the user, forms left to fix."""

    records: tuple[Record, ...] = ()
    route: str | None = None
    notice: str = ""
    forms: Mapping[str, FormState] = field(default_factory=dict)
    download: Download | None = None
    preview: AnyPreview | None = None
    # Keys to remove from storage without a tombstone: records moved to an archive file.
    removals: tuple[str, ...] = ()
    # Cryptography the core cannot do inside Pyodide, asked of the shell (WebCrypto):
    # ``seal`` a text, or ``unseal`` a sealed file. Nothing changes until the shell sends
    # the event again with the result in a field (or with why it failed).
    seal: Mapping[str, Any] | None = None
    unseal: Mapping[str, Any] | None = None
    # The sync folder's side of a sync (core.actions.sync).
    sync: SyncReport | None = None
    # Locking, opening or unlocking storage (core.storage.lock), asked of the page itself,
    # which holds the key; it sends the event again with how it went.
    lock: Mapping[str, Any] | None = None


class Invalid(Exception):
    """A form the user must fix; carries the outcome that shows it again."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("invalid form")
        self.outcome = outcome


def validated(model: type[R], data: Mapping[str, Any], form: str, route: str,
              typed: Mapping[str, str]) -> R:
    """Build a record, or raise Invalid with the user's input and a message per field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        state = FormState(typed, field_errors(error))
        raise Invalid(Outcome(route=route, forms={form: state})) from None



def contact_of(fields: Fields, network: Network) -> Contact:
    """The contact a form is about; a missing one means the page is stale."""
    wanted = clean(fields, ("id", "contact_id"))
    contact = network.contacts.get(wanted["contact_id"] or wanted["id"])
    if contact is None:
        raise Invalid(Outcome(route=route_to("people"),
                              notice="That person is no longer here; nothing was changed."))
    return contact


