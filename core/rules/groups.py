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


def in_group(contact: Contact, path: str) -> bool:
    """A contact is in a group if their group is it or one of its subgroups (any case)."""
    wanted = [p.casefold() for p in parts(path)]
    return [p.casefold() for p in parts(contact.group)][: len(wanted)] == wanted


def is_family_or_inner(contact: Contact) -> bool:
    """The inner circle, and anyone in a "Family" group: ties that are not networking.

    Tend keeps sales language (asks, history "for an ask") and networking chores (a
    follow-up note after a call) off these people.
    """
    top = parts(contact.group)[:1]
    return contact.layer is Layer.INNER or [p.casefold() for p in top] == [FAMILY]


@dataclass
class GroupNode:
    name: str
    path: str
    people: int = 0
    children: dict[str, GroupNode] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """People in this group and all its subgroups."""
        return self.people + sum(c.total for c in self.children.values())

    @property
    def subgroups(self) -> list[GroupNode]:
        return sorted(self.children.values(), key=lambda n: n.name.casefold())


def group_tree(people: Iterable[Contact]) -> GroupNode:
    """All groups as a tree; the root's own ``people`` are those in no group."""
    root = GroupNode("", "")
    for contact in people:
        node = root
        for depth, name in enumerate(parts(contact.group), start=1):
            path = " / ".join(parts(contact.group)[:depth])
            node = node.children.setdefault(name.casefold(), GroupNode(name, path))
        node.people += 1
    return root
