"""No field cuts text silently: every form field holds what its record may hold, read
from the model, and a counter shows as the limit nears."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from pydantic import BaseModel

from core.model import (
    Contact,
    Favour,
    ImportantDate,
    Interaction,
    Pitch,
    Plan,
    Settings,
    TargetNetwork,
)
from core.views.router import view_for

from .factories import TODAY
from .helpers import Shell

# Which record each form's fields are written to, stated here independently of the code
# under test. Forms that write no text to a record (filters, Today's buttons, files,
# deletions) are not listed, and their text fields must carry no limit of ours.
WRITES: dict[str, type[BaseModel] | dict[str, type[BaseModel]]] = {
    "add_contact": Contact, "edit_contact": Contact, "bulk": Contact,
    "log_interaction": Interaction, "edit_interaction": Interaction,
    "add_favour": Favour, "edit_favour": Favour,
    "add_date": ImportantDate, "edit_date": ImportantDate,
    "save_target": TargetNetwork, "save_plan": Plan, "save_pitch": Pitch,
    "save_settings": Settings,
    "step_done": {"note": Interaction, "next_step": Plan},
    "act_on_item": {"note": Interaction},  # Done's "what did you send?" line
    "start": {"one_liner": Pitch, "name": Contact},
}
TEXT_TYPES = {"text", "search", "email", "tel", "url"}


class Fields(HTMLParser):
    """Every text field of every form on a page: (form's action, name, maxlength, attributes)."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.found: list[tuple[str, str, dict[str, Any]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.action = attributes.get("data-action") or ""
        elif (tag == "textarea" or (tag == "input" and attributes.get("type", "text")
                                    in TEXT_TYPES)) and attributes.get("name"):
            self.found.append((self.action, str(attributes["name"]), attributes))


def model_limit(action: str, name: str) -> int | None:
    """The record field's own max_length, as pydantic holds it."""
    field = re.sub(r"_\d+$", "", name)
    written = WRITES.get(action)
    model = written.get(field) if isinstance(written, dict) else written
    info = model.model_fields.get(field) if model else None
    if info is None or info.annotation is not str:
        return None
    return next((m.max_length for m in info.metadata if getattr(m, "max_length", None)), None)


def everything() -> Shell:
    """A network with one of everything, so every form on every page is rendered."""
    device = Shell(None)
    device.submit("start", one_liner="I build data platforms", targets="mentors",
                name_1="Mum", circle_1="family", last_1="month")
    [mum] = device.app.network.contacts
    device.submit("log_interaction", contact_id=mum, on="2026-11-20", note="Her knee")
    device.submit("add_favour", contact_id=mum, direction="given", what="A lift", on="2026-11-21")
    device.submit("add_date", contact_id=mum, kind="birthday", month="11", day="26")
    device.submit("save_plan", contact_id=mum, why="She is family", next_step="Call her",
                next_on=TODAY.isoformat())
    device.submit("add_contact", name="Ben")
    return device


def pages(device: Shell) -> dict[str, str]:
    network = device.app.network
    [mum] = (c.id for c in network.contacts.values() if c.name == "Mum")
    routes = ["#/today", "#/week", "#/people", f"#/people/{mum}", f"#/people/{mum}/plan",
              "#/groups", "#/networks", "#/shortlist", "#/health", "#/pitch", "#/data",
              "#/log", "#/start"]
    return {route: view_for(route, network, TODAY + timedelta(days=1), {},
                            device.storage)[1].html for route in routes}


def test_every_text_field_in_every_view_holds_exactly_what_its_record_may_hold() -> None:
    checked = 0
    for route, html in pages(everything()).items():
        parser = Fields()
        parser.feed(html)
        for action, name, attributes in parser.found:
            expected = model_limit(action, name)
            shown = attributes.get("maxlength")
            assert shown == (str(expected) if expected else None), (route, action, name)
            checked += expected is not None
    assert checked >= 30  # the walk reached the forms, not an empty page


def test_the_plan_fields_hold_four_thousand_characters_not_two_hundred() -> None:
    html = pages(everything())
    plan = next(h for r, h in html.items() if r.endswith("/plan"))
    for name in ("why", "give", "get", "research"):
        assert re.search(rf'id="plan-{name}" name="{name}" rows="3" maxlength="4000"', plan)
    assert re.search(r'id="step-note" name="note" rows="3" maxlength="4000"', plan)


def test_a_long_research_note_is_kept_whole() -> None:
    device = everything()
    [mum] = (c.id for c in device.app.network.contacts.values() if c.name == "Mum")
    research = ("What does a product manager in climate tech own in the first year? " * 58)[:3999]
    answer = device.submit("save_plan", contact_id=mum, why="She is family", next_step="Call",
                         research=research + "!")
    assert device.app.network.plans[mum].research == research + "!"
    assert research[-60:] in answer["html"]


def test_a_question_longer_than_a_question_may_be_is_refused_with_a_message_not_cut() -> None:
    device = everything()
    [mum] = (c.id for c in device.app.network.contacts.values() if c.name == "Mum")
    long_question = "How did you " + "really " * 40 + "start?"
    answer = device.submit("save_plan", contact_id=mum, why="She is family", next_step="Call",
                         questions=f"Who else?\n{long_question}")
    assert answer["writes"] == []
    assert "Please keep this under 200 characters." in answer["html"]
    assert long_question in answer["html"]


@pytest.mark.parametrize(("field", "most", "shows_from"), [("note", 4000, 3200),
                                                           ("where", 200, 160)])
def test_a_counter_is_ready_to_show_from_four_fifths_of_the_limit(
        field: str, most: int, shows_from: int) -> None:
    html = pages(everything())["#/log"]
    tag = re.search(rf'<(?:input|textarea) id="ql-{field}"[^>]*>', html)
    assert tag is not None
    assert f'maxlength="{most}" data-count-from="{shows_from}" data-counter="n-ql-{field}"' \
        in tag.group(0)
    assert f"n-ql-{field}" in re.search(r'aria-describedby="([^"]*)"', tag.group(0)).group(1)
    assert f'<p class="counter" id="n-ql-{field}" aria-live="polite" hidden></p>' in html
