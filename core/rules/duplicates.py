"""Possible duplicates: two entries in the book that seem to be one person.

An address book imported twice, a colleague added by hand before the LinkedIn export
came in: the same person ends up twice, with half the history on each page, and Today
counts them as two ties. Two people seem to be one when they share an e-mail (without
case), a phone (its last nine digits, so "+34 600 123 456" meets "600123456"), or a
name once case, accents, punctuation and word order are set aside ("Núñez-Ortega,
Inés" is "Ines Nunez Ortega"). The importer matches a file's people with the same keys
(``identity_keys``), so a person is the same person wherever Tend asks.

A key shared by many people (a company switchboard, an office's info@ address) says
nothing about who is who, and is not used. A pair the user said are two people is not
offered again: that answer is stored as a decision (``distinct_key``), so it travels
in backups like every other record.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, Protocol

from core.model import Contact
from core.network import Network
from core.rules.names import name_key

# More people than this sharing a phone or an e-mail is a switchboard, not a duplicate.
TOO_COMMON = 8
PHONE_DIGITS = 9
_NOT_DIGITS = re.compile(r"[^0-9]+")
SAME_NAME = "same name"


class Identified(Protocol):
    """Whatever names a person: someone here, or a row of a file being imported."""

    @property
    def name(self) -> str: ...
    @property
    def emails(self) -> Sequence[str]: ...
    @property
    def phones(self) -> Sequence[str]: ...


class IdentityKey(NamedTuple):
    """One thing that tells who a person is: the key compared, and why it says so (a
    tuple: one is made for every key of everyone, each time the pairs are found)."""

    key: str
    reason: str


def phone_key(phone: str) -> str:
    """A phone's last nine digits: the number without its country code, spaces or dashes;
    a number too short to tell anyone apart gives no key.

    >>> phone_key("+34 600-123-456") == phone_key("600 123 456")
    True
    >>> phone_key("112")
    ''
    """
    digits = _NOT_DIGITS.sub("", phone)
    return digits[-PHONE_DIGITS:] if len(digits) >= 7 else ""


def identity_keys(who: Identified) -> tuple[IdentityKey, ...]:
    """The keys a person is known by, strongest first: e-mails, phones, then the name.

    >>> [k.key for k in identity_keys(Contact.model_construct(
    ...     name="Inés Núñez", emails=("Ines@X.org",), phones=("+1 (555) 010-2030",)))]
    ['email:ines@x.org', 'phone:550102030', 'name:ines nunez']
    """
    return _keys_of(who.name, tuple(who.emails), tuple(who.phones))


@lru_cache(maxsize=32_768)
def _keys_of(name: str, emails: tuple[str, ...], phones: tuple[str, ...]
             ) -> tuple[IdentityKey, ...]:
    """Kept for the people seen last: the pairs are found again each time People is shown,
    and most people have not changed since."""
    keys = [IdentityKey(f"email:{email.casefold()}", f"same e-mail ({email})")
            for email in emails if email.strip()]
    keys += [IdentityKey(f"phone:{key}", f"same phone ({phone})")
             for phone in phones if (key := phone_key(phone))]
    if folded_name := name_key(name):
        keys.append(IdentityKey(f"name:{folded_name}", SAME_NAME))
    return tuple({k.key: k for k in keys}.values())


@dataclass(frozen=True)
class PossibleDuplicate:
    """Two people who may be one, and every reason Tend thinks so."""

    first: Contact
    second: Contact
    reasons: tuple[str, ...]

    @property
    def key(self) -> str:
        return distinct_key(self.first.id, self.second.id)


def distinct_key(one: str, other: str) -> str:
    """The id under which "these are two people" is kept for a pair, whichever comes first.

    >>> distinct_key("ana", "ana-2") == distinct_key("ana-2", "ana")
    True
    """
    pair = "\n".join(sorted((one, other)))
    return "distinct-" + hashlib.sha256(pair.encode()).hexdigest()[:32]


def known_by(people: Iterable[Contact]) -> dict[str, list[tuple[Contact, IdentityKey]]]:
    """Who holds each key, leaving out keys too many people share (``TOO_COMMON``)."""
    holders: dict[str, list[tuple[Contact, IdentityKey]]] = defaultdict(list)
    for contact in people:
        for identity in identity_keys(contact):
            holders[identity.key].append((contact, identity))
    return {key: held for key, held in holders.items() if len(held) <= TOO_COMMON}


def possible_duplicates(network: Network) -> list[PossibleDuplicate]:
    """Each pair of people who seem to be one, those the user has not set apart, in the
    order of the first one's name. One pass over everyone's keys: 5,000 people take a
    few milliseconds (``bench/duplicates.py``)."""
    reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
    people: dict[str, Contact] = {}
    for held in known_by(network.contacts.values()).values():
        if len(held) < 2:
            continue
        for (one, identity), (other, _) in _pairs(held):
            people[one.id], people[other.id] = one, other
            reasons[(one.id, other.id)].append(identity.reason)
    found = [PossibleDuplicate(people[a], people[b], tuple(why))
             for (a, b), why in reasons.items()
             if distinct_key(a, b) not in network.decisions]
    return sorted(found, key=lambda pair: (name_key(pair.first.name), pair.first.id,
                                           pair.second.id))


def _pairs(held: list[tuple[Contact, IdentityKey]]
           ) -> Iterator[tuple[tuple[Contact, IdentityKey], tuple[Contact, IdentityKey]]]:
    """Every two holders of one key, the lower id first, each person once."""
    unique = sorted({c.id: (c, k) for c, k in held}.values(), key=lambda h: h[0].id)
    for n, one in enumerate(unique):
        for other in unique[n + 1:]:
            yield one, other
