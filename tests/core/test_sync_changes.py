"""After one edit a device writes only what changed since its full file, and a reader
merges that only together with the full file it was made against."""

from __future__ import annotations

from core.formats.device_file import changes_name, file_name, read_device_file

from .factories import TODAY
from .helpers import Shell, carry

NEXT_DAY = TODAY.replace(day=TODAY.day + 1).isoformat()


def laptop_with_people(count: int = 30) -> tuple[Shell, list[str]]:
    laptop = Shell("laptop1", "Laptop")
    ids = [laptop.added(f"Person {n}") for n in range(count)]
    return laptop, ids


def edit(device: Shell, contact_id: str, company: str, at: str = "11:00:00",
         today: str = TODAY.isoformat()) -> None:
    fields = {"id": contact_id, "name": device.stored_people()[contact_id], "company": company}
    device.send({"type": "edit_contact", "fields": fields}, today=today, at=at)


def test_after_one_edit_a_device_writes_only_the_record_that_changed() -> None:
    laptop, ids = laptop_with_people()
    phone = Shell("phone1", "Phone")
    laptop.sync(at="10:30:00")
    full = laptop.folder[file_name("laptop1")]
    edit(laptop, ids[3], "Acme")
    written = laptop.sync()["sync"]["writes"]
    assert [w["name"] for w in written if not w["folder"]] == [changes_name("laptop1")]
    changes = read_device_file(laptop.folder[changes_name("laptop1")])
    assert list(changes.backup.records) == [f"tend/v3/contact/{ids[3]}"]
    assert changes.base == read_device_file(full).digest
    assert laptop.folder[file_name("laptop1")] == full  # the full file is left as it was
    assert [w for w in laptop.sync(at="12:30:00")["sync"]["writes"] if not w["folder"]] == []
    carry(laptop, phone)
    phone.sync()
    assert phone.storage == {k: v for k, v in laptop.storage.items() if k in phone.storage}
    assert '"company":"Acme"' in phone.storage[f"tend/v4/c/{ids[3]}"]


def test_changes_made_against_a_full_file_still_on_its_way_wait_for_it() -> None:
    laptop, ids = laptop_with_people()
    phone = Shell("phone1", "Phone")
    laptop.sync(at="10:30:00")
    carry(laptop, phone)
    phone.sync(at="10:31:00")
    # The next day the laptop writes a new full file, then changes against it.
    edit(laptop, ids[1], "Acme", today=NEXT_DAY)
    laptop.sync(today=NEXT_DAY, at="11:00:00")
    edit(laptop, ids[2], "Birch", today=NEXT_DAY, at="11:10:00")
    laptop.sync(today=NEXT_DAY, at="11:15:00")
    # The sync client has copied the small changes file, not yet the new full file.
    phone.folder[changes_name("laptop1")] = laptop.folder[changes_name("laptop1")]
    answer = phone.sync(today=NEXT_DAY, at="11:16:00")
    assert "Birch" not in phone.storage[f"tend/v4/c/{ids[2]}"]
    assert answer["sync"]["retry"] is True
    carry(laptop, phone)
    phone.sync(today=NEXT_DAY, at="11:20:00")
    assert "Acme" in phone.storage[f"tend/v4/c/{ids[1]}"]
    assert "Birch" in phone.storage[f"tend/v4/c/{ids[2]}"]


def test_a_half_copied_changes_file_merges_nothing_of_itself_and_is_read_at_the_retry() -> None:
    laptop, ids = laptop_with_people()
    phone = Shell("phone1", "Phone")
    laptop.sync(at="10:30:00")
    edit(laptop, ids[0], "Acme")
    laptop.sync()
    carry(laptop, phone)
    whole = phone.folder[changes_name("laptop1")]
    phone.folder[changes_name("laptop1")] = whole[: len(whole) // 2]
    answer = phone.sync(at="12:01:00")
    assert answer["sync"]["retry"] is True
    assert len(phone.stored_people()) == len(ids)  # the full file came in whole
    assert "Acme" not in phone.storage[f"tend/v4/c/{ids[0]}"]
    phone.folder[changes_name("laptop1")] = whole
    phone.sync(at="12:02:00")
    assert "Acme" in phone.storage[f"tend/v4/c/{ids[0]}"]


def test_many_changes_write_the_full_file_again() -> None:
    laptop, ids = laptop_with_people()
    laptop.sync(at="10:30:00")
    for n, contact_id in enumerate(ids):
        edit(laptop, contact_id, f"Company {n}", at=f"11:{n:02}:30")
    written = laptop.sync()["sync"]["writes"]
    assert [w["name"] for w in written if not w["folder"]] == [file_name("laptop1")]
