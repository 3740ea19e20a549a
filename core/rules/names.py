"""How names and other words compare: without case, accents or word order.

A person is the same person whether the file says "Núñez-Ortega, Inés" or the user typed
"Ines Nunez Ortega", and a search for "jane doe" should find "Dr. Jane Q. Doe". Both the
import's match and the people search fold text the same way, here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from core.model import Contact

_NOT_A_WORD = re.compile(r"[\W_]+")


def folded(text: str) -> str:
    """Text without case, accents or punctuation, words separated by one space.

    >>> folded("Núñez-Ortega, Inés")
    'nunez ortega ines'
    """
    plain = text if text.isascii() else "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _NOT_A_WORD.sub(" ", plain.casefold()).strip()


def name_key(name: str) -> str:
    """A name's words, folded and in order, so two spellings of one name meet.

    >>> name_key("Núñez-Ortega, Inés") == name_key("Ines Nunez Ortega")
    True
    """
    return " ".join(sorted(folded(name).split()))


def finds(query: str, texts: Iterable[str]) -> bool:
    """Every word of the query appears somewhere in the texts, in any order.

    >>> finds("jane doe", ["Dr. Jane Q. Doe"]), finds("acme", ["Jane Doe", "CTO · ACME"])
    (True, True)
    >>> finds("jane smith", ["Dr. Jane Q. Doe"])
    False
    """
    haystack = _haystack(tuple(texts))
    return all(word in haystack for word in folded(query).split())


@lru_cache(maxsize=32_768)
def _haystack(texts: tuple[str, ...]) -> str:
    """Kept for the people searched last: folding is most of a search's cost, and a book of
    10,000 is searched again on every keystroke's filter while few of them change."""
    return " ".join(folded(text) for text in texts)


def picker_labels(people: Iterable[Contact]) -> dict[str, str]:
    """Each person as a name picker lists them, by id: the name alone where no one else
    has it, else the name with their work (or the day they were added), so that every
    label a user picks or types names one person.

    >>> from datetime import date, datetime, UTC
    >>> def c(i, name, company=""):
    ...     return Contact(id=i, name=name, company=company, added_on=date(2026, 1, 5),
    ...                    updated_at=datetime(2026, 1, 5, tzinfo=UTC))
    >>> picker_labels([c("a", "Ana Ruiz", "Acme"), c("b", "Ana Ruiz"), c("c", "Bo")])
    {'a': 'Ana Ruiz (Acme)', 'b': 'Ana Ruiz (added 5 Jan 2026)', 'c': 'Bo'}
    """
    everyone = list(people)
    keys = {c.id: name_key(c.name) for c in everyone}
    shared = Counter(keys.values())
    labels = {c.id: c.name if shared[keys[c.id]] == 1 else f"{c.name} ({_told_apart(c)})"
              for c in everyone}
    for person_id, label in labels.items():
        if shared[keys[person_id]] > 1:
            keys[person_id] = name_key(label)
    repeats = Counter(keys.values())
    seen: Counter[str] = Counter()
    for person_id, label in labels.items():
        if repeats[key := keys[person_id]] > 1:
            seen[key] += 1
            labels[person_id] = f"{label} {seen[key]}"
    return labels


def _told_apart(contact: Contact) -> str:
    return contact.work or f"added {contact.added_on.day} {contact.added_on:%b %Y}"


def people_named(text: str, people: Iterable[Contact]) -> list[Contact]:
    """The people a typed name stands for: the one whose picker label it is, else
    everyone who has that name (none, one, or several for the caller to ask about)."""
    everyone = list(people)
    wanted = name_key(text)
    labels = picker_labels(everyone)
    labelled = [c for c in everyone if name_key(labels[c.id]) == wanted]
    return labelled if len(labelled) == 1 else [c for c in everyone
                                                if name_key(c.name) == wanted]
