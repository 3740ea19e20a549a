"""P10 the 24-hour follow-up: after meeting someone new, a short note within a day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.actions.dispatch import submit
from core.model import Interaction, InteractionKind, Plan
from core.rules.agenda import agenda
from core.rules.followup import FollowUp, follow_up_owed

from .factories import NOW, TODAY, Clock, contact, logged, network_of, person, target

ANA = contact("Ana", added_on=TODAY - timedelta(days=1))
MET = TODAY - timedelta(days=1)


def first_meeting(on: date = MET, where: str = "PyCon Lisbon",
                  note: str = "her talk on typing legacy code") -> Interaction:
    return logged("ana", on, InteractionKind.MEETING, where=where, note=note)


def owed(history: list[Interaction], today: date = TODAY) -> FollowUp | None:
    return follow_up_owed(ANA, history, today)


def test_after_a_first_meeting_a_follow_up_is_due_the_next_day() -> None:
    found = owed([first_meeting(on=TODAY)])
    assert found is not None
    assert found.due_on == TODAY + timedelta(days=1)
    assert found.reason.principle == "P10"
    assert "within 24 hours" in found.reason.text
    assert not found.is_late


def test_the_follow_up_quotes_the_recorded_note_and_the_place() -> None:
    found = owed([first_meeting()])
    assert found is not None
    assert '"her talk on typing legacy code"' in found.reason.text
    assert "at PyCon Lisbon" in found.reason.text


def test_without_a_note_the_follow_up_asks_for_one_specific_detail() -> None:
    found = owed([first_meeting(note="", where="")])
    assert found is not None
    assert "Mention one specific thing you talked about." in found.reason.text


def test_the_day_after_the_meeting_the_follow_up_is_still_on_time() -> None:
    found = owed([first_meeting()])
    assert found is not None and not found.is_late
    assert "yesterday" in found.reason.text


def test_two_days_after_the_meeting_the_follow_up_is_late_but_still_worth_it() -> None:
    found = owed([first_meeting()], today=MET + timedelta(days=2))
    assert found is not None and found.is_late
    assert found.reason.text.startswith("Late, but still worth it")


def test_after_14_days_the_follow_up_is_no_longer_shown() -> None:
    assert owed([first_meeting()], today=MET + timedelta(days=14)) is not None
    assert owed([first_meeting()], today=MET + timedelta(days=15)) is None


def test_a_first_interaction_that_is_a_message_owes_no_follow_up() -> None:
    assert owed([logged("ana", MET, InteractionKind.MESSAGE, note="hello")]) is None


def test_once_anything_else_is_logged_no_follow_up_is_owed() -> None:
    for kind in (InteractionKind.TOUCH, InteractionKind.MESSAGE, InteractionKind.CALL):
        later = logged("ana", TODAY, kind)
        assert owed([later, first_meeting()]) is None, kind


def test_a_meeting_after_an_earlier_conversation_is_not_a_first_conversation() -> None:
    earlier = logged("ana", MET - timedelta(days=30), InteractionKind.CALL)
    assert owed([first_meeting(), earlier]) is None


def test_the_follow_up_is_on_today_and_marking_it_done_clears_it() -> None:
    network = network_of(ANA, first_meeting())
    [item] = agenda(network, TODAY)
    assert item.kind == "follow_up"
    assert item.reason.principle == "P10"
    outcome = submit("act_on_item", {"key": item.key, "do": "done"}, network, Clock())
    [done] = [r for r in outcome.records if isinstance(r, Interaction)]
    assert done.contact_id == "ana"
    assert done.on == TODAY
    after = network.with_record(done)
    assert [i for i in agenda(after, TODAY) if i.kind == "follow_up"] == []


def test_a_message_first_then_a_call_owes_a_follow_up_after_the_call() -> None:
    history = [logged("ana", MET, InteractionKind.CALL, note="how she moved into grid storage"),
               logged("ana", MET - timedelta(days=6), InteractionKind.MESSAGE, note="Hello")]
    found = owed(history)
    assert found is not None and found.meeting is history[0]
    assert "You spoke with Ana yesterday" in found.reason.text
    assert '"how she moved into grid storage"' in found.reason.text


def test_a_planned_meeting_step_done_owes_a_follow_up() -> None:
    known = contact("Ana", added_on=TODAY - timedelta(days=90))
    plan = Plan(id="ana", contact_id="ana", why="She runs the climate fund", give="a teardown",
                next_step="Coffee to talk about the fund", next_kind=InteractionKind.MEETING,
                next_on=TODAY, updated_at=NOW)
    network = network_of(known, plan,
                         logged("ana", TODAY - timedelta(days=60), InteractionKind.MEETING),
                         logged("ana", TODAY - timedelta(days=59), InteractionKind.MESSAGE))
    assert [i.kind for i in agenda(network, TODAY)] == ["plan"]
    fields = {"contact_id": "ana", "next_step": "Send her the teardown",
              "next_on": (TODAY + timedelta(days=7)).isoformat()}
    outcome = submit("step_done", fields, network, Clock())
    after = network
    for record in outcome.records:
        after = after.with_record(record)
    [item] = agenda(after, TODAY + timedelta(days=1))
    assert item.kind == "follow_up" and "You met Ana yesterday" in item.reason.text


def test_a_follow_up_missed_for_two_weeks_becomes_a_reconnect_item() -> None:
    target_person = person("Ana", added_on=MET, targets=("climate",))
    network = network_of(target("Climate", id="climate"), target_person, first_meeting())
    late = agenda(network, MET + timedelta(days=14))
    assert [i.kind for i in late] == ["follow_up"]
    [item] = agenda(network, MET + timedelta(days=15))
    assert item.kind == "reconnect" and item.action == "Write to reconnect"
    assert item.reason.principle == "P10"
    assert "the follow-up never went out" in item.reason.text
    assert "her talk on typing legacy code" in item.reason.text
    assert [i.kind for i in agenda(network, MET + timedelta(days=45))] == ["reconnect"]
    assert agenda(network, MET + timedelta(days=46)) == []
    # Then the keep-in-touch interval falls due, and the cadence item asks.
    [due] = agenda(network, MET + timedelta(days=60))
    assert due.kind == "cadence"


def test_a_message_after_the_conversation_settles_the_follow_up_and_the_reconnect() -> None:
    network = network_of(ANA, first_meeting())
    note = logged("ana", TODAY, InteractionKind.MESSAGE, note="Thanks for the chat")
    after = network.with_record(note)
    settled = {"follow_up", "reconnect"}
    assert [i for i in agenda(after, TODAY) if i.kind in settled] == []
    # What may remain, weeks on, is the give-first offer after a first meeting (P13).
    assert [i.kind for i in agenda(after, MET + timedelta(days=20))] in ([], ["give"])


@pytest.mark.parametrize("fields", [{"layer": "inner"}, {"layer": "close"},
                                    {"groups": ("Family / Lisbon",)}])
def test_a_call_with_family_or_the_closest_owes_no_follow_up(fields: dict[str, object]) -> None:
    mum = person("Mum", added_on=MET, **fields)
    call = logged("mum", MET, InteractionKind.CALL)
    assert follow_up_owed(mum, [call], TODAY) is None


@pytest.mark.parametrize(("kind", "where", "said"), [
    (InteractionKind.CALL, "", "You spoke with Ana yesterday"),
    (InteractionKind.CALL, "phone", "You spoke with Ana on the phone yesterday"),
    (InteractionKind.MEETING, "video", "You met Ana by video yesterday"),
    (InteractionKind.MEETING, "Zoom", "You met Ana on Zoom yesterday"),
    (InteractionKind.MEETING, "Coffee at Café Lua", "You met Ana over coffee at Café Lua "
                                                    "yesterday"),
    (InteractionKind.MEETING, "Climate Tech Meetup", "You met Ana at the Climate Tech Meetup "
                                                     "yesterday"),
])
def test_the_follow_up_says_how_and_where_the_conversation_happened(
    kind: InteractionKind, where: str, said: str
) -> None:
    found = owed([logged("ana", MET, kind, where=where)])
    assert found is not None and said in found.reason.text
