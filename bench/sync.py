"""Sync benchmark: two devices with 1,500 people each keep in step through a sync folder.

Not a test: it prints figures and writes bench/results/sync.json. It drives the app's
entry point as the shell does (core.actions.sync), in CPython:

- the time for device B to take in device A's file when both hold the same 1,500
  people and A changed one (the usual sync), and when B starts empty (the first sync);
- the bytes written into the folder by one sync after one edit: the device's changes
  file (the records changed since its full file), and what the full file would have
  been (the rolling backup, once a day, is extra).

    python bench/sync.py
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results_file import keep  # noqa: E402

from core.app import App  # noqa: E402
from core.formats.device_file import changes_name, file_name  # noqa: E402
from core.model import Contact  # noqa: E402
from core.storage.codec import encode, key_for  # noqa: E402
from core.storage.migrations import loose_key, parse_key  # noqa: E402

PEOPLE = 1_500
TODAY = date(2026, 11, 25)


def network_of(size: int) -> dict[str, str]:
    """People as an import leaves them: a name, an e-mail, a company, a group; each in its
    loose entry of layout 4 (written lately: none is packed yet)."""
    now = datetime(2026, 11, 1, 9, tzinfo=UTC)
    people = [Contact(id=f"p{i:05}", name=f"Person {i}", emails=(f"person{i}@example.org",),
                      company="Example Ltd", groups=("Work",), added_on=TODAY, updated_at=now)
              for i in range(size)]
    return {loose_key(parse_key(key_for(p))): encode(p) for p in people}  # type: ignore[arg-type]


class Device:
    def __init__(self, device_id: str) -> None:
        self.id, self.storage, self.digest, self.n = device_id, {}, "", 0
        self.app = App.from_storage(self.storage)
        self.folder: dict[str, str] = {}

    def send(self, event: dict[str, Any], at: str) -> dict[str, Any]:
        self.n += 1
        request = {"event": event, "today": TODAY.isoformat(), "now": f"{TODAY}T{at}Z",
                   "new_id": f"{self.id}{self.n}"}
        answer = json.loads(self.app.handle_json(json.dumps(request)))
        for write in answer["writes"]:
            self.storage[write["key"]] = write["value"]
        return answer

    def sync(self, at: str, backups: list[str]) -> tuple[float, int]:
        names = sorted(self.folder)
        fields = {"device_id": self.id, "device_name": self.id, "last_digest": self.digest,
                  "names": names, "texts": [self.folder[n] for n in names],
                  "backups": backups}
        start = time.perf_counter()
        answer = self.send({"type": "sync_folder", "fields": fields}, at)
        took = time.perf_counter() - start
        written = 0
        for write in answer["sync"]["writes"]:
            if not write["folder"]:
                self.folder[write["name"]] = write["text"]
                self.digest = write["digest"]
                written += len(write["text"].encode())
        return took, written


def main() -> None:
    a, b = Device("laptop"), Device("phone")
    a.storage.update(network_of(PEOPLE))
    a.app = App.from_storage(a.storage)
    contacts = sum(k.startswith("tend/v4/c/") for k in a.storage)
    no_backup = ["tend-backup-2026-11-25.json"]  # today's backup made: measure the sync alone
    a.sync("10:00:00", no_backup)
    b.folder[file_name("laptop")] = a.folder[file_name("laptop")]
    first, _ = b.sync("10:01:00", no_backup)
    b.folder.pop(file_name("phone"))
    taken_in = sum(k.startswith("tend/v4/c/") for k in b.storage)
    someone = "p00001"
    a.send({"type": "edit_contact", "fields": {"id": someone, "name": "Person 1",
                                                   "company": "Acme"}}, "11:00:00")
    full_file = len(a.folder[file_name("laptop")].encode())
    _, written = a.sync("11:00:05", no_backup)
    b.folder[file_name("laptop")] = a.folder[file_name("laptop")]
    b.folder[changes_name("laptop")] = a.folder[changes_name("laptop")]
    usual, _ = b.sync("11:00:10", no_backup)
    assert b.storage == a.storage
    unchanged, nothing = b.sync("11:00:20", no_backup)
    assert taken_in == contacts and b.storage == a.storage, "the phone holds what the laptop does"
    result = {"contacts": contacts, "first_sync_s": round(first, 2),
              "sync_after_one_edit_s": round(usual, 2),
              "sync_with_nothing_new_s": round(unchanged, 2),
              "bytes_written_after_one_edit": written, "full_file_bytes": full_file,
              "bytes_written_when_unchanged": nothing}
    for name, value in result.items():
        print(f"{name}: {value}")
    keep("sync", result)


if __name__ == "__main__":
    main()
