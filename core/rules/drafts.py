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

What a draft may quote is only what was meant to be said to its recipient: what the
user and the person talked about (the detail of the conversation a follow-up is for, a
topic picked up in a light touch, the user's own promise), the occasion, good news the
user marked as good, the offer the user wrote for them or their target network, the
reason to reach out written for them, and the user's pitch. Never the person's notes,
the plan's why, what the user hopes to get, or research: those are the user's private
thoughts *about* the person, and may hold what the user was told in confidence. A
statement about the person ("she's pregnant") is not repeated in a later light touch,
and a conversation with one person is never quoted to another (the introducer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

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
from core.rules.followup import CONVERSATIONS
from core.rules.greeting import greeting, greeting_name
from core.rules.groups import is_family_or_inner
from core.rules.phrasing import (
    DETERMINERS,
    LEADS,
    VERBS,
    addressed,
    first_sentence,
    is_bare_topic,
    offer,
    own_words,
    sentence,
    singular_they,
    subjectless,
    tidy,
)
from core.rules.pitch import looking_for_sentence
from core.rules.places import MEANS, ONLINE, at_place
from core.rules.planner import kind_word, step_details
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
    >>> recalled("Grid batteries in Leeds", Contact.model_construct(name="Ana"))
    ('topic', 'grid batteries in Leeds')
    >>> recalled("Loves kite surfing", Contact.model_construct(name="Ana"))
    ('said', 'you love kite surfing')
    """
    detail = tidy(first_sentence(note))
    topic = TOPIC.match(detail)
    if topic:
        rest = detail[topic.end():]
        return "topic", addressed(rest, _names(contact), singular_they(rest))
    if is_bare_topic(detail):
        return "topic", _as_topic(addressed(detail, _names(contact), singular_they(detail)))
    if subjectless(detail):  # "Loves kite surfing": the note's subject is them
        said = addressed(f"she {detail[:1].lower()}{detail[1:]}", _names(contact),
                         singular_they(detail))
        return "said", said
    said = SAID.sub("", addressed(detail, _names(contact), singular_they(detail)))
    return "said", _mid_sentence(said)


def _as_topic(words: str) -> str:
    """"Grid batteries" as it reads mid-sentence: "grid batteries"; a name such as "Porto"
    or "Octopus Energy" (one word, or the next word capitalised too) stays as typed."""
    parts = words.split()
    if len(parts) > 1 and parts[0][1:].islower() and not parts[1][:1].isupper():
        return words[:1].lower() + words[1:]
    return words


def _where(meeting: Interaction | None, to: Contact | None = None) -> str:
    """" at PyCon", " at the Climate Tech Meetup", " on Zoom", " at your office café"
    (said to them), or "" (``core.rules.places``)."""
    if meeting is None or not meeting.where:
        return ""
    place = addressed(meeting.where, _names(to)) if to is not None else meeting.where
    return f" {at_place(place)}"


def _offer_line(plan: Plan | None, contact: Contact, lead: str) -> str:
    """"If it would help, I could …" from the plan's give, or nothing at all."""
    if plan is None or not plan.give:
        return ""
    return f"{lead} {offer(first_sentence(plan.give), 'could', _names(contact))}."


def follow_up(contact: Contact, history: list[Interaction], plan: Plan | None,
              today: date | None = None) -> Draft:
    """The 24-hour note after a conversation: thanks, one specific detail, help if it fits (P10).

    It is about the latest call or meeting (``history`` is newest first), the one a
    follow-up is owed for: after a call, an older meeting's place and talk would be
    thanks for the wrong conversation.
    """
    conversation = next((i for i in history if i.kind in CONVERSATIONS), None)
    remembered = _remembered(conversation, contact, "I keep coming back to what we said about {}.",
                             "It stayed with me",
                             "I keep coming back to [one specific thing you talked about].")
    text = _letter(greeting(contact),
                   f"Thank you for {_the_conversation(conversation, contact, today)}. "
                   f"{remembered}",
                   _offer_line(plan, contact, "If it would help,"),
                   "I hope we can talk again soon.")
    return Draft("Follow-up note", text,
                 Reason("P10", "Sent within a day and naming one detail, it is remembered."))


def reconnect(contact: Contact, history: list[Interaction], plan: Plan | None,
              today: date) -> Draft:
    """The follow-up that never went out, two weeks or more on: no apology, just warmth,
    the one thing remembered, and one thing since (P10). Short, as a late note should be."""
    conversation = next((i for i in history if i.kind in CONVERSATIONS), None)
    ours = _the_conversation(conversation, contact, None).replace("the ", "our ", 1)
    when = f" {_month_said(conversation.on, today)}" if conversation is not None else ""
    remembered = _remembered(conversation, contact, "What we said about {} has stayed with me.",
                             "It has stayed with me",
                             "[One thing from it that has stayed with you.]")
    text = _letter(greeting(contact),
                   f"I enjoyed {ours}{when}, and I have been meaning to write since. "
                   f"{remembered}",
                   "Since then, [one thing you have done, or something you came across "
                   "that they would like].",
                   _offer_line(plan, contact, "If it would help,") or "How are things with you?")
    return Draft("Note to reconnect", text,
                 Reason("P10", "A late note still reopens the thread: one thing you "
                               "remember, one thing since."))


def _remembered(conversation: Interaction | None, contact: Contact, topic: str, lead: str,
                unknown: str) -> str:
    """The one thing remembered from the conversation: a topic said in ``topic`` (its
    ``{}`` is the topic), anything else as ``_stayed`` says it after ``lead``; ``unknown``,
    a gap for the user to fill, when nothing was noted."""
    if conversation is None or not conversation.note:
        return unknown
    kind, detail = recalled(conversation.note, contact)
    return topic.format(detail) if kind == "topic" else _stayed(detail, lead)


def _stayed(detail: str, lead: str) -> str:
    """The one thing remembered, said once and without naming the conversation again:
    "It stayed with me that you love kite surfing."; the user's own words ("I promised
    to send you the report") stand as their own sentence."""
    if own_words(detail):
        return sentence(detail)
    return f"{lead} that {mid_sentence(detail)}."


def _month_said(on: date, today: date) -> str:
    """"earlier this month", "last month", "in October": when, as a late note says it."""
    months = (today.year - on.year) * 12 + today.month - on.month
    if months <= 0:
        return "earlier this month"
    return "last month" if months == 1 else f"in {on:%B}"


def _the_conversation(conversation: Interaction | None, contact: Contact,
                      today: date | None) -> str:
    """"the call yesterday", "the call on Zoom today", "the conversation over coffee at
    Café Lua on Monday", "the conversation at the Climate Tech Meetup": what it was, where,
    and when, as far as a note sent within the week can say it."""
    if conversation is None:
        return "the conversation"
    means = conversation.where.strip().casefold()
    called = conversation.kind is InteractionKind.CALL or means in ONLINE
    noun = "video call" if means == "video" else "call" if called else "conversation"
    where = "" if means in MEANS else _where(conversation, contact)
    return f"the {noun}{where}{_when(conversation.on, today)}"


def _when(on: date, today: date | None) -> str:
    """" today", " yesterday", " on Monday" within the week, else nothing."""
    days = (today - on).days if today is not None else -1
    if days == 0:
        return " today"
    if days == 1:
        return " yesterday"
    return f" on {on:%A}" if 1 < days < 7 else ""


def _occasion_line(occasion: ImportantDate) -> str:
    label = addressed(tidy(occasion.label)) if occasion.label else ""
    if occasion.kind is DateKind.BIRTHDAY:
        return "Happy birthday! I hope the year ahead is a good one."
    if occasion.kind is DateKind.WORK_ANNIVERSARY:
        return "Happy work anniversary! That is quite a run."
    if sombre(occasion):
        # Not every piece of news is good (an operation, a lay-off): no label repeated
        # back, no congratulations, only that the user heard and cares.
        return ("I heard your news and wanted to send a few lines. If there is anything I "
                "can do, just say.")
    if occasion.kind is DateKind.NEWS:
        news = f"I saw your news: {_mid_sentence(label)}. " if label else "I saw your news. "
        return news + "Congratulations!"
    return (f"I remembered the date: {_mid_sentence(label)}. Thinking of you." if label
            else "Thinking of you.")


def sombre(occasion: ImportantDate | None) -> bool:
    """News the user did not mark as good: it may be an operation or a loss, or good news
    left unticked, so its note neither congratulates nor commiserates, and does not chat
    about the last conversation."""
    return (occasion is not None and occasion.kind is DateKind.NEWS
            and not occasion.good_news)


# How a note about news not marked good ends: warmly but with no question to answer, in
# words that fit a new job as well as an operation (the user may simply not have ticked
# Good news).
SOMBRE_CLOSE = "No need to reply, but I'd be glad to hear how you are when you have a moment."


def light_touch(contact: Contact, history: list[Interaction],
                occasion: ImportantDate | None = None) -> Draft:
    """A small gesture between meetings: the occasion, or something shared, and the thread (P11).
    News not marked good ends quietly instead (``SOMBRE_CLOSE``)."""
    last = history[0] if history else None
    thread = SOMBRE_CLOSE if sombre(occasion) else ""
    if last is not None and last.note and not thread:
        kind, detail = recalled(last.note, contact)
        if own_words(detail):
            thread = f"Last time we spoke, {_mid_sentence(detail)}. How are things with you?"
        elif kind == "topic":
            thread = f"Last time we talked about {detail}. I'd love to hear how it's going."
    opening = (_occasion_line(occasion) if occasion else
               "I came across something that made me think of you: [a link or one line about it].")
    text = _letter(greeting(contact), opening, thread or "How are things going?")
    return Draft("Light touch", text,
                 Reason("P11", "A small, specific gesture keeps a tie warm between meetings."))


OPEN_OFFER = ("What are you working on at the moment, and is there anything that would "
              "make it easier? An introduction, a second pair of eyes, a sounding board: "
              "I'd be glad to help if I can.")


def offer_help(contact: Contact, plan: Plan | None,
               targets: Iterable[TargetNetwork] = ()) -> Draft:
    """Give first: the concrete offer the plan records for them, else what the user brings
    to their target network, else an open question about what would help (P13)."""
    offered = (_offer_line(plan, contact, "For instance,")
               or _value_offer(contact, targets))
    ask = f"Is there anything I can do for you at the moment? {offered}" if offered \
        else OPEN_OFFER
    text = _letter(greeting(contact), ask, "Nothing expected in return, of course.")
    return Draft("Offer of help", text,
                 Reason("P13", "You earn a place in someone's network by helping first."))


def _value_offer(contact: Contact, targets: Iterable[TargetNetwork]) -> str:
    """What the user brings to a target network the person is in, offered to them:
    "For instance, I could assess a startup's product.", "I bring eight years of energy
    software, and I'd gladly put that to work for you." or "I have shipped …, and I'd
    gladly put that to work for you." """
    value = next((t.value_proposition for t in targets if t.active and t.value_proposition),
                 "")
    bring = tidy(first_sentence(value))
    if not bring:
        return ""
    if own_words(bring) and not LEADS.match(bring):
        return f"{sentence(bring)[:-1]}, and I'd gladly put that to work for you."
    offered = offer(bring, "could", _names(contact))
    noun_phrase = offered.removeprefix("I could offer ")
    if noun_phrase != offered and bring.split()[0].casefold() not in VERBS:
        # What a network gets from the user ("eight years of B2B energy software") is
        # brought, not handed over: "I could offer eight years of …" reads wrong.
        return f"I bring {noun_phrase}, and I'd gladly put that to work for you."
    return f"For instance, {offered}."


CLAUSE = re.compile(r"^you\b|\b(is|are|was|were|has|have|had|will|can|does|do)\b", re.I)


def _reason_line(plan: Plan | None, contact: Contact) -> str:
    """Why the user is writing: the reason to reach out they wrote for this person (P15).
    The plan's why is the user's own reason and stays private: without a reason to
    reach out, the draft asks for one."""
    reason = tidy(plan.reach_reason) if plan else ""
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


def confirmation(contact: Contact, step: str, kind: InteractionKind) -> Draft:
    """A short note the day before a planned coffee or call: is it still on (P14)?

    Only the time and the place are taken from the step as written ("Coffee at the
    fund's office, 10:00"); the rest of a step may be the user's own preparation.
    """
    details = step_details(step)
    where = f" {at_place(addressed(details.place, _names(contact)))}" if details.place else ""
    when = f" at {details.time}" if details.time else ""
    text = _letter(greeting(contact),
                   f"Is our {details.what or kind_word(kind)}{where} tomorrow{when} still on? "
                   "If something has come up, no problem at all: we can find another day.",
                   "Looking forward to it.")
    return Draft("Confirmation", text,
                 Reason("P14", "A line the day before saves a wasted trip and shows you "
                               "value their time."))
