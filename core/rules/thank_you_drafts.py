"""Thank-you drafts: for a favour received, and to whoever made an introduction (P13, P7).

Thanks come soon and by name: the favour as the user wrote it, said to the person who
did it ("you introduced me to …", "for the intro to …"), and, for an introduction, a
report back that it went well, never what was said with the person introduced. Built
with the letter kit of ``core.rules.drafts``.
"""

from __future__ import annotations

from core.model import Contact, Interaction, InteractionKind
from core.rules.drafts import Draft, _letter, _names, _where
from core.rules.greeting import greeting, greeting_name
from core.rules.phrasing import addressed, tidy
from core.rules.reasons import Reason

# Past tenses that do not end in -ed, as the user writes what someone did for them.
IRREGULAR_PAST = frozenset({
    "lent", "gave", "sent", "made", "told", "put", "took", "found", "got", "wrote", "met",
    "brought", "bought", "paid", "taught", "ran", "set", "let", "spent", "showed", "shown",
    "read", "kept", "left", "drove", "hosted", "sold", "held", "built", "went", "came",
    "stood", "fed", "did", "cut", "won", "lit", "hid", "forgave", "mentored",
})


def _what_they_did(what: str, contact: Contact) -> str:
    """The favour as a thank-you says it: "you introduced me to …" for what they did,
    "for the introduction to …" for a thing they gave.

    >>> rui = Contact.model_construct(name="Rui")
    >>> _what_they_did("Introduced me to the Tidewater founders", rui)
    'you introduced me to the Tidewater founders'
    >>> _what_they_did("An intro to Sam at Octopus", rui)
    'for the intro to Sam at Octopus'
    """
    said = addressed(tidy(what), _names(contact))
    words = said.split(maxsplit=1)
    first = words[0].casefold() if words else ""
    if first.endswith("ed") or first in IRREGULAR_PAST:
        return f"you {said[:1].lower() + said[1:]}"
    if first.endswith("ing") and len(first) > 4:
        return f"for {said[:1].lower() + said[1:]}"
    thing = words[1] if first in ("a", "an", "the", "some", "my") and len(words) > 1 else said
    head = thing.split(maxsplit=1)[0]
    common = head[1:].islower() and not (len(thing.split()) > 1
                                         and thing.split()[1][:1].isupper())
    return f"for the {thing[:1].lower() + thing[1:] if common else thing}"


def thank_you(contact: Contact, what: str) -> Draft:
    """Thanks for a favour received, naming what they did, within a day or two (P13)."""
    did = _what_they_did(what, contact)
    opening = (f"I wanted to say thank you: {did}." if did.startswith("you ")
               else f"I wanted to say thank you {did}.")
    text = _letter(greeting(contact), f"{opening} It means a lot that you took the time.",
                   "If I can ever return the favour, just say.")
    return Draft("Thank-you", text,
                 Reason("P13", "A favour thanked soon and by name is one people are glad "
                               "they did, and the first step to returning it."))


MET = {InteractionKind.MEETING: "We met", InteractionKind.CALL: "We spoke"}


def thank_introducer(introducer: Contact, introduced: Contact,
                     history: list[Interaction]) -> Draft:
    """Thanks and a report back to whoever made an introduction (P7).

    The note is about the person introduced and goes to someone else, so it stays in the
    third person, as written.
    """
    who = greeting_name(introduced) or introduced.name
    last = history[0] if history else None
    if last is None:
        report = f"I'm getting in touch with {who} this week and will let you know how it goes."
    else:
        # What was said with one person is theirs: the introducer hears that it went
        # well, never the notes of the conversation.
        met = MET.get(last.kind, "We have been in touch")
        report = f"{met}{_where(last)}, and it was well worth it."
    text = _letter(greeting(introducer),
                   f"Thank you for introducing me to {introduced.name}. {report}",
                   "I owe you one: if there is anything I can do for you, just say.")
    return Draft(f"Thank-you to {introducer.name}, who introduced you", text,
                 Reason("P7", "Whoever opened a door should hear how it went: it keeps them "
                              "glad they did, and willing to open the next."))
