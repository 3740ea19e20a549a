"""Possible duplicates: who seems to be in the book twice, why, and a merge that keeps
everything and that Undo takes back whole."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from core.app import App
from core.formats.importing import preview, read_file
from core.model import Contact, DateKind, FavourDirection, InteractionKind, Plan, Record
from core.network import Network
from core.rules.duplicates import TOO_COMMON, phone_key, possible_duplicates
from core.rules.merging import CHOSEN, LISTS
from core.storage.codec import key_for

from .factories import NOW, TODAY, favour, important_date, logged, network_of, person
from .helpers import Shell


def someone(name: str, id: str, **fields: Any) -> Contact:
    """A person by any name, with the id given (the factory's own ids are made from names)."""
    return person("Someone", id=id, **fields).model_copy(update={"name": name})


def reasons_between(network: Network) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(p.first.name, p.second.name, p.reasons) for p in possible_duplicates(network)]


def test_a_name_is_the_same_without_accents_punctuation_capitals_or_word_order() -> None:
    network = network_of(someone("Núñez-Ortega, Inés", id="a"),
                         someone("ines nunez ORTEGA", id="b"), someone("Inés Núñez", id="c"))
    assert reasons_between(network) == [("Núñez-Ortega, Inés", "ines nunez ORTEGA",
                                         ("same name",))]


def test_a_shared_email_without_case_or_phone_by_its_last_nine_digits_is_a_reason() -> None:
    network = network_of(someone("Ana Lima", id="a", emails=("Ana@Example.org",),
                                phones=("+351 912 345 678",)),
                         someone("A. Lima", id="b", emails=("ana@example.org",),
                                phones=("912-345-678",)),
                         someone("Ben", id="c", phones=("112",)), someone("Cy", id="d",
                                                                         phones=("112",)))
    assert reasons_between(network) == [("Ana Lima", "A. Lima", (
        "same e-mail (Ana@Example.org)", "same phone (+351 912 345 678)"))]
    assert phone_key("+351 912 345 678") == phone_key("912345678") and phone_key("112") == ""


def test_a_number_more_than_eight_people_share_is_a_switchboard_not_a_duplicate() -> None:
    office = [someone(f"Colleague {n}", id=f"c{n}", phones=("+44 20 7946 0000",))
              for n in range(TOO_COMMON + 1)]
    assert possible_duplicates(network_of(*office)) == []
    assert len(possible_duplicates(network_of(*office[:TOO_COMMON]))) == 28  # 8 choose 2


def test_a_deleted_person_is_no_duplicate() -> None:
    ana = someone("Ana", id="a")
    network = network_of(ana, someone("Ana", id="b").tombstone(NOW))
    assert possible_duplicates(network) == []


def test_the_importer_matches_with_the_same_rule() -> None:
    network = network_of(someone("Núñez-Ortega, Inés", id="ines"))
    found = preview(read_file("BEGIN:VCARD\nVERSION:3.0\nFN:Ines Nunez Ortega\nEND:VCARD\n"),
                    network)
    assert [(r.match.id if r.match else None, r.because) for r in found.rows] == [
        ("ines", "same name")]


def test_two_people_are_not_offered_again_after_a_reload_or_in_a_backup() -> None:
    device = Shell.holding(someone("Ana Lima", id="a"), someone("Ana Lima", id="b"))
    assert "They are two people" in device.open("#/duplicates")["html"]
    answer = device.submit("not_duplicates", keep="a", other="b")
    assert answer["notice"] == "Noted: Ana Lima and Ana Lima are two people."
    assert "No one seems to be here twice" in answer["html"]
    reloaded = App.from_storage(dict(device.storage))
    assert possible_duplicates(reloaded.network) == []


def test_people_and_your_data_count_the_pairs() -> None:
    device = Shell.holding(someone("Ana Lima", id="a"), someone("ana lima", id="b"))
    assert "Possible duplicates (1)" in device.open("#/people")["html"]
    assert "1 pair of people seems to be one person twice" in device.open("#/data")["html"]


def ana_twice() -> Shell:
    """Ana added by hand with a call and a plan, and again from a file with her birthday,
    a favour and someone she introduced."""
    return Shell.holding(
        someone("Ana Lima", id="a", emails=("ana@example.org",), title="CTO", shortlist=True),
        someone("Lima, Ana", id="b", emails=("ANA@example.org",), phones=("+351 912 345 678",),
               title="Head of Data", groups=("Lisbon",), notes="From the address book"),
        someone("Ben", id="ben", introduced_by="b"),
        logged("a", TODAY, InteractionKind.CALL, note="Her move to Porto"),
        logged("b", TODAY, InteractionKind.MEETING, note="PyCon"),
        logged("b", TODAY.replace(day=1), note="Thanks for the talk"),
        important_date("b", DateKind.BIRTHDAY, 3, 14),
        favour("b", FavourDirection.RECEIVED, "An intro to Ben"),
        Plan(id="b", contact_id="b", why="She knows the Lisbon scene", updated_at=NOW))


def test_a_merge_keeps_the_choices_and_moves_everything_to_the_one_who_stays() -> None:
    device = ana_twice()
    html = device.open("#/duplicates")["html"]
    assert "same e-mail (ana@example.org)" in html and "same name" in html
    answer = device.submit("merge_duplicates", keep="b", other="a", **{"pick-title": "other"},
                         **{"list-emails": "ana@example.org", "list-phones": "+351 912 345 678",
                            "list-groups": "Lisbon"})
    network = device.app.network
    assert set(network.contacts) == {"b", "ben"}
    ana = network.contacts["b"]
    assert (ana.title, ana.emails, ana.phones, ana.shortlist) == (
        "CTO", ("ANA@example.org",), ("+351 912 345 678",), True)
    assert len(network.interactions_with("b")) == 3
    assert network.contacts["ben"].introduced_by == "b"
    assert answer["route"] == "#/people/b"
    assert answer["notice"].startswith("Merged Ana Lima into Lima, Ana")
    assert "Her move to Porto" in answer["html"] and "PyCon" in answer["html"]


def test_undo_brings_both_people_back_as_they_were() -> None:
    device = ana_twice()
    before = device.app.network
    device.submit("merge_duplicates", keep="a", other="b")
    assert set(device.app.network.contacts) == {"a", "ben"}
    assert device.send_undo()["notice"].startswith("Undone: Merged Lima, Ana into Ana Lima")
    assert without_times(device.app.network) == without_times(before)


def without_times(network: Network) -> dict[str, Any]:
    """Every live record as stored, but for when it was last written."""
    return {key_for(r): r.model_dump(exclude={"updated_at"}) for kind in (
        network.contacts, network.interactions, network.favours, network.dates, network.plans)
        for r in kind.values()}


@st.composite
def twins(draw: st.DrawFn) -> tuple[list[Record], dict[str, Any]]:
    """Two entries of one person with some history each, and a merge form filled at random."""
    records: list[Record] = [
        someone("Ana Lima", id="a", emails=("ana@example.org",), notes=draw(st.sampled_from(
            ["", "Met at PyCon"])), groups=tuple(draw(st.sets(st.sampled_from("XYZ"))))),
        someone("Ana Lima", id="b", phones=("912345678",), title=draw(st.sampled_from(
            ["", "CTO"])), notes="Lisbon", introduced_by=draw(st.sampled_from([None, "c"]))),
        someone("Cy", id="c", introduced_by=draw(st.sampled_from([None, "a", "b"])))]
    for who in "ab":
        records += [logged(who, TODAY.replace(day=n + 1), id=f"{who}-i{n}")
                    for n in range(draw(st.integers(0, 3)))]
        records += [favour(who, FavourDirection.GIVEN, id=f"{who}-f{n}")
                    for n in range(draw(st.integers(0, 2)))]
        records += [important_date(who, DateKind.CUSTOM, 5, n + 1, label="Day", id=f"{who}-d{n}")
                    for n in range(draw(st.integers(0, 2)))]
        if draw(st.booleans()):
            records.append(Plan(id=who, contact_id=who, research=f"About {who}", updated_at=NOW))
    form: dict[str, Any] = {f"pick-{name}": draw(st.sampled_from(["kept", "other", "both"]))
                            for name in draw(st.sets(st.sampled_from(sorted(CHOSEN))))}
    form.update({f"list-{name}": draw(st.lists(st.sampled_from(
        ["ana@example.org", "912345678", "X", "Y", "Z"]))) for name in LISTS})
    return records, {"keep": draw(st.sampled_from("ab")), **form}


def live_counts(network: Network) -> tuple[int, int, int]:
    return len(network.interactions), len(network.dates), len(network.favours)


@settings(max_examples=40, deadline=None)
@given(case=twins())
def test_a_merge_loses_no_record_and_undo_restores_both_people_exactly(
        case: tuple[list[Record], dict[str, Any]]) -> None:
    records, form = case
    device = Shell.holding(*records)
    before = device.app.network
    kept = form["keep"]
    other = "b" if kept == "a" else "a"
    device.send({"type": "merge_duplicates", "fields": {**form, "other": other}},
                   TODAY.isoformat())
    after = device.app.network
    assert live_counts(after) == live_counts(before)
    both_planned = {"a", "b"} <= set(before.plans)
    assert len(after.plans) == len(before.plans) - both_planned
    assert other not in after.contacts
    owners = ({i.contact_id for i in after.interactions.values()}
              | {f.contact_id for f in after.favours.values()}
              | {d.contact_id for d in after.dates.values()})
    assert owners <= {kept}
    assert after.contacts["c"].introduced_by in (None, kept)
    for plan in before.plans.values():
        assert plan.research in after.plans[kept].research
    device.send_undo()
    assert without_times(device.app.network) == without_times(before)


def test_five_thousand_people_each_with_their_own_keys_give_no_pair() -> None:
    """How long it takes is bench/duplicates.py's subject; this is what it finds."""
    network = network_of(*(someone(f"Person {n}", id=f"p{n}", emails=(f"p{n}@example.org",),
                                   phones=(f"+1 555 {n:07d}",)) for n in range(5_000)))
    assert possible_duplicates(network) == []
