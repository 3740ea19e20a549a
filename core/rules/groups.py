"""P3 groups and subgroups: "Work / Acme / Platform" sits inside "Work / Acme"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core.model import Contact, Layer

SEPARATOR = "/"
FAMILY = "family"


def parts(path: str) -> tuple[str, ...]:
    """The steps of a group path, tidied: ' Work/ Acme ' → ('Work', 'Acme')."""
    return tuple(p.strip() for p in path.split(SEPARATOR) if p.strip())


def normalise(path: str) -> str:
    return " / ".join(parts(path))


def group_list(text: str) -> tuple[str, ...]:
    """Several groups typed in one field, one per line or separated by commas, each tidied
    and each once (whatever its case): "Work/Acme, climbing\nClimbing" → two groups."""
    kept: dict[str, str] = {}
    for line in text.splitlines():
        for piece in line.split(","):
            if path := normalise(piece):
                kept.setdefault(path.casefold(), path)
    return tuple(kept.values())


def in_group(contact: Contact, path: str) -> bool:
    """A contact is in a group if one of their groups is it or one of its subgroups (any
    case)."""
    wanted = [p.casefold() for p in parts(path)]
    return any([p.casefold() for p in parts(group)][: len(wanted)] == wanted
               for group in contact.groups)


def top_groups(contact: Contact) -> list[str]:
    """The outermost group of each of a contact's groups: "Work / Acme" → "Work"."""
    return list(dict.fromkeys(steps[0] for group in contact.groups if (steps := parts(group))))


def is_family_or_inner(contact: Contact) -> bool:
    """The inner circle, and anyone in a "Family" group: ties that are not networking.

    Tend keeps sales language (asks, history "for an ask") and networking chores (a
    follow-up note after a call) off these people.
    """
    return contact.layer is Layer.INNER or FAMILY in (g.casefold() for g in top_groups(contact))


@dataclass
class GroupNode:
    name: str
    path: str
    members: set[str] = field(default_factory=set)  # the ids of the people right here
    children: dict[str, GroupNode] = field(default_factory=dict)

    @property
    def people(self) -> int:
        return len(self.members)

    @property
    def total(self) -> int:
        """People in this group and all its subgroups, each counted once."""
        return len(self._everyone())

    def _everyone(self) -> set[str]:
        return self.members.union(*(c._everyone() for c in self.children.values()))

    @property
    def subgroups(self) -> list[GroupNode]:
        return sorted(self.children.values(), key=lambda n: n.name.casefold())


def group_tree(people: Iterable[Contact]) -> GroupNode:
    """All groups as a tree; the root's own ``people`` are those in no group. A person in
    two groups is in each."""
    root = GroupNode("", "")
    for contact in people:
        paths = [steps for steps in map(parts, contact.groups) if steps]
        if not paths:
            root.members.add(contact.id)
        for steps in paths:
            node = root
            for depth, name in enumerate(steps, start=1):
                path = " / ".join(steps[:depth])
                node = node.children.setdefault(name.casefold(), GroupNode(name, path))
            node.members.add(contact.id)
    return root
