"""Import keeps everything that has a place, refuses a bad row alone, never overwrites."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.formats import Candidate
from core.formats.backup import Backup, merge
from core.formats.export import vcards
from core.formats.importing import IdTaken, Preview, commit, preview, read_file
from core.model import Contact, DateKind, ImportantDate, Record
from core.network import Network, network_of
from core.storage.codec import key_for

from .factories import NOW, TODAY, contact, person
from .helpers import Shell

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8-sig")


def imported(name: str, network: Network | None = None) -> tuple[Preview, list[Record]]:
    found = preview(read_file(text(name)), network or Network())
    return found, commit(found.rows, {}, "new", TODAY, NOW)


def people_of(records: list[Record]) -> dict[str, Contact]:
    return {r.name: r for r in records if isinstance(r, Contact)}


def dates_of(records: list[Record], who: Contact) -> list[tuple[str, str, int, int, int | None]]:
    return [(d.kind.value, d.label, d.month, d.day, d.year) for d in records
            if isinstance(d, ImportantDate) and d.contact_id == who.id]


def test_a_google_export_keeps_the_whole_name_work_notes_birthday_and_every_value() -> None:
    _, records = imported("google-contacts.csv")
    jane = people_of(records)["Dr. Jane Q. Doe PhD"]
    assert (jane.name_prefix, jane.given_name, jane.additional_names, jane.family_name,
            jane.name_suffix, jane.nickname) == ("Dr.", "Jane", "Q.", "Doe", "PhD", "JJ")
    assert (jane.title, jane.company, jane.department) == ("Head of Data", "Acme Climate",
                                                           "Research")
    assert jane.work == "Head of Data · Acme Climate"
    assert jane.notes == "Met at the Lisbon climate summit.\nHas two kids; ask about the marathon."
    assert jane.emails == ("jane@acme.example", "jane.doe@mail.example")
    assert jane.phones == ("+1 555 0100", "+1 555 0199")
    assert jane.addresses == ("12 Oak Street\nSpringfield, IL 62701\nUSA",)
    assert jane.websites == ("https://www.linkedin.com/in/janeqdoe",)
    assert jane.related == ("Spouse: John Doe",)
    assert jane.groups == ("Climate", "Mentors")  # not Google's * myContacts or * starred
    assert dates_of(records, jane) == [("birthday", "", 12, 24, 1991),
                                       ("custom", "Anniversary", 6, 20, 2015)]


def test_a_google_birthday_without_a_year_and_an_introducer_in_the_same_file_arrive() -> None:
    _, records = imported("google-contacts.csv")
    people = people_of(records)
    ines = people["Inés Núñez-Ortega"]
    assert dates_of(records, ines) == [("birthday", "", 9, 30, None)]
    assert ines.introduced_by == people["Dr. Jane Q. Doe PhD"].id
    assert ines.groups == ("Family",)


def test_the_preview_names_the_fields_tend_has_no_place_for() -> None:
    found, _ = imported("google-contacts.csv")
    assert dict(found.not_kept) == {"Photo": 1, "Custom Field (Shoe size)": 1,
                                    "Phonetic First Name": 1}
    html = Shell(None).submit("preview_import", file=text("google-contacts.csv"))["html"]
    assert "3 kinds of field not kept" in html and "Custom Field (Shoe size)" in html


def test_a_vcard_keeps_notes_categories_labelled_dates_related_names_and_addresses() -> None:
    found, records = imported("address-book.vcf")
    people = people_of(records)
    ines = people["Inés Núñez-Ortega"]
    assert (ines.given_name, ines.family_name) == ("Inés", "Núñez-Ortega")
    assert (ines.title, ines.company, ines.department) == ("Site lead", "Solar Co",
                                                           "Field Operations")
    assert ines.notes == "Runs the Lisbon solar meetup.\nPrefers calls after 6pm."
    assert ines.groups == ("Climate", "Friends")
    assert ines.addresses == ("Rua Augusta 1\nLisboa 1100-048\nPortugal",)
    assert ines.websites == ("https://ines.example", "https://www.linkedin.com/in/ines-nunez")
    assert ines.related == ("Spouse: Maria Lima", "introduced by: Ana Lima")  # Ana is not here
    assert dates_of(records, ines) == [("birthday", "", 3, 7, 1988),
                                       ("custom", "Anniversary", 5, 4, 2016)]
    kenji = people["Kenji Watanabe"]
    assert dates_of(records, kenji) == [("custom", "Anniversary", 6, 12, 2010)]
    assert kenji.related == ("friend: Jane Doe",)
    assert kenji.notes == "Climbing partner, knows everyone at Gridwise."
    assert people["Lea Park"].notes == "Met at\nthe job fair"  # vCard 2.1, quoted-printable
    assert dict(found.not_kept) == {"Photo": 1, "Gender": 1}


def test_related_names_labelled_introduced_by_point_at_the_person_when_they_are_here() -> None:
    ana = contact("Ana Lima")
    _, records = imported("address-book.vcf", network_of([ana]))
    assert people_of(records)["Inés Núñez-Ortega"].introduced_by == ana.id


def test_a_linkedin_export_keeps_the_profile_and_when_you_connected_and_counts_what_it_skipped(
) -> None:
    found, records = imported("linkedin-connections.csv")
    priya = people_of(records)["Priya Nair"]
    assert priya.websites == ("https://www.linkedin.com/in/priya-nair-1a2b3c",)
    assert priya.known_since == date(2024, 3, 12)
    assert (priya.title, priya.company) == ("Engineering Manager", "Acme Climate")
    assert people_of(records)["Tomás Ruiz"].company == "Data Co, Inc."
    assert found.skipped == ("2 lines of notes above the column names (they describe the "
                             "export, not a person)", "3 blank rows")
    assert found.problems == ()


@pytest.mark.parametrize(("file", "refused"), [
    ("google-contacts.csv", "line 7 (Max Mustermann): not imported, because an e-mail is "
                            "longer than the 200 characters Tend keeps"),
    ("address-book.vcf", "card 4 (Olu Ade): not imported, because an e-mail is longer than "
                         "the 200 characters Tend keeps"),
])
def test_a_row_with_a_field_too_long_is_refused_alone_with_the_reason(file: str,
                                                                       refused: str) -> None:
    device = Shell(None)
    shown = device.submit("preview_import", file=text(file))
    assert refused in shown["html"] and "Traceback" not in shown["html"]
    done = device.submit("confirm_import")
    assert "Imported 3 new people" in done["notice"]


def test_a_merged_row_is_validated_and_a_too_long_value_never_reaches_the_person() -> None:
    max_here = person("Max Mustermann", emails=("max@example.org",))
    device = Shell.holding(max_here)
    device.submit("preview_import", file=text("google-contacts.csv"))
    device.submit("confirm_import")
    kept = device.app.network.contacts[max_here.id]
    assert kept.emails == ("max@example.org",)
    assert len(device.app.network.contacts) == 4


def test_the_import_match_ignores_case_accents_and_word_order() -> None:
    here = contact("Nunez Ortega, Ines", id="ines")
    found = preview(read_file(text("google-contacts.csv")), network_of([here]))
    row = next(r for r in found.rows if r.candidate.name == "Inés Núñez-Ortega")
    assert (row.match, row.because) == (here, "same name")


def test_an_import_never_writes_over_a_record_already_stored() -> None:
    found = preview(read_file(text("linkedin-connections.csv")), Network())
    first = commit(found.rows, {}, "import-1", TODAY, NOW)
    with pytest.raises(IdTaken, match="would write over 1 record"):
        commit(found.rows[:1], {}, "import-1", TODAY, NOW, stored={key_for(first[0])})


def test_the_app_refuses_an_import_whose_ids_are_taken_and_changes_nothing() -> None:
    device = Shell(None)
    event = {"type": "preview_import", "fields": {"file": text("linkedin-connections.csv")}}
    device.send(event, TODAY.isoformat())
    device.send({"type": "confirm_import", "fields": {}}, TODAY.isoformat())
    before = dict(device.storage)
    device.ids -= 2  # the shell hands out an id it gave before
    device.send({**event, "fields": {"file": text("address-book.vcf")}}, TODAY.isoformat())
    again = device.send({"type": "confirm_import", "fields": {}}, TODAY.isoformat())
    assert again["notice"].startswith("Nothing was imported: this import would write over")
    assert device.storage == before


NAME_WORDS = st.sampled_from(["Ana", "Núñez", "O'Brien", "Lee", "Zoë", "Kim", "van der Berg"])
SAFE = st.text(st.sampled_from("abcxyz ÁéüZ,;:.-/&'\"\\"), min_size=1, max_size=20).map(
    str.strip).filter(bool)


@st.composite
def people_with_dates(draw: st.DrawFn) -> list[Record]:
    records: list[Record] = []
    for n in range(draw(st.integers(1, 4))):
        given, family = draw(NAME_WORDS), draw(NAME_WORDS)
        who = Contact(name=f"{given} {family} {n}", id=f"p{n}", given_name=given,
                     added_on=TODAY, updated_at=NOW,
                     family_name=f"{family} {n}", nickname=draw(st.sampled_from(["", "Bo"])),
                     title=draw(SAFE | st.just("")), company=draw(SAFE | st.just("")),
                     department=draw(SAFE | st.just("")), how_met=draw(SAFE | st.just("")),
                     emails=tuple(draw(st.lists(st.sampled_from(
                         ["a@x.org", "b@y.org", f"p{n}@z.org"]), unique=True, max_size=2))),
                     phones=tuple(draw(st.lists(st.sampled_from(
                         ["+351 912 000 111", "020 7946 0000"]), unique=True, max_size=2))),
                     websites=tuple(draw(st.lists(st.sampled_from(
                         ["https://www.linkedin.com/in/x", "https://a.example/b?c=d"]),
                         unique=True, max_size=2))),
                     addresses=tuple(draw(st.lists(st.sampled_from(
                         ["1 Main St\nSpringfield", "Rua Augusta 1, Lisboa"]), unique=True,
                         max_size=2))),
                     related=tuple(draw(st.lists(st.sampled_from(
                         ["spouse: Maria Lima", "Tio Zé"]), unique=True, max_size=2))),
                     groups=tuple(draw(st.lists(st.sampled_from(
                         ["Work / Acme", "Família", "Climbing"]), unique=True, max_size=3))),
                     notes=draw(st.sampled_from(["", "Line one\nline two; three, four"])),
                     known_since=draw(st.none() | st.dates(date(1990, 1, 1), date(2026, 1, 1))))
        records.append(who)
        if draw(st.booleans()):
            records.append(ImportantDate(id=f"p{n}-b", contact_id=who.id,
                                         kind=DateKind.BIRTHDAY, month=2, day=29,
                                         year=draw(st.none() | st.just(1988)),
                                         updated_at=NOW))
        if draw(st.booleans()):
            records.append(ImportantDate(id=f"p{n}-a", contact_id=who.id, kind=DateKind.CUSTOM,
                                         label="Anniversary", month=6, day=20, updated_at=NOW))
    return records


def _kept(records: list[Record]) -> list[tuple[object, ...]]:
    """Each person's fields and dates, without what the import itself sets."""
    network = network_of(records)
    return sorted((tuple(sorted(Candidate(**{
        k: v for k, v in c.model_dump().items() if k in Candidate.__dataclass_fields__})
        .contact_fields().items())),
        tuple(sorted((d.kind.value, d.label, d.month, d.day, d.year or 0)
                     for d in network.dates_of(c.id))))
        for c in network.contacts.values())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people_with_dates())
def test_people_exported_as_vcards_come_back_with_the_same_fields(records: list[Record]) -> None:
    exported = vcards(network_of(records))
    found = preview(read_file(exported), Network())
    assert found.problems == () and found.not_kept == ()
    again = commit(found.rows, {}, "again", TODAY, NOW)
    assert _kept(again) == _kept(records)


@pytest.mark.parametrize("file", ["google-contacts.csv", "address-book.vcf", "android.vcf",
                                  "linkedin-connections.csv"])
def test_a_real_shaped_file_survives_import_export_and_import_again(file: str) -> None:
    _, first = imported(file)
    found = preview(read_file(vcards(network_of(first))), Network())
    again = commit(found.rows, {}, "again", TODAY, NOW)
    assert _kept(again) == _kept(first)


def google_csv(rows: list[tuple[str, str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["First Name", "Last Name", "Labels", "E-mail 1 - Value"])
    writer.writerows([(first, last, "* myContacts", email) for first, last, email in rows])
    return out.getvalue()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(NAME_WORDS, NAME_WORDS,
                          st.sampled_from(["", "a@x.org", "B@x.org", "c" * 201 + "@x.org"])),
                max_size=6),
       st.lists(st.tuples(NAME_WORDS, st.sampled_from(["", "a@x.org", "b@x.org"])), max_size=4))
def test_an_import_never_decreases_the_number_of_records(
        rows: list[tuple[str, str, str]], here: list[tuple[str, str]]) -> None:
    existing = [contact(f"{name} {n}", id=f"here{n}", emails=(email,) if email else ())
                for n, (name, email) in enumerate(here)]
    before = Backup(NOW, {key_for(r): r for r in existing})
    found = preview(read_file(google_csv(rows)), network_of(existing))
    records = commit(found.rows, {}, "import-x", TODAY, NOW, stored=before.records.keys())
    after = merge(before, Backup(NOW, {key_for(r): r for r in records}))
    assert len(after.records) >= len(before.records)
    for kept in existing:
        now_stored = after.records[key_for(kept)]
        assert isinstance(now_stored, Contact)
        assert set(kept.emails) <= set(now_stored.emails) and now_stored.name == kept.name


def test_an_android_vcard_21_keeps_its_quoted_printable_lines_whole_and_its_custom_fields(
) -> None:
    found, records = imported("android.vcf")
    jose = people_of(records)["José Núñez"]
    # A soft line break ("=" at the end of a line) joined, and no text cut at a comma.
    assert jose.notes == ("Línea uno\nLa segunda línea es larga y el teléfono la parte en "
                          "dos con un salto suave, como hacen los móviles Android")
    assert (jose.title, jose.company, jose.department) == ("Director comercial, Iberia",
                                                           "Energía Sol, S.L.", "Ventas")
    assert jose.addresses == ("Calle Mayor 1\nMadrid 28013\nEspaña",)
    assert jose.phones == ("+34 600 111 222", "+34 911 222 333")
    # X-ANDROID-CUSTOM: a nickname, a spouse, who referred them, two dated events.
    assert jose.nickname == "Pepe"
    assert jose.related == ("spouse: Lucía Vega", "introduced by: Marta Gil")
    assert dates_of(records, jose) == [("birthday", "", 7, 14, 1985),
                                       ("custom", "Anniversary", 9, 8, 2012),
                                       ("custom", "Santo", 3, 21, None)]
    lea = people_of(records)["Lea Park"]
    assert dates_of(records, lea) == [("birthday", "", 2, 3, 1990)]  # Android's own birthday
    assert dict(found.not_kept) == {"Photo": 1, "Android sip address": 1}
    assert found.problems == ()


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_a_bare_comma_in_a_vcard_value_cuts_nothing_off(version: str) -> None:
    card = (f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:Doe, Jane\r\nN:Doe;Jane;;;\r\n"
            "TITLE:CTO, Europe\r\nNOTE:Met in Lisbon, at the summit\\, in 2024\r\n"
            "NICKNAME:JJ, Janie\r\nCATEGORIES:Climate,Mentors\r\nEND:VCARD\r\n")
    jane = read_file(card).candidates[0]
    assert (jane.name, jane.title, jane.nickname) == ("Doe, Jane", "CTO, Europe", "JJ, Janie")
    assert jane.notes == "Met in Lisbon, at the summit, in 2024"
    assert jane.groups == ("Climate", "Mentors")


def test_a_vcard_line_tend_cannot_read_is_named_and_the_rest_of_the_card_kept() -> None:
    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Lea Park\r\nNOTE:Met at the fair\r\n"
            "the phone broke this line off\r\nTEL;CELL:0612345678\r\nEND:VCARD\r\n")
    parsed = read_file(card)
    assert parsed.candidates[0].phones == ("0612345678",)
    assert parsed.problems == ("card 1: a line Tend cannot read was left out (the phone "
                               "broke this line off)",)


def test_a_vcard_date_written_in_words_is_named_as_not_kept() -> None:
    card = ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kenji Watanabe\r\nBDAY;VALUE=text:circa 1980\r\n"
            "ANNIVERSARY:20100612\r\nEND:VCARD\r\n")
    found = preview(read_file(card), Network())
    assert dict(found.not_kept) == {"Birthday not written as a date": 1}
    assert found.rows[0].candidate.dates[0].year == 2010


def test_a_vcard_4_number_and_relation_written_as_links_arrive_as_the_user_would_type_them(
) -> None:
    card = ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Ruiz\r\n"
            'TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-555-0100;ext=102\r\n'
            "RELATED;TYPE=friend:mailto:bo@example.org\r\n"
            "RELATED;TYPE=spouse:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\nEND:VCARD\r\n")
    found = preview(read_file(card), Network())
    ana = found.rows[0].candidate
    assert ana.phones == ("+1-555-555-0100 ext. 102",)
    assert ana.related == ("friend: bo@example.org",)
    assert dict(found.not_kept) == {"Related (a link to another card)": 1}
