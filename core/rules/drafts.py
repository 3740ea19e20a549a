"""Drafts the user can edit and copy, each a message its recipient would want to get.

Built from what was recorded (the place, the detail, the plan, the pitch, the target
network's value proposition) by plain templates and the small rules of
``core.rules.phrasing``; nothing leaves the browser. Every draft greets the person by
the name they answer to (``core.rules.greeting``), says the user's notes *to* them
("your team", not "her team"), and with no context still reads well: it marks the one
thing only the user can add in [brackets] and never says "None".

Help is offered only where it fits: a draft offers what the plan says the user can give
*this* person, and never the user's generic pitch of services. A first note to a
stranger, often someone senior at an employer the user hopes to join, that closes with
"I'm happy to help with product roadmaps" reads as selling (P12); an offer made for them
reads as giving (P13).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from core.model import (
    Contact,
    DateKind,
    ImportantDate,
    Interaction,
    InteractionKind,
    Pitch,
    Plan,
    TargetKind,
    TargetNetwork,
)
from core.rules.greeting import greeting, greeting_name
from core.rules.groups import is_family_or_inner
from core.rules.phrasing import (
    DETERMINERS,
    addressed,
    first_sentence,
    offer,
    own_words,
    sentence,
    tidy,
)
from core.rules.pitch import looking_for_sentence
from core.rules.reasons import Reason


@dataclass(frozen=True)
class Draft:
    title: str
    text: str
    reason: Reason


def _letter(*paragraphs: str) -> str:
    """Paragraphs with a blank line between them, empty ones left out."""
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def _names(contact: Contact) -> tuple[str, ...]:
    return tuple(sorted({greeting_name(contact), contact.given_name, contact.call_them,
                         contact.name.split()[0] if contact.name.split() else ""} - {""}))


MID_SENTENCE = frozenset({"we", "how", "what", "why", "her", "his", "she", "he", "they",
                          "their", "its", "new", "this", "that"})


def _mid_sentence(text: str) -> str:
    """Lower-case the first word when it is one that is never capitalised mid-sentence."""
    words = text.split(maxsplit=1)
    first = words[0].casefold() if words else ""
    if first in DETERMINERS | MID_SENTENCE or (first.endswith("ing") and len(first) > 4):
        return text[:1].lower() + text[1:]
    return text


TOPIC = re.compile(r"^(?:we\s+)?(?:(?:talked|spoke|chatted)\s+about|discussed)\s+", re.I)
SAID = re.compile(r"^you\s+(?:told me|mentioned|said)(?:\s+that)?\s+", re.I)


def recalled(note: str, contact: Contact) -> tuple[str, str]:
    """The note's first detail, said to them: ("topic", "kites") or ("said", "your team …").

    >>> recalled("Talked about kites and Porto.", Contact.model_construct(name="Ana"))
    ('topic', 'kites and Porto')
    >>> recalled("She said her team is piloting heat pumps", Contact.model_construct(name="Ana"))
    ('said', 'your team is piloting heat pumps')
    """
    detail = tidy(first_sentence(note))
    topic = TOPIC.match(detail)
    if topic:
        return "topic", addressed(detail[topic.end():], _names(contact))
    said = SAID.sub("", addressed(detail, _names(contact)))
    return "said", _mid_sentence(said)


def _where(meeting: Interaction | None, to: Contact | None = None) -> str:
    """" at PyCon", " on Zoom", " at your office café" (said to them), or ""."""
    if meeting is None or not meeting.where:
        return ""
    place = re.sub(r"^(at|in|on)\s+", "", meeting.where, flags=re.I)
    if to is not None:
        place = addressed(place, _names(to))
    online = place.casefold() in {"zoom", "teams", "google meet", "meet", "video", "phone",
                                  "the phone", "a call", "linkedin", "slack"}
    return f" {'on' if online else 'at'} {place}"


def _offer_line(plan: Plan | None, contact: Contact, lead: str) -> str:
    """"If it would help, I could …" from the plan's give, or nothing at all."""
    if plan is None or not plan.give:
        return ""
    return f"{lead} {offer(first_sentence(plan.give), 'could', _names(contact))}."


def follow_up(contact: Contact, history: list[Interaction], plan: Plan | None) -> Draft:
    """The 24-hour note after a meeting: thanks, one specific detail, help if it fits (P10)."""
    meeting = next((i for i in history if i.kind is InteractionKind.MEETING), None)
    if meeting is not None and meeting.note:
        kind, detail = recalled(meeting.note, contact)
        remembered = (f"I keep coming back to what we said about {detail}." if kind == "topic"
                      else f"One thing from our conversation stays with me: "
                           f"{mid_sentence(detail)}.")
    else:
        remembered = "I keep coming back to [one specific thing you talked about]."
    text = _letter(greeting(contact),
                   f"Thank you for the conversation{_where(meeting, contact)}. {remembered}",
                   _offer_line(plan, contact, "If it would help,"),
                   "I hope we can continue the conversation soon.")
    return Draft("Follow-up note", text,
                 Reason("P10", "Sent within a day and naming one detail, it is remembered."))


def _occasion_line(occasion: ImportantDate) -> str:
    label = addressed(tidy(occasion.label)) if occasion.label else ""
    if occasion.kind is DateKind.BIRTHDAY:
        return "Happy birthday! I hope the year ahead is a good one."
    if occasion.kind is DateKind.WORK_ANNIVERSARY:
        return "Happy work anniversary! That is quite a run."
    if occasion.kind is DateKind.NEWS:
        news = f"I saw your news: {_mid_sentence(label)}. " if label else "I saw your news. "
        return news + "Congratulations!"
    return (f"I remembered the date: {_mid_sentence(label)}. Thinking of you." if label
            else "Thinking of you.")


def light_touch(contact: Contact, history: list[Interaction],
                occasion: ImportantDate | None = None) -> Draft:
    """A small gesture between meetings: the occasion, or something shared, and the thread (P11)."""
    last = history[0] if history else None
    thread = ""
    if last is not None and last.note:
        kind, detail = recalled(last.note, contact)
        if own_words(detail):
            thread = f"Last time we spoke, {_mid_sentence(detail)}. How are things with you?"
        else:
            thread = (f"Last time we talked about {detail}." if kind == "topic"
                      else f"Last time we spoke: {detail}.") + " I'd love to hear how it's going."
    opening = (_occasion_line(occasion) if occasion else
               "I came across something that made me think of you: [a link or one line about it].")
    text = _letter(greeting(contact), opening, thread or "How are things going?")
    return Draft("Light touch", text,
                 Reason("P11", "A small, specific gesture keeps a tie warm between meetings."))


def offer_help(contact: Contact, plan: Plan | None) -> Draft:
    """Give first: a plain offer, specific when the plan says what the user can give (P13)."""
    text = _letter(greeting(contact),
                   f"Is there anything I can do for you at the moment? "
                   f"{_offer_line(plan, contact, 'For instance,')}".strip(),
                   "No need for anything in return.")
    return Draft("Offer of help", text,
                 Reason("P13", "You earn a place in someone's network by helping first."))


CLAUSE = re.compile(r"^you\b|\b(is|are|was|were|has|have|had|will|can|does|do)\b", re.I)


def _reason_line(plan: Plan | None, contact: Contact) -> str:
    """Why the user is writing, from the reach reason, else the why (P15)."""
    reason = tidy(plan.reach_reason or first_sentence(plan.why)) if plan else ""
    if not reason:
        return ("I'm writing because of [one specific reason: something about their work "
                "you want to ask about or share].")
    said = addressed(reason, _names(contact))
    if own_words(said):
        return sentence(said)
    if CLAUSE.search(said):
        return f"I'm writing because {_mid_sentence(said)}."
    return f"I'm writing because of {_mid_sentence(said)}."


def _about_me(pitch: Pitch, targets: Iterable[TargetNetwork]) -> str:
    """One line of who the user is and what they bring: the pitch and the value proposition."""
    lines = []
    if pitch.one_liner:
        one = tidy(pitch.one_liner)
        lines.append(sentence(one) if own_words(one) else f"A little about me: {one}.")
    value = next((t.value_proposition for t in targets if t.value_proposition), "")
    if value:
        bring = tidy(first_sentence(value))
        lines.append(sentence(bring) if own_words(bring) else f"What I bring: {bring}.")
    return " ".join(lines)


def mid_sentence(text: str) -> str:
    """A clause that now follows a colon: a first word such as "You're" or "The" in lower
    case; a name, "I" or an acronym kept as typed.

    >>> mid_sentence("You're building grid software"), mid_sentence("Octopus hires PMs")
    ("you're building grid software", 'Octopus hires PMs')
    """
    first = text.split(" ", 1)[0]
    plain = first.casefold().replace("\u2019", "'")  # a typographer's apostrophe too
    return text[0].lower() + text[1:] if plain in _COMMON_STARTS else text


# Words a clause often starts with that are not names: only these lose their capital.
_COMMON_STARTS = {"you", "you're", "your", "you've", "you'd", "you'll", "we", "we're", "our",
                  "the", "a", "an", "it", "it's", "they", "they're", "their", "there", "this",
                  "that", "how", "what", "why", "when", "where"}


def already_known(contact: Contact, history: Iterable[Interaction]) -> bool:
    """Someone the user already knows: close, family, met before, or how they met is on
    record. A request to introduce yourself would read oddly to them (P12)."""
    return (contact.layer.is_strong or is_family_or_inner(contact) or bool(contact.how_met)
            or any(i.kind in (InteractionKind.CALL, InteractionKind.MEETING) for i in history))


def informational_request(contact: Contact, plan: Plan | None, pitch: Pitch,
                          targets: list[TargetNetwork]) -> Draft:
    """The first outreach: a specific reason, who you are, and 20 minutes about their path (P15).

    It asks for their story, not a job: people gladly tell how they got where they are,
    and an informational talk builds the trust an ask would need later (P12).
    """
    employer = any(t.kind is TargetKind.EMPLOYERS for t in targets)
    not_a_job = ("I'm not asking for a job or a referral, only for your perspective."
                 if employer else "I'm asking only for your perspective, nothing more.")
    text = _letter(
        greeting(contact),
        f"{_reason_line(plan, contact)} {_about_me(pitch, targets)}".strip(),
        "Would you have 20 minutes in the coming weeks to tell me about your path: how you "
        "got to where you are, and what you would do if you were starting today? "
        + not_a_job,
        _offer_line(plan, contact, "If I can be useful in return,"),
        "A call or a coffee, whichever suits you. Thank you for considering it.")
    return Draft("Request for an informational conversation", text,
                 Reason("P15", "A specific reason and a small ask for their story, not a job, "
                               "is the request busy people say yes to."))


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
        met = MET.get(last.kind, "We have been in touch")
        detail = tidy(first_sentence(last.note))
        report = (f"{met}{_where(last)}, and one thing stayed with me: {_mid_sentence(detail)}."
                  if detail else f"{met}{_where(last)}, and it was well worth it.")
    text = _letter(greeting(introducer),
                   f"Thank you for introducing me to {introduced.name}. {report}",
                   "I owe you one: if there is anything I can do for you, just say.")
    return Draft(f"Thank-you to {introducer.name}, who introduced you", text,
                 Reason("P7", "Whoever opened a door should hear how it went: it keeps them "
                              "glad they did, and willing to open the next."))


def looking_for_note(contact: Contact | None, pitch: Pitch) -> Draft:
    """What the user is looking for, for family and friends to pass on (P7)."""
    ask = looking_for_sentence(pitch.looking_for) or (
        "Right now I'm looking for [what you are looking for right now: a role, an "
        "introduction, advice].")
    one = tidy(pitch.one_liner)
    update = (sentence(one) if own_words(one) else f"A quick update: {one}.") if one else ""
    text = _letter(greeting(contact) if contact else "Hi [name],",
                   f"{update} {ask}".strip(),
                   "If someone you know comes to mind, an introduction would mean a lot. And "
                   "if not, no worries at all: it helps that you know.",
                   "How are you doing?")
    return Draft("What I'm looking for, for family and friends", text,
                 Reason("P7", "Family and friends open most doors, and they can only help "
                              "if they know what you are looking for."))
