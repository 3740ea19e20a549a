"""Two devices stay in step through a sync folder, and a half-copied file merges nothing."""

from __future__ import annotations

import json
from datetime import date
from importlib.util import find_spec
from typing import Any

import pytest

from core.actions.sync import rolling_backups
from core.app import App
from core.formats.backup import backup_of
from core.formats.device_file import (
    KEEP_BACKUPS,
    Device,
    DeviceFileError,
    changes_name,
    dump_device_file,
    file_name,
    is_device_file,
    read_device_file,
)
from core.formats.sealing import Sealed, seal, unseal
from core.storage.codec import load_network

from .factories import TODAY

# Sealing in CPython needs the cryptography package; Pyodide (running these tests too) has none.
needs_cryptography = pytest.mark.skipif(find_spec("cryptography") is None,
                                        reason="CPython's sealing needs cryptography")
Folder = dict[str, Any]  # name -> text; "Tend backups" -> {name: text}


class Device_:
    """One browser with Tend open, syncing through a folder as the shell does."""

    def __init__(self, device_id: str, name: str, passphrase: str = "") -> None:
        self.id, self.name, self.passphrase = device_id, name, passphrase
        self.storage: dict[str, str] = {}
        self.app = App.from_storage(self.storage)
        self.folder: Folder = {}
        self.digest = ""
        self.ids = 0

    def send(self, event: dict[str, Any], today: str = TODAY.isoformat(),
             at: str = "10:00:00") -> dict[str, Any]:
        self.ids += 1
        request = {"event": event, "today": today, "now": f"{today}T{at}Z",
                   "new_id": f"{self.id}{self.ids}"}
        answer = json.loads(self.app.handle_json(json.dumps(request)))
        while "seal" in answer or "unseal" in answer:  # what core-worker.mjs does
            event["fields"].update(crypto(answer))
            answer = json.loads(self.app.handle_json(json.dumps(request | {"event": event})))
        for write in answer["writes"]:
            self.storage[write["key"]] = write["value"]
        return answer

    def add(self, name: str, at: str = "10:00:00") -> str:
        answer = self.send({"type": "add_contact", "fields": {"name": name}}, at=at)
        return str(answer["route"]).split("/")[-1]

    def sync(self, at: str = "12:00:00", today: str = TODAY.isoformat()) -> dict[str, Any]:
        names = sorted(n for n, v in self.folder.items() if isinstance(v, str))
        backups = sorted(self.folder.get("Tend backups", {}))
        fields = {"device_id": self.id, "device_name": self.name, "last_digest": self.digest,
                  "passphrase": self.passphrase, "names": names,
                  "texts": [self.folder[n] for n in names], "backups": backups}
        answer = self.send({"type": "sync_folder", "fields": fields}, today=today, at=at)
        report = answer["sync"]
        for write in report["writes"]:
            place = self.folder.setdefault(write["folder"], {}) if write["folder"] else self.folder
            place[write["name"]] = write["text"]
            self.digest = write["digest"] or self.digest
        for old in report["removals"]:
            self.folder[old["folder"]].pop(old["name"])
        return answer

    def people(self) -> dict[str, str]:
        return {c.id: c.name for c in load_network(self.storage).network.people}


def crypto(ask: dict[str, Any]) -> dict[str, list[str]]:
    """The worker's WebCrypto, done with the cryptography package."""
    if "seal" in ask:
        how = ask["seal"]
        return {how["field"]: [seal(how["text"], how["passphrase"], b"s" * 16, b"i" * 12)]}
    how = ask["unseal"]
    return {how["field"]: [unseal(Sealed.model_validate(how["sealed"]), how["passphrase"])]}


def carry(source: Device_, target: Device_) -> None:
    """The sync client (Dropbox, say): copy the source's own files (its full file and,
    once it has one, its changes file) to the other folder."""
    for name in (file_name(source.id), changes_name(source.id)):
        if name in source.folder:
            target.folder[name] = source.folder[name]


def both_synced(laptop: Device_, phone: Device_) -> None:
    laptop.sync()
    carry(laptop, phone)
    phone.sync()
    carry(phone, laptop)
    laptop.sync()


def test_edits_on_two_devices_meet_on_both() -> None:
    laptop, phone = Device_("laptop1", "Laptop"), Device_("phone1", "Phone")
    laptop.add("Ana Lima")
    phone.add("Ben Okafor")
    both_synced(laptop, phone)
    assert laptop.people() == phone.people()
    assert sorted(laptop.people().values()) == ["Ana Lima", "Ben Okafor"]


def test_an_edit_made_offline_comes_in_at_the_next_sync_and_the_later_edit_wins() -> None:
    laptop, phone = Device_("laptop1", "Laptop"), Device_("phone1", "Phone")
    ana = laptop.add("Ana Lima")
    both_synced(laptop, phone)
    phone.send({"type": "edit_contact", "fields": {"id": ana, "name": "Ana Lima Souza"}},
               at="13:00:00")  # on the train, no sync
    laptop.send({"type": "edit_contact", "fields": {"id": ana, "name": "Ana L."}},
                at="12:30:00")
    laptop.sync(at="14:00:00")
    phone.sync(at="14:00:00")
    carry(phone, laptop)
    carry(laptop, phone)
    laptop.sync(at="14:01:00")
    phone.sync(at="14:01:00")
    assert laptop.people() == phone.people() == {ana: "Ana Lima Souza"}


def test_a_deletion_on_one_device_reaches_the_other() -> None:
    laptop, phone = Device_("laptop1", "Laptop"), Device_("phone1", "Phone")
    ana = laptop.add("Ana Lima")
    laptop.add("Ben Okafor")
    both_synced(laptop, phone)
    phone.send({"type": "delete_contact", "fields": {"id": ana, "confirm": "yes"}},
               at="13:00:00")
    assert ana not in phone.people()
    phone.sync(at="13:05:00")
    carry(phone, laptop)
    answer = laptop.sync(at="13:06:00")
    assert laptop.people() == phone.people()
    assert ana not in laptop.people()
    assert "came in from Phone" in answer["notice"]


def test_a_half_copied_file_is_refused_whole_and_read_once_it_is_complete() -> None:
    laptop, phone = Device_("laptop1", "Laptop"), Device_("phone1", "Phone")
    for name in ("Ana Lima", "Ben Okafor", "Cy Tan"):
        laptop.add(name)
    laptop.sync()
    whole = laptop.folder[file_name("laptop1")]
    phone.folder[file_name("laptop1")] = whole[: len(whole) // 2]
    answer = phone.sync()
    assert phone.people() == {}
    assert answer["writes"] == []
    assert answer["sync"]["retry"] is True
    assert "copying" in answer["sync"]["devices"][0]["refused"]
    carry(laptop, phone)
    phone.sync()
    assert phone.people() == laptop.people()


def test_a_file_that_parses_but_was_changed_after_writing_is_refused() -> None:
    laptop = Device_("laptop1", "Laptop")
    laptop.add("Ana Lima")
    laptop.sync()
    text = laptop.folder[file_name("laptop1")].replace("Ana Lima", "Mallory")
    with pytest.raises(DeviceFileError, match="digest"):
        read_device_file(text)


def test_a_sync_that_changed_nothing_writes_no_file() -> None:
    laptop = Device_("laptop1", "Laptop")
    laptop.add("Ana Lima")
    first = laptop.sync(at="12:00:00")
    again = laptop.sync(at="12:05:00")
    assert file_name("laptop1") in [w["name"] for w in first["sync"]["writes"]]
    assert [w for w in again["sync"]["writes"] if not w["folder"]] == []


def test_a_device_never_reads_its_own_file_back_and_ignores_other_files() -> None:
    laptop = Device_("laptop1", "Laptop")
    laptop.add("Ana Lima")
    laptop.sync()
    laptop.folder["notes.txt"] = "not Tend's"
    answer = laptop.sync()
    assert answer["sync"]["devices"] == []
    assert answer["writes"] == []


def test_a_sync_is_not_the_change_undo_takes_back() -> None:
    laptop, phone = Device_("laptop1", "Laptop"), Device_("phone1", "Phone")
    laptop.add("Ana Lima")
    phone.add("Ben Okafor")
    laptop.sync()
    carry(laptop, phone)
    answer = phone.sync()
    assert answer["undo"].startswith("Undo")
    assert "Ben Okafor" in answer["undo"] or "Added" in answer["undo"]


def test_the_device_list_on_your_data_names_each_device_and_what_came_in() -> None:
    laptop, phone = Device_("laptop1", "Laptop"), Device_("phone1", "Phone")
    laptop.add("Ana Lima")
    laptop.add("Ben Okafor")
    laptop.sync()
    carry(laptop, phone)
    phone.sync()
    html = phone.send({"type": "navigate", "route": "#/data"})["html"]
    assert "Laptop" in html
    assert "Laptop</strong>: last synced today; 2 changes came in." in html


@needs_cryptography
def test_a_sealed_folder_holds_no_plain_text_and_still_syncs() -> None:
    laptop = Device_("laptop1", "Laptop", passphrase="correct horse battery")
    phone = Device_("phone1", "Phone", passphrase="correct horse battery")
    laptop.add("Ana Lima")
    laptop.sync()
    carry(laptop, phone)
    phone.sync()
    files = [laptop.folder[file_name("laptop1")], *laptop.folder["Tend backups"].values()]
    assert all("Ana" not in text and "tend-sealed-backup" in text for text in files)
    assert list(phone.people().values()) == ["Ana Lima"]


@needs_cryptography
def test_a_sealed_file_without_the_passphrase_is_left_unread() -> None:
    laptop = Device_("laptop1", "Laptop", passphrase="correct horse battery")
    phone = Device_("phone1", "Phone")
    laptop.add("Ana Lima")
    laptop.sync()
    carry(laptop, phone)
    answer = phone.sync()
    assert phone.people() == {}
    assert "passphrase" in answer["sync"]["devices"][0]["refused"]


def test_the_rolling_backup_is_made_once_a_day_and_keeps_the_last_seven() -> None:
    week = [f"tend-backup-2026-11-{day:02}.json" for day in range(17, 25)]
    name, old = rolling_backups(week, date(2026, 11, 25), sealed=False)
    assert name == "tend-backup-2026-11-25.json"
    assert len(week) - len(old) + 1 == KEEP_BACKUPS
    assert old == week[:2]
    assert rolling_backups([*week[2:], name], date(2026, 11, 25), sealed=False) == ("", [])


def test_a_device_file_says_who_wrote_it_and_reads_back_whole() -> None:
    storage = Device_("x", "X")
    storage.add("Ana Lima")
    backup = backup_of(storage.storage, storage.app.network.settings.updated_at)
    text, digest = dump_device_file(Device("laptop1", "Laptop"), backup,
                                    storage.app.network.settings.updated_at)
    read = read_device_file(text)
    assert (read.device, read.digest, read.backup.records) == (
        Device("laptop1", "Laptop"), digest, backup.records)
    assert is_device_file(file_name("laptop1"))


def test_a_sync_from_a_device_with_a_damaged_id_writes_nothing_and_says_so() -> None:
    laptop = Device_("laptop1", "Laptop")
    laptop.add("Ana Lima")
    answer = laptop.send({"type": "sync_folder", "fields": {"device_id": "../x"}})
    assert answer["writes"] == [] and answer["sync"] is None
    assert "Nothing was synced" in answer["notice"]
