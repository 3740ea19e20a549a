"""A file Tend cannot take is refused with what is wrong with this file, in words."""

from __future__ import annotations

import json
import random

import pytest

from core.formats import UnreadableFile
from core.formats.backup import BackupError, read_backup
from core.formats.importing import read_file

ANA = "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nEMAIL:ana@example.org\nEND:VCARD\n"


def test_a_truncated_vcard_is_told_it_is_cut_short() -> None:
    with pytest.raises(UnreadableFile, match=r"^this vCard file is cut short \(it has "
                                             r"BEGIN:VCARD but no END:VCARD\)"):
        read_file("BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nEMAIL:ana@exa")


def test_a_vcard_file_cut_short_after_its_first_card_keeps_that_card_and_says_so() -> None:
    parsed = read_file(ANA + "BEGIN:VCARD\nVERSION:3.0\nFN:Ben")
    assert [c.name for c in parsed.candidates] == ["Ana Lima"]
    assert parsed.problems == ("card 2: cut short (the file ends before its END:VCARD), "
                               "so it was left out",)


@pytest.mark.parametrize("start", [b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b""])
def test_a_binary_file_is_told_it_is_not_text(start: bytes) -> None:
    noise = random.Random(19).randbytes(2000)
    as_the_browser_reads_it = (start + noise).decode("utf-8", errors="replace")
    with pytest.raises(UnreadableFile, match=r"^this file is not text"):
        read_file(as_the_browser_reads_it)


def test_a_csv_cell_that_mentions_begin_vcard_is_still_read_as_csv() -> None:
    csv = ("First Name,Last Name,Email Address,Company,Connected On\n"
           "Ana,Lima,ana@example.org,BEGIN:VCARD Ltd,01 Jan 2026\n")
    parsed = read_file(csv)
    assert parsed.source == "LinkedIn"
    assert [(c.name, c.work) for c in parsed.candidates] == [("Ana Lima", "BEGIN:VCARD Ltd")]


def test_a_vcard_file_with_a_byte_order_mark_and_blank_lines_first_is_a_vcard() -> None:
    assert read_file("\ufeff\n\n" + ANA).source == "vCard"


def test_a_backup_with_a_lone_surrogate_escape_is_told_the_text_was_damaged() -> None:
    text = json.dumps({"format": "tend-backup", "version": 2,
                       "exported_at": "2026-11-25T09:30:00Z",
                       "records": {"tend/v2/contact/ana": {"name": "Ana"}}})
    damaged = text.replace('"Ana"', '"Ana \\ud83d"')
    with pytest.raises(BackupError) as refused:
        read_backup(damaged)
    assert "hex escape" not in str(refused.value)
    assert "half of a character (an unpaired surrogate)" in str(refused.value)


def test_a_backup_cut_short_is_told_so() -> None:
    with pytest.raises(BackupError, match="the file ends too early"):
        read_backup('{"format": "tend-backup", "version": 2, "exported_at": "2026-11-')
