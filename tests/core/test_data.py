"""Backups from the app: save everything, merge it back anywhere, refuse bad files clearly."""

from __future__ import annotations

import json

import pytest

from core.formats.sealing import sealed_form

from .factories import TODAY
from .helpers import Shell, needs_cryptography


def test_a_backup_saved_on_one_device_restores_everything_on_another() -> None:
    laptop, phone = Shell(None), Shell(None)
    laptop.submit("add_contact", name="Ana", layer="inner")
    laptop.submit("log_interaction", contact_id=next(iter(laptop.app.network.contacts)),
                on="2026-11-01", note="Coffee")
    saved = laptop.submit("export_data")
    assert saved["download"]["name"] == "tend-backup-2026-11-25.json"
    answer = phone.submit("import_data", file=saved["download"]["text"])
    assert phone.people() == ["Ana"]
    assert len(phone.app.network.interactions) == 1
    assert "Imported: 3 new" in answer["notice"]


def test_merging_two_devices_keeps_both_and_the_later_edit_wins() -> None:
    laptop, phone = Shell(None), Shell(None)
    laptop.submit("add_contact", name="Ana")
    phone.submit("import_data", file=laptop.submit("export_data")["download"]["text"])
    ana = next(iter(phone.app.network.contacts))
    phone.submit("edit_contact", today="2026-11-26", id=ana, name="Ana Lima", layer="close")
    laptop.submit("add_contact", name="Ben")
    laptop.submit("import_data", file=phone.submit("export_data")["download"]["text"])
    assert laptop.people() == ["Ana Lima", "Ben"]


def test_a_damaged_file_is_refused_with_the_reason_and_nothing_changes() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    before = dict(device.storage)
    answer = device.submit("import_data", file='{"format": "tend-backup", "version": 1,')
    assert answer["writes"] == []
    assert answer["notice"].startswith("Nothing was imported: ")
    assert device.storage == before


def test_a_file_from_a_newer_tend_is_refused_clearly() -> None:
    device = Shell(None)
    newer = json.dumps({"format": "tend-backup", "version": 99,
                        "exported_at": "2026-11-25T10:00:00Z", "records": {}})
    answer = device.submit("import_data", file=newer)
    assert "newer version of Tend" in answer["notice"]


@needs_cryptography
def test_a_sealed_backup_opens_on_another_device_with_its_passphrase_only() -> None:
    laptop, phone = Shell(None), Shell(None)
    laptop.submit("add_contact", name="Ana")
    saved = laptop.submit("export_data", passphrase="correct horse",
                        passphrase_again="correct horse")["download"]
    assert saved["name"] == "tend-backup-2026-11-25-sealed.json"
    assert sealed_form(saved["text"]) is not None and "records" not in saved["text"]
    refused = phone.submit("import_data", file=saved["text"], passphrase="wrong horse")
    assert "does not open this backup" in refused["notice"] and phone.people() == []
    missing = phone.submit("import_data", file=saved["text"])
    assert "sealed with a passphrase" in missing["notice"] and phone.people() == []
    phone.submit("import_data", file=saved["text"], passphrase="correct horse")
    assert phone.people() == ["Ana"]


@pytest.mark.parametrize(
    ("first", "again", "message"),
    [("short", "short", "at least 8 characters"),
     ("correct horse", "correct horses", "the two passphrases differ"),
     ("", "correct horse", "at least 8 characters")],
)
def test_a_passphrase_that_will_not_do_saves_nothing_and_is_not_shown_again(
    first: str, again: str, message: str
) -> None:
    device = Shell(None)
    answer = device.submit("export_data", passphrase=first, passphrase_again=again)
    assert answer["download"] is None and answer["writes"] == []
    assert message in answer["html"] and 'aria-invalid="true"' in answer["html"]
    assert "horse" not in answer["html"]


@needs_cryptography
def test_a_damaged_sealed_file_is_refused_with_the_reason() -> None:
    device = Shell(None)
    saved = device.submit("export_data", passphrase="correct horse",
                        passphrase_again="correct horse")["download"]["text"]
    damaged = saved.replace('"iv": "', '"iv": "!')
    answer = device.submit("import_data", file=damaged, passphrase="correct horse")
    assert answer["notice"].startswith("Nothing was imported: the sealed backup is damaged (iv:")


def test_a_backup_the_browser_could_not_seal_is_not_counted_as_saved() -> None:
    device = Shell(None)
    answer = device.submit("export_data", passphrase="correct horse",
                         passphrase_again="correct horse", seal_failed="crypto.subtle is undefined")
    assert answer["writes"] == [] and answer["download"] is None
    assert "Nothing was saved: this browser could not seal the file" in answer["notice"]
    assert device.app.network.settings.last_backup_on is None


def test_saving_a_backup_remembers_when_and_the_data_page_says_so() -> None:
    device = Shell(None)
    page = device.submit("export_data")
    assert "Last backup: 25 Nov 2026." in page["html"]
    later = device.open("#/data", today="2027-01-10")
    assert "Your last backup is 46 days old." in later["html"]


def test_a_new_user_meets_save_a_backup_before_the_sync_folder() -> None:
    html = Shell(None).open("#/data")["html"]
    assert "You have never saved a backup." in html
    assert html.index("Save a backup</h2>") < html.index("Your other devices</h2>")


def test_the_data_page_measures_what_is_stored() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    html = device.open("#/data")["html"]
    assert "gives this address about 5.2 million characters. Tend uses under 1%." in html
    assert "Tend keeps 1 record here" in html
    for _ in range(3):
        device.app.stored.stored[f"tend/v4/filler/{_}"] = "x" * 1_000_000  # type: ignore[index]
    assert "Tend uses 57%." in device.open("#/data")["html"]


def test_undo_puts_back_a_person_who_was_let_go() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    ana = next(iter(device.app.network.contacts))
    gone = device.submit("set_archived", id=ana, archived="yes")
    assert gone["undo"] == "Undo"
    assert device.app.network.contacts[ana].archived
    back = device.send_undo()
    assert back["notice"] == "Undone: Let Ana go."
    assert not device.app.network.contacts[ana].archived
    assert back["undo"] == "Undo: Added Ana"


def test_undoing_an_addition_leaves_a_tombstone_so_merges_do_not_revive_it() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    [key] = [k for k in device.storage if k.startswith("tend/v4/c/")]
    device.send_undo()
    assert device.app.network.contacts == {}
    assert '"deleted_at"' in device.storage[key]


def test_undo_stays_offered_on_other_pages_and_names_the_change_it_takes_back() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    elsewhere = device.open("#/health")
    assert elsewhere["undo"] == "Undo: Added Ana"
    assert device.open("#/today")["undo"] == "Undo: Added Ana"
    assert device.send_undo()["notice"] == "Undone: Added Ana."
    assert device.app.network.contacts == {}
    assert device.open("#/people")["undo"] == ""
    assert device.send_undo()["notice"] == "There is nothing to undo."


def test_the_undo_button_names_a_person_with_a_title_or_an_initial_in_full() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Dr. Jane Q. Doe")
    assert device.open("#/today")["undo"] == "Undo: Added Dr. Jane Q. Doe"


def test_the_undo_button_names_a_change_by_the_first_clause_of_its_notice() -> None:
    device = Shell(None)
    device.submit("start", name_1="Mum", circle_1="family")
    device.submit("save_pitch", one_liner="I build data platforms")
    assert device.open("#/today")["undo"] == "Undo: Your pitch is saved"
    device.send_undo()
    assert device.open("#/today")["undo"] == "Undo: Welcome to Tend: 1 person added"


def test_several_changes_are_undone_one_at_a_time_newest_first() -> None:
    device = Shell(None)
    for name in ("Ana", "Ben", "Cy"):
        device.submit("add_contact", name=name)
    device.open("#/today")
    device.send_undo()
    assert device.people() == ["Ana", "Ben"]
    device.open("#/people")
    device.send_undo()
    assert device.people() == ["Ana"]


def test_undo_reaches_back_ten_changes_and_no_further() -> None:
    device = Shell(None)
    for n in range(12):
        device.submit("add_contact", name=f"Person {n:02d}")
    undone = [device.send_undo()["notice"] for _ in range(11)]
    assert undone[:10] == [f"Undone: Added Person {n:02d}." for n in range(11, 1, -1)]
    assert undone[10] == "There is nothing to undo."
    assert device.people() == ["Person 00", "Person 01"]


def test_the_first_run_ends_on_a_today_with_something_to_do() -> None:
    device = Shell(None)
    answer = device.submit("start", one_liner="I build data platforms", targets="mentors",
                         name_1="Mum", circle_1="family", last_1="month",
                         name_2="Sam", circle_2="friend", last_2="unknown")
    assert answer["route"] == "#/today"
    assert "2 people added" in answer["notice"]
    assert "Mum" in answer["html"]  # family, last spoke ~20 days ago: past 14 days
    assert device.app.network.pitch.one_liner == "I build data platforms"
    assert [t.name for t in device.app.network.targets.values()] == ["Mentors"]


def test_an_empty_first_run_asks_for_someone_or_a_skip() -> None:
    answer = Shell(None).submit("start")
    assert answer["writes"] == []
    assert "Add at least one person, or skip this start." in answer["html"]


def test_a_bulk_change_moves_everyone_ticked_and_one_undo_takes_it_back() -> None:
    device = Shell(None)
    for name in ("Ana", "Ben", "Cy"):
        device.submit("add_contact", name=name)
    ids = sorted(device.app.network.contacts, key=lambda i: device.app.network.contacts[i].name)
    answer = device.send({"type": "bulk", "fields": {
        "ids": ids[:2], "do": "layer", "layer": "close"}}, TODAY.isoformat())
    assert "Changed 2 people." in answer["notice"]
    layers = {c.name: c.layer.value for c in device.app.network.contacts.values()}
    assert layers == {"Ana": "close", "Ben": "close", "Cy": "active"}
    device.send_undo()
    assert {c.layer.value for c in device.app.network.contacts.values()} == {"active"}


def test_a_bulk_let_go_archives_and_nothing_is_deleted() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    [ana] = device.app.network.contacts
    device.send({"type": "bulk", "fields": {"ids": [ana], "do": "let_go"}}, "2026-11-25")
    assert device.app.network.contacts[ana].archived
    assert device.app.network.people == []


def test_a_bulk_change_with_nobody_ticked_says_so() -> None:
    answer = Shell(None).send({"type": "bulk", "fields": {"do": "weak"}}, "2026-11-25")
    assert answer["notice"] == "Tick the people to change first."
    assert answer["writes"] == []


def test_today_asks_for_a_backup_once_the_network_is_worth_keeping() -> None:
    device = Shell(None)
    for name in ("Ana", "Ben", "Cy", "Di"):
        device.submit("add_contact", name=name)
    assert "backup" not in device.open("#/today")["html"]
    device.submit("add_contact", name="Ed")
    assert "You have never saved a backup of your network." in device.open("#/today")["html"]
    device.submit("export_data")
    assert "backup" not in device.open("#/today")["html"]
    device.submit("add_contact", today="2026-12-01", name="Flo")
    assert "Your last backup is 31 days old." in device.open("#/today", today="2026-12-26")["html"]


def test_a_browser_that_cannot_open_sealed_files_says_so_and_imports_nothing() -> None:
    phone = Shell(None)
    envelope = {"format": "tend-sealed-backup", "version": 1, "kdf": "PBKDF2-HMAC-SHA256",
                "iterations": 600000, "cipher": "AES-256-GCM", "salt": "A" * 22 + "==",
                "iv": "A" * 16, "ciphertext": "AAAA"}
    answer = phone.submit("import_data", file=json.dumps(envelope), passphrase="correct horse",
                        unsealed="failed", unseal_failed="crypto.subtle is undefined")
    assert answer["writes"] == [] and phone.people() == []
    assert "could not open sealed files (crypto.subtle is undefined)" in answer["notice"]
