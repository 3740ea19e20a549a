"""Every view by route: the one place that maps ``#/…`` to what is shown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from core.formats.device_file import KEEP_BACKUPS, Arrival
from core.formats.history import AnyPreview, HistoryPreview
from core.formats.importing import what_it_keeps
from core.forms import FormState, editing
from core.json_text import JsonError, parse_json
from core.model import AgendaKind, BackupReminder, Interaction
from core.network import Network
from core.routes import PAGES, is_known_route, path_of, route_to
from core.rules import drafts
from core.rules.agenda import AgendaItem, agenda, this_week
from core.rules.backups import BACKUP_AFTER_DAYS, backup_nudge, last_backup
from core.rules.capacity import Usage, archivable, room_link, room_warning, storage_line, usage
from core.rules.done import done_question
from core.rules.duplicates import possible_duplicates
from core.rules.pitch import pitch_sentences, spoken_length
from core.rules.planner import step_settled_by
from core.rules.stages import current_stage, stages
from core.rules.targets import SUGGESTED, network_named
from core.rules.wording import long_date
from core.storage.loading import StorageProblem, kind_named
from core.storage.migrations import parse_key
from core.views.duplicates import duplicates_view
from core.views.item_drafts import item_drafts
from core.views.people import (
    contact_view,
    field_asked,
    logged_line,
    names_to_pick,
    people_view,
    plan_view,
)
from core.views.render import Forms, View, render
from core.views.strategy import groups_view, health_view, networks_view, shortlist_view

# A day holds a couple of dozen touches at most; a longer list is a backlog, worked from
# the top. With 30 shown, a backlog's Today (885 elements) took a 50-75 ms main-thread
# task to put on the page; with 20, none over 50 (bench/interaction.py, 5,000 people).
TODAY_LIMIT = 20
# The choices of "Remind me to back up" on Your data, in the order shown.
REMINDERS = ((BackupReminder.WEEKLY, "Weekly"), (BackupReminder.MONTHLY, "Monthly"),
             (BackupReminder.NEVER, "Never"))


def today_view(network: Network, today: date, forms: Forms | None = None,
               entries: Mapping[str, str] | None = None, used: Usage | None = None,
               folder_backup_on: date | None = None) -> View:
    """The ranked agenda, capped: a day holds a few dozen touches, not a thousand."""
    items = agenda(network, today)
    used = used or usage(entries or {})
    shown = items[:TODAY_LIMIT]
    html = render("today.html", items=shown, more=len(items) - TODAY_LIMIT,
                  item_drafts=item_drafts(shown, network, today),
                  people_count=len(network.people), today=today,
                  backup_nudge=backup_nudge(network, today, folder_backup_on),
                  done_question=done_question,
                  plans=network.plans, settled=settled_steps(shown, network),
                  logged_line=logged_line,
                  room_warning=room_warning(used), room_link=room_link(used))
    return View("Today", html)


def settled_steps(items: Sequence[AgendaItem], network: Network) -> dict[str, Interaction]:
    """For each person whose planned step the user already logged, what they logged: the
    step's form then records nothing new (P14)."""
    settled = {}
    for item in items:
        plan = network.plans.get(item.contact.id) if item.contact else None
        if plan is not None and item.contact is not None and AgendaKind.PLAN_NEXT in item.kinds:
            logged = step_settled_by(plan, network.interactions_with(item.contact.id))
            if logged is not None:
                settled[item.contact.id] = logged
    return settled


def week_view(network: Network, today: date, forms: Forms | None = None) -> View:
    return View("This week", render("week.html", coming=this_week(network, today), today=today))


def pitch_view(network: Network, today: date, forms: Forms | None = None) -> View:
    pitch = network.pitch
    said = pitch_sentences(pitch)
    return View("Your pitch", render("pitch.html", pitch=pitch, said=said,
                                     length=spoken_length(" ".join(said)),
                                     friends_draft=drafts.looking_for_note(None, pitch),
                                     form=editing(pitch, "pitch", (forms or {}).get("save_pitch"))))


@dataclass(frozen=True)
class DamagedRecord:
    """A record stored damaged, as Your data names it: whose it is, and what kind."""

    key: str
    whose: str
    what: str
    problem: str


# What a damaged record of each kind was to the user.
DAMAGED_WHAT = {"contact": "their details", "plan": "their plan", "interaction": "a conversation",
                "favour": "a favour", "date": "a date", "target": "a target network",
                "pitch": "your pitch", "settings": "your settings",
                "decision": "a snooze or skip on Today",
                "pack": "a batch of records kept packed together"}


def damaged_records(problems: Sequence[StorageProblem], network: Network,
                    entries: Mapping[str, str]) -> list[DamagedRecord]:
    """Each record set aside at start, with the person it belongs to where that can be
    told: a plan's id is its person's; other records name theirs inside, if readable."""
    found = []
    for problem in problems:
        parsed = parse_key(problem.key)
        kind, record_id = (kind_named(parsed), parsed.record_id) if parsed else ("", "")
        try:
            raw = parse_json(entries.get(problem.key, ""))
        except JsonError:
            raw = {}
        inside = raw if isinstance(raw, dict) else {}
        person_id = record_id if kind in ("contact", "plan") else inside.get("contact_id")
        person = network.contacts.get(person_id) if isinstance(person_id, str) else None
        named = inside.get("name") if kind in ("contact", "target") else None
        whose = person.name if person else named if isinstance(named, str) else ""
        if kind in ("pitch", "settings"):
            whose = "You"
        found.append(DamagedRecord(problem.key, whose,
                                   DAMAGED_WHAT.get(kind, f"a {kind or 'record'}"),
                                   problem.message))
    return found


def synced_on(written_at: str, today: date) -> str:
    """When another device last wrote its file, as the device list says it: the day only
    (the core knows the user's day, not their time zone).

    >>> day = date(2026, 11, 25)
    >>> synced_on("2026-11-25T09:30:00+00:00", day), synced_on("2026-11-24T23:00:00Z", day)
    ('today', 'on 24 Nov 2026')
    """
    try:
        day = datetime.fromisoformat(written_at).date()
    except ValueError:
        return "at a time Tend cannot tell"
    return "today" if day == today else f"on {long_date(day)}"


def data_view(network: Network, today: date, forms: Forms | None = None,
              entries: Mapping[str, str] | None = None,
              problems: Sequence[StorageProblem] = (), used: Usage | None = None,
              devices: Sequence[Arrival] = (), locked: bool = False,
              folder_backup_on: date | None = None) -> View:
    """Backups and storage: what is kept where, how full it is (the whole origin, as the
    browser counts it), when last saved (downloaded, or kept in the sync folder), and
    which records are stored damaged."""
    used = used or usage(entries or {})
    last = last_backup(network, folder_backup_on)
    html = render("data.html", form=(forms or {}).get("export_data", FormState()),
                  import_form=FormState(), records=len(entries or {}), usage=used,
                  storage_line=storage_line(used), room_warning=room_warning(used),
                  room_link=room_link(used), archivable=len(archivable(network, today)),
                  last_backup=last, in_folder=last is not None and last == folder_backup_on,
                  backup_age=(today - last).days if last else None,
                  backup_after=BACKUP_AFTER_DAYS.get(network.settings.remind_backup),
                  remind_backup=network.settings.remind_backup, reminders=REMINDERS,
                  damaged=damaged_records(problems, network, entries or {}),
                  duplicates=len(possible_duplicates(network)), keep_backups=KEEP_BACKUPS,
                  locked=locked,
                  devices=[(d, synced_on(d.written_at, today)) for d in devices],
                  lock_form=(forms or {}).get("lock_storage", FormState()))
    return View("Your data", html)


def log_view(network: Network, today: date, forms: Forms | None = None) -> View:
    """Log a conversation with anyone, from anywhere (the L key)."""
    form = (forms or {}).get("log_interaction", FormState({"on": today.isoformat()}))
    return View("Quick log", render("log.html", form=form, people=network.people,
                                    names=names_to_pick(network.people)))


def start_view(network: Network, today: date, forms: Forms | None = None) -> View:
    """Start, filled with what is already kept, so running it again adds and never clears."""
    kept = FormState({"one_liner": network.pitch.one_liner})
    have = {kind for kind, name in SUGGESTED.items()
            if network_named(name, network.targets.values())}
    path = stages(network)
    return View("Start", render("start.html", form=(forms or {}).get("start", kept), have=have,
                                stages=path, current=current_stage(path)))


ROUTES = {
    "today": today_view, "week": week_view, "groups": groups_view,
    "networks": networks_view, "shortlist": shortlist_view, "health": health_view,
    "pitch": pitch_view,
    "log": log_view,
    "start": start_view,
    "duplicates": duplicates_view,
}
assert set(PAGES) == {*ROUTES, "people", "data", "import"}, "core.routes lists every page"


# The preview lists this many rows; a longer file is imported whole only by "everyone".
PREVIEW_ROWS = 500


def import_view(network: Network, found: AnyPreview | None) -> View:
    """The import preview: who is in the file, who they match, what will happen; for a
    calendar or messages file, who gets how many interactions."""
    if isinstance(found, HistoryPreview):
        return View("Import history", render("import_history.html", preview=found,
                                                 listed=PREVIEW_ROWS))
    return View("Import", render("import.html", preview=found, kept=what_it_keeps,
                                 listed=PREVIEW_ROWS))


def view_for(route: str, network: Network, today: date, forms: Forms,
             entries: Mapping[str, str] | None = None,
             found: AnyPreview | None = None,
             problems: Sequence[StorageProblem] = (),
             used: Usage | None = None,
             devices: Sequence[Arrival] = (), locked: bool = False,
             folder_backup_on: date | None = None) -> tuple[str, View]:
    """The canonical route and its view; an unknown route shows Today."""
    if not is_known_route(route):
        return route_to("today"), today_view(network, today, forms, entries, used,
                                             folder_backup_on)
    path, _, query = path_of(route).partition("?")
    parts = path.split("/")
    if parts[0] == "people" and len(parts) == 3 and parts[2] == "plan":
        return route, plan_view(network, parts[1], today, forms, field_asked(query))
    if parts[0] == "people" and len(parts) == 2:
        return route, contact_view(network, parts[1], today, forms)
    if parts[0] == "people":
        return route, people_view(network, today, forms, query)
    if parts[0] == "import":
        return route_to("import"), import_view(network, found)
    if parts[0] == "data":
        return route_to("data"), data_view(network, today, forms, entries, problems, used, devices,
                                   locked, folder_backup_on)
    if parts[0] in ROUTES and parts[0] != "today":
        return route_to(parts[0]), ROUTES[parts[0]](network, today, forms)
    return route_to("today"), today_view(network, today, forms, entries, used,
                                         folder_backup_on)
