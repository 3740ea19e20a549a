"""What more than one test module needs: the browser shell as a double, and shared steps.

Records are built in ``factories``; this module drives the app with them. No test module
imports from another test module: a helper two of them need lives here.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from core import cli
from core.actions.dispatch import submit
from core.app import App
from core.formats.backup import export_backup
from core.formats.device_file import changes_name, file_name
from core.formats.importing import commit, preview, read_file
from core.formats.sealing import Sealed, SealingError, seal, unseal
from core.model import Contact, Interaction, InteractionKind, Plan, Record
from core.network import Network
from core.rules.agenda import AgendaItem, agenda
from core.rules.reminders import reminders
from core.storage.codec import encode, key_for
from core.storage.loading import load_network

from .factories import NOW, TODAY, Clock, contact, logged, network_of

ROOT = Path(__file__).resolve().parents[2]

# Sealing in CPython needs the cryptography package; Pyodide (running these tests too) has none.
needs_cryptography = pytest.mark.skipif(find_spec("cryptography") is None,
                                        reason="CPython's sealing needs cryptography")

Folder = dict[str, Any]  # a sync folder: name -> text; "Tend backups" -> {name: text}


# The browser shell


class Shell:
    """One browser with Tend open, doing what the shell does: it keeps the localStorage
    entries, sends each event to ``core.app`` as JSON, does the cryptography the core asks
    of it (as core-worker.mjs does with WebCrypto), and applies the answer's writes.

    ``prefix`` starts every new id (``id1``, ``id2``…); ``None`` gives this shell ids of its
    own, so two devices never make the same one. With ``name`` it is a device that syncs
    through ``folder`` under the id ``prefix``. Tabs over one ``storage`` share ``tabs``:
    each write is told to the others as the browser's storage event, and ``times`` (one
    clock for all of them) keeps every request later than the one before."""

    def __init__(self, prefix: str | None = "id", name: str = "", passphrase: str = "",
                 storage: dict[str, str] | None = None, tabs: list[Shell] | None = None,
                 times: Iterator[str] | None = None) -> None:
        self.prefix = f"{id(self)}-" if prefix is None else prefix
        self.name, self.passphrase = name, passphrase
        self.storage: dict[str, str] = storage if storage is not None else {}
        self.app = App.from_storage(self.storage)
        self.folder: Folder = {}
        self.digest = ""
        self.ids = 0
        self.html = ""  # the page as last shown
        self.times = times
        self.tabs = tabs if tabs is not None else [self]
        if self not in self.tabs:
            self.tabs.append(self)

    @classmethod
    def holding(cls, *records: Record, prefix: str | None = None) -> Shell:
        """A browser whose storage already holds these records."""
        return cls(prefix, storage={key_for(r): encode(r) for r in records})

    @property
    def id(self) -> str:
        return self.prefix

    def send(self, event: dict[str, Any] | BaseModel, today: str | date = TODAY,
             at: str | None = None) -> dict[str, Any]:
        """Send one event as the shell does, and keep what the answer says to write.
        The clock reads ``at`` (10:00 and a second a request by default) on ``today``."""
        self.ids += 1
        if isinstance(event, BaseModel):
            event = event.model_dump(mode="json")
        at = at or (next(self.times) if self.times is not None
                    else f"10:{self.ids // 60 % 60:02d}:{self.ids % 60:02d}")
        request = {"event": event, "today": str(today), "now": f"{today}T{at}Z",
                   "new_id": f"{self.prefix}{self.ids}"}
        answer: dict[str, Any] = json.loads(self.app.handle_json(json.dumps(request)))
        while "seal" in answer or "unseal" in answer:
            request["event"] = event = {**event, "fields": {**event["fields"], **crypto(answer)}}
            answer = json.loads(self.app.handle_json(json.dumps(request)))
        # An ask of the page (the lock's cryptography) writes nothing.
        writes = answer.get("writes", [])
        for write in writes:
            if write["value"] is None:
                self.storage.pop(write["key"], None)
            else:
                self.storage[write["key"]] = write["value"]
        changes = [{"key": w["key"], "value": w["value"]} for w in writes]
        for other in self.tabs:
            if other is not self and changes:
                other.send({"type": "storage_changed", "changes": changes})
        self.html = answer.get("html", self.html)
        return answer

    def submit(self, action: str, today: str | date = TODAY, **fields: Any) -> dict[str, Any]:
        """Submit one of the page's forms."""
        return self.send({"type": action, "fields": fields}, today)

    def send_undo(self) -> dict[str, Any]:
        return self.send({"type": "undo"})

    def open(self, route: str, today: str | date = TODAY) -> dict[str, Any]:
        return self.send({"type": "navigate", "route": route}, today)

    def add(self, name: str, **fields: str) -> dict[str, Any]:
        return self.submit("add_contact", name=name, **fields)

    def added(self, name: str, at: str | None = None) -> str:
        """Add someone; their id."""
        answer = self.send({"type": "add_contact", "fields": {"name": name}}, at=at)
        return str(answer["route"]).split("/")[-1]

    def log(self, contact_id: str, on: str, note: str = "") -> dict[str, Any]:
        return self.submit("log_interaction", contact_id=contact_id, on=on, note=note)

    def people(self) -> list[str]:
        return sorted(c.name for c in self.app.network.contacts.values())

    def stored_people(self) -> dict[str, str]:
        """Who is in storage, by id (read back from the entries, not from the app)."""
        return {c.id: c.name for c in load_network(self.storage).network.people}

    def sync(self, at: str = "12:00:00", today: str = TODAY.isoformat()) -> dict[str, Any]:
        """Sync through the folder as the shell does: send what is there, write what the
        core says to write, remove what it says to remove."""
        names = sorted(n for n, v in self.folder.items() if isinstance(v, str))
        backups = sorted(self.folder.get("Tend backups", {}))
        fields = {"device_id": self.id, "device_name": self.name, "last_digest": self.digest,
                  "passphrase": self.passphrase, "names": names,
                  "texts": [self.folder[n] for n in names], "backups": backups}
        answer = self.send({"type": "sync_folder", "fields": fields}, today=today, at=at)
        report = answer["sync"]
        for write in report["writes"]:
            place = self.folder.setdefault(write["folder"], {}) if write["folder"] else self.folder
            place[write["name"]] = write["text"]
            self.digest = write["digest"] or self.digest
        for old in report["removals"]:
            self.folder[old["folder"]].pop(old["name"])
        return answer


def crypto(ask: dict[str, Any]) -> dict[str, str]:
    """The worker's WebCrypto, done with the cryptography package: seal a text, or open a
    sealed file (a wrong passphrase answers ``unsealed=no``, as the worker does)."""
    if "seal" in ask:
        how = ask["seal"]
        return {how["field"]: seal(how["text"], how["passphrase"], b"s" * how["salt_bytes"],
                                   b"i" * how["iv_bytes"],
                                   iterations=how["header"]["iterations"])}
    how = ask["unseal"]
    try:
        return {how["field"]: unseal(Sealed.model_validate(how["sealed"]), how["passphrase"])}
    except SealingError:
        return {"unsealed": "no"}


def carry(source: Shell, target: Shell) -> None:
    """The sync client (Dropbox, say): copy the source's own files (its full file and,
    once it has one, its changes file) to the other folder."""
    for name in (file_name(source.id), changes_name(source.id)):
        if name in source.folder:
            target.folder[name] = source.folder[name]


# Steps without the shell: the app's entry point, and the actions on a network


def answered(app: App, event: dict[str, Any], n: int, today: date = TODAY) -> dict[str, Any]:
    """The app's answer to one event (its writes are not kept), with the new id ``r{n}``."""
    request = {"event": event, "today": today.isoformat(), "now": f"{today}T10:00:00Z",
               "new_id": f"r{n}"}
    answer: dict[str, Any] = json.loads(app.handle_json(json.dumps(request)))
    return answer


def connections(n: int) -> str:
    """A LinkedIn export of ``n`` people, as LinkedIn writes it."""
    rows = [f"Person{i},Example,https://www.linkedin.com/in/p{i},,Co,PM,01 Mar 2019"
            for i in range(n)]
    return "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + \
        "\n".join(rows) + "\n"


def imported_on(day: date, n: int) -> list[Record]:
    """The records an import of ``connections(n)`` writes on that day (ids ``imp-1``…)."""
    rows = preview(read_file(connections(n)), Network()).rows
    return commit(rows, {}, "imp", day, NOW + (day - TODAY), everyone=True)


def first_days(network: Network, today: date = TODAY) -> dict[str, date]:
    """Each person's coming keep-in-touch day, as the calendar and Today have it."""
    return {r.contact.id: r.on for r in reminders(network, today) if r.uid.startswith("touch-")}


def at(on: date, hour: int = 12) -> Clock:
    return Clock(today=on, now=datetime(on.year, on.month, on.day, hour, tzinfo=NOW.tzinfo))


def submitted(network: Network, event: str, fields: dict[str, str], clock: Clock) -> Network:
    """The network after one form is submitted."""
    outcome = submit(event, fields, network, clock)
    for record in outcome.records:
        network = network.with_record(record)
    return network


def amaras_item(network: Network, on: date) -> AgendaItem:
    [item] = [i for i in agenda(network, on) if i.contact and i.contact.id == "amara"]
    return item


ASK = "Ask for 20 minutes about her path"
AGO = TODAY - timedelta(days=40)


def planned(next_on: date | None, step: str = "Coffee at the fund's office") -> Network:
    amara = contact("Amara Okafor", id="amara", added_on=AGO)
    plan = Plan(id="amara", contact_id="amara", why="She runs the climate fnd",
                next_step=step, next_kind=InteractionKind.MEETING, next_on=next_on,
                updated_at=NOW - timedelta(days=5))
    long_ago = logged("amara", AGO).model_copy(update={"updated_at": NOW - timedelta(days=40)})
    return network_of(amara, long_ago, plan)


# Drafts: who they are written to, and what a recipient notices first


def person(name: str, **fields: Any) -> Contact:
    return Contact(id="p1", name=name, added_on=date(2026, 1, 5), updated_at=NOW, **fields)


def met(note: str = "", where: str = "", kind: InteractionKind = InteractionKind.MEETING
        ) -> Interaction:
    return Interaction(id="i1", contact_id="p1", on=TODAY, kind=kind, where=where, note=note,
                       updated_at=NOW)


def assert_reads_well(text: str) -> None:
    """What a recipient notices first: the greeting, gaps, and broken punctuation."""
    first_line = text.splitlines()[0]
    assert re.fullmatch(r"Hi [^,\s][^,]*,|Hello,|Hi \[name\],", first_line), first_line
    assert not re.match(r"Hi (Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame)\.?,", first_line), first_line
    assert "None" not in text
    assert not re.search(r"[.,;:!?]{2}|\s[.,;:!?]|\.\s*\.", text.replace("…", "")), text
    assert '""' not in text and "“”" not in text and "()" not in text and "  " not in text
    assert not re.search(r"\bI (?:could|can) (?:a|an|the|my|some|updates|feedback)\b", text), text
    assert not re.search(r"\b(?:she|he|her|his|him)\b", text.split("\n", 1)[1], re.I) or (
        "introducing me" in text), text
    assert text.endswith("\n") and not text.endswith("\n\n\n")


# The follow-up: notes as written, and the detail said back to them
NOTES = [
    ("Her team is piloting heat pumps in Leeds.", "your team is piloting heat pumps in Leeds"),
    ("He said his startup is hiring two engineers", "your startup is hiring two engineers"),
    ("She mentioned that she is moving to Porto in March", "you are moving to Porto in March"),
    ("She still wants a partner for grid data", "you still want a partner for grid data"),
    ("I promised to send her the grid report. Also: kids.",
     "I promised to send you the grid report"),
    ("Talked about kites and Porto", "what we said about kites and Porto"),
    ("We discussed tariffs for night storage", "what we said about tariffs for night storage"),
    ("Heat pumps in Leeds!", "what we said about heat pumps in Leeds"),
    ("grid batteries", "what we said about grid batteries"),
    ("Moving to Porto in May", "what we said about moving to Porto in May"),
    ("Octopus Energy", "what we said about Octopus Energy"),
    ("Priya's team is piloting heat pumps", "your team is piloting heat pumps"),
]


# The command line


@dataclass
class Ran:
    """What one run of the command line gave: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def tend(*args: str | Path, passphrase: str | None = None) -> Ran:
    """Run ``core.cli.main`` in this process with no terminal; ``passphrase`` goes in
    TEND_PASSPHRASE. Usage errors exit as argparse makes them (status 2)."""
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.pop("TEND_PASSPHRASE", None), sys.stdin
    if passphrase is not None:
        os.environ["TEND_PASSPHRASE"] = passphrase
    sys.stdin = io.StringIO("")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main([str(a) for a in args])
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.environ.pop("TEND_PASSPHRASE", None)
        if saved[0] is not None:
            os.environ["TEND_PASSPHRASE"] = saved[0]
        sys.stdin = saved[1]
    return Ran(code, out.getvalue(), err.getvalue())


def tend_process(*args: str | Path, passphrase: str | None = None
                 ) -> subprocess.CompletedProcess[str]:
    """Run ``python -m core`` as a real process, with no terminal."""
    env = {k: v for k, v in os.environ.items() if k != "TEND_PASSPHRASE"}
    if passphrase is not None:
        env["TEND_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "core", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60,
                          stdin=subprocess.DEVNULL)


def save(path: Path, *records: Record, damaged: dict[str, str] | None = None) -> Path:
    """A backup file holding these records (and any damaged entries, as they are)."""
    entries = {key_for(r): encode(r) for r in records} | (damaged or {})
    path.write_text(export_backup(entries, NOW), encoding="utf-8")
    return path


def rewrite(storage: dict[str, str], batch: list[dict[str, Any]]) -> None:
    """What the shell's storage.rewrite does (site/shell/storage.mjs), on a dict: each
    rewrite only while every key it reads still holds what the core read."""
    for r in batch:
        expected = {r["old_key"]: r["old_value"], **r.get("also", {})}
        if any(storage.get(k) != v for k, v in expected.items()) or storage.get(
                r["new_key"]) != r["new_before"]:
            continue
        if r["new_value"] is not None:
            storage[r["new_key"]] = r["new_value"]
        for key in expected:
            del storage[key]

