"""Two devices stay in step through a sync folder, and a half-copied file merges nothing."""

from __future__ import annotations

from datetime import date

import pytest

from core.actions.sync import newest_backup_day, rolling_backups
from core.formats.backup import backup_of
from core.formats.device_file import (
    KEEP_BACKUPS,
    Device,
    DeviceFileError,
    dump_device_file,
    file_name,
    is_device_file,
    read_device_file,
)

from .helpers import Shell, carry, needs_cryptography


def both_synced(laptop: Shell, phone: Shell) -> None:
    laptop.sync()
    carry(laptop, phone)
    phone.sync()
    carry(phone, laptop)
    laptop.sync()


def test_edits_on_two_devices_meet_on_both() -> None:
    laptop, phone = Shell("laptop1", "Laptop"), Shell("phone1", "Phone")
    laptop.added("Ana Lima")
    phone.added("Ben Okafor")
    both_synced(laptop, phone)
    assert laptop.stored_people() == phone.stored_people()
    assert sorted(laptop.stored_people().values()) == ["Ana Lima", "Ben Okafor"]


def test_an_edit_made_offline_comes_in_at_the_next_sync_and_the_later_edit_wins() -> None:
    laptop, phone = Shell("laptop1", "Laptop"), Shell("phone1", "Phone")
    ana = laptop.added("Ana Lima")
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
    assert laptop.stored_people() == phone.stored_people() == {ana: "Ana Lima Souza"}


def test_a_deletion_on_one_device_reaches_the_other() -> None:
    laptop, phone = Shell("laptop1", "Laptop"), Shell("phone1", "Phone")
    ana = laptop.added("Ana Lima")
    laptop.added("Ben Okafor")
    both_synced(laptop, phone)
    phone.send({"type": "delete_contact", "fields": {"id": ana, "confirm": "yes"}},
               at="13:00:00")
    assert ana not in phone.stored_people()
    phone.sync(at="13:05:00")
    carry(phone, laptop)
    answer = laptop.sync(at="13:06:00")
    assert laptop.stored_people() == phone.stored_people()
    assert ana not in laptop.stored_people()
    assert "came in from Phone" in answer["notice"]


def test_a_half_copied_file_is_refused_whole_and_read_once_it_is_complete() -> None:
    laptop, phone = Shell("laptop1", "Laptop"), Shell("phone1", "Phone")
    for name in ("Ana Lima", "Ben Okafor", "Cy Tan"):
        laptop.added(name)
    laptop.sync()
    whole = laptop.folder[file_name("laptop1")]
    phone.folder[file_name("laptop1")] = whole[: len(whole) // 2]
    answer = phone.sync()
    assert phone.stored_people() == {}
    assert answer["writes"] == []
    assert answer["sync"]["retry"] is True
    assert "copying" in answer["sync"]["devices"][0]["refused"]
    carry(laptop, phone)
    phone.sync()
    assert phone.stored_people() == laptop.stored_people()


def test_a_file_that_parses_but_was_changed_after_writing_is_refused() -> None:
    laptop = Shell("laptop1", "Laptop")
    laptop.added("Ana Lima")
    laptop.sync()
    text = laptop.folder[file_name("laptop1")].replace("Ana Lima", "Mallory")
    with pytest.raises(DeviceFileError, match="digest"):
        read_device_file(text)


def test_a_sync_that_changed_nothing_writes_no_file() -> None:
    laptop = Shell("laptop1", "Laptop")
    laptop.added("Ana Lima")
    first = laptop.sync(at="12:00:00")
    again = laptop.sync(at="12:05:00")
    assert file_name("laptop1") in [w["name"] for w in first["sync"]["writes"]]
    assert [w for w in again["sync"]["writes"] if not w["folder"]] == []


def test_a_device_never_reads_its_own_file_back_and_ignores_other_files() -> None:
    laptop = Shell("laptop1", "Laptop")
    laptop.added("Ana Lima")
    laptop.sync()
    laptop.folder["notes.txt"] = "not Tend's"
    answer = laptop.sync()
    assert answer["sync"]["devices"] == []
    assert answer["writes"] == []


def test_a_sync_is_not_the_change_undo_takes_back() -> None:
    laptop, phone = Shell("laptop1", "Laptop"), Shell("phone1", "Phone")
    laptop.added("Ana Lima")
    phone.added("Ben Okafor")
    laptop.sync()
    carry(laptop, phone)
    answer = phone.sync()
    assert answer["undo"].startswith("Undo")
    assert "Ben Okafor" in answer["undo"] or "Added" in answer["undo"]


def test_the_device_list_on_your_data_names_each_device_and_what_came_in() -> None:
    laptop, phone = Shell("laptop1", "Laptop"), Shell("phone1", "Phone")
    laptop.added("Ana Lima")
    laptop.added("Ben Okafor")
    laptop.sync()
    carry(laptop, phone)
    phone.sync()
    html = phone.send({"type": "navigate", "route": "#/data"})["html"]
    assert "Laptop" in html
    # Ana, Ben and the settings, which keep the first day Tend took turns with them.
    assert "Laptop</strong>: last wrote to the folder today; 3 changes came in." in html


def test_a_device_with_nothing_new_to_send_is_listed_by_the_day_it_last_wrote() -> None:
    """A sync that changed nothing writes nothing, so the others can tell only when a
    device last wrote to the folder, not when it last synced: the list says so."""
    laptop, phone = Shell("laptop1", "Laptop"), Shell("phone1", "Phone")
    laptop.added("Ana Lima")
    laptop.sync(today="2026-11-25")
    writes = laptop.sync(today="2026-11-28")["sync"]["writes"]
    assert [w["folder"] for w in writes] == ["Tend backups"]  # the day's backup only
    carry(laptop, phone)
    phone.sync(today="2026-11-28")
    html = phone.send({"type": "navigate", "route": "#/data"}, today="2026-11-28")["html"]
    assert "Laptop</strong>: last wrote to the folder on 25 Nov 2026; 1 change came in." in html
    assert "last synced" not in html


@needs_cryptography
def test_a_sealed_folder_holds_no_plain_text_and_still_syncs() -> None:
    laptop = Shell("laptop1", "Laptop", passphrase="correct horse battery")
    phone = Shell("phone1", "Phone", passphrase="correct horse battery")
    laptop.added("Ana Lima")
    laptop.sync()
    carry(laptop, phone)
    phone.sync()
    files = [laptop.folder[file_name("laptop1")], *laptop.folder["Tend backups"].values()]
    assert all("Ana" not in text and "tend-sealed-backup" in text for text in files)
    assert list(phone.stored_people().values()) == ["Ana Lima"]


@needs_cryptography
def test_a_sealed_file_without_the_passphrase_is_left_unread() -> None:
    laptop = Shell("laptop1", "Laptop", passphrase="correct horse battery")
    phone = Shell("phone1", "Phone")
    laptop.added("Ana Lima")
    laptop.sync()
    carry(laptop, phone)
    answer = phone.sync()
    assert phone.stored_people() == {}
    assert "passphrase" in answer["sync"]["devices"][0]["refused"]


def test_the_rolling_backup_is_made_once_a_day_and_keeps_the_last_seven() -> None:
    week = [f"tend-backup-2026-11-{day:02}.json" for day in range(17, 25)]
    name, old = rolling_backups(week, date(2026, 11, 25), sealed=False)
    assert name == "tend-backup-2026-11-25.json"
    assert len(week) - len(old) + 1 == KEEP_BACKUPS
    assert old == week[:2]
    assert rolling_backups([*week[2:], name], date(2026, 11, 25), sealed=False) == ("", [])


def test_a_device_file_says_who_wrote_it_and_reads_back_whole() -> None:
    storage = Shell("x", "X")
    storage.added("Ana Lima")
    backup = backup_of(storage.storage, storage.app.network.settings.updated_at)
    text, digest = dump_device_file(Device("laptop1", "Laptop"), backup,
                                    storage.app.network.settings.updated_at)
    read = read_device_file(text)
    assert (read.device, read.digest, read.backup.records) == (
        Device("laptop1", "Laptop"), digest, backup.records)
    assert is_device_file(file_name("laptop1"))


def test_a_sync_from_a_device_with_a_damaged_id_writes_nothing_and_says_so() -> None:
    laptop = Shell("laptop1", "Laptop")
    laptop.added("Ana Lima")
    answer = laptop.send({"type": "sync_folder", "fields": {"device_id": "../x"}})
    assert answer["writes"] == [] and answer["sync"] is None
    assert "Nothing was synced" in answer["notice"]


def test_the_folders_rolling_backup_counts_as_a_backup_on_today_and_your_data() -> None:
    laptop = Shell("laptop1", "Laptop")
    for name in ("Ana Lima", "Ben Okafor", "Cy Tan", "Di Park", "Ed Moss"):
        laptop.added(name)
    assert "You have never saved a backup" in laptop.open("#/today")["html"]
    laptop.sync()
    assert "You have never saved a backup" not in laptop.open("#/today")["html"]
    data = laptop.open("#/data")["html"]
    assert "Last backup: 25 Nov 2026, kept in your sync folder." in data
    assert "You have never saved a backup" not in data
    # A week on, the same session's folder still keeps that day's backup and no newer one
    # (the folder was given up): the line comes back on the user's rhythm.
    later = laptop.open("#/data", today="2027-01-10")["html"]
    assert "Your last backup is 46 days old." in later


def test_the_newest_rolling_backup_is_read_from_the_names_in_the_folder() -> None:
    names = ["tend-backup-2026-11-24.json", "tend-backup-2026-11-25-sealed.json", "notes.txt",
             "tend-backup-garbled.json"]
    assert newest_backup_day(names) == date(2026, 11, 25)
    assert newest_backup_day(["notes.txt"]) is None
