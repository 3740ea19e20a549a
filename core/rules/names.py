"""How names and other words compare: without case, accents or word order.

A person is the same person whether the file says "Núñez-Ortega, Inés" or the user typed
"Ines Nunez Ortega", and a search for "jane doe" should find "Dr. Jane Q. Doe". Both the
import's match and the people search fold text the same way, here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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
    haystack = " ".join(folded(text) for text in texts)
    return all(word in haystack for word in folded(query).split())
