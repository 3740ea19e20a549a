"""A planned step is settled as a step: editing the rest of the plan never reopens it.

"Confirm tomorrow's coffee" and "Put a date on the next step" are about the next step as
written (its text, kind and date). Fixing a typo in the plan's why is no new step, so
what the user already dealt with stays dealt with; a new step, or a new date, is asked
about afresh. Plans stored before Tend kept the step's own time still load and read as
before.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from core.actions.dispatch import submit
from core.model import InteractionKind, Plan
from core.network import Network
from core.rules.agenda import agenda
from core.storage.codec import decode
from core.views.people import plan_view
from core.views.router import today_view

from .factories import NOW, TODAY, Clock, logged
from .helpers import ASK, amaras_item, at, planned, submitted

FIXTURES = Path(__file__).parent.parent / "fixtures"


def save_plan(network: Network, clock: Clock, **changes: str) -> Network:
    plan = network.plans["amara"]
    fields = {"contact_id": "amara", "why": plan.why, "give": plan.give, "get": plan.get,
              "reach_reason": plan.reach_reason, "research": plan.research,
              "questions": "\n".join(plan.questions), "next_step": plan.next_step,
              "next_kind": plan.next_kind.value,
              "next_on": plan.next_on.isoformat() if plan.next_on else "", "active": "yes",
              **changes}
    return submitted(network, "save_plan", fields, clock)


def act(network: Network, kind: str, do: str, clock: Clock) -> Network:
    [item] = [i for i in agenda(network, clock.today) if i.kind == kind]
    return submitted(network, "act_on_item", {"key": item.key, "do": do, "days": "1"}, clock)


def kinds(network: Network, on: date) -> list[str]:
    return [i.kind for i in agenda(network, on)]


def test_a_confirmation_settled_by_a_message_stays_settled_when_the_why_is_edited() -> None:
    network = planned(TODAY + timedelta(days=1))
    assert kinds(network, TODAY) == ["confirm"]
    network = submitted(network, "log_interaction",
                   {"contact_id": "amara", "kind": "message", "on": TODAY.isoformat(),
                    "note": "Still on for tomorrow?"}, at(TODAY, 9))
    assert kinds(network, TODAY) == []
    network = save_plan(network, at(TODAY, 10), why="She runs the climate fund")
    assert network.plans["amara"].why == "She runs the climate fund"
    assert kinds(network, TODAY) == []


def test_a_new_date_for_the_coffee_asks_to_confirm_again() -> None:
    network = planned(TODAY + timedelta(days=1))
    network = act(network, "confirm", "done", at(TODAY, 9))
    later = TODAY + timedelta(days=3)
    network = save_plan(network, at(TODAY, 10), next_on=(later + timedelta(days=1)).isoformat())
    assert kinds(network, later) == ["confirm"]


def test_editing_the_why_does_not_restart_the_week_before_asking_for_a_date() -> None:
    network = planned(None, "Visit the retrofit pilot")
    network = save_plan(network, at(TODAY - timedelta(days=1)), why="She runs the climate fund")
    [item] = agenda(network, TODAY + timedelta(days=2))
    assert "with no date since 20 Nov" in item.reason.text


def test_a_new_undated_step_waits_its_own_week() -> None:
    network = planned(None, "Visit the retrofit pilot")
    network = save_plan(network, at(TODAY), next_step="Send her the market map")
    assert kinds(network, TODAY + timedelta(days=6)) == []
    [item] = agenda(network, TODAY + timedelta(days=7))
    assert "Send her the market map, with no date since 25 Nov" in item.reason.text


def test_a_plan_stored_before_steps_had_their_own_time_loads_and_reads_as_before() -> None:
    stored = json.loads((FIXTURES / "storage-v3.json").read_text())
    [plan] = [decode(k, v) for k, v in stored.items() if "/plan/" in k]
    assert isinstance(plan, Plan) and plan.step_written_at is None
    assert plan.next_step == "Call"


# A planned step is done by what the user logs (issue 13, items 2 and 11; month trial F5,
# F14, F23): the message sent on the step's day is the step, and Today asks what comes next.
def log(network: Network, kind: str, on: date, note: str = "", hour: int = 12) -> Network:
    return submitted(network, "log_interaction", {"contact_id": "amara", "kind": kind,
                                             "on": on.isoformat(), "note": note}, at(on, hour))


def step_form(network: Network, on: date) -> str:
    html = today_view(network, on).html
    return html[html.index('data-action="step_done"'):html.index("Done, and next")]


def test_a_message_logged_on_the_steps_day_turns_the_step_into_whats_next() -> None:
    network = log(planned(TODAY, ASK), "message", TODAY, "Asked for 20 minutes")
    item = amaras_item(network, TODAY)
    assert item.kinds == ("plan_next",)
    assert item.action == "What's next with Amara Okafor?"
    assert item.rank == 1
    assert item.reason.text == (
        'You logged a message today, the day of your planned step "Ask for 20 minutes '
        'about her path". Mark the step done and choose the next one.')


def test_whats_next_after_a_logged_message_records_no_second_interaction() -> None:
    network = log(planned(TODAY, ASK), "message", TODAY, "Asked for 20 minutes")
    form = step_form(network, TODAY)
    assert 'name="logged"' in form and 'name="done_kind"' not in form
    [message] = [i for i in network.interactions_with("amara") if i.on == TODAY]
    outcome = submit("step_done", {"contact_id": "amara", "logged": message.id,
                                   "next_step": "Call about her path", "next_kind": "call",
                                   "next_on": (TODAY + timedelta(days=6)).isoformat()},
                     network, at(TODAY, 15))
    assert [type(r) for r in outcome.records] == [Plan]
    assert outcome.notice == ("Step done: a message with Amara Okafor today. Next: Call "
                              "about her path, on Tuesday.")
    for record in outcome.records:
        network = network.with_record(record)
    assert [i.kind for i in network.interactions_with("amara")] == [
        InteractionKind.MESSAGE, InteractionKind.MESSAGE]
    assert [i for i in agenda(network, TODAY) if i.contact and i.contact.id == "amara"] == []


def test_done_and_next_with_nothing_logged_asks_what_happened_with_the_plans_kind() -> None:
    network = planned(TODAY, ASK)
    assert amaras_item(network, TODAY).kinds[0] == "plan"
    form = step_form(network, TODAY)
    assert 'name="logged"' not in form
    assert '<option value="meeting" selected>' in form


def test_a_step_passed_two_days_ago_is_still_the_planned_step() -> None:
    network = planned(TODAY, ASK)
    item = amaras_item(network, TODAY + timedelta(days=2))
    assert "plan" in item.kinds and "plan_passed" not in item.kinds


def test_a_step_passed_three_days_ago_with_nothing_logged_asks_whether_it_happened() -> None:
    network = planned(TODAY, ASK)
    item = amaras_item(network, TODAY + timedelta(days=3))
    assert "plan_passed" in item.kinds and "plan" not in item.kinds
    assert item.reasons[item.kinds.index("plan_passed")].text.startswith(
        "The step you planned for Wednesday with Amara Okafor, \"Ask for 20 minutes about "
        "her path\", has passed: did it happen? If it did, mark it done")
    html = today_view(network, TODAY + timedelta(days=3)).html
    assert "It did not happen: new day" in html


def test_a_call_logged_days_after_the_steps_day_is_taken_as_the_step() -> None:
    later = TODAY + timedelta(days=5)
    network = log(planned(TODAY, ASK), "call", later, "She told me about the fund")
    item = amaras_item(network, later)
    assert "plan_next" in item.kinds and "plan_passed" not in item.kinds
    reason = item.reasons[item.kinds.index("plan_next")].text
    assert reason.startswith("You logged a call today, after the step you planned for "
                             "Wednesday:")


def test_a_light_touch_does_not_do_a_planned_ask() -> None:
    network = log(planned(TODAY, ASK), "touch", TODAY, "Liked her post")
    assert "plan" in amaras_item(network, TODAY).kinds


def test_a_message_logged_before_the_step_was_written_does_not_do_it() -> None:
    network = log(planned(None, ASK), "message", TODAY, "Thanks for the talk", hour=9)
    network = save_plan(network, at(TODAY, 15), next_on=TODAY.isoformat())
    assert amaras_item(network, TODAY).kinds[0] == "plan"


def test_a_logged_call_owes_a_follow_up_and_asks_whats_next_in_one_item() -> None:
    network = log(planned(TODAY, "Call about her path"), "call", TODAY, "Heat pumps in Lagos")
    item = amaras_item(network, TODAY)
    assert item.kinds == ("follow_up", "plan_next")
    assert 'name="logged"' in step_form(network, TODAY)


def test_the_plan_page_offers_the_logged_message_as_the_step() -> None:
    network = log(planned(TODAY, ASK), "message", TODAY, "Asked for 20 minutes")
    html = plan_view(network, "amara", TODAY).html
    assert 'name="logged"' in html
    assert "That was the step: a message you logged today." in html


def test_what_done_and_next_logged_is_not_taken_as_the_following_step() -> None:
    network = planned(TODAY, ASK)
    network = submitted(network, "step_done", {"contact_id": "amara", "done_kind": "message",
                                          "note": "Asked", "next_step": "Send the map",
                                          "next_kind": "message",
                                          "next_on": TODAY.isoformat()}, at(TODAY, 15))
    assert amaras_item(network, TODAY).kinds[0] == "plan"


def test_done_on_a_follow_up_merged_with_the_step_still_asks_whats_next() -> None:
    network = log(planned(TODAY, "Call about her path"), "call", TODAY, "Heat pumps in Lagos")
    item = amaras_item(network, TODAY)
    network = submitted(network, "act_on_item", {"key": item.key, "do": "done",
                                            "note": "Thanked her for the call"},
                   at(TODAY, 16))
    assert amaras_item(network, TODAY).kinds == ("plan_next",)


def test_a_coffee_and_its_thank_you_logged_at_one_moment_take_the_coffee_as_the_step(
        ) -> None:
    network = planned(TODAY)
    for kind in (InteractionKind.MEETING, InteractionKind.MESSAGE):
        network = network.with_record(logged("amara", TODAY, kind).model_copy(
            update={"updated_at": NOW + timedelta(hours=3)}))
    assert "You logged a meeting today" in "".join(
        r.text for r in amaras_item(network, TODAY).reasons)
