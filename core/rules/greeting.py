"""What to call someone at the top of a message: the name they would answer to.

The order: what the user said to call them, else their given name from the structured
name, else a name read from the full name. Reading a full name skips honorifics and
initials ("Dr. Jane Q. Doe" is greeted "Jane"), takes the part after the comma of
"Doe, Jane", and for a name in CJK script (written family name first) takes the part
after the family name, "山田 太郎" → "太郎". A CJK name written without a space is
greeted in full: family names run from one character to three (王, 欧阳, 佐々木), so any
split would be a guess, and the full name is never rude. "Dr. Smith", with nothing but
a family name after the honorific, keeps the honorific: it is the only polite form known.
"""

from __future__ import annotations

import unicodedata

from core.model import Contact

# The honorifics address books carry, as written in English and the languages whose
# abbreviations turn up in imported contacts (German, French, Spanish, Italian, Dutch,
# Portuguese); compared without the final dot and case-insensitively.
HONORIFICS = frozenset({
    "dr", "doctor", "prof", "professor", "mr", "mister", "mrs", "ms", "miss", "mx", "sir",
    "dame", "lord", "lady", "rev", "revd", "fr",
    "herr", "frau", "dipl.-ing", "ing", "mag",
    "m", "mme", "mlle",
    "sr", "sra", "srta", "don", "doña", "dña", "dott", "dott.ssa", "prof.ssa", "sig", "sig.ra",
    "dhr", "mevr", "drs", "ir",
})

CJK_BLOCKS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def is_honorific(word: str) -> bool:
    """A title before the name, not part of it.

    >>> is_honorific("Dr."), is_honorific("Prof"), is_honorific("Drew")
    (True, True, False)
    """
    return word.rstrip(".").casefold() in HONORIFICS


def is_initial(word: str) -> bool:
    """A lone letter, dotted or not: "Q." in "Jane Q. Doe"."""
    return len(word.rstrip(".")) == 1 and word[:1].isalpha()


def in_cjk_script(text: str) -> bool:
    """Written in Chinese, Japanese or Korean script, where the family name comes first.

    >>> in_cjk_script("山田 太郎"), in_cjk_script("Yamada Taro")
    (True, False)
    """
    return any(unicodedata.name(ch, "").startswith(CJK_BLOCKS) for ch in text)


def name_from_full_name(full: str) -> str:
    """The given name read from a full name, as the docstring above describes.

    >>> name_from_full_name("Dr. Jane Q. Doe"), name_from_full_name("Doe, Jane")
    ('Jane', 'Jane')
    >>> name_from_full_name("山田 太郎"), name_from_full_name("王伟")
    ('太郎', '王伟')
    >>> name_from_full_name("Dr. Smith")
    'Dr. Smith'

    """
    family, comma, given = full.partition(",")
    words = (given if comma and given.strip() else family).split()
    if in_cjk_script(full):
        return " ".join(words[1:]) if len(words) > 1 else full.strip()
    titles = []
    while words and is_honorific(words[0]):
        titles.append(words.pop(0))
    names = [w for w in words if not is_initial(w)] or words
    if titles and len(names) == 1:
        return f"{titles[-1]} {names[0]}"
    return names[0] if names else ""


def without_titles(given: str) -> str:
    """A given name without the honorifics a file put in front of it: LinkedIn's
    "First Name" column often holds "Dr. Amara", and nobody is greeted "Hi Dr. Amara".

    >>> without_titles("Dr. Amara"), without_titles("Anna Maria"), without_titles("Dr.")
    ('Amara', 'Anna Maria', '')
    """
    words = given.split()
    while words and is_honorific(words[0]):
        words.pop(0)
    return " ".join(words)


def greeting_name(contact: Contact) -> str:
    """The name for "Hi …,": what to call them, their given name, or one read from the name."""
    return (contact.call_them or without_titles(contact.given_name)
            or name_from_full_name(contact.name))


def greeting(contact: Contact) -> str:
    """The first line of a message: "Hi Jane,", or "Hello," when no name can be read."""
    name = greeting_name(contact)
    return f"Hi {name}," if name else "Hello,"
