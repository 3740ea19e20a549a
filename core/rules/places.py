"""Where something happened, as a sentence says it: "at the Climate Tech Meetup", "on Zoom".

The user types a place as a name ("Climate Tech Meetup", "PyCon 2026", "Café Lua",
"Zoom"). A sentence needs a preposition, and an event named by a common noun needs
"the": one meets someone *at the* Climate Tech Meetup but *at* PyCon 2026. The rule is
deliberately small, so it is predictable:

- online places take "on" ("on Zoom"), everything else "at";
- "the" is added only when the name ends in a word for a kind of event (meetup,
  conference, summit, dinner, …) and does not already start with an article, a
  possessive or a number; a name ending in a year or a number ("PyCon 2026",
  "Web Summit 2025") is a proper name and stays as typed;
- a bare meal stays bare ("at dinner"), and a drink is had *over*: "over coffee",
  "over coffee at Café Lua";
- the phone and a video are not places: "on the phone", "by video".

>>> at_place("Climate Tech Meetup"), at_place("PyCon 2026"), at_place("Zoom")
('at the Climate Tech Meetup', 'at PyCon 2026', 'on Zoom')
"""

from __future__ import annotations

import re

ONLINE = frozenset({"zoom", "teams", "google meet", "meet", "video", "phone", "the phone",
                    "a call", "linkedin", "slack"})
# Words naming a kind of event or venue: a name ending in one is a common-noun phrase.
# (Park, station, airport and school are left out: "Central Park", "Heathrow Airport".)
EVENT_WORDS = frozenset({
    "meetup", "meet-up", "conference", "summit", "forum", "festival", "fair", "expo",
    "hackathon", "workshop", "convention", "congress", "symposium", "offsite", "retreat",
    "launch", "gala", "mixer", "panel", "webinar", "bootcamp", "meeting", "party",
    "reception", "awards", "talk", "lecture", "seminar", "session", "social",
    "office", "café", "cafe", "pub", "bar", "restaurant", "hotel",
    "dinner", "lunch", "breakfast", "brunch", "drinks", "wedding", "barbecue", "bbq",
})
# A meal or a drink said on its own needs no article: "at dinner", "over coffee".
BARE_OK = frozenset({"dinner", "lunch", "breakfast", "brunch", "drinks", "coffee"})
# One meets *over* a drink, not at it: "over coffee at Café Lua".
DRINKS = frozenset({"coffee", "a coffee", "tea", "a tea", "drinks", "a drink", "beers"})
# The phone and a video are the way a conversation happened, not where.
MEANS = {"phone": "on the phone", "video": "by video"}
STARTS_DEFINED = frozenset({"the", "a", "an", "my", "our", "your", "his", "her", "their",
                            "its", "this", "that", "one"})
LEADING_PREPOSITION = re.compile(r"^(at|in|on)\s+", re.I)


def needs_the(place: str) -> bool:
    """Whether an event's name reads with "the" in front of it.

    >>> [needs_the(p) for p in ("Climate Tech Meetup", "the Climate Tech Meetup",
    ...                         "a friend's wedding", "Web Summit 2025", "meetup", "dinner")]
    [True, False, False, False, True, False]
    """
    words = place.split()
    if not words:
        return False
    first = words[0].casefold()
    last = words[-1].casefold().strip(".,;:!?")
    if first in STARTS_DEFINED or first.endswith(("'s", "\u2019s")) or first[:1].isdigit():
        return False
    if last not in EVENT_WORDS:
        return False
    return len(words) > 1 or last not in BARE_OK


def at_place(where: str) -> str:
    """The place after its preposition, "the" added where the name wants it; "" for none.

    >>> at_place("at Café Lua"), at_place("Founders Dinner"), at_place("")
    ('at Café Lua', 'at the Founders Dinner', '')
    >>> at_place("Coffee at Café Lua"), at_place("phone")
    ('over coffee at Café Lua', 'on the phone')
    """
    place = LEADING_PREPOSITION.sub("", where.strip())
    if not place:
        return ""
    said = place.casefold()
    if said in MEANS:
        return MEANS[said]
    if said in ONLINE:
        return f"on {place}"
    if said in DRINKS or said.split(" at ", 1)[0] in DRINKS:
        return f"over {place[:1].lower()}{place[1:]}"
    return f"at the {place}" if needs_the(place) else f"at {place}"
