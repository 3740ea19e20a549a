"""Candidate storage encodings for a heavy networker's store, compared in one run (issue 17).

Not a test: it prints figures and writes bench/results/storage_formats.json.

The store: 5,000 people imported from a LinkedIn export through the real import path
(varied names, companies and titles) and 30,000 interactions with 60-character notes,
kept with 400 active ties over eight years. Each candidate is a prototype codec, here
only, built on top of the previous one:

- ``today``: layout 3 as ``core.storage.codec`` writes it.
- ``short_keys``: a fixed table of one-letter field names, one-letter kinds in the key.
- ``compact_time``: and dates as ordinal days, ``updated_at`` as base-36 milliseconds.
- ``dictionary``: and repeated strings (companies, titles, how-met lines, groups, places,
  kinds) as numbers into an append-only word list, stored in chunks of 256 words.
- ``packed``: ``compact_time`` plus every interaction older than 365 days packed into
  one entry per person and year, as rows without field names or the person's id.
- ``packed_dictionary``: both.
- ``packed_zlib``: ``packed`` with each batch deflated and base64-encoded.
- ``packed_dictionary_zlib``: ``packed_dictionary`` with each batch deflated. For the
  deflated ones, also what the store would take if the batches used 15 bits per character
  (as lz-string's ``compressToUTF16`` does) instead of base64's 6 (computed, not run).

Defaults and empty fields are left out by every candidate (today's codec already does).
For each: characters stored (keys included), the same under the lock (each value sealed:
marker + base64 of IV, ciphertext and tag), time to decode everything into records
(CPython; Pyodide is several times slower), characters written by logging one new
interaction, and by editing one old (packed) interaction.

    python bench/storage_formats.py
"""

from __future__ import annotations

import base64
import json
import math
import random
import statistics
import string
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import keep  # noqa: E402

from core.formats.importing import commit, preview, read_file  # noqa: E402
from core.model import Contact, Interaction, InteractionKind, Record  # noqa: E402
from core.network import Network  # noqa: E402
from core.storage.codec import decode, encode, key_for  # noqa: E402
from core.storage.lock import MARKER  # noqa: E402

BUDGET = 5_242_880
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 41, 27, 318_000, tzinfo=UTC)
PEOPLE, INTERACTIONS, ACTIVE, NOTE_CHARS = 5_000, 30_000, 400, 60
OLD_AFTER_DAYS = 365
EPOCH_DAY = date(2000, 1, 1).toordinal()
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
WORD_CHUNK = 256
IV_AND_TAG = 12 + 16
SHORT_KINDS = {"contact": "c", "interaction": "i", "favour": "f", "date": "d", "target": "t",
               "settings": "s", "decision": "a", "plan": "p", "pitch": "h"}
WORDY = {"how_met", "title", "company", "department", "where", "kind", "groups", "layer"}
LETTERS = string.ascii_lowercase + string.ascii_uppercase + string.digits

Entries = dict[str, str]


# --- the store ------------------------------------------------------------------------

def linkedin_export(rng: random.Random) -> str:
    """5,000 connections: varied names, 900 companies, 250 titles, e-mail for 40%."""
    given = [f"{a}{b}" for a in ("Ana", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Ida", "Jo",
                                 "Kai")
             for b in ("", "ra", "lo", "mi", "ton", "sa", "ny", "el", "is", "o")]
    family = [f"{a}{b}" for a in ("Nair", "Lima", "Okafor", "Berg", "Costa", "Haddad", "Kim")
              for b in ("", "son", "ova", "ez", "ini", "er", "ley", "i", "sky", "berg")]
    companies = [f"{a} {b}" for a in ("Acme", "Blue", "North", "Quant", "Lumen", "Vela",
                                      "Orbit", "Delta", "Kite", "Pine")
                 for b in ("Analytics", "Labs", "Health", "Bank", "Studio", "Systems",
                           "Partners", "Logistics", "Energy")] * 10
    companies = [f"{c} {n}" if n else c for n, c in enumerate(companies)]
    titles = [f"{a} {b}" for a in ("Senior", "Lead", "Staff", "Principal", "Junior")
              for b in ("engineer", "designer", "product manager", "data scientist",
                        "recruiter", "analyst", "engineering manager", "consultant",
                        "researcher", "sales lead")] * 5
    titles = [f"{t} ({n // 50})" if n >= 50 else t for n, t in enumerate(titles)]
    names = rng.sample([(g, f) for g in given for f in family], PEOPLE)  # no namesakes
    rows = []
    for n, (first, last) in enumerate(names):
        email = f"{first.lower()}.{last.lower()}{n}@example.org" if rng.random() < 0.4 else ""
        connected = TODAY - timedelta(days=rng.randrange(1, 4000))
        rows.append(f"{first},{last},https://www.linkedin.com/in/{first.lower()}-"
                    f"{last.lower()}-{n:05x}{rng.randrange(16**4):04x},{email},"
                    f"{rng.choice(companies)},{rng.choice(titles)},"
                    f"{connected.strftime('%d %b %Y')}")
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
    return header + "\n" + "\n".join(rows) + "\n"


def shell_id(rng: random.Random) -> str:
    """The shell's ids: 9 random bytes, base64url (12 characters)."""
    return base64.urlsafe_b64encode(rng.randbytes(9)).decode()


def store() -> list[Record]:
    rng = random.Random(17)
    rows = preview(read_file(linkedin_export(rng)), Network()).rows
    people = [r for r in commit(rows, {}, "Qm3vX9_kR2", TODAY, NOW, everyone=True)
              if isinstance(r, Contact)]
    words = ["coffee", "lunch", "call", "talk", "about", "the", "new", "role", "hiring",
             "spring", "plans", "family", "trip", "book", "conference", "intro", "data",
             "team", "moving", "city", "project"]
    places = ["", "", "", "Café Lumen", "the office", "PyCon", "online"]
    kinds = list(InteractionKind)
    touches: list[Record] = []
    active = people[:ACTIVE]
    for _ in range(INTERACTIONS):
        person = rng.choice(active)
        on = TODAY - timedelta(days=rng.randrange(0, 8 * 365))
        note = " ".join(rng.choice(words) for _ in range(20))[:NOTE_CHARS].ljust(NOTE_CHARS, ".")
        written = datetime.combine(on, datetime.min.time(), UTC) + timedelta(
            hours=18, milliseconds=rng.randrange(3_600_000))
        touches.append(Interaction(id=shell_id(rng), contact_id=person.id, on=on,
                                   kind=rng.choice(kinds), where=rng.choice(places),
                                   note=note, updated_at=written))
    return [*people, *touches]


# --- prototype codecs -----------------------------------------------------------------

def _table(model: type[Record]) -> dict[str, str]:
    names = [n for n in model.model_fields if n != "id"]
    return {name: LETTERS[i] for i, name in enumerate(names)}


def _base36(n: int) -> str:
    assert n >= 0, "a time before the epoch"
    digits = ""
    while True:
        n, d = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + digits
        if n == 0:
            return digits


def _compact_value(name: str, value: Any, compact_time: bool) -> Any:
    if not compact_time or not isinstance(value, str):
        return value
    if name in ("on", "added_on", "known_since", "until", "next_on"):
        return date.fromisoformat(value).toordinal() - EPOCH_DAY
    if name in ("updated_at", "deleted_at", "step_written_at"):
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return _base36(int((moment - EPOCH).total_seconds() * 1000))
    return value


def _expand_value(name: str, value: Any) -> Any:
    if isinstance(value, int) and name in ("on", "added_on", "known_since", "until",
                                            "next_on"):
        return date.fromordinal(value + EPOCH_DAY)
    if isinstance(value, str) and "-" not in value and name in (
            "updated_at", "deleted_at", "step_written_at"):
        return EPOCH + timedelta(milliseconds=int(value, 36))
    return value


class Words:
    """An append-only list of repeated strings; each string is stored once, by number."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.words: list[str] = []

    def number(self, word: str) -> int:
        if word not in self.numbers:
            self.numbers[word] = len(self.words)
            self.words.append(word)
        return self.numbers[word]

    def entries(self) -> Entries:
        return {f"tend/v4/w/{n // WORD_CHUNK}": json.dumps(
            self.words[n:n + WORD_CHUNK], separators=(",", ":"), ensure_ascii=False)
            for n in range(0, len(self.words), WORD_CHUNK)}


def fields_of(record: Record, compact_time: bool, words: Words | None) -> dict[str, Any]:
    data = json.loads(encode(record))
    table = _table(type(record))
    out = {}
    for name, value in data.items():
        value = _compact_value(name, value, compact_time)
        if words is not None and name in WORDY:
            value = ([words.number(v) for v in value] if isinstance(value, list)
                     else words.number(value))
        out[table[name]] = value
    return out


def dumps(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def one_per_key(records: list[Record], compact_time: bool, words: Words | None) -> Entries:
    kinds = {Contact: "contact", Interaction: "interaction"}
    return {f"tend/v4/{SHORT_KINDS[kinds[type(r)]]}/{r.id}":
            dumps(fields_of(r, compact_time, words)) for r in records}


def is_old(record: Record) -> bool:
    return isinstance(record, Interaction) and (TODAY - record.on).days > OLD_AFTER_DAYS


def packed(records: list[Record], words: Words | None, deflate: bool = False) -> Entries:
    """Recent records one per key; old interactions one entry per person and year, as
    rows of the table's fields in table order (absent fields as null, trailing ones cut)."""
    entries = one_per_key([r for r in records if not is_old(r)], True, words)
    table = _table(Interaction)
    order = [table[n] for n in table if n != "contact_id"]
    batches: dict[str, list[list[Any]]] = defaultdict(list)
    for record in records:
        if is_old(record):
            assert isinstance(record, Interaction)
            fields = fields_of(record, True, words)
            row = [record.id, *[fields.get(letter) for letter in order]]
            while row[-1] is None:
                row.pop()
            batches[f"tend/v4/I/{record.contact_id}/{record.on.year}"].append(row)
    for key, rows in batches.items():
        text = dumps(rows)
        entries[key] = ("z" + base64.b64encode(zlib.compress(text.encode(), 9)).decode()
                        if deflate else text)
    return entries


# --- decoding everything, as the app does at start -------------------------------------

def decode_today(entries: Entries) -> int:
    return len([decode(key, value) for key, value in entries.items()])


def _expand(model: type[Record], record_id: str, data: dict[str, Any],
            words: list[str] | None) -> Record:
    names = {letter: name for name, letter in _table(model).items()}
    fields: dict[str, Any] = {"id": record_id}
    for letter, value in data.items():
        name = names[letter]
        if words is not None and name in WORDY:
            value = [words[v] for v in value] if isinstance(value, list) else words[value]
        fields[name] = _expand_value(name, value)
    return model.model_validate(fields)


def decode_prototype(entries: Entries) -> int:
    models: dict[str, type[Record]] = {"c": Contact, "i": Interaction}
    chunks = sorted((k, v) for k, v in entries.items() if k.startswith("tend/v4/w/"))
    words = [w for _, v in chunks for w in json.loads(v)] if chunks else None
    table = _table(Interaction)
    order = [table[n] for n in table if n != "contact_id"]
    count = 0
    for key, value in entries.items():
        parts = key.split("/")
        if parts[2] == "w":
            continue
        if parts[2] == "I":
            text = zlib.decompress(base64.b64decode(value[1:])).decode() if value[0] == "z" \
                else value
            for row in json.loads(text):
                data = {letter: v for letter, v in zip(order, row[1:], strict=False)
                        if v is not None}
                data[table["contact_id"]] = parts[3]
                _expand(Interaction, row[0], data, words)
                count += 1
        else:
            _expand(models[parts[2]], parts[3], json.loads(value), words)
            count += 1
    return count


# --- figures --------------------------------------------------------------------------

def chars(entries: Entries) -> int:
    return sum(len(k) + len(v) for k, v in entries.items())


def sealed_chars(entries: Entries) -> int:
    """Under the lock each value is the marker plus base64 of IV, ciphertext and tag."""
    return sum(len(k) + len(MARKER) + 4 * math.ceil((len(v.encode()) + IV_AND_TAG) / 3)
               for k, v in entries.items())


def timed(decoder: Callable[[Entries], int], entries: Entries, records: int) -> float:
    best = math.inf
    for _ in range(2):
        start = time.perf_counter()
        assert decoder(entries) == records
        best = min(best, time.perf_counter() - start)
    return round(best * 1000)


def candidates(records: list[Record]) -> dict[str, tuple[Entries, Callable[[Entries], int]]]:
    words, packed_words, deflated_words = Words(), Words(), Words()
    with_words = one_per_key(records, True, words)
    packed_with_words = packed(records, packed_words)
    deflated_with_words = packed(records, deflated_words, deflate=True)
    return {
        "today": ({key_for(r): encode(r) for r in records}, decode_today),
        "short_keys": (one_per_key(records, False, None), decode_prototype),
        "compact_time": (one_per_key(records, True, None), decode_prototype),
        "dictionary": ({**with_words, **words.entries()}, decode_prototype),
        "packed": (packed(records, None), decode_prototype),
        "packed_dictionary": ({**packed_with_words, **packed_words.entries()},
                              decode_prototype),
        "packed_zlib": (packed(records, None, deflate=True), decode_prototype),
        "packed_dictionary_zlib": ({**deflated_with_words, **deflated_words.entries()},
                                   decode_prototype),
    }


def figures(entries: Entries, decoder: Callable[[Entries], int], records: int,
            new_touch_chars: int) -> dict[str, Any]:
    batches = [len(k) + len(v) for k, v in entries.items() if k.startswith("tend/v4/I/")]
    total = chars(entries)
    deflated = [v for k, v in entries.items() if k.startswith("tend/v4/I/") and v[0] == "z"]
    at_15_bits = total - sum(len(v) - 1 - math.ceil(len(v[1:]) * 6 / 15) for v in deflated)
    return {
        **({"chars_if_batches_used_15_bits_per_char": at_15_bits,
            "percent_of_budget_at_15_bits": round(100 * at_15_bits / BUDGET, 1)}
           if deflated else {}),
        "chars": total, "percent_of_budget": round(100 * total / BUDGET, 1),
        "sealed_chars": sealed_chars(entries),
        "sealed_percent_of_budget": round(100 * sealed_chars(entries) / BUDGET, 1),
        "entries": len(entries),
        "decode_all_ms_cpython": timed(decoder, entries, records),
        "log_one_interaction_writes": new_touch_chars,
        "edit_one_old_interaction_writes": (
            {"median": int(statistics.median(batches)), "max": max(batches)} if batches
            else new_touch_chars),
    }


def main() -> None:
    records = store()
    people = sum(isinstance(r, Contact) for r in records)
    touches = [r for r in records if isinstance(r, Interaction)]
    fresh = touches[0].model_copy(update={"on": TODAY, "updated_at": NOW})
    result: dict[str, Any] = {"today_people_chars": chars(
                                  {key_for(r): encode(r) for r in records[:people]}),
                              "compact_people_chars": chars(
                                  one_per_key(records[:people], True, None)),
                              "note_chars_total": NOTE_CHARS * len(touches),
                              "people": people, "interactions": len(touches),
                              "note_chars": NOTE_CHARS, "budget_chars": BUDGET,
                              "old_after_days": OLD_AFTER_DAYS}
    for name, (entries, decoder) in candidates(records).items():
        new = (len(key_for(fresh)) + len(encode(fresh)) if name == "today" else
               chars(one_per_key([fresh], name != "short_keys", None)))
        result[name] = figures(entries, decoder, len(records), new)
        print(name, json.dumps(result[name]), flush=True)
    keep("storage_formats", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
