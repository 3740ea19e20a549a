"""P12 patience: trust comes first; meetings climb step by step before an ask."""

from __future__ import annotations

from datetime import timedelta

from core.model import Interaction, InteractionKind
from core.rules.patience import ask_readiness, early_asks, next_step

from .factories import TODAY, logged

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
    assert "Only 0 interactions" in readiness.reason.text


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
