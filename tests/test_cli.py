"""`python -m core …` on real backup files: the app's operations, and nothing written on error."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from core.app import App
from core.formats.backup import entries_of, read_backup
from core.formats.sealing import sealed_form
from core.model import (
    AgendaDecision,
    DateKind,
    FavourDirection,
    InteractionKind,
    Layer,
    Plan,
    Record,
)
from core.rules.agenda import agenda
from tests.core.factories import (
    NOW,
    TODAY,
    contact,
    favour,
    important_date,
    interaction,
    logged,
    network_of,
    person,
    target,
)
from tests.core.helpers import imported_on, save, tend, tend_process

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """Cy (inner circle) and Ana are overdue; Ben was seen last week."""
    return save(tmp_path / "tend-backup.json", contact("Ana"), contact("Ben"),
                contact("Cy Okafor", layer=Layer.INNER, id="cy"),
                interaction("ben", date(2026, 11, 18), note="Talked about the move"))


# Most tests call ``core.cli.main`` in this process; three run ``python -m core`` as a real
# process, so the module entry point, the exit status and the streams are tried for real.


def test_the_help_names_every_command_and_every_export_format() -> None:
    commands = set(tend_process("--help").stdout.split())
    assert {"export", "merge", "agenda", "import", "calendar"} <= commands
    export_help = " ".join(tend("export", "--help").stdout.split())
    assert "{json,vcf,ics}" in export_help


FIXTURES = ROOT / "tests" / "fixtures"


def test_import_adds_people_from_a_linkedin_file_and_reports_bad_lines(tmp_path: Path) -> None:
    backup = tmp_path / "tend.json"
    result = tend("import", FIXTURES / "Connections.csv", "--into", backup)
    assert result.returncode == 0, result.stderr
    assert "line 7: has no name" in result.stderr
    names = sorted(r["name"] for r in json.loads(backup.read_text())["records"].values()
                   if "name" in r)
    assert names == ["Priya Nair", "Tomás Ruiz"]
    again = tend("import", FIXTURES / "Connections.csv", "--into", backup)
    assert again.returncode == 0
    records = json.loads(backup.read_text())["records"].values()
    assert sorted(r["name"] for r in records if "name" in r) == names  # matched, not doubled


def test_import_that_would_write_an_unreadable_backup_writes_nothing(tmp_path: Path) -> None:
    backup = save(tmp_path / "tend.json", contact("Ana Lima"))
    before = backup.read_bytes()
    card = tmp_path / "ana.vcf"
    card.write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:Ana Lima\nEMAIL:{'a' * 290}@example.org\n"
                    "END:VCARD\n")
    result = tend("import", card, "--into", backup)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("card 1 (Ana Lima): not imported, because an e-mail is longer than the 200 "
            "characters Tend keeps") in result.stderr
    assert "no one in it could be imported" in result.stderr
    assert backup.read_bytes() == before
    assert tend("agenda", backup).returncode == 0


def test_import_of_an_unreadable_file_writes_nothing(tmp_path: Path) -> None:
    backup = tmp_path / "tend.json"
    (tmp_path / "notes.txt").write_text("just some words")
    result = tend("import", tmp_path / "notes.txt", "--into", backup)
    assert result.returncode == 1
    assert "neither a LinkedIn Connections export nor a Google Contacts export" in result.stderr
    assert not backup.exists()


def test_export_writes_vcards_and_a_calendar(tmp_path: Path) -> None:
    backup = tmp_path / "tend.json"
    tend("import", FIXTURES / "contacts.vcf", "--into", backup)
    cards = tend("export", backup, "--format", "vcf")
    assert cards.stdout.count("BEGIN:VCARD") == 4 and "FN:Ana Lima" in cards.stdout
    ics = tend("export", backup, "--format", "ics")
    assert "BEGIN:VCALENDAR" in ics.stdout and "SUMMARY:Ana Lima: birthday" in ics.stdout


def test_the_calendar_command_writes_the_agenda_with_alarms_and_links(network: Path,
                                                                     tmp_path: Path) -> None:
    from icalendar import Calendar

    result = tend("calendar", network, "--today", "2026-11-25", "--alarms",
                  "--link-to", "https://me.example/tend/", "-o", tmp_path / "tend.ics")
    assert result.returncode == 0, result.stderr
    found = {str(e["uid"]): e for e in
             Calendar.from_ical((tmp_path / "tend.ics").read_text()).walk("VEVENT")}
    assert set(found) == {"touch-ana@tend", "touch-ben@tend", "touch-cy@tend"}
    cy = found["touch-cy@tend"]
    assert cy["dtstart"].dt == date(2026, 11, 25)  # overdue: on the day asked for
    assert str(cy["url"]) == "https://me.example/tend/#/people/cy" and cy.walk("VALARM")
    again = tend("calendar", network, "--today", "2026-11-25", "--alarms",
                 "--link-to", "https://me.example/tend/")
    assert again.stdout == (tmp_path / "tend.ics").read_bytes().decode()  # CRLF lines too


def test_a_calendar_from_a_sealed_backup_needs_plain(network: Path, tmp_path: Path) -> None:
    sealed = sealed_copy(network, tmp_path)
    refused = tend("calendar", sealed, passphrase="correct horse")
    assert refused.returncode == 1 and "pass --plain" in refused.stderr
    allowed = tend("calendar", sealed, "--plain", passphrase="correct horse")
    assert allowed.returncode == 0 and "UID:touch-cy@tend" in allowed.stdout


def test_export_writes_a_backup_in_the_standard_form(network: Path, tmp_path: Path) -> None:
    untidy = tmp_path / "untidy.json"
    untidy.write_text(json.dumps(json.loads(network.read_text()), indent=None))
    result = tend("export", untidy, "--format", "json", "-o", tmp_path / "out.json")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == network.read_text("utf-8")


def test_export_without_an_output_file_prints_the_backup(network: Path) -> None:
    result = tend("export", network)
    assert result.returncode == 0
    assert result.stdout == network.read_text(encoding="utf-8")


def test_export_refuses_a_format_tend_does_not_write(network: Path, tmp_path: Path) -> None:
    result = tend("export", network, "--format", "csv", "-o", tmp_path / "out.csv")
    assert result.returncode == 2
    assert "invalid choice: 'csv'" in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_merging_the_laptop_and_the_phone_keeps_the_later_change(tmp_path: Path) -> None:
    ana = contact("Ana")
    laptop = save(tmp_path / "laptop.json", ana.model_copy(update={"how_met": "PyCon"}),
                  contact("Ben"))
    gone = NOW + timedelta(hours=1)
    phone = save(tmp_path / "phone.json",
                 ana.model_copy(update={"updated_at": gone, "deleted_at": gone}))
    result = tend("merge", laptop, phone, "-o", tmp_path / "merged.json")
    assert result.returncode == 0, result.stderr
    merged = json.loads((tmp_path / "merged.json").read_text(encoding="utf-8"))["records"]
    assert set(merged) == {"tend/v3/contact/ana", "tend/v3/contact/ben"}
    assert "deleted_at" in merged["tend/v3/contact/ana"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_merge_may_write_over_one_of_its_inputs(network: Path, tmp_path: Path) -> None:
    other = save(tmp_path / "other.json", contact("Dee"))
    assert tend("merge", network, other, "-o", other).returncode == 0
    assert "tend/v3/contact/dee" in json.loads(other.read_text())["records"]
    assert "tend/v3/contact/ana" in json.loads(other.read_text())["records"]


def test_a_bad_file_is_named_and_nothing_is_written(network: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "tend-backup",\n  "version" 1\n}\n')
    result = tend("merge", network, bad, "-o", tmp_path / "merged.json")
    assert result.returncode == 1
    assert f"{bad}: line 3, column 13:" in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "tend-backup.json"]


def test_an_existing_output_file_is_left_as_it_was_on_error(network: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "tend-backup", "version": 7}))
    out = tmp_path / "out.json"
    out.write_text("my old backup")
    result = tend("export", newer, "-o", out)
    assert result.returncode == 1
    assert "made by a newer version of Tend" in result.stderr
    assert out.read_text() == "my old backup"


def test_a_missing_input_file_is_a_clear_error(tmp_path: Path) -> None:
    result = tend_process("agenda", tmp_path / "nowhere.json")
    assert result.returncode == 1
    assert "cannot read" in result.stderr and "No such file or directory" in result.stderr


def test_an_output_folder_that_does_not_exist_is_a_clear_error(network: Path,
                                                               tmp_path: Path) -> None:
    result = tend("export", network, "-o", tmp_path / "missing" / "out.json")
    assert result.returncode == 1
    assert "cannot write" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_the_agenda_lists_one_item_a_line_with_what_to_do_and_the_reason(network: Path) -> None:
    result = tend_process("agenda", network, "--today", "2026-11-25")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(" · ")[0] for line in lines] == ["Cy Okafor", "Ana"]
    assert lines[0].startswith("Cy Okafor · Get in touch: No contact logged since you added")
    assert lines[0].endswith("(P8)")


def test_the_agenda_as_json_gives_each_item_with_its_kind_action_and_reason(
        network: Path) -> None:
    result = tend("agenda", network, "--today", "2026-11-25", "--json")
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == ["cy", "ana"]
    assert set(items[0]) == {"key", "kind", "id", "name", "action", "principle", "reason",
                             "due_on"}
    assert (items[1]["kind"], items[1]["principle"], items[1]["action"]) == (
        "cadence", "P8", "Get in touch")


def test_the_agenda_says_when_nothing_is_due(network: Path) -> None:
    result = tend("agenda", network, "--today", "2026-01-06")
    assert result.stdout == "Nothing is due on 2026-01-06.\n"
    assert tend("agenda", network, "--today", "2026-01-06", "--json").stdout == "[]\n"


def a_month_of_real_use(tmp_path: Path) -> Path:
    """Every kind of Today item, one snoozed and one skipped, in a backup file."""
    day = date(2026, 11, 25)
    records: list[Record] = [
        contact("Ana"), contact("Cy Okafor", layer=Layer.INNER, id="cy"),
        contact("Dee", added_on=day - timedelta(days=3)),
        person("Eli", id="eli", added_on=date(2025, 1, 5), weak_tie=True, interval_days=730),
        contact("Mum", layer=Layer.INNER, id="mum", added_on=day),
        contact("Pia", id="pia", added_on=day - timedelta(days=30)),
        contact("Sam", id="sam", added_on=day - timedelta(days=10)),
        contact("Zed", id="zed"),
        logged("dee", day - timedelta(days=1), InteractionKind.MEETING,
               note="Her team is moving to Rust"),
        logged("sam", day - timedelta(days=6), InteractionKind.CALL),
        logged("sam", day - timedelta(days=5)),
        logged("eli", date(2025, 3, 1)),
        important_date("mum", DateKind.BIRTHDAY, 11, 25),
        favour("pia", FavourDirection.RECEIVED, "Read my CV"),
        Plan(id="pia", contact_id="pia", updated_at=NOW, next_step="E-mail the job post",
             next_kind=InteractionKind.MESSAGE, next_on=day),
        target("Climate employers"),
    ]
    before = network_of(*records)
    by_person = {i.contact.id: i.key for i in agenda(before, day) if i.contact}
    records += [AgendaDecision(id=by_person["ana"], updated_at=NOW, skipped=True),
                AgendaDecision(id=by_person["zed"], updated_at=NOW,
                               until=day + timedelta(days=3))]
    return save(tmp_path / "month.json", *records)


def test_the_command_line_prints_the_same_today_as_the_app(tmp_path: Path) -> None:
    backup = a_month_of_real_use(tmp_path)
    page = App.from_storage(entries_of(read_backup(backup.read_text(encoding="utf-8"))))
    request = {"event": {"type": "navigate", "route": "#/today"}, "today": "2026-11-25",
               "now": "2026-11-25T08:00:00Z", "new_id": "x"}
    html = json.loads(page.handle_json(json.dumps(request)))["html"]
    on_today = re.findall(r'name="key" value="([^"]+)"', html)
    result = tend("agenda", backup, "--today", "2026-11-25", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [i["key"] for i in listed] == on_today
    kinds = {i["kind"] for i in listed}
    assert kinds == {"cadence", "date", "follow_up", "give", "plan", "prune", "triage"}
    assert "ana" not in {i["id"] for i in listed} and "zed" not in {i["id"] for i in listed}
    for item in listed:
        heading = item["name"] if item["id"] else "Target networks"
        assert f"{heading}</a><span class=\"agenda-action\"> · {item['action']}" in html
    text = tend("agenda", backup, "--today", "2026-11-25").stdout.splitlines()
    assert [line.split(" · ")[0] for line in text] == [i["name"] for i in listed]
    assert all(line.endswith(f"({i['principle']})") for line, i in zip(text, listed, strict=True))


def test_the_agenda_plans_for_the_real_today_by_default(network: Path) -> None:
    result = tend("agenda", network, "--json")
    assert result.returncode == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_the_agenda_refuses_a_day_that_does_not_exist(network: Path) -> None:
    result = tend("agenda", network, "--today", "2026-02-30")
    assert result.returncode == 2
    assert "'2026-02-30' is not a date like 2026-11-25" in result.stderr


def test_the_agenda_warns_about_damaged_records_and_lists_the_rest(tmp_path: Path) -> None:
    backup = save(tmp_path / "b.json", contact("Ana"), damaged={"tend/v3/contact/ben": "{"})
    result = tend("agenda", backup, "--today", "2026-11-25")
    assert result.returncode == 0
    assert result.stdout.startswith("Ana · Get in touch: ")
    assert "warning: tend/v3/contact/ben left out: damaged contact record" in result.stderr


# Sealed backups


def sealed_copy(network: Path, tmp_path: Path, passphrase: str = "correct horse") -> Path:
    out = tmp_path / "sealed.json"
    result = tend("export", network, "--seal", "-o", out, passphrase=passphrase)
    assert result.returncode == 0, result.stderr
    return out


def test_a_backup_sealed_with_a_passphrase_hides_the_network(network: Path,
                                                             tmp_path: Path) -> None:
    out = sealed_copy(network, tmp_path)
    assert sealed_form(out.read_bytes()) is not None
    assert "Cy Okafor" not in out.read_text()  # base64 has no spaces: a real check


def test_a_sealed_backup_opens_with_the_passphrase_from_the_environment(
    network: Path, tmp_path: Path
) -> None:
    result = tend("agenda", sealed_copy(network, tmp_path), "--today", "2026-11-25",
                  passphrase="correct horse")
    assert result.returncode == 0, result.stderr
    assert "Cy Okafor" in result.stdout


def test_a_wrong_passphrase_is_a_clear_error_and_writes_nothing(network: Path,
                                                                tmp_path: Path) -> None:
    result = tend("export", sealed_copy(network, tmp_path), "-o", tmp_path / "out.json",
                  passphrase="wrong horse")
    assert result.returncode == 1
    assert "does not open this backup" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_without_a_passphrase_or_a_terminal_the_command_says_how_to_give_one(
    network: Path, tmp_path: Path
) -> None:
    result = tend("agenda", sealed_copy(network, tmp_path))
    assert result.returncode == 1
    assert "set TEND_PASSPHRASE or run the command in a terminal" in result.stderr


def test_what_is_made_from_a_sealed_backup_stays_sealed_unless_asked_plain(
    network: Path, tmp_path: Path
) -> None:
    sealed = sealed_copy(network, tmp_path)
    other = save(tmp_path / "other.json", contact("Dee"))
    assert tend("merge", sealed, other, "-o", tmp_path / "m.json",
                passphrase="correct horse").returncode == 0
    assert sealed_form((tmp_path / "m.json").read_bytes()) is not None
    assert tend("merge", sealed, other, "--plain", "-o", tmp_path / "p.json",
                passphrase="correct horse").returncode == 0
    records = json.loads((tmp_path / "p.json").read_text())["records"]
    assert {"tend/v3/contact/ana", "tend/v3/contact/dee"} <= set(records)


def test_a_passphrase_too_short_to_seal_with_is_refused(network: Path, tmp_path: Path) -> None:
    result = tend("export", network, "--seal", "-o", tmp_path / "s.json", passphrase="short")
    assert result.returncode == 1
    assert "at least 8 characters" in result.stderr
    assert not (tmp_path / "s.json").exists()


def test_vcards_and_calendars_are_never_sealed(network: Path) -> None:
    result = tend("export", network, "--format", "vcf", "--seal", passphrase="correct horse")
    assert result.returncode == 1
    assert "--seal applies to backups" in result.stderr


def test_people_from_a_sealed_backup_go_to_plain_vcards_only_when_asked(
    network: Path, tmp_path: Path
) -> None:
    sealed = sealed_copy(network, tmp_path)
    refused = tend("export", sealed, "--format", "vcf", passphrase="correct horse")
    assert refused.returncode == 1 and "pass --plain" in refused.stderr
    allowed = tend("export", sealed, "--format", "vcf", "--plain", passphrase="correct horse")
    assert allowed.returncode == 0 and "FN:Cy Okafor" in allowed.stdout


def test_a_sealed_backup_saved_with_a_byte_order_mark_still_opens(network: Path,
                                                                  tmp_path: Path) -> None:
    sealed = sealed_copy(network, tmp_path)
    sealed.write_bytes(b"\xef\xbb\xbf" + sealed.read_bytes())
    result = tend("agenda", sealed, "--today", "2026-11-25", passphrase="correct horse")
    assert result.returncode == 0, result.stderr


def test_spaces_do_not_make_a_short_passphrase_long_enough(network: Path,
                                                           tmp_path: Path) -> None:
    result = tend("export", network, "--seal", "-o", tmp_path / "s.json", passphrase="  x      ")
    assert result.returncode == 1 and "at least 8 characters" in result.stderr


def test_several_imports_within_one_second_keep_everyone(tmp_path: Path) -> None:
    """In one process, back to back: the old clock-made ids repeated within a second."""
    from core.cli import main

    backup = tmp_path / "tend.json"
    files = ["address-book.vcf", "google-contacts.csv", "linkedin-connections.csv"]
    for name in files:
        assert main(["import", str(FIXTURES / name), "--into", str(backup)]) == 0
    records = json.loads(backup.read_text())["records"]
    names = sorted(r["name"] for r in records.values() if "name" in r)
    assert len(names) == 3 + 3 - 1 + 2  # Inés is in two files (the same phone): merged once
    assert len(set(names)) == len(names)
    contacts = {key.rsplit("/", 1)[1] for key in records if "/contact/" in key}
    assert all(r["contact_id"] in contacts for k, r in records.items() if "/date/" in k)


def test_import_refuses_a_row_it_cannot_take_by_line_and_imports_the_rest(tmp_path: Path) -> None:
    backup = tmp_path / "tend.json"
    result = tend("import", FIXTURES / "google-contacts.csv", "--into", backup)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert ("line 7 (Max Mustermann): not imported, because an e-mail is longer than the 200 "
            "characters Tend keeps") in result.stderr
    assert "not kept (Tend has no place for it): Photo, for 1 person" in result.stderr
    names = [r["name"] for r in json.loads(backup.read_text())["records"].values()
             if "name" in r]
    assert len(names) == 3


def test_import_of_a_calendar_adds_meetings_once_and_says_who_got_how_many(
        tmp_path: Path) -> None:
    backup = save(tmp_path / "backup.json",
                  person("Priya Nair", emails=("priya@example.org",)),
                  person("Tomas Ruiz", emails=("tomas@example.org",)).model_copy(
                      update={"name": "Tomás Ruiz"}))
    calendar = ROOT / "tests" / "fixtures" / "calendar-google.ics"
    done = tend("import", calendar, "--into", backup, "--today", "2026-03-15")
    assert done.returncode == 0, done.stderr
    assert "Tomás Ruiz: 8 new interactions, the latest on 2026-02-23" in done.stderr
    assert "skipped 1 cancelled event" in done.stderr
    written = backup.read_text(encoding="utf-8")
    meetings = [r for r in read_backup(written).records.values()
                if getattr(r, "kind", None) is InteractionKind.MEETING]
    assert len(meetings) == 9
    again = tend("import", calendar, "--into", backup, "--today", "2026-03-15")
    assert again.returncode != 0 and "9 already there" in again.stderr
    assert backup.read_text(encoding="utf-8") == written


def test_import_of_linkedin_messages_keeps_no_words_of_them(tmp_path: Path) -> None:
    backup = save(tmp_path / "backup.json",
                  person("Priya Nair", websites=("https://www.linkedin.com/in/priya",)))
    done = tend("import", ROOT / "tests" / "fixtures" / "messages.csv", "--into", backup)
    assert done.returncode == 0, done.stderr
    assert "Priya Nair: 2 new interactions" in done.stderr
    assert "The messages' words were not kept." in done.stderr
    assert "Shall we do lunch" not in backup.read_text(encoding="utf-8")


def test_the_agenda_of_a_backup_from_before_tend_took_turns_lists_a_couple_not_a_pile(
        tmp_path: Path) -> None:
    """Read on the command line, such a backup takes turns as if that day were the first."""
    backup = save(tmp_path / "old.json", *imported_on(TODAY - timedelta(days=90), 300))
    result = tend("agenda", backup, "--today", TODAY.isoformat(), "--json")
    touches = [i for i in json.loads(result.stdout) if i["kind"] == "cadence"]
    assert 1 <= len(touches) <= 2
    assert all("their turn is today" in i["reason"] for i in touches)
