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

import json
import sys
import uuid
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
    return len(key_for(record)) + len(encode(record))


def layout_1_chars(record: Record) -> int:
    """The same record as Tend 1 stored it: ``tend/v1/`` key, value repeating id and schema."""
    value = {"schema": 1, "id": record.id, **json.loads(encode(record))}
    return len(key_for(record).replace("/v3/", "/v1/")) + len(
        json.dumps(value, separators=(",", ":"), ensure_ascii=False))


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
    now = {name: stored_chars(r) for name, r in samples(SHORT_ID).items()}
    before = {name: layout_1_chars(r) for name, r in samples(str(uuid.UUID(int=7))).items()}
    return {name: {"layout_2": now[name], "layout_1": before[name],
                   "ratio": round(now[name] / before[name], 2)} for name in now}


def written_by_one_edit(people: int) -> int:
    """Characters the shell writes when the user logs one interaction."""
    entries = {}
    for n in range(people):
        person = Contact(id=f"{SHORT_ID[:8]}{n:04x}", name=f"Person {n}", added_on=TODAY,
                         updated_at=NOW)
        touch = Interaction(id=f"{SHORT_ID[:7]}i{n:04x}", contact_id=person.id,
                            on=TODAY - timedelta(days=n % 300), updated_at=NOW)
        entries |= {key_for(person): encode(person), key_for(touch): encode(touch)}
    app = App.from_storage(entries)
    fields = {"contact_id": f"{SHORT_ID[:8]}0000", "on": TODAY.isoformat(), "note": NOTE,
              "kind": "meeting"}
    request = {"event": {"type": "log_interaction", "fields": fields},
               "today": TODAY.isoformat(), "now": NOW.isoformat(), "new_id": SHORT_ID}
    writes = json.loads(app.handle_json(json.dumps(request)))["writes"]
    return sum(len(w["key"]) + len(w["value"]) for w in writes)


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


def main() -> None:
    per_record = chars_per_record()
    small, large = written_by_one_edit(150), written_by_one_edit(10_000)
    person = per_record["imported person"]["layout_2"]
    interaction = per_record["interaction"]["layout_2"]
    result = {
        "chars_per_record": per_record,
        "chars_written_per_edit": {"150": small, "10000": large,
                                   "ratio_10000_over_150": round(large / small, 2)},
        "capacity": {
            "budget_chars": BUDGET,
            "5000_imported_people_chars": 5_000 * person,
            "interactions_that_fit_beside_them": (BUDGET - 5_000 * person) // interaction,
            "interactions_that_fit_in_layout_1": (
                (BUDGET - 5_000 * per_record["imported person"]["layout_1"])
                // per_record["interaction"]["layout_1"]),
        },
        "journal_for_5000_new_into_5000": journal_room(),
    }
    keep("storage", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
