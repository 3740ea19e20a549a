"""Two saves of one record, made from the same starting point, combined field by field.

Two tabs can show the same person's edit form; each save used to write every field
from its own form, so the later one silently undid the other's change. A save now
carries its *base*, the values the form was rendered from, and is merged with what is
stored (*theirs*) as version control merges a file: a field changed on one side only
takes that side's value, a field changed alike on both is fine, and a field changed
differently on both is a conflict, left for the user to decide, because only they know
which text is right. A list the user sees as a set (groups, e-mail addresses) never
conflicts: what either side added is kept, what either side removed goes.

Values are JSON values (``model_dump(mode="json")``), so a base that travelled through
the page compares equal to the record it was taken from.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Merge:
    """What a save should hold: every field merged, and the fields only the user can
    settle, which hold the user's own value until they do."""

    values: dict[str, Any]
    conflicts: tuple[str, ...] = ()


def merge3(base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any],
           sets: Collection[str] = ()) -> Merge:
    """Merge the fields of ``mine``: a field missing from the base counts as unchanged
    by the other side, so a save from a page without a base is the plain save it was.

    >>> merge3({"name": "Ana", "why": ""}, {"name": "Ana", "why": "Her talk"},
    ...        {"name": "Ana Lima", "why": ""}).values
    {'name': 'Ana Lima', 'why': 'Her talk'}
    >>> merge3({"why": ""}, {"why": "Her talk"}, {"why": "Her book"}).conflicts
    ('why',)
    """
    values: dict[str, Any] = {}
    conflicts: list[str] = []
    for name, my_value in mine.items():
        their_value = theirs.get(name, my_value)
        was = base.get(name, their_value)
        if my_value == was:
            values[name] = their_value
        elif their_value in (was, my_value):
            values[name] = my_value
        elif name in sets:
            values[name] = merged_set(was, my_value, their_value)
        else:
            values[name] = my_value
            conflicts.append(name)
    return Merge(values, tuple(conflicts))


def merged_set(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
    """Both sides' additions, neither side's removals, in the user's own order first.

    >>> merged_set(["Work"], ["Work", "Climate"], ["Friends"])
    ['Climate', 'Friends']
    """
    kept = [item for item in mine if item in theirs or item not in base]
    return kept + [item for item in theirs if item not in base and item not in kept]
