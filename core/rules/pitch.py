"""P16 know your own pitch: the words the user would say, and how long they take aloud.

A pitch is said, not read: about 150 words a minute when speaking calmly, so the 30
seconds someone gives a stranger's answer to "what do you do?" hold about 75 words.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.model import Pitch
from core.rules.phrasing import offer, own_words, sentence, tidy
from core.rules.reasons import Reason

WORDS_PER_MINUTE = 150
AIM_SECONDS = 30


def pitch_sentences(pitch: Pitch, with_ask: bool = True) -> list[str]:
    """The pitch as the user would say it: the one-liner, what is distinctive, how they help.

    "How I help" is asked for as a phrase ("Sharpen a product roadmap"), so it is said
    as "I can sharpen a product roadmap." unless the user wrote a sentence of their own.
    Said aloud it ends with what they are looking for (``with_ask``); a card that shows
    that on its own line leaves it out.

    >>> pitch_sentences(Pitch.model_construct(one_liner="I build grid software",
    ...     distinctive="", how_i_help="Sharpen a product roadmap", looking_for=""))
    ['I build grid software.', 'I can sharpen a product roadmap.']
    """
    said = [sentence(pitch.one_liner), sentence(pitch.distinctive)]
    helping = tidy(pitch.how_i_help)
    if helping:
        said.append(sentence(helping) if own_words(helping)
                    else sentence(offer(helping, "can", to_them=False)))
    if with_ask:
        said.append(looking_for_sentence(pitch.looking_for))
    return [s for s in said if s]


def looking_for_sentence(looking_for: str) -> str:
    """"Right now I'm looking for …", from the pitch's answer, or "" when there is none.

    >>> looking_for_sentence("A product role in climate tech"), looking_for_sentence("to meet")
    ("Right now I'm looking for a product role in climate tech.", "Right now I'm looking to meet.")
    """
    wanted = tidy(looking_for)
    if not wanted or own_words(wanted):
        return sentence(wanted)
    if wanted.casefold().startswith("to "):
        return f"Right now I'm looking {wanted}."
    first = wanted.split()[0]
    if first[1:].islower() or len(first) == 1:
        wanted = wanted[:1].lower() + wanted[1:]
    return f"Right now I'm looking for {wanted}."


@dataclass(frozen=True)
class SpokenLength:
    words: int
    seconds: int

    @property
    def reason(self) -> Reason:
        """How long it takes aloud, against the 30 seconds to aim for."""
        if not self.words:
            return Reason("P16", "Write your pitch, then read it aloud: aim for 30 seconds.")
        said = f"{self.words} words: about {self.seconds} seconds aloud."
        if self.seconds <= AIM_SECONDS:
            return Reason("P16", f"{said} Within the {AIM_SECONDS} seconds to aim for.")
        most = AIM_SECONDS * WORDS_PER_MINUTE // 60
        return Reason("P16", f"{said} Cut it to about {most} words to say it in "
                             f"{AIM_SECONDS} seconds.")


def spoken_length(text: str) -> SpokenLength:
    """Words and seconds aloud at a calm speaking pace.

    >>> spoken_length("one two three four five " * 15)
    SpokenLength(words=75, seconds=30)
    """
    words = len(text.split())
    return SpokenLength(words, round(words * 60 / WORDS_PER_MINUTE))
