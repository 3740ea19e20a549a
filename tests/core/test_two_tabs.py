"""Two tabs editing the same record: each save merges with the other's, none is lost.

Each tab is an App over one shared storage, told of the other's writes as the browser
tells it (a storage event), and forms are sent back exactly as the page rendered them,
hidden base included. A form read before the other tab saved stands for a user who was
already typing: the shell keeps that form's text and base across the re-render.
"""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from itertools import count
from typing import Any

import pytest

from core.storage.loading import load_network

from .factories import NOW
from .helpers import Shell

# Every tab's clock: one save after another.
TIMES = (f"{NOW + timedelta(seconds=n):%H:%M:%S}" for n in count())

Form = dict[str, list[str]]


class FormReader(HTMLParser):
    """What the browser's FormData holds for one form of a page (the first whose action
    and hidden id match): every named field's value, ticked boxes only."""

    def __init__(self, action: str, record_id: str | None) -> None:
        super().__init__()
        self.action, self.record_id = action, record_id
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.text_of: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = {k: v or "" for k, v in attrs}
        if tag == "form" and at.get("data-action") == self.action:
            self.current = {}
            self.forms.append(self.current)
        if self.current is None or ("name" not in at and tag != "option"):
            return
        if tag == "input" and (at.get("type") != "checkbox" or "checked" in at):
            self.current.setdefault(at["name"], []).append(at.get("value", "on"))
        elif tag == "textarea":
            self.text_of = at["name"]
            self.current[at["name"]] = [""]
        elif tag == "select":
            self.select = at["name"]
            self.current[at["name"]] = []
        elif tag == "option" and self.select and ("selected" in at
                                                  or not self.current[self.select]):
            self.current[self.select] = [at["value"]]

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.text_of:
            self.current[self.text_of][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "textarea":
            self.text_of = None
        elif tag == "select":
            self.select = None

    def form(self) -> Form:
        for form in self.forms:
            if self.record_id is None or form.get("id") == [self.record_id]:
                return {k: [v.removeprefix("\n") for v in values] for k, values in form.items()}
        raise AssertionError(f"no {self.action} form for {self.record_id} on the page")


def form_on(tab: Shell, action: str, record_id: str | None = None) -> Form:
    """The fields of a form on the tab's page, as the browser would send them."""
    reader = FormReader(action, record_id)
    reader.feed(tab.html)
    return reader.form()


def submit_form(tab: Shell, action: str, form: Form, **typed: str) -> dict[str, Any]:
    """Send a form read from the page with what the user typed over it."""
    return tab.send({"type": action, "fields": {**form, **{k: [v] for k, v in typed.items()}}})


def a_tab(storage: dict[str, str], tabs: list[Shell]) -> Shell:
    """One tab of Tend over storage every tab shares, as localStorage is."""
    return Shell(None, storage=storage, tabs=tabs, times=TIMES)


def two_tabs_on(route: str) -> tuple[Shell, Shell]:
    storage: dict[str, str] = {}
    tabs: list[Shell] = []
    first = a_tab(storage, tabs)
    first.send({"type": "add_contact", "fields": {"name": ["Ana"], "groups": ["Work"]}})
    [ana] = first.app.network.contacts
    first.send({"type": "save_plan", "fields": {"contact_id": [ana], "why": ["Her talk"]}})
    first.send({"type": "save_target", "fields": {"name": ["Mentors"], "kind": ["mentors"]}})
    first.send({"type": "log_interaction", "fields": {"contact_id": [ana], "on": ["2026-11-20"],
                                                      "note": ["Grids"]}})
    first.send({"type": "add_favour", "fields": {"contact_id": [ana], "direction": ["given"],
                                                 "what": ["An intro"]}})
    first.send({"type": "add_date", "fields": {"contact_id": [ana], "kind": ["birthday"],
                                               "month": ["3"], "day": ["14"]}})
    first.send({"type": "save_pitch", "fields": {"one_liner": ["I build data platforms"]}})
    second = a_tab(storage, tabs)
    first.open(route.format(ana=ana))
    second.open(route.format(ana=ana))
    return first, second


def stored(tab: Shell) -> Any:
    return load_network(tab.storage).network


def ana_of(tab: Shell) -> Any:
    [ana] = stored(tab).contacts.values()
    return ana


def test_two_tabs_changing_different_fields_of_a_person_keep_both_changes() -> None:
    first, second = two_tabs_on("#/people/{ana}")
    started = form_on(second, "edit_contact")
    submit_form(first, "edit_contact", form_on(first, "edit_contact"), name="Ana Lima")
    answer = submit_form(second, "edit_contact", started, company="Acme")
    assert answer["notice"] == "Saved Ana Lima."
    assert (ana_of(first).name, ana_of(first).company) == ("Ana Lima", "Acme")


def test_a_field_both_tabs_changed_differently_writes_nothing_and_shows_both_texts() -> None:
    first, second = two_tabs_on("#/people/{ana}/plan")
    started = form_on(second, "save_plan")
    submit_form(first, "save_plan", form_on(first, "save_plan"), why="Her talk on grids",
                 next_step="Coffee in January")
    answer = submit_form(second, "save_plan", started, why="She hires data engineers")
    assert answer["writes"] == []
    assert answer["notice"] == (
        "This plan was changed in another tab while you were editing. Both versions of 'Why' "
        "are shown; keep one or combine them, then save again.")
    shown = form_on(second, "save_plan")
    assert shown["why"] == ["She hires data engineers"]
    assert shown["next_step"] == ["Coffee in January"]  # their other change, not a conflict
    assert 'readonly>Her talk on grids</textarea>' in answer["html"]
    assert stored(first).plans[ana_of(first).id].why == "Her talk on grids"


def test_saving_the_shown_conflict_again_keeps_the_text_the_user_chose() -> None:
    first, second = two_tabs_on("#/people/{ana}/plan")
    started = form_on(second, "save_plan")
    submit_form(first, "save_plan", form_on(first, "save_plan"), why="Her talk on grids",
                 next_step="Coffee in January")
    submit_form(second, "save_plan", started, why="She hires data engineers")
    combined = "Her talk on grids; she hires data engineers"
    answer = submit_form(second, "save_plan", form_on(second, "save_plan"), why=combined)
    plan = stored(first).plans[ana_of(first).id]
    assert answer["notice"].startswith("Plan for Ana saved.")
    assert (plan.why, plan.next_step) == (combined, "Coffee in January")


def test_groups_added_in_two_tabs_are_both_kept() -> None:
    first, second = two_tabs_on("#/people/{ana}")
    started = form_on(second, "edit_contact")
    submit_form(first, "edit_contact", form_on(first, "edit_contact"), groups="Work\nClimate")
    submit_form(second, "edit_contact", started, groups="Friends")
    assert set(ana_of(first).groups) == {"Climate", "Friends"}


def test_a_form_shown_again_to_fix_still_merges_with_the_other_tabs_save() -> None:
    first, second = two_tabs_on("#/people/{ana}")
    started = form_on(second, "edit_contact")
    submit_form(first, "edit_contact", form_on(first, "edit_contact"), name="Ana Lima")
    refused = submit_form(second, "edit_contact", started, name="", company="Acme")
    assert refused["writes"] == [] and form_on(second, "edit_contact")["base"] == started["base"]
    answer = submit_form(second, "edit_contact", form_on(second, "edit_contact"), name="Ana K.")
    assert answer["writes"] == []
    assert "Both versions of 'Name'" in answer["notice"]
    assert "Saved in the other tab: <strong>Ana Lima</strong>" in answer["html"]


@pytest.mark.parametrize(("route", "action", "record", "field", "mine", "theirs"), [
    ("#/people/{ana}", "edit_contact", None, "layer", "close", "wider"),
    ("#/pitch", "save_pitch", None, "one_liner", "I fix data", "I teach data"),
    ("#/networks", "save_target", "target", "research", "Their field", "Their trends"),
    ("#/people/{ana}", "edit_interaction", "interaction", "note", "Solar", "Wind"),
    ("#/people/{ana}", "edit_favour", "favour", "what", "A review", "A lift"),
    ("#/people/{ana}", "edit_date", "date", "label", "Name day", "Party"),
    ("#/health", "save_settings", None, "date_lead_days", "3", "14"),
])
def test_every_edit_form_asks_rather_than_overwrite_the_other_tabs_text(
        route: str, action: str, record: str | None, field: str, mine: str,
        theirs: str) -> None:
    first, second = two_tabs_on(route)
    network = stored(first)
    record_id = {None: None, "target": next(iter(network.targets), None),
                 "interaction": next(iter(network.interactions), None),
                 "favour": next(iter(network.favours), None),
                 "date": next(iter(network.dates), None)}[record]
    started = form_on(second, action, record_id)
    submit_form(first, action, form_on(first, action, record_id), **{field: theirs})
    answer = submit_form(second, action, started, **{field: mine})
    assert answer["writes"] == [] and "changed in another tab" in answer["notice"]
    assert form_on(second, action, record_id)[field] == [mine]
    assert "Saved in the other tab" in answer["html"]


def test_a_plan_started_in_two_tabs_at_once_keeps_both_answers() -> None:
    first, second = two_tabs_on("#/people/{ana}")
    ana = ana_of(first).id
    first.send({"type": "add_contact", "fields": {"name": ["Ben"]}})
    ben = next(c.id for c in stored(first).contacts.values() if c.name == "Ben")
    first.open(f"#/people/{ben}/plan")
    second.open(f"#/people/{ben}/plan")
    started = form_on(second, "save_plan")
    submit_form(first, "save_plan", form_on(first, "save_plan"), why="He runs the meetup")
    submit_form(second, "save_plan", started, give="A hand with the venue")
    plan = stored(first).plans[ben]
    assert (plan.why, plan.give, plan.active) == ("He runs the meetup", "A hand with the venue",
                                                  True)
    assert ana in stored(first).plans


def test_a_save_over_an_unchanged_record_writes_what_a_save_without_a_base_writes() -> None:
    with_base, _ = two_tabs_on("#/people/{ana}")
    without, _ = two_tabs_on("#/people/{ana}")
    form = form_on(with_base, "edit_contact")
    plain = {k: v for k, v in form_on(without, "edit_contact").items() if k != "base"}
    submit_form(with_base, "edit_contact", form, notes="Two kids", groups="Work, Climate")
    submit_form(without, "edit_contact", plain, notes="Two kids", groups="Work, Climate")
    assert (ana_of(with_base).model_dump(exclude={"id", "updated_at"})
            == ana_of(without).model_dump(exclude={"id", "updated_at"}))


def test_the_other_tabs_text_stays_literal_when_shown_beside_yours() -> None:
    first, second = two_tabs_on("#/people/{ana}/plan")
    started = form_on(second, "save_plan")
    hostile = '<img src=x onerror="alert(1)">'
    submit_form(first, "save_plan", form_on(first, "save_plan"), why=hostile)
    answer = submit_form(second, "save_plan", started, why="Mine")
    assert "<img" not in answer["html"] and "&lt;img src=x" in answer["html"]
