"""Every detail at hand: shown, editable and searchable; a person in several groups."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from core.model import Contact
from core.rules.groups import group_tree, in_group
from core.storage.migrations import migrate

from .factories import person
from .helpers import Shell


def added(page: Shell, name: str, **fields: str) -> Contact:
    page.add(name, **fields)
    return page.app.network.contacts[f"id{page.ids}"]


def names_found(page: Shell, query: str) -> list[str]:
    # Encoded as the filter form's action and the browser's address bar encode it.
    route = f"#/people?{urlencode({'q': query})}"
    html = page.send({"type": "navigate", "route": route})["html"]
    listed = html.split('<ul class="people">')[1].split("</ul>")[0] if '<ul class="people">' \
        in html else ""
    return [name for name in ("Dr. Jane Q. Doe", "Inés Núñez", "Sam Lee") if name in listed]


@pytest.fixture
def people() -> Shell:
    page = Shell()
    added(page, "Dr. Jane Q. Doe", title="Head of Data", company="Acme Climate",
          groups="Mentors, Work / Acme")
    added(page, "Inés Núñez", how_met="Lisbon solar meetup")
    added(page, "Sam Lee", company="Gridwise")
    page.send({"type": "edit_contact", "fields": {
        "id": "id3", "name": "Sam Lee", "company": "Gridwise",
        "notes": "Training for the Berlin marathon"}})
    return page


@pytest.mark.parametrize(("query", "found"), [
    ("jane doe", ["Dr. Jane Q. Doe"]),
    ("DOE jane", ["Dr. Jane Q. Doe"]),
    ("acme", ["Dr. Jane Q. Doe"]),
    ("head of data", ["Dr. Jane Q. Doe"]),
    ("mentors", ["Dr. Jane Q. Doe"]),
    ("ines nunez", ["Inés Núñez"]),
    ("solar", ["Inés Núñez"]),
    ("marathon", ["Sam Lee"]),
    ("gridwise", ["Sam Lee"]),
    ("jane smith", []),
])
def test_people_search_finds_any_word_in_any_order_without_case_or_accents(
        people: Shell, query: str, found: list[str]) -> None:
    assert names_found(people, query) == found


def test_title_company_emails_phones_web_notes_groups_and_known_since_are_edited_and_shown(
) -> None:
    page = Shell()
    added(page, "Ana Lima")
    answer = page.send({"type": "edit_contact", "fields": {
        "id": "id1", "name": "Ana Lima", "call_them": "Ana", "title": "Data lead",
        "company": "Acme", "department": "Platform", "emails": "ana@acme.example\nana@home.example",
        "phones": "+351 912 345 678", "websites": "https://www.linkedin.com/in/ana\njavascript:x",
        "notes": "Two kids.\nLoves kites.", "groups": "Work / Acme\nclimbing, Climbing",
        "known_since": "2019-05-01"}})
    ana = page.app.network.contacts["id1"]
    assert (ana.title, ana.company, ana.department, ana.call_them) == (
        "Data lead", "Acme", "Platform", "Ana")
    assert ana.emails == ("ana@acme.example", "ana@home.example")
    assert ana.groups == ("Work / Acme", "climbing")
    assert ana.known_since is not None and ana.known_since.isoformat() == "2019-05-01"
    html = answer["html"]
    for shown in ("Data lead, Platform · Acme", 'href="mailto:ana@acme.example"',
                  'href="tel:+351 912 345 678"', 'href="https://www.linkedin.com/in/ana"',
                  "Loves kites.", "1 May 2019"):
        assert shown in html, shown
    assert 'href="javascript:x"' not in html  # shown as text, never as a link
    form = page.send({"type": "navigate", "route": "#/people/id1"})["html"]
    assert "ana@acme.example\nana@home.example</textarea>" in form


def test_an_edit_with_a_too_long_email_is_refused_in_place_and_keeps_what_was_typed() -> None:
    page = Shell()
    added(page, "Ana")
    long = "a" * 250 + "@example.org"
    answer = page.send({"type": "edit_contact", "fields": {"id": "id1", "name": "Ana",
                                                           "emails": long, "title": "CTO"}})
    assert "Please keep this under 200 characters." in answer["html"]
    assert long in answer["html"] and page.app.network.contacts["id1"].emails == ()


def test_a_person_in_two_groups_is_found_in_each_and_counted_once_above_them() -> None:
    ana = person("Ana", groups=("Work / Acme", "Work / Globex", "Climbing"))
    assert in_group(ana, "work / globex") and in_group(ana, "Climbing")
    tree = group_tree([ana, person("Ben", groups=("Work",))])
    work = tree.children["work"]
    assert (work.total, work.children["acme"].total, tree.children["climbing"].total) == (2, 1, 1)


def test_adding_several_people_to_a_group_keeps_the_groups_they_had() -> None:
    page = Shell()
    added(page, "Ana", groups="Family")
    added(page, "Ben")
    page.send({"type": "bulk", "fields": {"ids": ["id1", "id2"], "do": "group",
                                          "group": "Climbing"}})
    contacts = page.app.network.contacts
    assert (contacts["id1"].groups, contacts["id2"].groups) == (("Family", "Climbing"),
                                                                ("Climbing",))


def test_the_quick_log_takes_a_typed_name_and_says_when_it_names_no_one() -> None:
    page = Shell()
    added(page, "Inés Núñez")
    answer = page.send({"type": "log_interaction", "fields": {
        "with": "ines nunez", "on": "2026-11-20", "back": "#/log"}})
    assert "Logged: message or email with Inés Núñez." in answer["notice"]
    nobody = page.send({"type": "log_interaction", "fields": {
        "with": "Zed", "on": "2026-11-20", "back": "#/log"}})
    assert "No one called Zed is in Tend yet" in nobody["html"]
    assert 'list="ql-people"' in nobody["html"] and 'id="ql-contact_id"' not in nobody["html"]


def test_add_a_person_is_at_the_top_of_people_and_open_while_the_network_is_small() -> None:
    page = Shell()
    html = page.send({"type": "navigate", "route": "#/people"})["html"]
    assert html.index("Add a person") < html.index('role="search"')
    assert '<details class="card add-person" open>' in html
    for n in range(20):
        page.add(f"Person {n}")
    html = page.send({"type": "navigate", "route": "#/people"})["html"]
    assert '<details class="card add-person">' in html


@pytest.mark.parametrize(("work", "title", "company"), [
    ("Data lead · Acme", "Data lead", "Acme"),
    ("Founder · Data · Co", "Founder · Data", "Co"),
    ("Acme", "Acme", None),
])
def test_a_stored_work_line_becomes_title_and_company_and_reads_the_same(
        work: str, title: str, company: str | None) -> None:
    stored = json.dumps({"updated_at": "2026-01-01T00:00:00Z", "name": "Ana", "how_met": "x",
                         "work": work, "group": "Work", "added_on": "2026-01-01"})
    key, value = migrate("tend/v2/contact/ana", stored)
    data = json.loads(value)
    assert key == "tend/v4/c/ana" and "work" not in data and data["groups"] == ["Work"]
    assert (data["title"], data.get("company")) == (title, company)
    contact = Contact.model_validate({**data, "id": "ana"})
    assert contact.work == work
