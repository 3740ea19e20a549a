"""A planned step is settled as a step: editing the rest of the plan never reopens it.

"Confirm tomorrow's coffee" and "Put a date on the next step" are about the next step as
written (its text, kind and date). Fixing a typo in the plan's why is no new step, so
what the user already dealt with stays dealt with; a new step, or a new date, is asked
about afresh. Plans stored before Tend kept the step's own time still load and read as
before.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from core.actions.dispatch import submit
from core.model import InteractionKind, Plan
from core.network import Network
from core.rules.agenda import agenda
from core.storage.codec import decode

from .factories import NOW, TODAY, Clock, contact, logged, network_of

AGO = TODAY - timedelta(days=40)
FIXTURES = Path(__file__).parent.parent / "fixtures"


def at(on: date, hour: int = 12) -> Clock:
    return Clock(today=on, now=datetime(on.year, on.month, on.day, hour, tzinfo=NOW.tzinfo))


def send(network: Network, event: str, fields: dict[str, str], clock: Clock) -> Network:
    outcome = submit(event, fields, network, clock)
    for record in outcome.records:
        network = network.with_record(record)
    return network


def save_plan(network: Network, clock: Clock, **changes: str) -> Network:
    plan = network.plans["amara"]
    fields = {"contact_id": "amara", "why": plan.why, "give": plan.give, "get": plan.get,
              "reach_reason": plan.reach_reason, "research": plan.research,
              "questions": "\n".join(plan.questions), "next_step": plan.next_step,
              "next_kind": plan.next_kind.value,
              "next_on": plan.next_on.isoformat() if plan.next_on else "", "active": "yes",
              **changes}
    return send(network, "save_plan", fields, clock)


def act(network: Network, kind: str, do: str, clock: Clock) -> Network:
    [item] = [i for i in agenda(network, clock.today) if i.kind == kind]
    return send(network, "act_on_item", {"key": item.key, "do": do, "days": "1"}, clock)


def planned(next_on: date | None, step: str = "Coffee at the fund's office") -> Network:
    amara = contact("Amara Okafor", id="amara", added_on=AGO)
    plan = Plan(id="amara", contact_id="amara", why="She runs the climate fnd",
                next_step=step, next_kind=InteractionKind.MEETING, next_on=next_on,
                updated_at=NOW - timedelta(days=5))
    long_ago = logged("amara", AGO).model_copy(update={"updated_at": NOW - timedelta(days=40)})
    return network_of(amara, long_ago, plan)


def kinds(network: Network, on: date) -> list[str]:
    return [i.kind for i in agenda(network, on)]


def test_a_confirmation_settled_by_a_message_stays_settled_when_the_why_is_edited() -> None:
    network = planned(TODAY + timedelta(days=1))
    assert kinds(network, TODAY) == ["confirm"]
    network = send(network, "log_interaction",
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
