"""Reading other apps' contact files: vCard, LinkedIn and Google Contacts CSV.

Each reader turns a file's text into Candidates (people as the file describes them)
and Problems (a line or card that could not be read, said for a person). Nothing is
stored here: the import preview decides, with the user, what becomes a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    """A person found in an imported file, before the user decides what to do with them."""

    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    work: str = ""
    how_met: str = ""
    group: str = ""
    birthday: tuple[int, int, int | None] | None = None  # month, day, year


@dataclass(frozen=True)
class Parsed:
    """What a file gave: the people it describes, and what could not be read, by place."""

    source: str
    candidates: tuple[Candidate, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)


class UnreadableFile(ValueError):
    """The file as a whole is not one Tend can read; the message says why."""
