"""The five stages of building a network, marked from the records (Start and the guide)."""

from __future__ import annotations

from datetime import timedelta

from core.model import FavourDirection, InteractionKind
from core.rules.stages import current_stage, stages
from core.views.router import start_view

from .factories import TODAY, favour, logged, network_of, person


def test_a_new_user_is_at_the_first_stage_and_start_shows_the_whole_path() -> None:
    path = stages(network_of())
    assert [s.name for s in path] == ["Who belongs", "Groups", "Exchange contacts selectively",
                                      "Follow up", "Offer help"]
    assert current_stage(path) is path[0]
    html = start_view(network_of(), TODAY).html
    assert html.count("<li") >= 5 and 'aria-current="step"' in html and "you are here" in html


def test_each_stage_is_done_when_the_records_show_it() -> None:
    ana = person("Ana", groups=("Friends",), targets=("t1",))
    met = logged("ana", TODAY - timedelta(days=2), InteractionKind.MEETING)
    wrote = logged("ana", TODAY - timedelta(days=1), InteractionKind.MESSAGE)
    assert [s.done for s in stages(network_of(ana, met))] == [True, True, True, False, False]
    everything = network_of(ana, met, wrote, favour("ana", FavourDirection.GIVEN))
    assert all(s.done for s in stages(everything))
    assert current_stage(stages(everything)) is None
