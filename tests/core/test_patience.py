"""P12 patience: trust comes first; meetings climb step by step before an ask."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from core.model import Interaction, InteractionKind, Layer, Plan
from core.rules.patience import ask_readiness, early_asks, next_step
from core.views.router import view_for

from .factories import NOW, TODAY, logged, network_of, person

MEETING = InteractionKind.MEETING


def days_ago(days: int, kind: InteractionKind = InteractionKind.MESSAGE) -> Interaction:
    return logged("ana", TODAY - timedelta(days=days), kind)


def test_an_ask_after_one_meeting_two_days_ago_is_flagged_with_the_reason() -> None:
    readiness = ask_readiness([days_ago(2, MEETING)], TODAY)
    assert not readiness.ready
    assert readiness.reason.principle == "P12"
    assert "Only 1 interaction over 2 days" in readiness.reason.text
    assert "give or meet first" in readiness.reason.text


def test_an_ask_with_no_history_at_all_is_flagged() -> None:
    readiness = ask_readiness([], TODAY)
    assert not readiness.ready
    assert "No conversation logged yet." in readiness.reason.text


def test_an_ask_after_three_interactions_over_thirty_days_is_not_flagged() -> None:
    history = [days_ago(1, MEETING), days_ago(15), days_ago(30, MEETING)]
    readiness = ask_readiness(history, TODAY)
    assert readiness.ready
    assert readiness.reason.principle == "P12"


def test_many_interactions_in_a_short_time_are_not_yet_trust() -> None:
    history = [days_ago(n) for n in range(1, 11)]
    assert not ask_readiness(history, TODAY).ready


def test_a_long_history_of_only_two_interactions_is_not_yet_trust() -> None:
    assert not ask_readiness([days_ago(10), days_ago(400)], TODAY).ready


def test_interactions_after_the_ask_do_not_count_toward_it() -> None:
    history = [days_ago(0), days_ago(1), days_ago(2), days_ago(60)]
    assert not ask_readiness(history, TODAY - timedelta(days=59)).ready


def test_early_asks_in_a_history_are_each_flagged() -> None:
    early = days_ago(38, InteractionKind.ASK)
    patient = days_ago(0, InteractionKind.COLLABORATION)
    history = [patient, days_ago(5), days_ago(20), early, days_ago(40, MEETING)]
    assert [ask for ask, _ in early_asks(history)] == [early]


def test_the_next_step_climbs_one_rung() -> None:
    assert next_step([]) is InteractionKind.TOUCH
    assert next_step([days_ago(3, InteractionKind.TOUCH)]) is InteractionKind.MESSAGE
    assert next_step([days_ago(3), days_ago(9, InteractionKind.CALL)]) is MEETING


def test_the_next_step_never_jumps_to_an_ask() -> None:
    for kind in InteractionKind:
        assert next_step([days_ago(3, kind)]) not in {InteractionKind.ASK,
                                                       InteractionKind.COLLABORATION}
    assert next_step([days_ago(3, MEETING)]) is InteractionKind.FAVOUR
    assert next_step([days_ago(3, InteractionKind.FAVOUR)]) is InteractionKind.FAVOUR


@pytest.mark.parametrize("layer", [Layer.INNER, Layer.CLOSE])
def test_the_closest_circles_have_the_trust_whatever_was_logged(layer: Layer) -> None:
    manager = person("Rui", layer=layer, added_on=TODAY)
    readiness = ask_readiness([], TODAY, manager)
    assert readiness.ready
    assert "Only 0 interactions" not in readiness.reason.text


def test_a_long_history_in_the_users_own_words_counts_as_trust() -> None:
    manager = person("Rui", added_on=TODAY, how_met="My manager at Acme for three years",
                     known_since=date(2022, 9, 1))
    readiness = ask_readiness([], TODAY, manager)
    assert readiness.ready
    assert "You have known Rui for 4 years" in readiness.reason.text


def test_a_connection_date_alone_is_not_trust() -> None:
    imported = person("Lee", added_on=TODAY, weak_tie=True, known_since=date(2020, 1, 1),
                      how_met="LinkedIn connection since 01 Jan 2020")
    assert not ask_readiness([], TODAY, imported).ready


@pytest.mark.parametrize("fields", [{"layer": "inner"}, {"groups": ("Family",)}])
def test_no_sales_language_on_a_family_or_inner_circle_page(fields: dict[str, object]) -> None:
    mum = person("Mum", added_on=TODAY - timedelta(days=400), **fields)
    network = network_of(mum, logged("mum", TODAY - timedelta(days=3), InteractionKind.CALL),
                         logged("mum", TODAY - timedelta(days=2), InteractionKind.ASK),
                         Plan(id="mum", contact_id="mum", next_step="Ask her about the loan",
                              next_kind=InteractionKind.ASK, next_on=TODAY, updated_at=NOW))
    for route in ("#/people/mum", "#/people/mum/plan"):
        _, view = view_for(route, network, TODAY, {})
        text = re.sub(r"<[^>]+>", " ", view.html)
        assert "for an ask" not in text and "would be early" not in text, route
        assert "came early" not in text, route
