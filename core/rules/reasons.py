"""Why a rule decided what it did, tied to the principle that it enacts.

Every verdict in Tend carries a Reason, so the app, the command line and the tests all
see the same explanation, and the app can link it to the guide's section.
"""

from __future__ import annotations

from dataclasses import dataclass

# Where each principle is explained in the guide, relative to the app's page.
GUIDE_PAGES: dict[str, str] = {
    **{f"P{n}": "who-belongs" for n in range(1, 8)},
    **{f"P{n}": "keeping-ties-alive" for n in range(8, 14)},
    **{f"P{n}": "planning" for n in range(14, 17)},
}


@dataclass(frozen=True)
class Reason:
    """A principle id (``P8``) and a sentence that explains the verdict."""

    principle: str
    text: str

    @property
    def guide_href(self) -> str:
        """The guide section that explains this principle, relative to the app."""
        return guide_href(self.principle)


def guide_href(principle: str) -> str:
    return f"guide/{GUIDE_PAGES[principle]}.html#{principle.lower()}"


QUOTE_LIMIT = 160


def quoted(note: str, limit: int = QUOTE_LIMIT) -> str:
    """A note short enough to quote in a reason: cut at a word near the limit, marked "…".

    A reason reminds; the whole note is on the person's page.

    >>> quoted("Talked about kites and Porto")
    'Talked about kites and Porto'
    >>> quoted("one two three four", limit=12)
    'one two…'
    """
    if len(note) <= limit:
        return note
    cut = note[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def quoted_to_end(note: str, marks: tuple[str, str] = ('"', '"')) -> str:
    """A note quoted as the end of a sentence, with the sentence's full stop, unless the
    note ends one itself: no 'pilots.".' doubling.

    >>> quoted_to_end("Her team pilots heat pumps.")
    '"Her team pilots heat pumps."'
    >>> quoted_to_end("Heat pumps")
    '"Heat pumps".'
    """
    text = quoted(note)
    stop = "" if text.endswith((".", "!", "?")) else "."
    return f"{marks[0]}{text}{marks[1]}{stop}"
