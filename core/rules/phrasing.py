"""The user's notes turned into sentences a draft can say to the person they are about.

Notes are written about someone ("Her team is piloting heat pumps"); a letter speaks to
them ("your team is piloting heat pumps"). Answers to "What can you give them?" come as
verb phrases ("Introduce her to my old team") or noun phrases ("Updates on three
customers"), and a sentence frame that fits one breaks the other. These are small,
honest heuristics over a few hundred common words, not a grammar: where a rule cannot
tell, it picks the frame that reads acceptably either way.
"""

from __future__ import annotations

import re

# Words that end a phrase after an object "her" ("told her about it", "sent her a link"):
# before anything else, "her" is possessive ("her team").
AFTER_OBJECT_HER = frozenset({
    "a", "an", "the", "to", "about", "at", "in", "on", "for", "with", "and", "or", "but",
    "that", "this", "some", "any", "my", "our", "last", "next", "again", "too", "know",
    "if", "when", "how", "what", "why", "where", "up", "off", "out", "over", "back",
    "into", "by", "from", "as", "so", "yesterday", "today", "soon", "later",
})
ADVERBS = frozenset({"still", "also", "really", "just", "often", "always", "never", "already",
                     "now", "usually", "clearly", "actually", "probably", "mostly", "only"})
UNCHANGED_VERBS = frozenset({
    "can", "could", "will", "would", "should", "might", "may", "must", "did", "had",
    "can't", "cannot", "couldn't", "won't", "wouldn't", "shouldn't", "didn't", "hadn't",
    "used", "got", "told", "said", "went", "made", "ran", "took", "saw", "came", "gave",
    "felt", "left", "kept", "met", "thought", "knew", "wrote", "began", "found", "sent",
})
AGREEMENT = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
             "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't", "'s": "'re"}
PRONOUNS = {"she": "you", "he": "you", "him": "you", "his": "your", "hers": "yours",
            "herself": "yourself", "himself": "yourself", "she'd": "you'd", "he'd": "you'd",
            "she'll": "you'll", "he'll": "you'll", "she's": "you're", "he's": "you're"}
SUBJECTS = frozenset({"she", "he"})
# "What can you give them?" invites "a teardown of their onboarding": in an answer to it,
# the singular they is the person the letter goes to. (In a note it may be anyone.)
THEY = {"they": "you", "them": "you", "their": "your", "theirs": "yours",
        "themselves": "yourself", "they'd": "you'd", "they'll": "you'll",
        "they're": "you're", "they've": "you've"}
CLAUSE_STARTERS = frozenset({"that", "and", "because", "when", "but", "so", "if"})
# Verbs that often follow "and" with the same subject: "he is building X and needs Y".
SHARED_SUBJECT_VERBS = frozenset({
    "need", "want", "hope", "plan", "like", "love", "think", "say", "work", "know", "do",
    "try", "wish", "mean", "seem", "feel", "expect", "care", "struggle", "live", "travel",
})
CLAUSE_ENDS = re.compile(r"[.;:!?]")

# Verbs that begin an answer to "What can you give them?"; a phrase starting with any
# other word is read as a noun phrase ("an intro", "updates on …", "feedback").
VERB_WORDS = """
add advise amplify analyse analyze answer arrange ask assess audit back benchmark bring
brief build buy call carry celebrate check clean coach collect comment compare compile
connect cook cover critique debug demo design donate draft drive edit email endorse
evaluate explain facilitate fetch find fix flag forward fund gather get give go hand help
hire host introduce invest invite join keep lead lend let listen look loan make map meet
mentor moderate nominate offer onboard open organise organize pair pass pay pick ping plan
point prepare present promote proofread propose prototype put read recommend refer repost
research return review run schedule see send set share show sketch sort speak sponsor
suggest summarise summarize support take talk teach tell test thank train translate
update vouch walk watch welcome write
sharpen simplify streamline scale shape grow launch ship unblock untangle turn bridge speed
cut reduce raise win navigate frame prioritise prioritize price position pitch sell market
negotiate mediate model measure forecast optimise optimize automate integrate migrate
modernise modernize refactor secure protect deliver manage structure save spot solve
"""
VERBS = frozenset(VERB_WORDS.split())
NOT_GERUNDS = frozenset({"thing", "something", "anything", "nothing", "everything",
                         "morning", "evening", "meeting", "building", "funding", "spring",
                         "string", "wedding", "ceiling", "king", "ring", "wing"})
DETERMINERS = frozenset({"a", "an", "the", "my", "our", "your", "some", "any", "two", "three",
                         "four", "five", "one", "more", "regular", "occasional", "you"})
LEADS = re.compile(r"^(i can|i could|i'd|i would|i will|i'll|can|could|to)\s+", re.I)
WORD = re.compile(r"[\w]+(?:'\w+)?|'s\b", re.UNICODE)


def tidy(text: str) -> str:
    """The text without trailing punctuation, so a frame can add its own.

    >>> tidy("Her team is piloting heat pumps in Leeds.  ")
    'Her team is piloting heat pumps in Leeds'
    """
    return re.sub(r"[\s.!?;:,…]+$", "", text.strip())


def first_sentence(text: str) -> str:
    """One detail is enough for a note: the note's first sentence."""
    return re.split(r"(?<=[.!?])\s+|\n", text.strip(), maxsplit=1)[0]


def _base_form(verb: str) -> str:
    """'wants' → 'want', 'tries' → 'try', 'watches' → 'watch': the verb after "you"."""
    lower = verb.casefold()
    if lower in AGREEMENT:
        return _same_case(verb, AGREEMENT[lower])
    if lower in UNCHANGED_VERBS or lower.endswith("ed") or not lower.endswith("s"):
        return verb
    if lower.endswith("ies"):
        return verb[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return verb[:-2]
    if lower.endswith(("ss", "us")):
        return verb
    return verb[:-1]


def _same_case(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def addressed(text: str, names: tuple[str, ...] = (), they: bool = False) -> str:
    """A note about someone, said to them: he/she/her/his become you/your, verbs agree.

    ``names`` are what the note may call them ("Ana's team" → "your team"); with ``they``
    the singular they is them too ("their onboarding" → "your onboarding").

    >>> addressed("Her team is piloting heat pumps; she wants data")
    'Your team is piloting heat pumps; you want data'
    >>> addressed("I promised to send her the report")
    'I promised to send you the report'
    >>> addressed("Updates on customers he still cares about")
    'Updates on customers you still care about'
    >>> addressed("Ana's team is hiring", ("Ana",))
    'Your team is hiring'
    >>> addressed("He is building grid storage and needs testers")
    'You are building grid storage and need testers'
    """
    folded_names = {n.casefold() for n in names if n}
    pronouns = {**PRONOUNS, **THEY} if they else PRONOUNS
    spans = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    out: list[str] = []
    cursor = 0
    agree_next = False
    you_subject = False
    for index, (start, end, word) in enumerate(spans):
        lower = word.casefold()
        following = spans[index + 1][2].casefold() if index + 1 < len(spans) else ""
        previous = spans[index - 1][2].casefold() if index else ""
        replacement = word
        if CLAUSE_ENDS.search(text[cursor:start]):
            you_subject = False
        if agree_next and lower in ADVERBS:
            pass
        elif agree_next:
            replacement = _base_form(word)
            agree_next = False
            you_subject = True
        elif you_subject and previous == "and" and _verb_after_and(lower):
            replacement = _base_form(word)
        elif lower in pronouns:
            replacement = _same_case(word, pronouns[lower])
            agree_next = lower in SUBJECTS
        elif lower == "her":
            possessive = following and following not in AFTER_OBJECT_HER
            replacement = _same_case(word, "your" if possessive else "you")
        elif lower.removesuffix("'s") in folded_names:
            replacement = _same_case(word, "your" if lower.endswith("'s") else "you")
            agree_next = (not lower.endswith("'s")
                          and (index == 0 or previous in CLAUSE_STARTERS))
        out.append(text[cursor:start] + replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


GENDERED = frozenset({"she", "he", "her", "him", "his", "hers", "herself", "himself",
                      "she's", "he's", "she'd", "he'd", "she'll", "he'll"})


def singular_they(note: str) -> bool:
    """Whether a note's they/their is the person it is about ("Their team is piloting …").

    Only when the note calls nobody he or she, and its first they-word opens the note or
    a clause of it: "Talked about investors and what they want" keeps its "they".

    >>> singular_they("Their team is piloting heat pumps")
    True
    >>> singular_they("Met at PyCon; they run a lab")
    True
    >>> singular_they("She said their investors want traction")
    False
    >>> singular_they("Talked about investors and what they want")
    False
    """
    words = [(m.start(), m.group().casefold()) for m in WORD.finditer(note)]
    if any(w in GENDERED for _, w in words):
        return False
    first = next(((i, start) for i, (start, w) in enumerate(words) if w in THEY), None)
    if first is None:
        return False
    index, start = first
    return index == 0 or bool(CLAUSE_ENDS.search(note[words[index - 1][0]:start]))


def _verb_after_and(word: str) -> bool:
    """"needs" in "… and needs testers": a verb sharing the subject "you" was given."""
    base = _base_form(word).casefold()
    return word in AGREEMENT or (word.endswith("s") and base != word
                                  and base in VERBS | SHARED_SUBJECT_VERBS)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def offer(give: str, modal: str = "could", names: tuple[str, ...] = (),
          to_them: bool = True) -> str:
    """"I could …" for whatever the user said they can give, verb phrase or noun phrase.

    Said to the person (``to_them``), the note's "her" becomes "you"; in the user's own
    pitch it stays as written.

    >>> offer("Introduce her to my old team.")
    'I could introduce you to my old team'
    >>> offer("updates on three Gridwise customers he still cares about")
    'I could offer updates on three Gridwise customers you still care about'
    >>> offer("Reviewing her pitch deck"), offer("Review of her deck", "can")
    ('I could help by reviewing your pitch deck', 'I can offer a review of your deck')
    >>> offer("a teardown of their installer onboarding")
    'I could offer a teardown of your installer onboarding'
    """
    phrase = LEADS.sub("", addressed(tidy(give), names, they=True) if to_them else tidy(give))
    words = phrase.split()
    if not words:
        return ""
    first = words[0].casefold()
    second = words[1].casefold() if len(words) > 1 else ""
    if first in VERBS and second != "of":
        return f"I {modal} {_lower_first(phrase)}"
    if first.endswith("ing") and len(first) > 4 and first not in NOT_GERUNDS:
        return f"I {modal} help by {_lower_first(phrase)}"
    if first in VERBS:
        return f"I {modal} offer a {_lower_first(phrase)}"
    proper_name = len(words) > 1 and words[1][:1].isupper()
    if first in DETERMINERS or (words[0][1:].islower() and not proper_name):
        phrase = _lower_first(phrase)
    return f"I {modal} offer {phrase}"


def sentence(text: str) -> str:
    """A sentence: capital first letter, one full stop (or the user's own ? or !).

    >>> sentence("a quick update from me."), sentence("Are you free?")
    ('A quick update from me.', 'Are you free?')
    """
    text = text.strip()
    if text.endswith(("?", "!")):
        return text[:1].upper() + text[1:]
    text = tidy(text)
    return text[:1].upper() + text[1:] + "." if text else ""


def own_words(text: str) -> bool:
    """Written as a first-person sentence ("I help clinics …"), to be kept as it is."""
    return bool(re.match(r"^(i|i'm|i've|i'd|we|we're|my|our)\b", text.strip(), re.I))


# Words that make a few words a statement, not a subject: "wants", "moved", "is".
FINITE_VERBS = frozenset(AGREEMENT) | UNCHANGED_VERBS | {"are", "were", "have", "do", "am"}
SUBJECT_WORDS = frozenset(PRONOUNS) | frozenset(THEY) | {"i", "you", "your", "we", "our", "my"}
MOST_WORDS_IN_A_TOPIC = 5


# Verbs a note about someone often opens with, subject left out ("Loves kite surfing").
NOTE_VERBS = frozenset({"run", "lead", "own", "enjoy", "play", "teach", "study", "sell",
                        "manage", "write", "speak", "believe", "prefer", "miss"})


def subjectless(text: str) -> bool:
    """A note that opens with the person's verb and no subject: "Loves kite surfing",
    "Works at Octopus", "Moved to Porto", "Is hiring". Said to them it needs its "you".

    >>> subjectless("Loves kite surfing"), subjectless("Moved to Porto in May")
    (True, True)
    >>> subjectless("grid batteries"), subjectless("Heat pumps in Leeds"), subjectless("Is hiring")
    (False, False, True)
    """
    words = WORD.findall(text)
    first = words[0].casefold() if words else ""
    if first in AGREEMENT or first in UNCHANGED_VERBS - {"can", "could", "will", "would"}:
        return True
    if first.endswith("ed") and len(first) > 4:
        return True
    base = _base_form(first)
    return (first.endswith("s") and base != first
            and base in VERBS | SHARED_SUBJECT_VERBS | NOTE_VERBS)


def is_bare_topic(text: str) -> bool:
    """A few words with no verb of their own, such as "grid batteries" or "moving to
    Porto": what was talked about, to be framed as "what we said about …", never set
    after a colon as if it were something the person said.

    >>> is_bare_topic("grid batteries"), is_bare_topic("Moving to Porto in May")
    (True, True)
    >>> is_bare_topic("Loves kite surfing"), is_bare_topic("your team is hiring")
    (False, False)
    """
    typed = WORD.findall(text)
    words = [w.casefold() for w in typed]
    if not words or len(words) > MOST_WORDS_IN_A_TOPIC or words[0] in SUBJECT_WORDS:
        return False
    # A capital after the first word is a name or a month ("in May"), not a verb.
    common = [w for w, t in zip(words, typed, strict=True) if t == typed[0] or t[:1].islower()]
    return not any(w in FINITE_VERBS or w.endswith("ed") or _verb_after_and(w) for w in common)
