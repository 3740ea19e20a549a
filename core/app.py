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
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from core.actions import dispatch
from core.actions.outcome import Outcome
from core.formats.device_file import Arrival
from core.formats.history import AnyPreview
from core.forms import FormState
from core.model import Record
from core.network import Network
from core.protocol import (
    Answer,
    Ask,
    Navigate,
    Request,
    Room,
    StorageChanged,
    Submit,
    Undo,
    reply_json,
)
from core.routes import HOME
from core.rules.agenda import agenda, work_ahead
from core.rules.backups import count_changes_ahead
from core.rules.capacity import Usage, usage
from core.rules.daily_note import DayNote, daily_notes
from core.rules.turns import turns_to_keep
from core.storage.codec import Rewrite, UnstorableRecord, Write, key_for
from core.storage.loading import StorageProblem, load_network
from core.storage.lock import sealed_length
from core.storage.mirror import Mirror
from core.storage.undo import Change, UndoHistory, reverting
from core.views.lock import unlock_view
from core.views.render import View, compile_one_more
from core.views.router import view_for

READ_ONLY_NOTICE = (
    "This browser holds data saved by a newer version of Tend. To keep it safe, "
    "changes are paused here: reload once the newer version is available."
)


@dataclass(frozen=True)
class ActionContext:
    """What an action may use: the request's clock and id, and the stored entries."""

    today: date
    now: datetime
    new_id: str
    entries: Mapping[str, str]
    preview: AnyPreview | None = None
    page: str = ""
    utc_offset: timedelta = timedelta(0)


# Packages the browser loads only when first needed, by import name.
LAZY_PACKAGES = {"vobject": "vobject", "dateutil": "vobject", "pytz": "vobject", "six": "vobject",
                 "icalendar": "icalendar", "tzdata": "icalendar"}
# What an action that needs a part of Python not fetched yet says when it cannot be.
UNFETCHED_NOTICE = ("Tend could not fetch a part it needs for this: the network seems to be "
                    "off, and this device has not kept its copy yet. Connect once and try "
                    "again; nothing was changed.")
BULK = 50  # past this many records in one answer, rebuild the network in one pass
# The start-up rewrite goes in all-or-nothing batches whose journal (the shell keeps a
# copy of every value a batch replaces or removes) holds about this many characters:
# little room, so a nearly full storage still moves forward batch by batch.
UPGRADE_BATCH_CHARS = 64 * 1024


@dataclass
class App:
    """The live app: the network in memory, the stored entries it came from, and the
    session's state (the route on screen, forms being fixed, what Undo puts back)."""

    network: Network
    stored: Mirror = field(default_factory=Mirror)
    problems: tuple[StorageProblem, ...] = ()
    read_only: bool = False
    route: str = HOME
    forms: dict[str, FormState] = field(default_factory=dict)
    # The last few changes, each key they wrote with its value before: what Undo puts back.
    undo_history: UndoHistory = field(default_factory=UndoHistory)
    # An import being checked by the user: read from the file, not yet stored.
    preview: AnyPreview | None = None
    # Rewrites that move entries of an earlier layout forward, sent once with the first
    # answer.
    upgrade: list[list[Rewrite]] = field(default_factory=list)
    # The last badge count and what it was counted from: a network only changes by being
    # replaced, so an answer that changed nothing on the same day counts nothing again.
    counted: tuple[Network, date, int] | None = None
    # The daily notes and what they were worked out from, on the same terms.
    noted: tuple[Network, date, list[DayNote]] | None = None
    # What the origin holds beside Tend's records, as the shell last measured it.
    room: Room = field(default_factory=Room)
    # The day of the last request: the day the core works ahead from while the user pauses.
    last_day: date | None = None
    # What the other devices' files brought at the last sync: the device list on Your data.
    devices: tuple[Arrival, ...] = ()
    # The newest rolling backup the sync folder kept at the last sync: a backup too.
    folder_backup_on: date | None = None
    # Whether storage is locked with a passphrase (and open: core.storage.lock).
    locked: bool = False
    # What storage held at start, until the first request says whether the lock is on:
    # packs written while it is are planned in another alphabet (core.storage.packs).
    read_at_start: Mapping[str, str] | None = None

    @classmethod
    def from_storage(cls, entries: Mapping[str, str]) -> App:
        loaded = load_network(entries)
        upgrade = [] if loaded.newer_data else _batches(loaded.upgrade)
        return cls(loaded.network,
                   Mirror(dict(loaded.entries), dict(loaded.sources), dict(loaded.stored)),
                   loaded.problems, loaded.newer_data, upgrade=upgrade, read_at_start=entries)

    @classmethod
    def from_storage_json(cls, entries_json: str) -> App:
        return cls.from_storage(json.loads(entries_json))

    @property
    def entries(self) -> Mapping[str, str]:
        return self.stored.entries

    def handle_json(self, request_json: str) -> str:
        """The shell's single call: a JSON request in, a JSON ``Answer`` or ``Ask`` out.

        An action that needs a package loaded lazily (vobject to read vCards, icalendar to
        read a calendar) asks for it instead of answering, having changed nothing; the
        worker loads the packages and sends the same request again, naming those it could
        not load (offline before this device kept them). Such an action, or one whose files
        are fetched from the web when first imported (the rest of the standard library)
        and could not be fetched, gets a notice and changes nothing.
        """
        request = Request.model_validate_json(request_json)
        try:
            return reply_json(self.handle(request))
        except ModuleNotFoundError as missing:
            if missing.name not in LAZY_PACKAGES:
                raise
            if LAZY_PACKAGES[missing.name] in request.unfetched:
                return reply_json(self._unfetched(request))
            return reply_json(Ask(needs=[LAZY_PACKAGES[missing.name]]))
        except ImportError as unfetched:
            if not (unfetched.path or "").startswith(("http:", "https:")):
                raise
            return reply_json(self._unfetched(request))

    def _unfetched(self, request: Request) -> Answer:
        """The view as it was, saying that what was asked needs a part not fetched yet."""
        view = self.render(request.today)
        return Answer(route=self.route, title=view.title, html=view.html, writes=[],
                      notice=UNFETCHED_NOTICE, focus=view.focus, download=None,
                      undo=self.undo_history.label(""), upgrade=[],
                      due_today=self.due_today(request.today))

    def handle(self, request: Request) -> Answer | Ask:
        event = request.event
        self.room = request.room
        self.last_day = request.today
        self.locked = request.lock == "open"
        if self.read_at_start is not None:
            self._plan_for_the_lock()
        if request.lock == "closed":
            return self._closed(request)
        notice = ""
        writes: list[Write] = []
        download = None
        sync = None
        network_before = self.network
        if isinstance(event, Navigate):
            self.route = event.route or HOME
        elif isinstance(event, StorageChanged):
            self._take_in(self.stored.take_in(event.changes))
        elif self.read_only:
            notice = READ_ONLY_NOTICE
        elif isinstance(event, Undo):
            change = self.undo_history.take_last()
            undone = reverting(change.before, self.entries, request.now) if change else []
            writes = self._store(tuple(undone))
            notice = f"Undone: {change.what}." if change else "There is nothing to undo."
        else:
            context = ActionContext(request.today, request.now, request.new_id, self.entries,
                                    self.preview, request.page,
                                    timedelta(minutes=request.utc_offset))
            outcome = dispatch.submit(event.type, event.fields, self.network, context)
            if outcome.seal is not None or outcome.unseal is not None:
                return Ask(seal=outcome.seal, unseal=outcome.unseal)
            if outcome.lock is not None:
                return Ask(lock=outcome.lock)
            self.forms = dict(outcome.forms)
            changed = [key_for(r) for r in outcome.records] + list(outcome.removals)
            before = self.stored.before(changed)
            writes = []
            try:
                writes = self._store(outcome.records) + self._remove(outcome.removals)
            except UnstorableRecord as refused:  # before anything was taken in
                outcome = Outcome(notice=str(refused))
            # A sync is not the user's change to take back: Undo keeps their last one.
            if writes and outcome.sync is None:
                self.undo_history.keep(Change(before, outcome.notice))
            if outcome.sync is not None:
                sync, self.devices = outcome.sync, outcome.sync.devices
                self.folder_backup_on = outcome.sync.backup_on
            # A damaged entry saved over (the user was asked) or replaced from a backup.
            written = {write.key for write in writes}
            self.problems = tuple(p for p in self.problems if p.key not in written)
            self.route = outcome.route or self.route
            notice = outcome.notice
            download = outcome.download
            if outcome.preview is not None or outcome.records:
                self.preview = outcome.preview
        if not self.read_only:
            writes = self._keep_turns(network_before, request, writes)
        view = self.render(request.today)
        notice = notice or self._standing_notice()
        return Answer(
            route=self.route,
            title=view.title,
            html=view.html,
            writes=writes,
            notice=notice,
            focus="[aria-invalid=true]" if self.forms else view.focus,
            download=download,
            undo="" if self.read_only else self.undo_history.label(notice),
            upgrade=self._take_upgrade(),
            due_today=self.due_today(request.today),
            sync=sync,
            notes=self.daily_notes(request.today) if request.notes else None,
        )

    def _closed(self, request: Request) -> Answer | Ask:
        """A locked Tend before its passphrase is typed: the page has read nothing, so
        only the passphrase form is shown and only its submit is taken; no view of the
        network, no write, no Undo."""
        event, forms, notice = request.event, {}, ""
        if isinstance(event, Navigate):
            self.route = event.route or HOME
        elif isinstance(event, Submit) and event.type == "unlock_storage":
            context = ActionContext(request.today, request.now, request.new_id, self.entries)
            outcome = dispatch.submit(event.type, event.fields, self.network, context)
            if outcome.lock is not None:
                return Ask(lock=outcome.lock)
            forms, notice = dict(outcome.forms), outcome.notice
        view = unlock_view(forms, self.route)
        return Answer(route=self.route, title=view.title, html=view.html, writes=[],
                      notice=notice, focus="#unlock-passphrase", download=None, undo="",
                      upgrade=[], due_today=0)

    def due_today(self, today: date) -> int:
        """How many things Today lists: the number the shell shows on the app's icon."""
        if self.counted is None or self.counted[0] is not self.network or self.counted[1] != today:
            self.counted = (self.network, today, len(agenda(self.network, today)))
        return self.counted[2]

    def daily_notes(self, today: date) -> list[DayNote]:
        """The notes the service worker shows while Tend is closed, worked out again only
        when the network or the day changed (a week of agendas is not free)."""
        if self.noted is None or self.noted[0] is not self.network or self.noted[1] != today:
            self.noted = (self.network, today, daily_notes(self.network, today))
        return self.noted[2]

    def work_ahead(self) -> bool:
        """Use a pause of the user's for one step of what the next clicks would do: the
        changes Today's backup line counts, after a write (``backups.count_changes_ahead``:
        every record), a view's template compiled (``render.compile_one_more``), then a
        day of what This week and the daily notes ask for, from the day of the last
        request (``agenda.work_ahead``). True while more is left; changes nothing the user
        sees."""
        if count_changes_ahead(self.network, self.folder_backup_on) or compile_one_more():
            return True
        return self.last_day is not None and work_ahead(self.network, self.last_day)

    def _plan_for_the_lock(self) -> None:
        """Once, before the first answer: with the lock open, the start-up rewrite is
        planned again so that the packs it writes are the ones that seal small (storage
        is read a second time, only then)."""
        read, self.read_at_start = self.read_at_start, None
        if not self.locked or self.read_only or read is None:
            return
        loaded = load_network(read, for_lock=True)
        self.upgrade = _batches(loaded.upgrade)
        self.stored = Mirror(dict(loaded.entries), dict(loaded.sources), dict(loaded.stored))

    def _take_upgrade(self) -> list[list[Rewrite]]:
        """The storage rewrite, once: the shell applies each batch all-or-nothing, each
        rewrite only if storage still holds what it held at start-up."""
        upgrade, self.upgrade = self.upgrade, []
        return upgrade

    def _keep_turns(self, before: Network, request: Request, writes: list[Write]) -> list[Write]:
        """The writes, with the settings that keep the first day of turns once it is
        decided (``core.rules.turns``): not a change of the user's, so Undo leaves it
        alone; settings the change wrote already are written once, as they are kept."""
        kept = turns_to_keep(before, self.network, request.today, request.now)
        if kept is None:
            return writes
        return list({write.key: write for write in writes + self._store((kept,))}.values())

    def _store(self, records: tuple[Record, ...]) -> list[Write]:
        """Take records in, and say what the shell must write for them (one key each)."""
        writes = self.stored.put(records)
        self._take_in(records)
        return writes

    def _remove(self, keys: tuple[str, ...]) -> list[Write]:
        """Take entries out of storage altogether (archived: safe in a file, no tombstone)."""
        if not keys:
            return []
        writes, repacked = self.stored.remove(keys)
        if repacked:  # sent with this answer, before its writes
            self.upgrade = [*self.upgrade, repacked]
        self.network = load_network(self.entries, rewrite=False).network
        return writes

    def _take_in(self, records: tuple[Record, ...] | list[Record]) -> None:
        """The network after records were written here or in another tab: a few are
        applied one by one, many in one pass over the stored entries."""
        if len(records) > BULK:
            self.network = load_network(self.entries, rewrite=False).network
            return
        for record in records:
            self.network = self.network.with_record(record)

    def render(self, today: date) -> View:
        """The view for the current route, with any form the user is still fixing."""
        self.route, view = view_for(self.route, self.network, today, self.forms, self.entries,
                                    self.preview, self.problems, self.storage_use(),
                                    self.devices, self.locked, self.folder_backup_on)
        return view

    def storage_use(self) -> Usage:
        """What the origin holds, as the browser counts it: storage as it is (loose
        entries and packs), each value sealed while the lock is on."""
        if self.locked:
            assert self.stored.stored is not None
            return usage(self.stored.stored, self.room.extras, self.room.others,
                         stored=sealed_length)
        return Usage(self.stored.length() + self.room.extras, others=self.room.others)

    def _standing_notice(self) -> str:
        if self.read_only:
            return READ_ONLY_NOTICE
        if self.problems:
            count = len(self.problems)
            return (
                f"{count} stored record{'s' if count > 1 else ''} could not be read and "
                f"{'were' if count > 1 else 'was'} left untouched; everything else loaded. "
                f"Your data says which, and can download {'them' if count > 1 else 'it'}."
            )
        return ""


def _batches(upgrade: tuple[Rewrite, ...]) -> list[list[Rewrite]]:
    """The rewrites, in order, in batches whose journal keeps about UPGRADE_BATCH_CHARS
    (a rewrite too big alone goes alone)."""
    batches: list[list[Rewrite]] = []
    size = UPGRADE_BATCH_CHARS
    for rewrite in upgrade:
        kept = (len(rewrite.old_value) + len(rewrite.new_before or "")
                + sum(map(len, rewrite.also.values())))
        if size + kept > UPGRADE_BATCH_CHARS:
            batches.append([])
            size = 0
        batches[-1].append(rewrite)
        size += kept
    return batches
