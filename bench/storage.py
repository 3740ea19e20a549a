"""Storage benchmark: what Tend writes to localStorage, measured in characters, in one run.

Not a test: it prints figures and writes bench/results/storage.json.

- Characters per record, as the browser stores them (key plus value), for a person
  added by hand, a person imported from LinkedIn's Connections.csv through the real
  import path, and an interaction with a typical note; both in today's layout with the
  shell's 12-character ids and in layout 1 with UUIDs, so the gain is a ratio.
- Characters written by one edit (logging an interaction) in a network of 150 and of
  10,000 people, through the app's entry point: the write must not grow with the network.
- How much fits in Chromium's localStorage (5,242,880 characters per origin, keys
  included, measured here): interactions that fit beside 5,000 imported people.
- The peak room beyond the result that importing 5,000 new people into a store of 5,000
  needs, through the app's import: the journal the shell writes before applying. Before,
  it was a JSON copy of every write; now it names the keys added and keeps only the old
  values of keys replaced (site/shell/storage.mjs). The gain is a ratio.

    python bench/storage.py
"""

from __future__ import annotations

import base64
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import keep  # noqa: E402

from core.app import App  # noqa: E402
from core.formats.importing import commit, preview, read_file  # noqa: E402
from core.model import Contact, Interaction, InteractionKind, Layer, Record  # noqa: E402
from core.network import Network  # noqa: E402
from core.storage.codec import encode, key_for  # noqa: E402
from core.storage.lock import sealed_length  # noqa: E402
from core.storage.migrations import loose_key, parse_key  # noqa: E402
from core.storage.packs import pack_number, unpack  # noqa: E402

BUDGET = 5_242_880
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 41, 27, 318_000, tzinfo=UTC)  # the shell sends milliseconds
SHORT_ID = "Qm3vX9_kR2aT"  # the shell's ids: 9 random bytes, base64url
NOTE = "Coffee near the office; she is hiring a data engineer in spring"
LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Nair,https://www.linkedin.com/in/priya-nair-4b1a2c,priya.nair@example.org,"
    "Acme Analytics,Engineering manager,12 Mar 2024\n"
)


def stored_chars(record: Record) -> int:
    """A record in its loose entry of layout 4: the short key and the record form's value."""
    return len(loose_key(parse_key(key_for(record)))) + len(encode(record))  # type: ignore[arg-type]


def layout_3_chars(record: Record) -> int:
    """The same record as layout 3 stored it: one ``tend/v3/<kind>/<id>`` key each."""
    return len(key_for(record)) + len(encode(record))


def samples(record_id: str) -> dict[str, Record]:
    """One person added by hand, one imported from LinkedIn, one interaction."""
    added = Contact(id=record_id, name="Ana Lima", how_met="PyCon Lisbon",
                    groups=("Conferences",),
                    layer=Layer.ACTIVE, added_on=TODAY, updated_at=NOW)
    parsed = read_file(LINKEDIN)
    rows = preview(parsed, Network()).rows
    imported = commit(rows, {}, record_id[:-2], TODAY, NOW)[0]
    interaction = Interaction(id=record_id, contact_id=imported.id, on=TODAY,
                              kind=InteractionKind.MEETING, note=NOTE, updated_at=NOW)
    return {"added person": added, "imported person": imported, "interaction": interaction}


def chars_per_record() -> dict[str, dict[str, float]]:
    """Each sample in its loose entry of layout 4 and as layout 3 stored it (the packed
    figure is the goal scenario's average: see ``goal``)."""
    now = {name: stored_chars(r) for name, r in samples(SHORT_ID).items()}
    before = {name: layout_3_chars(r) for name, r in samples(SHORT_ID).items()}
    return {name: {"layout_4_loose": now[name], "layout_3": before[name],
                   "ratio": round(now[name] / before[name], 2)} for name in now}


def written_by_one_edit(people: int, packed: bool = False) -> int:
    """Characters the shell writes when the user logs one interaction, in storage as the
    app's first start left it (settled records packed); ``packed``: when the user
    instead corrects the note of an interaction that sits in a pack."""
    entries = {}
    for n in range(people):
        person = Contact(id=f"{SHORT_ID[:8]}{n:04x}", name=f"Person {n}", added_on=TODAY,
                         updated_at=NOW - timedelta(days=60))
        touch = Interaction(id=f"{SHORT_ID[:7]}i{n:04x}", contact_id=person.id,
                            on=TODAY - timedelta(days=n % 300),
                            updated_at=NOW - timedelta(days=n % 300))
        entries |= {key_for(person): encode(person), key_for(touch): encode(touch)}
    app = App.from_storage(rewritten(entries))
    fields = {"contact_id": f"{SHORT_ID[:8]}0000", "on": TODAY.isoformat(), "note": NOTE,
              "kind": "meeting"}
    event = {"type": "log_interaction", "fields": fields}
    if packed:
        old = f"{SHORT_ID[:7]}i{299:04x}"  # logged 299 days ago: settled, in a pack
        assert app.stored.stored is not None and f"tend/v4/i/{old}" not in app.stored.stored
        event = {"type": "edit_interaction", "fields": {
            "id": old, "on": (TODAY - timedelta(days=299)).isoformat(),
            "kind": "call", "note": NOTE}}
    request = {"event": event, "today": TODAY.isoformat(), "now": NOW.isoformat(),
               "new_id": SHORT_ID}
    writes = json.loads(app.handle_json(json.dumps(request)))["writes"]
    assert writes, "the edit wrote nothing"
    return sum(len(w["key"]) + len(w["value"] or "") for w in writes)


def linkedin_export(tag: str, people: int) -> str:
    """A LinkedIn Connections.csv of ``people`` distinct connections."""
    rows = [f"{tag}{n},Nair,https://www.linkedin.com/in/{tag}-nair-{n:05d},"
            f"{tag}.{n}@example.org,Acme Analytics,Engineering manager,12 Mar 2024"
            for n in range(people)]
    return LINKEDIN.splitlines()[0] + "\n" + "\n".join(rows) + "\n"


def imported(app: App, text: str, new_id: str) -> list[dict[str, str | None]]:
    """The writes the app answers when the user imports everyone in ``text``."""
    def send(event: dict[str, object]) -> dict[str, object]:
        request = {"event": event, "today": TODAY.isoformat(), "now": NOW.isoformat(),
                   "new_id": new_id}
        answer: dict[str, object] = json.loads(app.handle_json(json.dumps(request)))
        return answer
    send({"type": "preview_import", "fields": {"file": text}})
    writes = send({"type": "confirm_import", "fields": {"everyone": "yes"}})["writes"]
    assert isinstance(writes, list)
    return writes


def journal_room(people: int = 5_000) -> dict[str, int | float]:
    """Peak characters needed beyond the result for ``people`` new people into ``people``:
    the journal, as the shell wrote it before and writes it now."""
    entries: dict[str, str] = {}
    app = App.from_storage(entries)
    for write in imported(app, linkedin_export("First", people), "Qm3vX9_kR2aT"):
        entries[str(write["key"])] = str(write["value"])
    app = App.from_storage(entries)
    writes = imported(app, linkedin_export("Second", people), "Zp8wY4_nS6bU")
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    whole_copy = len("tend-journal") + len(json.dumps(writes, **compact))  # type: ignore[arg-type]
    added = [w["key"] for w in writes if w["key"] not in entries]
    old = {w["key"]: entries[w["key"]] for w in writes if w["key"] in entries}
    keys_and_old = len("tend-journal") + len(json.dumps({"added": added, "old": old}, **compact))  # type: ignore[arg-type]
    result = sum(len(k) + len(v) for k, v in entries.items()) + sum(
        len(str(w["key"])) + len(str(w["value"] or "")) - len(entries.get(str(w["key"]), ""))
        for w in writes)
    return {"writes": len(writes), "result_chars": result,
            "peak_extra_before": whole_copy, "peak_extra_after": keys_and_old,
            "ratio_after_over_before": round(keys_and_old / whole_copy, 3),
            "peak_percent_of_budget_before": round(100 * (result + whole_copy) / BUDGET, 1),
            "peak_percent_of_budget_after": round(100 * (result + keys_and_old) / BUDGET, 1)}


# The goal of issue 17: this many people imported from LinkedIn, and interactions with
# 60-character notes, fit with room to spare.
GOAL_PEOPLE, GOAL_INTERACTIONS, NOTE_CHARS = 5_000, 30_000, 60
# The last commit that stored layout 3: its core is timed on the same data, in this run.
LAYOUT_3_COMMIT = "5e8cee1"
KINDS = [kind.value for kind in InteractionKind]
POSITIONS = ["Engineering manager", "Data engineer", "Designer", "Founder", "Product lead",
             "Nurse", "Teacher", "Recruiter", "Consultant", "Researcher"]


def vocabulary() -> list[str]:
    """Every distinct word of the guide: a sizeable, real vocabulary for varied notes."""
    text = " ".join(path.read_text(encoding="utf-8")
                    for path in sorted((ROOT / "docs").glob("*.md")))
    return sorted({word for word in re.findall(r"[A-Za-z][a-z']{1,14}", text)})


def notes(count: int, seed: int = 17) -> list[str]:
    """``count`` notes of exactly NOTE_CHARS characters, words drawn with a fixed seed:
    varied as real notes are, so compression is not flattered by repetition."""
    words, pick = vocabulary(), random.Random(seed)
    made = []
    for _ in range(count):
        note = pick.choice(words).capitalize()
        while len(note) < NOTE_CHARS:
            note += pick.choice((" ", " ", " ", ", ", "; ")) + pick.choice(words)
        made.append(note[:NOTE_CHARS].rstrip().ljust(NOTE_CHARS, "."))
    return made


def shell_ids(count: int, pick: random.Random) -> list[str]:
    """Ids as the shell makes them: 9 random bytes, base64url."""
    return [base64.urlsafe_b64encode(pick.randbytes(9)).decode() for _ in range(count)]


def goal_network(seed: int = 17) -> dict[str, str]:
    """The goal's records as layout 3 stored them: 5,000 people imported through the real
    import path a year ago, 30,000 interactions logged over three years since."""
    pick = random.Random(seed)
    words = vocabulary()
    rows = [f"{pick.choice(words).capitalize()},{pick.choice(words).capitalize()}{n},"
            f"https://www.linkedin.com/in/person-{n:05d}-{pick.randrange(16**6):06x},"
            f"person.{n}@example.org,{pick.choice(words).capitalize()} "
            f"{pick.choice(['Labs', 'Analytics', 'Health', 'Studio', 'Group'])},"
            f"{pick.choice(POSITIONS)},"
            f"{pick.randrange(1, 28)} Mar 20{pick.randrange(15, 25)}"
            for n in range(GOAL_PEOPLE)]
    csv = LINKEDIN.splitlines()[0] + "\n" + "\n".join(rows) + "\n"
    imported_at = NOW - timedelta(days=400)
    people = commit(preview(read_file(csv), Network()).rows, {}, "Qm3vX9_kR2",
                    TODAY - timedelta(days=400), imported_at, everyone=True)
    people_ids = [p.id for p in people if isinstance(p, Contact)]
    entries = {key_for(r): encode(r) for r in people}
    for record_id, note in zip(shell_ids(GOAL_INTERACTIONS, pick),
                               notes(GOAL_INTERACTIONS, seed), strict=True):
        on = TODAY - timedelta(days=pick.randrange(3 * 365))
        written = datetime.combine(on, datetime.min.time(), UTC) + timedelta(
            hours=18, milliseconds=pick.randrange(3_600_000))
        touch = Interaction(id=record_id, contact_id=pick.choice(people_ids), on=on,
                            kind=InteractionKind(pick.choice(KINDS)), note=note,
                            updated_at=written)
        entries[key_for(touch)] = encode(touch)
    return entries


def rewritten(storage: dict[str, str], lock: str = "off") -> dict[str, str]:
    """Storage after the app's first start (its first answer, with the lock ``lock``):
    its rewrites applied as the shell applies them (site/shell/storage.mjs: each only
    while storage holds what was read)."""
    storage = dict(storage)
    app = App.from_storage(storage)
    request = {"event": {"type": "navigate", "route": "#/today"}, "today": TODAY.isoformat(),
               "now": NOW.isoformat(), "new_id": SHORT_ID, "lock": lock}
    for batch in json.loads(app.handle_json(json.dumps(request)))["upgrade"]:
        for r in batch:
            expected = {r["old_key"]: r["old_value"], **r["also"]}
            if any(storage.get(k) != v for k, v in expected.items()) or (
                    storage.get(r["new_key"]) != r["new_before"]):
                continue
            if r["new_value"] is not None:
                storage[r["new_key"]] = r["new_value"]
            for key in expected:
                del storage[key]
    return storage


def chars(storage: Mapping[str, str], stored: Callable[[str], int] = len) -> int:
    return sum(len(key) + stored(value) for key, value in storage.items())


def load_seconds(storage: dict[str, str], runs: int = 3) -> float:
    """The fastest of ``runs`` starts of the app from ``storage`` (App.from_storage)."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        App.from_storage(storage)
        best = min(best, time.perf_counter() - started)
    return best


def layout_3_load_seconds(storage: dict[str, str]) -> float | None:
    """The same start timed with the core that stored layout 3 (LAYOUT_3_COMMIT), in a
    child process of this run; None where git cannot give that core."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", LAYOUT_3_COMMIT, "core"],
                                 capture_output=True, check=False)
        if archive.returncode:
            return None
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        data = Path(folder) / "storage.json"
        data.write_text(json.dumps(storage))
        timer = ("import json, sys, time; from core.app import App; "
                 "s = json.load(open(sys.argv[1])); best = 9e9\n"
                 "for _ in range(3):\n t = time.perf_counter(); App.from_storage(s); "
                 "best = min(best, time.perf_counter() - t)\nprint(best)")
        run = subprocess.run([sys.executable, "-c", timer, str(data)], cwd=folder,
                             capture_output=True, text=True, check=True,
                             env={"PYTHONPATH": folder, "PATH": "/usr/bin:/bin"})
        return float(run.stdout)


def goal() -> dict[str, object]:
    """The goal scenario in layout 3 and, after the first start's rewrite, in layout 4:
    characters as % of the budget (in the clear and locked), and start time."""
    old = goal_network()
    new = rewritten(old)
    packs = {k: v for k, v in new.items() if pack_number(k) is not None}
    packed_records = sum(len(unpack(v)) for v in packs.values())
    new_seconds, old_seconds = load_seconds(new), layout_3_load_seconds(old)
    return {
        "people": GOAL_PEOPLE, "interactions": GOAL_INTERACTIONS,
        "layout_3_chars": chars(old), "layout_4_chars": chars(new),
        "ratio_4_over_3": round(chars(new) / chars(old), 3),
        "layout_3_percent_of_budget": round(100 * chars(old) / BUDGET, 1),
        "layout_4_percent_of_budget": round(100 * chars(new) / BUDGET, 1),
        "layout_4_percent_of_budget_locked_packs_made_unlocked": round(
            100 * chars(new, sealed_length) / BUDGET, 1),
        "layout_4_percent_of_budget_locked": round(
            100 * chars(rewritten(old, lock="open"), sealed_length) / BUDGET, 1),
        "packs": len(packs), "records_packed": packed_records,
        "loose_entries": len(new) - len(packs),
        "chars_per_packed_record": round(chars(packs) / packed_records, 1),
        "load_seconds_layout_4": round(new_seconds, 3),
        "load_seconds_layout_3_by_its_own_core": (round(old_seconds, 3)
                                                  if old_seconds is not None else None),
        "load_ratio_4_over_3": (round(new_seconds / old_seconds, 2)
                                if old_seconds is not None else None),
        "load_seconds_layout_3_by_this_core": round(load_seconds(old, runs=1), 3),
    }


def denser_loose_values() -> dict[str, int]:
    """What a loose interaction would save with denser values (measured, not adopted):
    short field names, the day as a day number, the time in base 36 milliseconds."""
    touch = samples(SHORT_ID)["interaction"]
    value = json.loads(encode(touch))
    short = {"u": _base36(int(touch.updated_at.timestamp() * 1000)), "c": value["contact_id"],
             "o": (touch.on - date(1970, 1, 1)).days, "k": value.get("kind", "")[:1],
             "n": value["note"]}
    dense = json.dumps(short, separators=(",", ":"), ensure_ascii=False)
    return {"record_form_value": len(encode(touch)), "denser_value": len(dense),
            "saved_per_loose_interaction": len(encode(touch)) - len(dense)}


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, digit = divmod(number, 36)
        out = digits[digit] + out
    return out or "0"


def main() -> None:
    per_record = chars_per_record()
    small, large = written_by_one_edit(150), written_by_one_edit(10_000)
    packed_edit = written_by_one_edit(10_000, packed=True)
    person = per_record["imported person"]["layout_4_loose"]
    interaction = per_record["interaction"]["layout_4_loose"]
    result = {
        "chars_per_record": per_record,
        "chars_written_per_edit": {"150": small, "10000": large,
                                   "10000_editing_a_packed_record": packed_edit,
                                   "ratio_10000_over_150": round(large / small, 2)},
        "capacity_all_loose": {
            "budget_chars": BUDGET,
            "5000_imported_people_chars": 5_000 * person,
            "interactions_that_fit_beside_them": (BUDGET - 5_000 * person) // interaction,
            "interactions_that_fit_in_layout_3": (
                (BUDGET - 5_000 * per_record["imported person"]["layout_3"])
                // per_record["interaction"]["layout_3"]),
        },
        "goal_5000_people_30000_interactions": goal(),
        "denser_loose_values_not_adopted": denser_loose_values(),
        "journal_for_5000_new_into_5000": journal_room(),
    }
    keep("storage", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
