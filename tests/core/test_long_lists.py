"""Long lists stay quick: People comes a page at a time, and a person is named by typing,
not picked from a list of everyone (issue 19, item 14)."""

from __future__ import annotations

import re

import pytest

from core.storage.codec import encode, key_for
from core.views import people as people_view_module
from core.views.people import PAGE_SIZE, PICKER_LIST_MOST

from .factories import contact
from .helpers import Shell


def book_of(size: int) -> Shell:
    """A page over storage holding ``size`` people, Person 0001 … Person NNNN."""
    people = [contact(f"Person {n:05}", id=f"p{n}") for n in range(1, size + 1)]
    return Shell(storage={key_for(person): encode(person) for person in people})


def listed(html: str) -> list[str]:
    people = html.split('<ul class="people">')[1].split("</ul>")[0]
    return re.findall(r">(Person \d+)</a>", people)


def people_page(page: Shell, query: str = "") -> str:
    return page.send({"type": "navigate", "route": f"#/people{query}"})["html"]


def test_people_lists_one_page_at_a_time_and_links_the_next() -> None:
    html = people_page(book_of(PAGE_SIZE * 2 + 5))
    assert len(listed(html)) == PAGE_SIZE
    assert f"{PAGE_SIZE * 2 + 5} people; showing 1–{PAGE_SIZE}" in html
    assert f'href="#/people?page=2" rel="next">Next {PAGE_SIZE}<' in html
    assert 'rel="prev"' not in html


def test_the_last_page_holds_the_rest_and_links_back() -> None:
    html = people_page(book_of(PAGE_SIZE * 2 + 5), "?page=3")
    assert listed(html) == [f"Person {n:05}" for n in range(PAGE_SIZE * 2 + 1,
                                                              PAGE_SIZE * 2 + 6)]
    assert 'href="#/people?page=2" rel="prev"' in html
    assert 'rel="next"' not in html


@pytest.mark.parametrize("asked", ["?page=99", "?page=0", "?page=two", "?page=-1"])
def test_a_page_out_of_range_shows_the_nearest_real_page(asked: str) -> None:
    html = people_page(book_of(PAGE_SIZE + 1), asked)
    assert len(listed(html)) in (1, PAGE_SIZE)


def test_filters_travel_with_the_page_links() -> None:
    page = book_of(PAGE_SIZE + 10)
    html = people_page(page, "?q=person")
    assert 'href="#/people?q=person&amp;page=2" rel="next"' in html


def test_a_short_book_has_no_page_links() -> None:
    html = people_page(book_of(3))
    assert listed(html) == ["Person 00001", "Person 00002", "Person 00003"]
    assert 'class="pages"' not in html and "showing" not in html


def test_a_large_book_offers_no_list_of_everyone_to_pick_from() -> None:
    page = book_of(PICKER_LIST_MOST + 1)
    for route in ("#/people", "#/people/p1"):
        html = page.send({"type": "navigate", "route": route})["html"]
        assert html.count("<option") < 50, route
        assert "Type their name as Tend has it" in html


def test_a_small_book_offers_its_names_to_pick_an_introducer_from() -> None:
    html = book_of(3).send({"type": "navigate", "route": "#/people/p1"})["html"]
    datalist = html.split('<datalist id="edit-introduced_by-people">')[1].split("</datalist>")[0]
    assert re.findall(r'value="([^"]+)"', datalist) == ["Person 00002", "Person 00003"]


def test_an_introducer_typed_by_name_is_recorded_and_shown_by_name() -> None:
    page = book_of(3)
    answer = page.send({"type": "edit_contact", "fields": {
        "id": "p1", "name": "Person 00001", "introduced_by": "", "introducer": "person 00003"}})
    assert page.app.network.contacts["p1"].introduced_by == "p3"
    assert 'name="introducer" value="Person 00003"' in answer["html"]


def test_clearing_the_introducer_field_forgets_the_introduction() -> None:
    page = book_of(3)
    fields = {"id": "p1", "name": "Person 00001", "introduced_by": "p3"}
    page.send({"type": "edit_contact", "fields": {**fields, "introducer": "Person 00003"}})
    page.send({"type": "edit_contact", "fields": {**fields, "introducer": ""}})
    assert page.app.network.contacts["p1"].introduced_by is None


def test_an_unknown_introducer_keeps_the_form_and_says_so() -> None:
    page = book_of(3)
    answer = page.send({"type": "edit_contact", "fields": {
        "id": "p1", "name": "Person 00001 renamed", "introduced_by": "", "introducer": "Zed"}})
    assert answer["writes"] == []
    assert "No one called Zed is in Tend yet" in answer["html"]
    assert 'value="Person 00001 renamed"' in answer["html"]


def test_a_shared_name_asks_which_one_and_its_label_picks_one() -> None:
    page = book_of(1)
    page.add("Ana Ruiz", company="Acme")
    page.add("Ana Ruiz", company="Gridwise")
    answer = page.add("Bo", introducer="Ana Ruiz")
    assert "2 people are called Ana Ruiz: pick the one you mean, for example" in answer["html"]
    page.add("Bo", introducer="Ana Ruiz (Gridwise)")
    bo = next(c for c in page.app.network.people if c.name == "Bo")
    assert page.app.network.contacts[bo.introduced_by or ""].company == "Gridwise"


def test_nobody_is_their_own_introducer() -> None:
    page = book_of(2)
    answer = page.send({"type": "edit_contact", "fields": {
        "id": "p1", "name": "Person 00001", "introduced_by": "", "introducer": "Person 00001"}})
    assert answer["writes"] == []
    assert "No one called Person 00001" in answer["html"]


def test_the_quick_log_tells_two_people_of_one_name_apart_by_their_work() -> None:
    page = book_of(1)
    page.add("Ana Ruiz", company="Acme")
    page.add("Ana Ruiz", company="Gridwise")
    html = page.send({"type": "navigate", "route": "#/log"})["html"]
    assert 'value="Ana Ruiz (Acme)"' in html and 'value="Ana Ruiz (Gridwise)"' in html
    page.send({"type": "log_interaction", "fields": {
        "with": "Ana Ruiz (Acme)", "on": "2026-11-24", "back": "#/log"}})
    acme = next(c for c in page.app.network.people if c.company == "Acme")
    assert page.app.network.interactions_with(acme.id)


def test_a_search_in_a_large_book_works_out_keep_in_touch_only_for_the_page_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = book_of(PAGE_SIZE * 5)
    worked_out: list[str] = []
    real = people_view_module.statuses_for

    def counted(network: object, contact_id: str, today: object) -> object:
        worked_out.append(contact_id)
        return real(network, contact_id, today)  # type: ignore[arg-type]

    monkeypatch.setattr(people_view_module, "statuses_for", counted)
    html = people_page(page, "?q=person")
    assert len(listed(html)) == PAGE_SIZE
    assert f"{PAGE_SIZE * 5} people match" in html
    assert len(worked_out) == PAGE_SIZE


def test_the_due_filter_still_pages_through_everyone_due() -> None:
    html = people_page(book_of(PAGE_SIZE + 30), "?due=yes&page=2")
    assert listed(html) == [f"Person {n:05}" for n in range(PAGE_SIZE + 1, PAGE_SIZE + 31)]
    assert "No one matches these filters" in people_page(book_of(3), "?due=no")
