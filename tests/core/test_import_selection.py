"""Exchange contacts selectively: a large file comes with nobody chosen (P1)."""

from __future__ import annotations

from core.formats.importing import PRESELECT_UP_TO

from .helpers import Shell


def cards(count: int) -> str:
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nEND:VCARD\r\n"
                   for n in range(1, count + 1))


def test_a_small_file_comes_with_everyone_chosen() -> None:
    device = Shell(None)
    shown = device.submit("preview_import", file=cards(PRESELECT_UP_TO))
    assert '<option value="add" selected>' in shown["html"]
    assert "Import all" not in shown["html"]
    assert f"Imported {PRESELECT_UP_TO} new people" in device.submit("confirm_import")["notice"]


def test_a_large_file_preselects_nobody_and_imports_only_who_the_user_picks() -> None:
    device = Shell(None)
    shown = device.submit("preview_import", file=cards(PRESELECT_UP_TO + 5))
    assert '<option value="add" selected>' not in shown["html"]
    assert shown["html"].count('<option value="skip" selected>') == PRESELECT_UP_TO + 5
    assert "nobody is chosen yet" in shown["html"]
    done = device.submit("confirm_import", **{"choice-2": "add", "choice-7": "add"})
    assert "Imported 2 new people" in done["notice"]
    assert device.people() == ["Person 2", "Person 7"]


def test_a_large_file_can_still_be_imported_whole_when_the_user_chooses_everyone() -> None:
    device = Shell(None)
    device.submit("preview_import", file=cards(PRESELECT_UP_TO + 5))
    skipped = {f"choice-{n}": "skip" for n in range(1, PRESELECT_UP_TO + 6)}
    done = device.submit("confirm_import", everyone="yes", **skipped)
    assert f"Imported {PRESELECT_UP_TO + 5} new people" in done["notice"]
