"""A backup carries every record between devices, and merging two loses nothing."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.formats.backup import (
    Backup,
    BackupError,
    dump_backup,
    entries_of,
    export_backup,
    merge,
    read_backup,
)
from core.model import (
    AgendaDecision,
    Contact,
    DateKind,
    Favour,
    FavourDirection,
    ImportantDate,
    Interaction,
    Record,
    Settings,
    TargetNetwork,
)
from core.storage.codec import encode, key_for
from core.storage.loading import load_network

from .factories import NOW, contact, interaction

LAPTOP_EDIT = NOW - timedelta(hours=2)
PHONE_EDIT = NOW - timedelta(hours=1)


def stored(*records: Record) -> dict[str, str]:
    return {key_for(r): encode(r) for r in records}


def backup(*records: Record, at: datetime = NOW) -> Backup:
    return Backup(at, {key_for(r): r for r in records})


def edited(record: Contact, at: datetime, **changes: object) -> Contact:
    return record.model_copy(update={"updated_at": at, **changes})


def deleted(record: Contact, at: datetime) -> Contact:
    return edited(record, at, deleted_at=at)


# Export and read


def test_a_backup_holds_every_kind_of_record_the_app_stores() -> None:
    records: list[Record] = [
        contact("Ana"),
        interaction("ana", date(2026, 5, 1), note="PyCon Lisbon"),
        Favour(id="f1", contact_id="ana", direction=FavourDirection.GIVEN, what="Intro",
               on=date(2026, 6, 1), updated_at=NOW),
        ImportantDate(id="d1", contact_id="ana", kind=DateKind.BIRTHDAY, month=3, day=14,
                      updated_at=NOW),
        TargetNetwork(id="t1", name="Investors", updated_at=NOW),
        Settings(id="settings", prune_after_days=200, updated_at=NOW),
        AgendaDecision(id="cadence-1", skipped=True, updated_at=NOW),
    ]
    text = export_backup(stored(*records), NOW)
    assert entries_of(read_backup(text)) == stored(*records)
    assert set(json.loads(text)["records"]) == {key_for(r) for r in records}


def test_a_deletion_travels_in_the_backup_as_a_tombstone() -> None:
    gone = deleted(contact("Ben"), PHONE_EDIT)
    text = export_backup(stored(gone), NOW)
    tombstone = json.loads(text)["records"]["tend/v3/contact/ben"]
    assert tombstone["deleted_at"] == "2026-11-25T08:30:00Z"
    assert read_backup(text).records["tend/v3/contact/ben"].is_deleted


def test_the_backup_names_its_format_version_and_time() -> None:
    data = json.loads(export_backup({}, NOW))
    assert data == {"format": "tend-backup", "version": 3,
                    "exported_at": "2026-11-25T09:30:00Z", "records": {}}


def test_the_same_records_always_give_the_same_bytes() -> None:
    entries = stored(contact("Cy"), contact("Ana"), interaction("ana", date(2026, 5, 1)))
    shuffled = dict(reversed(list(entries.items())))
    assert export_backup(entries, NOW) == export_backup(shuffled, NOW)
    assert export_backup(entries, NOW).index('"tend/v3/contact/ana"') < export_backup(
        entries, NOW).index('"tend/v3/contact/cy"')


def test_keys_of_other_apps_and_other_layouts_stay_out_of_a_backup() -> None:
    entries = {**stored(contact("Ana")), "theme": "dark", "tend/v4/contact/zed": "{}"}
    assert set(json.loads(export_backup(entries, NOW))["records"]) == {"tend/v3/contact/ana"}


def test_a_damaged_stored_record_travels_verbatim_and_is_written_back_as_it_was() -> None:
    entries = {**stored(contact("Ana")), "tend/v3/contact/ben": '{"name":"Be'}
    text = export_backup(entries, NOW)
    assert json.loads(text)["damaged"] == {"tend/v3/contact/ben": '{"name":"Be'}
    assert entries_of(read_backup(text)) == entries


def test_a_restored_backup_loads_into_the_network_the_app_shows() -> None:
    ana, ben = contact("Ana"), deleted(contact("Ben"), NOW)
    loaded = load_network(entries_of(read_backup(export_backup(stored(ana, ben), NOW))))
    assert list(loaded.network.contacts) == ["ana"]
    assert not loaded.problems


# What a user can get wrong, each with a message for them


def valid_text() -> str:
    return export_backup(stored(contact("Ana")), NOW)


def version_1_text() -> str:
    """A backup as Tend 1 wrote it: ``tend/v1/`` keys, values repeating id and schema."""
    data = json.loads(valid_text())
    record = data["records"].pop("tend/v3/contact/ana")
    data["records"]["tend/v1/contact/ana"] = {**record, "id": "ana", "schema": 1}
    return json.dumps({**data, "version": 1}, indent=2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ('{\n  "format": "tend-backup",\n  "version" 1\n}',
         r"^line 3, column 13: .*not valid JSON"),
        ("[1, 2]", "not a Tend backup"),
        ('{"format": "vcard"}', "not a Tend backup"),
        ('{"format": "tend-backup", "version": 1}', "exported_at: Field required"),
        ('{"format": "tend-backup", "version": "1"}', "version: Input should be a valid integer"),
        ("[" * 100_000, "nested too deeply"),
        ("1" * 5_000, "^line 1, column 4302: number out of range"),
    ],
    ids=["empty", "not-json", "a-list", "another-format", "missing-fields", "version-as-text",
         "deep", "huge-number"],
)
def test_a_file_that_is_not_a_backup_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(BackupError, match=message):
        read_backup(text)


def test_a_backup_from_a_newer_version_is_refused_with_a_clear_message() -> None:
    newer = json.dumps({"format": "tend-backup", "version": 4, "people": []})
    with pytest.raises(BackupError, match="made by a newer version of Tend"):
        read_backup(newer)


def test_a_record_of_a_newer_layout_is_refused_with_a_clear_message() -> None:
    text = valid_text().replace("tend/v3/contact/ana", "tend/v5/contact/ana")
    with pytest.raises(BackupError, match=r"^record tend/v5/contact/ana: .*newer version of Tend"):
        read_backup(text)


def test_a_record_that_fails_validation_names_its_key_and_field() -> None:
    text = valid_text().replace('"name": "Ana"', '"name": "  "')
    with pytest.raises(BackupError, match=r"^record tend/v3/contact/ana: name: String should"):
        read_backup(text)


def test_a_record_that_names_another_id_than_its_key_is_refused() -> None:
    text = valid_text().replace('"name": "Ana"', '"name": "Ana", "id": "anna"')
    with pytest.raises(BackupError, match="names the id 'anna', which does not match the key"):
        read_backup(text)


def test_a_version_1_record_filed_under_another_id_is_refused() -> None:
    text = version_1_text().replace('"id": "ana"', '"id": "anna"')
    with pytest.raises(BackupError, match=r"^record tend/v1/contact/ana: it names the id 'anna'"):
        read_backup(text)


def test_a_version_1_backup_is_read_with_its_records_migrated() -> None:
    backup = read_backup(version_1_text())
    assert backup.records == {"tend/v3/contact/ana": contact("Ana")}
    assert json.loads(dump_backup(backup))["version"] == 3


def test_a_version_2_backup_is_read_with_one_group_and_the_work_line_kept() -> None:
    """A backup as Tend wrote it before a person could be in several groups."""
    data = json.loads(valid_text())
    record = data["records"].pop("tend/v3/contact/ana")
    data["records"]["tend/v2/contact/ana"] = {**record, "group": "Work / Acme",
                                              "work": "Data lead · Acme"}
    backup = read_backup(json.dumps({**data, "version": 2}))
    ana = backup.records["tend/v3/contact/ana"]
    assert isinstance(ana, Contact)
    assert (ana.groups, ana.title, ana.company, ana.work) == (
        ("Work / Acme",), "Data lead", "Acme", "Data lead · Acme")


def test_a_record_stored_in_both_layouts_keeps_the_later_write() -> None:
    data = json.loads(version_1_text())
    newer = {**data["records"]["tend/v1/contact/ana"], "updated_at": "2026-11-26T00:00:00Z"}
    del newer["id"], newer["schema"]
    data["records"]["tend/v3/contact/ana"] = newer
    backup = read_backup(json.dumps(data))
    assert backup.records["tend/v3/contact/ana"].updated_at == NOW + timedelta(hours=14, minutes=30)


def test_a_record_of_a_kind_this_version_does_not_know_is_refused() -> None:
    text = valid_text().replace("tend/v3/contact/ana", "tend/v3/meeting/ana")
    with pytest.raises(BackupError, match="does not know 'meeting' records"):
        read_backup(text)


@pytest.mark.parametrize("key", ["contacts/ana", "tend/vx/contact/ana", "tend/v3/contact/a/b"])
def test_a_record_under_a_key_tend_does_not_use_is_refused(key: str) -> None:
    with pytest.raises(BackupError, match=f"^record {key}: not a key Tend stores"):
        read_backup(valid_text().replace("tend/v3/contact/ana", key))


def test_bytes_that_are_not_text_are_refused() -> None:
    with pytest.raises(BackupError, match="not UTF-8 text"):
        read_backup(b"\xff\xfe{}")


def test_a_backup_saved_with_a_byte_order_mark_is_read() -> None:
    assert read_backup(b"\xef\xbb\xbf" + valid_text().encode()).records


def test_an_entry_both_readable_and_damaged_is_refused() -> None:
    data = json.loads(valid_text())
    data["damaged"] = {"tend/v3/contact/ana": "{"}
    with pytest.raises(BackupError, match="both as readable and as damaged"):
        read_backup(json.dumps(data))


# Merging two devices


def test_a_deletion_on_the_phone_after_an_edit_on_the_laptop_wins() -> None:
    ana = contact("Ana")
    laptop = backup(edited(ana, LAPTOP_EDIT, how_met="PyCon"))
    phone = backup(deleted(ana, PHONE_EDIT))
    assert merge(laptop, phone).records["tend/v3/contact/ana"].is_deleted


def test_an_edit_on_the_laptop_after_a_deletion_on_the_phone_brings_the_person_back() -> None:
    ana = contact("Ana")
    laptop = backup(edited(ana, PHONE_EDIT, how_met="PyCon"))
    phone = backup(deleted(ana, LAPTOP_EDIT))
    merged = merge(laptop, phone).records["tend/v3/contact/ana"]
    assert not merged.is_deleted
    assert isinstance(merged, Contact) and merged.how_met == "PyCon"


def test_records_only_one_device_has_are_all_kept() -> None:
    laptop = backup(contact("Ana"), interaction("ana", date(2026, 5, 1)))
    phone = backup(contact("Ben"))
    assert set(merge(laptop, phone).records) == {
        "tend/v3/contact/ana", "tend/v3/contact/ben", "tend/v3/interaction/ana-2026-05-01"}


def test_edits_at_the_same_moment_are_settled_the_same_way_whichever_file_comes_first() -> None:
    ana = contact("Ana")
    laptop = backup(edited(ana, NOW, groups=("Work",)))
    phone = backup(edited(ana, NOW, groups=("PyCon",)))
    assert dump_backup(merge(laptop, phone)) == dump_backup(merge(phone, laptop))


def test_the_same_moment_in_another_time_zone_is_not_later() -> None:
    ana = contact("Ana")
    in_lisbon = edited(ana, NOW, groups=("Lisbon",))
    in_berlin = edited(ana, NOW.astimezone(timezone(timedelta(hours=1))), groups=("Berlin",))
    later = edited(ana, NOW + timedelta(minutes=1), groups=("Later",))
    assert merge(backup(later), backup(in_berlin)).records[key_for(ana)] == later
    assert merge(backup(in_lisbon), backup(later)).records[key_for(ana)] == later


def test_a_record_written_without_a_time_zone_is_refused() -> None:
    stored_form = json.loads(encode(contact("Ana")))
    stored_form["updated_at"] = "2026-11-25T10:00:00"
    text = json.dumps({"format": "tend-backup", "version": 1,
                       "exported_at": "2026-11-25T10:00:00Z",
                       "records": {"tend/v3/contact/ana": stored_form}})
    with pytest.raises(BackupError, match="record tend/v3/contact/ana"):
        read_backup(text)


def test_a_readable_record_replaces_a_damaged_copy_when_merging() -> None:
    ana = contact("Ana")
    broken = Backup(NOW, {}, {key_for(ana): '{"id":"an'})
    merged = merge(broken, backup(ana))
    assert entries_of(merged) == stored(ana)


def test_the_merged_backup_is_dated_by_the_later_export() -> None:
    assert merge(backup(at=LAPTOP_EDIT), backup(at=PHONE_EDIT)).exported_at == PHONE_EDIT


# Properties


MOMENTS = st.sampled_from([
    datetime(2026, 11, 1, 9, tzinfo=UTC),
    datetime(2026, 11, 2, 9, tzinfo=UTC),
    datetime(2026, 11, 2, 10, tzinfo=timezone(timedelta(hours=1))),  # the same instant
    datetime(2026, 11, 3, 9, tzinfo=UTC),
])
IDS = st.sampled_from(["ana", "ben", "cy"])


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    at = draw(MOMENTS)
    return Contact(id=draw(IDS), name=draw(st.sampled_from(["Ana", "Ana Lima", "Ben"])),
                   groups=draw(st.sampled_from([(), ("Work",)])), added_on=date(2026, 1, 5),
                   updated_at=at, deleted_at=at if draw(st.booleans()) else None)


@st.composite
def interactions(draw: st.DrawFn) -> Interaction:
    return Interaction(id=draw(IDS), contact_id=draw(IDS), on=date(2026, 5, 1),
                       note=draw(st.sampled_from(["", "Talked about Rust"])),
                       updated_at=draw(MOMENTS))


settings = st.builds(lambda at, days: Settings(id="settings", updated_at=at, prune_after_days=days),
                     MOMENTS, st.sampled_from([90, 180]))
records = st.one_of(contacts(), interactions(), settings)


@st.composite
def backups(draw: st.DrawFn) -> Backup:
    by_key = {key_for(r): r for r in draw(st.lists(records, max_size=8))}
    damaged = draw(st.dictionaries(st.sampled_from(["tend/v3/contact/ana", "tend/v3/date/x"]),
                                   st.sampled_from(["{", '{"id":"x"}']), max_size=2))
    return Backup(draw(MOMENTS), by_key, {k: v for k, v in damaged.items() if k not in by_key})


def same(a: Backup, b: Backup) -> bool:
    return dump_backup(a) == dump_backup(b)


@given(backups(), backups())
def test_merge_is_commutative(a: Backup, b: Backup) -> None:
    assert same(merge(a, b), merge(b, a))


@given(backups(), backups(), backups())
def test_merge_is_associative(a: Backup, b: Backup, c: Backup) -> None:
    assert same(merge(merge(a, b), c), merge(a, merge(b, c)))


@given(backups())
def test_merge_is_idempotent(a: Backup) -> None:
    assert same(merge(a, a), a)


@given(backups(), backups())
def test_a_merge_keeps_every_record_of_both(a: Backup, b: Backup) -> None:
    merged = merge(a, b)
    assert set(merged.records) == set(a.records) | set(b.records)


@given(st.lists(records, max_size=10), st.dictionaries(
    st.sampled_from(["tend/v3/contact/zed", "tend/v3/favour/f", "theme", "tend/v9/x/y"]),
    st.text(max_size=30), max_size=3))
def test_export_then_read_gives_back_the_stored_entries(
    kept: list[Record], other: dict[str, str]
) -> None:
    entries = {**other, **stored(*kept)}
    ours = {k: v for k, v in entries.items() if k.startswith("tend/v3/")}
    assert entries_of(read_backup(export_backup(entries, NOW))) == ours


@given(backups())
def test_a_backup_read_back_is_the_same_backup(a: Backup) -> None:
    assert same(read_backup(dump_backup(a)), a)


def survives(text: str | bytes) -> None:
    """Either a backup that writes out cleanly, or a BackupError: never another exception."""
    try:
        found = read_backup(text)
    except BackupError as error:
        assert str(error)
    else:
        assert same(read_backup(dump_backup(found)), found)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=10,
)


@given(st.binary() | st.text())
def test_any_bytes_or_text_give_a_backup_or_a_clear_error(data: str | bytes) -> None:
    survives(data)


@given(st.dictionaries(st.sampled_from(["format", "version", "exported_at", "records",
                                        "damaged"]), json_values))
def test_any_json_object_gives_a_backup_or_a_clear_error(data: dict[str, object]) -> None:
    survives(json.dumps(data))


@given(st.dictionaries(st.sampled_from(["schema", "id", "name", "added_on", "updated_at",
                                        "deleted_at", "targets", "layer"]), json_values),
       st.sampled_from(["tend/v3/contact/ana", "tend/v3/settings/settings", "tend/v3/x/y"]))
def test_any_record_gives_a_backup_or_a_clear_error(fields: dict[str, object], key: str) -> None:
    data = json.loads(valid_text())
    data["records"] = {key: {**data["records"]["tend/v3/contact/ana"], **fields}}
    survives(json.dumps(data))


@given(st.integers(min_value=0), st.integers(min_value=0, max_value=20), st.text(max_size=5))
def test_a_backup_damaged_anywhere_gives_a_backup_or_a_clear_error(
    start: int, length: int, patch: str
) -> None:
    text = valid_text()
    start %= len(text)
    survives(text[:start] + patch + text[start + length:])
