"""Right-to-left text the user typed never turns the app's own words around it."""

from __future__ import annotations

import re

import pytest

from core.bidi import FSI, PDI

from .helpers import Shell

RLO = "\u202e"
ISOLATED = re.compile(f"{FSI}+[^{FSI}{PDI}]*{PDI}+")


def outside_isolates(html: str) -> str:
    return ISOLATED.sub("", html)


@pytest.fixture
def page() -> Shell:
    page = Shell()
    page.add(f"{RLO}Ana Lima", groups=f"{RLO}Work")
    page.log("id1", "2026-06-01", note=f"{RLO}Talked about Porto")  # due again by now
    page.send({"type": "save_target", "fields": {"name": f"{RLO}Future employers"}})
    return page


@pytest.mark.parametrize("route", ["#/today", "#/people", "#/people/id1", "#/people/id1/plan",
                                   "#/groups", "#/log", "#/networks"])
def test_a_right_to_left_override_in_a_name_a_group_a_network_or_a_note_is_isolated(
        page: Shell, route: str) -> None:
    html = page.send({"type": "navigate", "route": route})["html"]
    assert RLO not in outside_isolates(html)


def test_each_piece_of_user_text_is_isolated_on_its_own(page: Shell) -> None:
    html = page.send({"type": "navigate", "route": "#/people/id1"})["html"]
    for text in ("Ana Lima", "Work", "Talked about Porto"):
        assert f"{FSI}{RLO}{text}{PDI}" in html


def test_text_without_anything_right_to_left_is_printed_unchanged() -> None:
    page = Shell()
    page.add("Ana Lima", groups="Work")
    html = page.send({"type": "navigate", "route": "#/people/id1"})["html"]
    assert FSI not in html and PDI not in html


def test_saving_a_form_as_the_page_printed_it_stores_what_the_user_typed(page: Shell) -> None:
    html = page.send({"type": "navigate", "route": "#/people/id1"})["html"]
    shown = re.search(r'id="edit-name" name="name" type="text" value="([^"]*)"', html)
    assert shown is not None and shown[1] == f"{FSI}{RLO}Ana Lima{PDI}"
    page.send({"type": "edit_contact", "fields": {"id": "id1", "name": shown[1]}})
    assert page.app.network.contacts["id1"].name == f"{RLO}Ana Lima"
