"""The one entry point the browser shell calls: JSON in, JSON out.

The shell creates an ``App`` from the stored entries once, then sends every user event
with today's date, the current time and a fresh random id. The answer says what to
show (HTML of the main region), what to store (one write per changed record) and what
to tell the user. Nothing here touches the browser: that keeps the shell small and
lets the tests drive the app exactly as the page does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from core.actions import dispatch as events
from core.formats.importing import Preview
from core.forms import FormState
from core.model import Record
from core.network import Network
from core.storage.codec import (
    LAYOUT,
    Rewrite,
    StorageProblem,
    decode,
    encode,
    key_for,
    load_network,
)
from core.storage.undo import Change, UndoHistory, reverting
from core.views.render import View
from core.views.router import view_for

HOME = "#/today"
READ_ONLY_NOTICE = (
    "This browser holds data saved by a newer version of Tend. To keep it safe, "
    "changes are paused here: reload once the newer version is available."
)


class Navigate(BaseModel):
    type: Literal["navigate"]
    route: str = HOME


class Submit(BaseModel):
    """A form the user submitted; ``type`` names the action (core.actions.dispatch.ACTIONS)."""

    type: Literal[tuple(events.ACTIONS)]  # type: ignore[valid-type]
    fields: dict[str, str | list[str]] = {}


class StorageChanged(BaseModel):
    """Another tab wrote a record: take it in without writing anything back."""

    type: Literal["storage_changed"]
    key: str
    value: str | None = None


class Undo(BaseModel):
    """Put back what the latest change not yet undone changed."""

    type: Literal["undo"]


Event = Annotated[Navigate | Submit | StorageChanged | Undo, Field(discriminator="type")]


class Request(BaseModel):
    model_config = ConfigDict(frozen=True)

    event: Event
    today: date
    now: datetime
    new_id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class ActionContext:
    """What an action may use: the request's clock and id, and the stored entries."""

    today: date
    now: datetime
    new_id: str
    entries: Mapping[str, str]
    preview: Preview | None = None


# Packages the browser loads only when first needed, by import name.
LAZY_PACKAGES = {"vobject": "vobject", "dateutil": "vobject", "pytz": "vobject", "six": "vobject"}
BULK = 50  # past this many records in one answer, rebuild the network in one pass
# Entries of an earlier layout are rewritten this many records per all-or-nothing batch:
# small enough that the journal never needs much room, so a nearly full storage still
# moves forward batch by batch.
UPGRADE_BATCH = 200


@dataclass
class App:
    """The live app: the records in memory, as stored, and the route on screen."""

    network: Network
    entries: dict[str, str] = field(default_factory=dict)
    problems: tuple[StorageProblem, ...] = ()
    read_only: bool = False
    route: str = HOME
    forms: dict[str, FormState] = field(default_factory=dict)
    # The last few changes, each key they wrote with its value before: what Undo puts back.
    undo_history: UndoHistory = field(default_factory=UndoHistory)
    # An import being checked by the user: read from the file, not yet stored.
    preview: Preview | None = None
    # Rewrites that move entries of an earlier layout forward, sent once with the first
    # answer; and, until they land, the old key each migrated entry still lives under.
    upgrade: list[list[dict[str, str | None]]] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_storage(cls, entries: Mapping[str, str]) -> App:
        loaded = load_network(entries)
        upgrade = [] if loaded.newer_data else _batches(loaded.upgrade)
        return cls(loaded.network, dict(loaded.entries), loaded.problems, loaded.newer_data,
                   upgrade=upgrade, sources=dict(loaded.sources))

    @classmethod
    def from_storage_json(cls, entries_json: str) -> App:
        return cls.from_storage(json.loads(entries_json))

    def handle_json(self, request_json: str) -> str:
        """The shell's single call: a JSON request in, a JSON answer out.

        An action that needs a package loaded lazily (vobject, to read vCards) answers
        ``{"needs": [...]}`` instead, having changed nothing; the worker loads the
        packages and sends the same request again.
        """
        try:
            return json.dumps(self.handle(Request.model_validate_json(request_json)))
        except ModuleNotFoundError as missing:
            if missing.name not in LAZY_PACKAGES:
                raise
            return json.dumps({"needs": [LAZY_PACKAGES[missing.name]]})

    def handle(self, request: Request) -> dict[str, Any]:
        event = request.event
        notice = ""
        writes: list[dict[str, str | None]] = []
        download = None
        if isinstance(event, Navigate):
            self.route = event.route or HOME
        elif isinstance(event, StorageChanged):
            self._take_in(event.key, event.value)
        elif self.read_only:
            notice = READ_ONLY_NOTICE
        elif isinstance(event, Undo):
            change = self.undo_history.take_last()
            undone = reverting(change.before, self.entries, request.now) if change else []
            writes = self._store(tuple(undone))
            notice = f"Undone: {change.what}." if change else "There is nothing to undo."
        else:
            context = ActionContext(request.today, request.now, request.new_id, self.entries,
                                    self.preview)
            outcome = events.submit(event.type, event.fields, self.network, context)
            if outcome.seal is not None:
                return {"seal": dict(outcome.seal)}
            if outcome.unseal is not None:
                return {"unseal": dict(outcome.unseal)}
            self.forms = dict(outcome.forms)
            changed = [key_for(r) for r in outcome.records] + list(outcome.removals)
            if changed:
                self.undo_history.keep(Change({key: self.entries.get(key) for key in changed},
                                              outcome.notice))
            writes = self._store(outcome.records) + self._remove(outcome.removals)
            self.route = outcome.route or self.route
            notice = outcome.notice
            download = outcome.download
            if outcome.preview is not None or outcome.records:
                self.preview = outcome.preview
        view = self.render(request.today)
        notice = notice or self._standing_notice()
        return {
            "route": self.route,
            "title": view.title,
            "html": view.html,
            "writes": writes,
            "notice": notice,
            "focus": "[aria-invalid=true]" if self.forms else "#view-title",
            "download": asdict(download) if download else None,
            # The Undo button's text ("" hides it): on offer until undone, on every page.
            "undo": "" if self.read_only else self.undo_history.label(notice),
            "upgrade": self._take_upgrade(),
        }

    def _take_upgrade(self) -> list[list[dict[str, str | None]]]:
        """The storage rewrite, once: the shell applies each batch all-or-nothing, each
        rewrite only if storage still holds what it held at start-up."""
        upgrade, self.upgrade = self.upgrade, []
        return upgrade

    def _store(self, records: tuple[Record, ...]) -> list[dict[str, str | None]]:
        """Take records in, and say what the shell must write for them (one key each)."""
        writes: list[dict[str, str | None]] = []
        for record in records:
            key, value = key_for(record), encode(record)
            self.entries[key] = value
            writes.append({"key": key, "value": value})
            if len(records) <= BULK:
                self.network = self.network.with_record(record)
        if len(records) > BULK:
            self.network = load_network(self.entries).network
        return writes

    def _remove(self, keys: tuple[str, ...]) -> list[dict[str, str | None]]:
        """Take entries out of storage altogether (archived: safe in a file, no tombstone)."""
        if not keys:
            return []
        # An entry not yet rewritten in the current layout still lives under its old key.
        gone = [*keys, *(self.sources.pop(key) for key in keys if key in self.sources)]
        for key in keys:
            self.entries.pop(key, None)
        self.network = load_network(self.entries).network
        return [{"key": key, "value": None} for key in gone]

    def render(self, today: date) -> View:
        """The view for the current route, with any form the user is still fixing."""
        self.route, view = view_for(self.route, self.network, today, self.forms, self.entries,
                                    self.preview)
        return view

    def _take_in(self, key: str, value: str | None) -> None:
        """Another tab's write; a removed key (archived there) leaves the view here too."""
        if not key.startswith(LAYOUT):
            return
        try:
            if value is None:
                gone = decode(key, self.entries.pop(key))
                record = gone.model_copy(update={"deleted_at": gone.updated_at})
            else:
                record = decode(key, value)
                self.entries[key] = value
        except (KeyError, ValueError):
            return
        self.network = self.network.with_record(record)

    def _standing_notice(self) -> str:
        if self.read_only:
            return READ_ONLY_NOTICE
        if self.problems:
            count = len(self.problems)
            return (
                f"{count} stored record{'s' if count > 1 else ''} could not be read and "
                f"{'were' if count > 1 else 'was'} left untouched; everything else loaded."
            )
        return ""


def _batches(upgrade: tuple[Rewrite, ...]) -> list[list[dict[str, str | None]]]:
    """The rewrites, UPGRADE_BATCH records to a batch."""
    return [[asdict(rewrite) for rewrite in upgrade[start:start + UPGRADE_BATCH]]
            for start in range(0, len(upgrade), UPGRADE_BATCH)]
