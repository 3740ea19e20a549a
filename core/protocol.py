"""What crosses the worker boundary: the request the shell sends, and what comes back.

The shell (``site/shell/app.mjs`` and ``core-worker.mjs``) sends one ``Request`` per user
event and gets one of two answers. An ``Answer`` says what to show, what to store and
what to tell the user. An ``Ask`` says the core needs something only JavaScript can do
before it can answer (load a package lazily, seal or open a file with WebCrypto); it has
changed nothing, and the worker sends the same event again with the result. Both are
typed here so the JavaScript side has one definition to read against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from core.actions.dispatch import ACTIONS
from core.actions.outcome import Download
from core.formats.device_file import SyncReport
from core.routes import HOME
from core.rules.daily_note import DayNote
from core.storage.codec import Rewrite, Write


class Navigate(BaseModel):
    type: Literal["navigate"]
    route: str = HOME


class Submit(BaseModel):
    """A form the user submitted; ``type`` names the action (core.actions.dispatch.ACTIONS)."""

    type: Literal[tuple(ACTIONS)]  # type: ignore[valid-type]
    fields: dict[str, str | list[str]] = {}


class StorageChanged(BaseModel):
    """Other tabs wrote records: take every change in at once, writing nothing back.

    The shell gathers the storage events that arrive close together into one request, so
    another tab's import of thousands of records costs this tab one render, not one each.
    """

    type: Literal["storage_changed"]
    changes: list[Write] = Field(min_length=1)


class Undo(BaseModel):
    """Put back what the latest change not yet undone changed."""

    type: Literal["undo"]


Event = Annotated[Navigate | Submit | StorageChanged | Undo, Field(discriminator="type")]


class Room(BaseModel):
    """What the origin's localStorage holds beside Tend's records, in characters (key plus
    value), as the shell measured it: Tend's other keys (the saved Today) and every other
    page's. Other pages of the same origin share its budget, so the meter counts them."""

    model_config = ConfigDict(frozen=True)

    extras: int = Field(0, ge=0)
    others: int = Field(0, ge=0)


class Request(BaseModel):
    model_config = ConfigDict(frozen=True)

    event: Event
    today: date
    now: datetime
    new_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    # The address the page was opened at: what a calendar's events link back to.
    page: str = ""
    # The user's clock, in minutes east of UTC (UTC-5 is -300): where a file's time in
    # UTC falls on the user's own day (LinkedIn's messages). From the shell, never read.
    utc_offset: int = Field(0, ge=-16 * 60, le=16 * 60)
    room: Room = Room()
    # The lock on storage (core.storage.lock): "off", "open" (the page holds the key) or
    # "closed" (locked, and no passphrase typed yet this session: nothing was read).
    lock: Literal["off", "open", "closed"] = "off"
    # The user turned the daily note on (core.rules.daily_note): the answer then carries
    # the coming days' notes, which the shell leaves for the service worker.
    notes: bool = False
    # Packages the core asked for (``Ask.needs``) that the worker could not load: offline
    # before this device kept them. The action then says so and changes nothing.
    unfetched: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """The outcome of one event, for the shell to apply in this order: ``upgrade`` (each
    batch all-or-nothing), ``writes`` (all-or-nothing), ``download``, then ``html`` into
    the view, ``notice`` into the live region, focus on ``focus``, and ``due_today`` on
    the app's badge."""

    route: str
    title: str
    html: str
    writes: list[Write]
    notice: str
    focus: str
    download: Download | None
    undo: str  # the Undo button's text, naming the change it takes back; "" hides it
    upgrade: list[list[Rewrite]]
    # How many things Today lists: the shell puts it on the installed app's icon (0 clears
    # it). Counted by the core, so the shell holds no rule about what is due.
    due_today: int = 0
    # The sync folder's files to write and remove (core.actions.sync), after ``writes``.
    sync: SyncReport | None = None
    # The daily notes for today and the coming days, only when the request asked for them.
    notes: list[DayNote] | None = None


@dataclass(frozen=True)
class Ask:
    """What the core needs from JavaScript first; exactly one field is set."""

    needs: list[str] | None = None  # packages to load (by Pyodide package name)
    seal: Mapping[str, Any] | None = None  # core.formats.sealing.seal_request
    unseal: Mapping[str, Any] | None = None  # a sealed file and its passphrase
    lock: Mapping[str, Any] | None = None  # core.storage.lock's requests, for the page


_REPLY: TypeAdapter[Answer | Ask] = TypeAdapter(Answer | Ask)


def reply_json(reply: Answer | Ask) -> str:
    """The reply as the JSON text the worker posts back (unset ``Ask`` fields left out)."""
    return _REPLY.dump_json(reply, exclude_none=isinstance(reply, Ask)).decode()
