"""Merging two entries that are one person: the user picks what stays, nothing is lost.

The person whose page has more history stays (``kept_first``); the other's
conversations, dates, favours and plan move to them, anyone the other introduced is
now introduced by them, and the other is deleted as a tombstone, so the merge reaches
other devices in a backup and Undo puts both back. Each field where the two differ is
the user's choice (``Choice``); for lists (e-mails, phones, groups…) the user keeps any
of both. What has no choice to make is settled so that nothing is lost: the earlier
"added on" and "known since", both target networks, on the shortlist if either was,
a weak tie only if both were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.model import Contact, Plan, Record
from core.network import Network

# The parts of a name travel with it: choosing a name chooses how it is spelled out.
NAME_PARTS = ("given_name", "family_name", "name_prefix", "additional_names", "name_suffix")
# What the user chooses between, one or the other, with the words the preview shows.
CHOSEN = {"name": "Name", "call_them": "What you call them", "nickname": "Nickname",
          "how_met": "How you met", "title": "Title", "company": "Company",
          "department": "Department", "notes": "Notes", "layer": "How close",
          "sphere": "Personal or professional", "interval_days": "Keep in touch every",
          "introduced_by": "Introduced by"}
# Where both can stay, side by side.
BOTH_ALLOWED = ("notes",)
LISTS = {"emails": "E-mails", "phones": "Phones", "websites": "Web pages",
         "addresses": "Addresses", "related": "Related people", "groups": "Groups"}
# Lists whose values compare without case, as the editor and the importer compare them.
CASELESS = ("emails", "groups")
PLAN_TEXTS = ("why", "give", "get", "research")


@dataclass(frozen=True)
class Choice:
    """One field the two entries disagree on, and what each holds."""

    field: str
    label: str
    kept: str
    other: str


def kept_first(one: Contact, other: Contact, network: Network) -> tuple[Contact, Contact]:
    """The person who stays, then the one merged into them: the longer history stays, so
    the fewest records move; then the one added first."""
    def weight(c: Contact) -> tuple[int, Any, str]:
        return (-len(network.interactions_with(c.id)), c.added_on, c.id)
    return (one, other) if weight(one) <= weight(other) else (other, one)


def choices(kept: Contact, other: Contact, network: Network) -> list[Choice]:
    """The fields where both entries hold something, and not the same thing."""
    found = []
    for name, label in CHOSEN.items():
        mine, theirs = _shown(kept, name, network), _shown(other, name, network)
        if mine and theirs and mine != theirs:
            found.append(Choice(name, label, mine, theirs))
    return found


def list_values(kept: Contact, other: Contact) -> dict[str, tuple[str, ...]]:
    """Each list's values from both entries, each once, the kept person's first."""
    return {name: union_of(name, getattr(kept, name), getattr(other, name)) for name in LISTS}


def merged_records(kept: Contact, other: Contact, picks: Mapping[str, str],
                   lists: Mapping[str, Sequence[str]] | None, network: Network,
                   now: datetime) -> list[Record]:
    """Every record the merge writes: the kept person as chosen, what moves to them, and
    the other as a tombstone. ``picks`` maps a field to "kept", "other" or "both" (for
    notes); a field not picked keeps the kept person's value, or the other's if the kept
    one has none. ``lists`` are the list values to keep (None keeps all of both)."""
    data = kept.model_dump()
    for name in CHOSEN:
        data.update(_picked(kept, other, name, picks.get(name, "kept")))
    everything = list_values(kept, other)
    for name in LISTS:
        fold = str.casefold if name in CASELESS else str
        wanted = {fold(v) for v in (everything[name] if lists is None else lists.get(name, ()))}
        data[name] = tuple(v for v in everything[name] if fold(v) in wanted)
    data.update(_settled(kept, other))
    if data["introduced_by"] in (kept.id, other.id):
        data["introduced_by"] = None
    person = Contact.model_validate({**data, "updated_at": now})
    return [person, *_moved(kept, other, network, now), other.tombstone(now)]


def _picked(kept: Contact, other: Contact, name: str, pick: str) -> dict[str, Any]:
    mine, theirs = getattr(kept, name), getattr(other, name)
    if pick == "both" and name in BOTH_ALLOWED and mine and theirs and mine != theirs:
        return {name: f"{mine}\n\n{theirs}"}
    source = other if (pick == "other" or not mine) and theirs else kept
    if name == "name":
        return {part: getattr(source, part) for part in ("name", *NAME_PARTS)}
    return {name: getattr(source, name)}


def _settled(kept: Contact, other: Contact) -> dict[str, Any]:
    """What needs no choice: each kept so that nothing either entry said is lost."""
    known = [d for d in (kept.known_since, other.known_since) if d]
    return {"added_on": min(kept.added_on, other.added_on),
            "known_since": min(known) if known else None,
            "targets": union_of("targets", kept.targets, other.targets),
            "shortlist": kept.shortlist or other.shortlist,
            "triaged": kept.triaged or other.triaged,
            "weak_tie": kept.weak_tie and other.weak_tie,
            "archived": kept.archived and other.archived}


def _moved(kept: Contact, other: Contact, network: Network, now: datetime) -> list[Record]:
    """The other's history, dates, favours and plan, and whoever they introduced, now the
    kept person's."""
    moved: list[Record] = [
        entry.model_copy(update={"contact_id": kept.id, "updated_at": now})
        for entry in (*network.interactions_with(other.id), *network.favours_with(other.id),
                      *network.dates_of(other.id))]
    moved += [c.model_copy(update={"introduced_by": kept.id, "updated_at": now})
              for c in network.contacts.values()
              if c.introduced_by == other.id and c.id != kept.id]
    theirs = network.plans.get(other.id)
    if theirs is not None:
        moved += [_plan_into(network.plans.get(kept.id), theirs, kept.id, now),
                  theirs.tombstone(now)]
    return moved


def _plan_into(mine: Plan | None, theirs: Plan, kept_id: str, now: datetime) -> Plan:
    """One plan from two: every text of both kept, the kept person's step first."""
    if mine is None:
        return theirs.model_copy(update={"id": kept_id, "contact_id": kept_id,
                                         "updated_at": now})
    data = mine.model_dump()
    for name in PLAN_TEXTS:
        ours, other = getattr(mine, name), getattr(theirs, name)
        data[name] = f"{ours}\n\n{other}" if ours and other and ours != other else ours or other
    for name in ("reach_reason", "next_step", "next_on"):
        data[name] = getattr(mine, name) or getattr(theirs, name)
    if not mine.next_step and theirs.next_step:
        data["next_kind"] = theirs.next_kind
    data["questions"] = union_of("questions", mine.questions, theirs.questions)
    data["active"] = mine.active or theirs.active
    return Plan.model_validate({**data, "updated_at": now})


def _shown(contact: Contact, name: str, network: Network) -> str:
    """A field as the preview shows it: the introducer by name, a layer by its label."""
    value = getattr(contact, name)
    if name == "introduced_by":
        introducer = network.contacts.get(value or "")
        return introducer.name if introducer else ""
    if name == "layer":
        return str(value.label)
    if name == "interval_days":
        return f"{value} days" if value else ""
    return str(value.value if hasattr(value, "value") else value or "")


def union_of(name: str, mine: Sequence[str], theirs: Sequence[str]) -> tuple[str, ...]:
    """Both lists, each value once, the first spelling kept; e-mails and groups compare
    without case. The importer's merge uses it too."""
    kept: dict[str, str] = {}
    for value in (*mine, *theirs):
        kept.setdefault(value.casefold() if name in CASELESS else value, value)
    return tuple(kept.values())
