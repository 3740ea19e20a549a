"""P6: the well-connected are earned, so a shortlisted name without a plan is a to-do."""

from __future__ import annotations

from core.model import Plan
from core.rules.shortlist import plan_nudge
from core.views.strategy import shortlist_view

from .factories import NOW, TODAY, network_of, person


def test_a_shortlisted_person_without_a_plan_is_nudged_to_plan_how_to_earn_their_attention(
) -> None:
    ana = person("Ana", shortlist=True)
    nudge = plan_nudge(ana, None)
    assert nudge is not None and nudge.principle == "P6" and "why them" in nudge.text
    assert "No plan yet for earning Ana&#39;s attention" in shortlist_view(network_of(ana),
                                                                         TODAY).html


def test_a_plan_that_says_why_but_not_what_to_give_is_still_nudged_until_it_does() -> None:
    ana = person("Ana", shortlist=True)
    half = Plan(id="ana", contact_id="ana", updated_at=NOW, why="She runs grid data")
    partial = plan_nudge(ana, half)
    assert partial is not None and partial.text.endswith("says what you can give.")
    assert plan_nudge(ana, half.model_copy(update={"give": "An intro"})) is None


def test_someone_not_on_the_shortlist_gets_no_such_nudge() -> None:
    assert plan_nudge(person("Bo"), None) is None
