"""The command line: ``python -m core …``, the app's operations on backup files.

For scripts and for people who keep their network in a backup file. Each command reads
whole files, calls the same pure functions as the app (``core.formats.backup``,
``core.rules.agenda``), and only then writes: an error leaves every file as it was. This is
the one module of ``core`` that touches files or reads the clock.

    python -m core agenda tend-backup.json --today 2026-11-25

Sealed backups (``core.formats.sealing``) are opened with the passphrase in the environment
variable ``TEND_PASSPHRASE``, or typed at a prompt when there is a terminal. A backup the
command writes is sealed when ``--seal`` is given or when it was made from a sealed one
(with that file's passphrase, or ``TEND_PASSPHRASE``), unless ``--plain`` is given; a
vCard or calendar file made from a sealed backup needs ``--plain`` too: a sealed
network never turns into plain text by accident.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import secrets
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeAlias

from core.formats import UnreadableFile
from core.formats.agenda_calendar import agenda_calendar
from core.formats.backup import Backup, BackupError, dump_backup, entries_of, merge, read_backup
from core.formats.export import vcards
from core.formats.history import HistoryPreview, commit_history, preview_history, read_history
from core.formats.importing import IdTaken, commit, preview, read_file
from core.formats.sealing import SealingError, passphrase_problem, seal, sealed_form, unseal
from core.rules.agenda import agenda as ranked_agenda
from core.rules.turns import taking_turns
from core.storage.codec import UnstorableRecord, key_for
from core.storage.loading import load_network

PROG = "python -m core"
PASSPHRASE_VARIABLE = "TEND_PASSPHRASE"


class CommandError(Exception):
    """Something the user can fix (a missing file, a bad backup); shown on stderr."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 on success, 1 when the input or output is at fault."""
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], None] = args.command
    try:
        command(args)
    except CommandError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    return 0


def export(args: argparse.Namespace) -> None:
    """Write a backup as Tend's standard JSON (records sorted, stable formatting; the
    export time is kept), as vCards of the people (vcf), or as the agenda's calendar (ics;
    the calendar command has its options)."""
    if args.seal and args.format != "json":
        raise CommandError("--seal applies to backups (--format json); vCard and calendar "
                           "files are for other apps, which cannot open a sealed file")
    keys = Passphrases()
    backup = _read(args.backup, keys)
    if args.format == "json":
        _emit_backup(backup, args, keys)
        return
    if keys.opened is not None and not args.plain:
        raise CommandError(f"{args.backup} is sealed, and a {args.format} file cannot be: "
                           "pass --plain to write its contents as plain text anyway")
    network = load_network(entries_of(backup), rewrite=False).network
    if args.format == "vcf":
        _emit(vcards(network), args.output)
    else:
        _emit(agenda_calendar(taking_turns(network, date.today()), date.today()), args.output)


def calendar(args: argparse.Namespace) -> None:
    """Write the agenda's calendar (.ics) for a calendar app to remind you when Tend is
    closed: each person's next keep-in-touch day, follow-ups owed, planned steps and
    yearly dates, each with its reason; --link-to makes each event link to the person in
    Tend at that address, --alarms adds an alarm at 9:00 on the day. Import the file again
    after a change: the events keep their UIDs, so they are updated, not duplicated."""
    keys = Passphrases()
    backup = _read(args.backup, keys)
    if keys.opened is not None and not args.plain:
        raise CommandError(f"{args.backup} is sealed, and a calendar file cannot be: "
                           "pass --plain to write its contents as plain text anyway")
    today = args.today or date.today()
    network = taking_turns(load_network(entries_of(backup), rewrite=False).network, today)
    _emit(agenda_calendar(network, today, args.link_to, args.alarms), args.output)


def import_file(args: argparse.Namespace) -> None:
    """Bring people from a vCard, LinkedIn or Google Contacts file into a backup (created
    if it does not exist). People already there are matched by email, phone or name and
    merged; lines or cards that cannot be read are reported and left out. A calendar
    (.ics) or LinkedIn's messages.csv adds the meetings and conversations with people
    already in the backup as their interactions (never the messages' words); importing
    the same file again adds nothing."""
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(f"{args.file}: byte {error.start} is not UTF-8 text, so this is "
                           "not a vCard, CSV or calendar file Tend reads") from None
    except OSError as error:
        raise CommandError(f"cannot read {args.file}: {error.strerror or error}") from None
    now = datetime.now(UTC)
    keys = Passphrases()
    backup = _read(args.into, keys) if args.into.exists() else Backup(now)
    network = load_network(entries_of(backup), rewrite=False).network
    stored = backup.records.keys() | backup.damaged.keys()
    try:
        # This computer's clock, as the browser's shell gives its own: LinkedIn's UTC
        # times fall on the user's day.
        offset = datetime.now().astimezone().utcoffset() or timedelta(0)
        history = read_history(text, args.today or date.today(), offset) if text.strip() \
            else None
        if history is not None:
            _import_history(preview_history(history, network, stored), args, backup, keys)
            return
        found = preview(read_file(text), network)
    except UnreadableFile as error:
        raise CommandError(f"{args.file}: {error}") from None
    for problem in found.problems:
        print(f"{PROG}: warning: {args.file}: {problem}", file=sys.stderr)
    for skipped in found.skipped:
        print(f"{PROG}: {args.file}: skipped {skipped}", file=sys.stderr)
    for what, people in found.not_kept:
        print(f"{PROG}: {args.file}: not kept (Tend has no place for it): {what}, for "
              f"{people} {'person' if people == 1 else 'people'}", file=sys.stderr)
    # Random, not from the clock: two imports in the same second must not share ids.
    new_id = f"import-{secrets.token_hex(8)}"
    try:
        records = commit(found.rows, {}, new_id, date.today(), now, stored=stored)
    except (IdTaken, UnstorableRecord) as error:
        raise CommandError(f"{args.file}: {error}") from None
    if not records:  # every row refused or empty: the backup stays exactly as it was
        raise CommandError(f"{args.file}: no one in it could be imported, so {args.into} "
                           "was left as it was")
    incoming = Backup(now, {key_for(r): r for r in records})
    _emit_backup(merge(backup, incoming), args, keys, output=args.into)
    print(f"{len(found.rows)} people from {args.file} are in {args.into}.", file=sys.stderr)


def _import_history(found: HistoryPreview, args: argparse.Namespace, backup: Backup,
                    keys: Passphrases) -> None:
    """The interactions a calendar or messages file adds, said per person."""
    for problem in found.problems:
        print(f"{PROG}: warning: {args.file}: {problem}", file=sys.stderr)
    for skipped in found.skipped:
        print(f"{PROG}: {args.file}: skipped {skipped}", file=sys.stderr)
    if found.unmatched:
        print(f"{PROG}: {args.file}: skipped {found.occasions(found.unmatched)} with nobody "
              f"from {args.into}", file=sys.stderr)
    now = datetime.now(UTC)
    records = commit_history(found, now, backup.records.keys())
    if not records:
        raise CommandError(f"{args.file}: nothing in it is new for the people in {args.into}"
                           f"{f' ({found.already} already there)' if found.already else ''}, "
                           "so it was left as it was")
    incoming = Backup(now, {key_for(r): r for r in records})
    _emit_backup(merge(backup, incoming), args, keys, output=args.into)
    for tally in found.people:
        print(f"{tally.contact.name}: {tally.count} new "
              f"{'interaction' if tally.count == 1 else 'interactions'}, the latest on "
              f"{tally.latest.isoformat()}", file=sys.stderr)
    if not found.keeps_text:
        print("The messages' words were not kept.", file=sys.stderr)


def merge_files(args: argparse.Namespace) -> None:
    """Merge two backups record by record: for each record, the copy changed last wins,
    and a deletion is a change like any other (a deletion after an edit wins; an edit
    after a deletion brings the record back). The order of the two files does not matter."""
    keys = Passphrases()
    merged = merge(_read(args.first, keys), _read(args.second, keys))
    _emit_backup(merged, args, keys)


def agenda(args: argparse.Namespace) -> None:
    """Print the same ranked Today as the app for that backup and day (snoozed and skipped
    items stay hidden): one item a line, with the person, what to do, the reason and the
    principle behind it. With --json, a list of objects with key, kind, id, name, action,
    principle, reason and due_on; all the items, where the app shows the first 30."""
    loaded = load_network(entries_of(_read(args.backup, Passphrases())), rewrite=False)
    for problem in loaded.problems:
        print(f"{PROG}: warning: {problem.key} left out: {problem.message}", file=sys.stderr)
    today: date = args.today or date.today()
    items = [
        {"key": item.key, "kind": item.kind,
         "id": item.contact.id if item.contact else None,
         "name": item.contact.name if item.contact else "Target networks",
         "action": item.action, "principle": item.reason.principle,
         "reason": item.reason.text, "due_on": item.due_on.isoformat()}
        for item in ranked_agenda(taking_turns(loaded.network, today), today)
    ]
    if args.json:
        _emit(json.dumps(items, indent=2, ensure_ascii=False) + "\n", None)
    elif items:
        _emit("".join(f"{i['name']} · {i['action']}: {i['reason']} ({i['principle']})\n"
                      for i in items), None)
    else:
        _emit(f"Nothing is due on {today.isoformat()}.\n", None)


class Passphrases:
    """The passphrases one command uses: TEND_PASSPHRASE for every sealed file, else
    each sealed file's asked for at the terminal; a sealed output reuses the first."""

    def __init__(self) -> None:
        self.opened: str | None = None  # the passphrase that opened a sealed input

    def to_open(self, path: Path) -> str:
        return os.environ.get(PASSPHRASE_VARIABLE) or _ask(f"Passphrase for {path}: ")

    def to_seal(self) -> str:
        chosen = os.environ.get(PASSPHRASE_VARIABLE) or self.opened
        if chosen is None:
            chosen = _ask("New passphrase for the sealed backup: ")
            if _ask("The same passphrase again: ") != chosen:
                raise CommandError("the two passphrases differ; nothing was written")
        problem = passphrase_problem(chosen)
        if problem:
            raise CommandError(f"passphrase too short: {problem}; nothing was written")
        return chosen


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise CommandError(f"a passphrase is needed: set {PASSPHRASE_VARIABLE} "
                           "or run the command in a terminal")
    return getpass.getpass(prompt)


def _read(path: Path, keys: Passphrases) -> Backup:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        sealed = sealed_form(data)
        if sealed is not None:
            passphrase = keys.to_open(path)
            data = unseal(sealed, passphrase).encode()
            keys.opened = keys.opened or passphrase
        return read_backup(data)
    except (BackupError, SealingError) as error:
        raise CommandError(f"{path}: {error}") from None
    except ImportError:
        raise CommandError(f"{path} is sealed; opening it needs the 'cryptography' package "
                           "(pip install 'tend-core[crypto]')") from None


def _emit_backup(backup: Backup, args: argparse.Namespace, keys: Passphrases,
                 output: Path | None = None) -> None:
    """Write a backup, sealed when asked to or when it came from a sealed one; a record
    that would not load again stops the command before anything is written."""
    try:
        text = dump_backup(backup)
    except UnstorableRecord as refused:
        raise CommandError(f"{refused} Nothing was written.") from None
    if not args.plain and (args.seal or keys.opened is not None):
        try:
            text = seal(text, keys.to_seal(), os.urandom(16), os.urandom(12))
        except ImportError:
            raise CommandError("sealing needs the 'cryptography' package "
                               "(pip install 'tend-core[crypto]')") from None
    _emit(text, output or args.output)


def _emit(text: str, output: Path | None) -> None:
    """Print, or replace the output file in one step so that no half-written file remains.

    The file is created readable by its owner only: it holds a private network.
    """
    if output is None:
        sys.stdout.write(text)
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.",
                                             suffix=".tmp")
    except OSError as error:
        raise CommandError(f"cannot write {output}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, output)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"cannot write {output}: {error.strerror or error}") from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-25") from None


def _parser() -> argparse.ArgumentParser:
    """The commands and their options; each command's help is its function's docstring."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Tend from the command line: the app's operations on backup files "
        "(the JSON files Tend exports). Nothing is written when something goes wrong: "
        "errors go to stderr with a non-zero exit status.",
        epilog=f"Run '{PROG} COMMAND --help' for the options of one command.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    export_command = _command(commands, export, "write a backup as JSON, vCard or calendar")
    export_command.add_argument("backup", type=Path, metavar="BACKUP.json", help="a Tend backup")
    export_command.add_argument("--format", choices=["json", "vcf", "ics"], default="json",
                                help="json (a backup), vcf (people) or ics (the agenda's "
                                "calendar, as the calendar command writes it); default json")
    _add_output(export_command, "the file to write (default: standard output)")
    _add_sealing(export_command)

    merge_command = _command(commands, merge_files, "merge two backups, e.g. a laptop's and "
                             "a phone's", name="merge")
    merge_command.add_argument("first", type=Path, metavar="A.json", help="one backup")
    merge_command.add_argument("second", type=Path, metavar="B.json", help="the other backup")
    _add_output(merge_command, "the merged backup to write (default: standard output); "
                "it may be one of the inputs")
    _add_sealing(merge_command)

    import_command = _command(commands, import_file, "bring people from a vCard or CSV file, "
                              "or history from a calendar or LinkedIn messages, into a backup",
                              name="import")
    import_command.add_argument("file", type=Path, metavar="FILE",
                                help="a .vcf, LinkedIn Connections.csv or Google Contacts CSV; "
                                "a calendar .ics or LinkedIn messages.csv")
    import_command.add_argument("--into", type=Path, metavar="BACKUP.json", required=True,
                                help="the backup to add them to (created if missing)")
    import_command.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                                help="for a calendar: events up to this day count "
                                "(default: today's date)")
    _add_sealing(import_command)

    calendar_command = _command(commands, calendar, "the agenda as a calendar file (.ics), "
                                "for reminders while Tend is closed")
    calendar_command.add_argument("backup", type=Path, metavar="BACKUP.json",
                                  help="a Tend backup")
    _add_today(calendar_command, "the day the calendar starts from (default: today's date)")
    calendar_command.add_argument("--alarms", action="store_true",
                                  help="an alarm at 9:00 on the day of each event")
    calendar_command.add_argument("--link-to", default="", metavar="URL",
                                  help="the address you open Tend at (as the browser shows it); "
                                  "each event then links to the person's page there")
    _add_output(calendar_command, "the file to write (default: standard output)")
    calendar_command.add_argument("--plain", action="store_true",
                                  help="write the calendar even when the backup is sealed")

    agenda_command = _command(commands, agenda, "today's ranked list, as the app shows it: "
                                                       "who, what to do, and why")
    agenda_command.add_argument("backup", type=Path, metavar="BACKUP.json", help="a Tend backup")
    _add_today(agenda_command, "the day to plan for (default: today's date)")
    agenda_command.add_argument("--json", action="store_true",
                                help="print a JSON list of {key, kind, id, name, action, "
                                "principle, reason, due_on}")
    return parser


Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _command(commands: Commands, run: Callable[[argparse.Namespace], None], summary: str,
             name: str | None = None) -> argparse.ArgumentParser:
    command = commands.add_parser(name or run.__name__, help=summary, description=run.__doc__)
    command.set_defaults(command=run)
    return command


def _add_sealing(command: argparse.ArgumentParser) -> None:
    choice = command.add_mutually_exclusive_group()
    choice.add_argument("--seal", action="store_true",
                        help=f"seal the backup written with a passphrase (from "
                        f"{PASSPHRASE_VARIABLE}, or asked for); automatic when an input is "
                        "sealed")
    choice.add_argument("--plain", action="store_true",
                        help="write plain text even when an input was sealed")


def _add_today(command: argparse.ArgumentParser, text: str) -> None:
    command.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help=text)


def _add_output(command: argparse.ArgumentParser, text: str) -> None:
    command.add_argument("-o", "--output", type=Path, metavar="OUT.json", help=text)

