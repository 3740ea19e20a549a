"""LinkedIn's Connections.csv and Google Contacts' CSV export, read with the csv module.

The kind of file is recognised from its header row, so the user never has to say.
LinkedIn puts a few lines of notes above the header; they are skipped, and so are blank
rows, and the preview says how many of each. Google writes several values in one cell
joined by " ::: " (two phones, three labels); each becomes a value of its own. Google has
written two layouts over the years (``Given Name`` … ``Organization 1 - Title``, and the
newer ``First Name`` … ``Organization Title``); both are read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from core.formats import (
    Candidate,
    LabelledDate,
    Parsed,
    UnreadableFile,
    parse_month_day,
    related_entry,
    says_introduced,
)

LINKEDIN = {"First Name", "Last Name", "Connected On"}
MANY = " ::: "
# Google's numbered columns: "E-mail 2 - Value", "Address 1 - Formatted".
NUMBERED = re.compile(r"^(?P<what>[A-Za-z -]+?) (?P<n>\d+) - (?P<part>.+)$")
# What Google's columns hold, under either layout's name.
GOOGLE_COLUMNS = {
    "name_prefix": ("Name Prefix",), "given_name": ("First Name", "Given Name"),
    "additional_names": ("Middle Name", "Additional Name"),
    "family_name": ("Last Name", "Family Name"), "name_suffix": ("Name Suffix",),
    "nickname": ("Nickname",), "company": ("Organization Name", "Organization 1 - Name"),
    "title": ("Organization Title", "Organization 1 - Title"),
    "department": ("Organization Department", "Organization 1 - Department"),
    "birthday": ("Birthday",), "notes": ("Notes",), "labels": ("Labels", "Group Membership"),
}
# Columns that only describe another column ("E-mail 1 - Label": Home) or repeat one.
GOOGLE_QUIET = {"Name", "File As", "Label", "Type", "Street", "City", "PO Box", "Region",
                "Postal Code", "Country", "Extended Address", "Neighborhood", "Pobox"}
ADDRESS_PARTS = ("PO Box", "Extended Address", "Street", "City", "Region", "Postal Code",
                 "Country")
CONNECTED_ON = ("%d %b %Y", "%d-%b-%y", "%d %B %Y", "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y")


def read_contacts_csv(text: str) -> Parsed:
    """People from a LinkedIn or Google Contacts CSV; a bad row is reported by its line."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if _is_header(line)), None)
    if start is None:
        raise UnreadableFile("this CSV is neither a LinkedIn Connections export nor a "
                             "Google Contacts export (no header row Tend knows)")
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    header = [name.strip() for name in next(reader)]
    linkedin = set(header) >= LINKEDIN
    candidates: list[Candidate] = []
    problems: list[str] = []
    blank, ended = 0, reader.line_num
    for values in reader:
        line, ended = start + ended + 1, reader.line_num  # where the row begins; a cell
        # may run over several lines
        if not any(value.strip() for value in values):
            blank += 1
            continue
        if len(values) > len(header):
            problems.append(f"line {line}: has more columns than the header")
            continue
        cells = {name: value.strip() for name, value in zip(header, values, strict=False)}
        found = _linkedin(cells) if linkedin else _google(cells)
        if found is None:
            problems.append(f"line {line}: has no name")
        else:
            candidates.append(replace(found, place=f"line {line}"))
    preamble = sum(bool(line.strip()) for line in lines[:start])
    return Parsed("LinkedIn" if linkedin else "Google Contacts", tuple(candidates),
                  tuple(problems), _skipped(preamble, blank))


def _skipped(preamble: int, blank: int) -> tuple[str, ...]:
    said = []
    if preamble:
        said.append(f"{preamble} line{'s' if preamble > 1 else ''} of notes above the column "
                    "names (they describe the export, not a person)")
    if blank:
        said.append(f"{blank} blank row{'s' if blank > 1 else ''}")
    return tuple(said)


def _is_header(line: str) -> bool:
    names = {cell.strip() for cell in next(csv.reader([line]), [])}
    return names >= LINKEDIN or "E-mail 1 - Value" in names or (
        bool(names & {"Name", "First Name"}) and bool(names & {"Group Membership", "Labels"}))


def _linkedin(row: Mapping[str, str]) -> Candidate | None:
    first, last = row.get("First Name", ""), row.get("Last Name", "")
    name = f"{first} {last}".strip()
    if not name:
        return None
    email, url = row.get("Email Address", ""), row.get("URL", "")
    return Candidate(name=name, given_name=first, family_name=last,
                     emails=(email,) if email else (), websites=(url,) if url else (),
                     title=row.get("Position", ""), company=row.get("Company", ""),
                     how_met="Connected on LinkedIn",
                     known_since=_connected_on(row.get("Connected On", "")))


def _connected_on(text: str) -> date | None:
    """LinkedIn's "Connected On": "12 Mar 2024" (older exports: "12-Mar-24")."""
    for pattern in CONNECTED_ON:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _google(row: Mapping[str, str]) -> Candidate | None:
    cell = {field: next((row[c] for c in columns if row.get(c)), "")
            for field, columns in GOOGLE_COLUMNS.items()}
    parts: dict[str, Any] = {k: _one(cell[k]) for k in (
        "name_prefix", "given_name", "additional_names", "family_name", "name_suffix",
        "nickname")}
    name = row.get("Name", "") or " ".join(
        parts[k] for k in ("name_prefix", "given_name", "additional_names", "family_name",
                           "name_suffix") if parts[k])
    name = name or parts["nickname"] or cell["company"]
    if not name:
        return None
    numbered = _numbered(row)
    related, introduced_by = [], ""
    for label, value in numbered.get("Relation", ()):
        if says_introduced(label) and not introduced_by:
            introduced_by = value
        else:
            related.append(related_entry(label, value))
    dates = [LabelledDate(label or "Event", *when) for label, value in numbered.get("Event", ())
             if (when := parse_month_day(value))]
    return Candidate(
        name=name, **parts, company=_one(cell["company"]), title=_one(cell["title"]),
        department=_one(cell["department"]), notes=cell["notes"],
        emails=tuple(v for _, v in numbered.get("E-mail", ())),
        phones=tuple(v for _, v in numbered.get("Phone", ())),
        websites=tuple(v for _, v in numbered.get("Website", ())),
        addresses=tuple(v for _, v in numbered.get("Address", ())),
        related=tuple(related), introduced_by=introduced_by, dates=tuple(dates),
        groups=tuple(g for g in _many(cell["labels"]) if not g.startswith("*")),
        birthday=parse_month_day(cell["birthday"]), not_kept=_not_kept(row))


def _numbered(row: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Google's numbered columns as (label, value) pairs, per kind: "Phone" → [("Mobile",
    "+1 555 0100"), …], several values in one cell split apart."""
    found: dict[str, list[tuple[str, str]]] = {}
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for column, value in row.items():
        match = NUMBERED.match(column or "")
        if match and value:
            groups.setdefault((match["what"], match["n"]), {})[match["part"]] = value
    for (what, _), cells in groups.items():
        label = cells.get("Label") or cells.get("Type") or ""
        if what == "Address":
            values = _many(cells.get("Formatted", "")) or [_address(cells)]
        else:
            values = _many(cells.get("Value", ""))
        found.setdefault(what, []).extend((label, v) for v in values if v)
    return found


def _address(cells: Mapping[str, str]) -> str:
    """An address Google gave in parts only (no "Formatted" cell), one part a line."""
    return "\n".join(cells[part] for part in ADDRESS_PARTS if cells.get(part))


def _many(cell: str) -> list[str]:
    return [value.strip() for value in cell.split(MANY.strip()) if value.strip()]


def _one(cell: str) -> str:
    """A cell meant to hold one value; several are kept together, comma-separated."""
    return ", ".join(_many(cell))


def _not_kept(row: Mapping[str, str]) -> tuple[str, ...]:
    """Columns with a value that no field of Tend's takes: "Gender", "Custom Field 1"."""
    taken = {c for columns in GOOGLE_COLUMNS.values() for c in columns}
    kept_kinds = {"E-mail", "Phone", "Website", "Address", "Relation", "Event"}
    left = []
    for column, value in row.items():
        if not value or not column or column in taken or column in GOOGLE_QUIET:
            continue
        match = NUMBERED.match(column)
        if match and (match["what"] in kept_kinds or match["part"] in ("Label", "Type")):
            continue
        label = row.get(f"{match['what']} {match['n']} - Label", "") if match else ""
        left.append(f"{match['what']} ({label})" if match and label else column)
    return tuple(left)
