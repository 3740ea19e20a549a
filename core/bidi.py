"""Keeping the user's text from turning the app's own words around it (bidi isolation).

A name typed with a right-to-left override (U+202E), or simply written in Hebrew or
Arabic, changes how the browser orders the characters that follow it in the same
paragraph: "Done: call ‮Ana (P8)" can come out with Tend's words reversed. Wrapped
between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, the text keeps its own
direction inside and cannot reach outside: what ``<bdi>`` does, but as characters, so
it holds in text, option labels and attribute values alike. Every value a template
prints goes through ``isolated`` (``core.views.render``); text that has nothing
right-to-left in it is printed unchanged. What the page sends back has the wrapping
taken off again (``unwrapped``, used by ``core.forms``).
"""

from __future__ import annotations

import re

FSI, PDI = "\u2068", "\u2069"
OPENERS = "\u2066\u2067\u2068"  # LRI, RLI, FSI: each is closed by a PDI
# Bidi controls, and the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko,
# Samaritan, Mandaic; their presentation forms; the historic right-to-left scripts).
_NEEDS_ISOLATION = re.compile(
    "[\u061c\u200f\u202a-\u202e\u2066-\u2069\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]")


def isolated(text: str) -> str:
    """The text wrapped in an isolate that nothing inside it can close or leak out of.

    >>> isolated("Ana") == "Ana"
    True
    >>> isolated("\u202eAna") == FSI + "\u202eAna" + PDI
    True
    >>> isolated("\u2069\u202eAna\u2067") == FSI * 2 + "\u2069\u202eAna\u2067" + PDI * 2
    True
    """
    if _NEEDS_ISOLATION.search(text) is None:
        return text
    open_isolates = stray_closers = 0
    for character in text:
        if character in OPENERS:
            open_isolates += 1
        elif character == PDI:
            if open_isolates:
                open_isolates -= 1
            else:
                stray_closers += 1
    # A stray PDI would close our isolate early, so each gets an isolate of its own to
    # close; an isolate the text leaves open is closed before ours. A PDI also ends
    # every embedding and override opened inside its isolate.
    return FSI * (1 + stray_closers) + text + PDI * (1 + open_isolates)


def unwrapped(text: str) -> str:
    """What the user typed, without the isolation the page printed around it."""
    return text.lstrip(FSI).rstrip(PDI) if text.startswith(FSI) else text
