"""LinkedIn's Connections.csv and Google Contacts' CSV export, read with the csv module.

The kind of file is recognised from its header row, so the user never has to say.
LinkedIn puts a few lines of notes above the header; they are skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from core.formats import Candidate, Parsed, UnreadableFile

LINKEDIN = {"First Name", "Last Name", "Connected On"}
GOOGLE_NAME = ("Name", "First Name", "Given Name")


def read_contacts_csv(text: str) -> Parsed:
    """People from a LinkedIn or Google Contacts CSV; a bad row is reported by its line."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if _is_header(line)), None)
    if start is None:
        raise UnreadableFile("this CSV is neither a LinkedIn Connections export nor a "
                             "Google Contacts export (no header row Tend knows)")
    rows = csv.DictReader(io.StringIO("\n".join(lines[start:])))
    linkedin = set(rows.fieldnames or ()) >= LINKEDIN
    candidates: list[Candidate] = []
    problems: list[str] = []
    for offset, row in enumerate(rows, start=start + 2):
        if None in row:
            problems.append(f"line {offset}: has more columns than the header")
            continue
        cells = {k: v or "" for k, v in row.items()}  # a short row leaves cells as None
        found = _linkedin(cells) if linkedin else _google(cells)
        if found is None:
            problems.append(f"line {offset}: has no name")
        else:
            candidates.append(found)
    return Parsed("LinkedIn" if linkedin else "Google Contacts", tuple(candidates),
                  tuple(problems))


def _is_header(line: str) -> bool:
    names = {cell.strip() for cell in next(csv.reader([line]), [])}
    return names >= LINKEDIN or "E-mail 1 - Value" in names or (
        bool(names & {"Name", "First Name"}) and bool(names & {"Group Membership", "Labels"}))


def _linkedin(row: Mapping[str, str]) -> Candidate | None:
    name = f"{row.get('First Name', '').strip()} {row.get('Last Name', '').strip()}".strip()
    if not name:
        return None
    work = " · ".join(p for p in (row.get("Position", "").strip(),
                                  row.get("Company", "").strip()) if p)
    email = row.get("Email Address", "").strip()
    connected = row.get("Connected On", "").strip()
    return Candidate(name=name[:120], emails=(email,) if email else (), work=work[:200],
                     how_met=f"LinkedIn connection{f' since {connected}' if connected else ''}")


def _google(row: Mapping[str, str]) -> Candidate | None:
    name = next((row[k].strip() for k in GOOGLE_NAME if row.get(k, "").strip()), "")
    if not name:
        first = row.get("Given Name", "") or row.get("First Name", "")
        last = row.get("Family Name", "") or row.get("Last Name", "")
        name = f"{first} {last}".strip()
    if not name:
        return None
    emails = tuple(v.strip() for k, v in row.items() if k and "E-mail" in k and "Value" in k
                   and v and v.strip())
    phones = tuple(v.strip() for k, v in row.items() if k and "Phone" in k and "Value" in k
                   and v and v.strip())
    labels = row.get("Group Membership", "") or row.get("Labels", "")
    groups = [g.strip() for g in labels.split(":::")
              if g.strip() and not g.strip().startswith("*")]
    return Candidate(name=name[:120], emails=emails, phones=phones,
                     group=groups[0][:200] if groups else "")
