"""P14–P16: the why / what / what's-next planner, drafts and the pitch."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from core.app import App
from core.model import InteractionKind, Plan
from core.rules.agenda import agenda
from core.rules.planner import (
    completeness,
    early_ask_flag,
    missing_parts,
    reach_out_flag,
    step_due,
    step_passed,
)

from .factories import NOW, TODAY, contact, interaction
from .helpers import answered


def plan(**fields: Any) -> Plan:
    return Plan(id="ana", contact_id="ana", updated_at=NOW, **fields)


COMPLETE = {"why": "She runs the data team I admire", "give": "An intro to my old team",
            "next_step": "Coffee", "next_on": TODAY + timedelta(days=3)}


def test_a_plan_is_incomplete_until_all_three_questions_are_answered() -> None:
    assert missing_parts(plan()) == ["why", "give", "next"]
    assert missing_parts(plan(why="x", give="y", next_step="Coffee")) == ["next"]
    assert missing_parts(plan(**COMPLETE)) == []
    assert completeness(plan(**COMPLETE)).text.startswith("Complete")


def test_the_message_names_what_is_missing() -> None:
    reason = completeness(plan(why="x"))
    assert reason.principle == "P14"
    assert "what you can give them" in reason.text
    assert "why you want to meet" not in reason.text


def test_the_next_step_comes_onto_today_on_its_date_and_then_asks_whether_it_happened() -> None:
    person = contact("Ana")
    due = plan(**{**COMPLETE, "next_on": TODAY})
    assert step_due(person, due, [], TODAY - timedelta(days=1)) is None
    assert step_due(person, due, [], TODAY) is not None
    late = step_due(person, due, [], TODAY + timedelta(days=2))
    assert late is not None and "2 days ago" in late.reason.text
    assert step_due(person, due, [], TODAY + timedelta(days=3)) is None
    passed = step_passed(person, due, [], TODAY + timedelta(days=3))
    assert passed is not None and "has passed: did it happen?" in passed.reason.text


def test_a_paused_plan_puts_nothing_on_today() -> None:
    assert step_due(contact("Ana"), plan(**{**COMPLETE, "next_on": TODAY, "active": False}),
                    [], TODAY) is None


def test_an_ask_planned_after_one_meeting_is_flagged_with_the_reason() -> None:
    history = [interaction("ana", TODAY - timedelta(days=2))]
    ask = plan(next_step="Ask for a referral", next_kind=InteractionKind.ASK, next_on=TODAY)
    flag = early_ask_flag(ask, history)
    assert flag is not None and flag.principle == "P12"
    assert "Only 1 interaction over 2 days" in flag.text


def test_an_ask_after_months_of_trust_is_not_flagged() -> None:
    history = [interaction("ana", TODAY - timedelta(days=d), id=f"i{d}") for d in (10, 40, 90)]
    ask = plan(next_kind=InteractionKind.ASK, next_on=TODAY)
    assert early_ask_flag(ask, history) is None


def test_reaching_out_without_a_specific_reason_is_flagged() -> None:
    flag = reach_out_flag(plan())
    assert flag is not None and flag.principle == "P15"
    assert reach_out_flag(plan(reach_reason="Her talk on data contracts")) is None


def test_a_late_step_says_its_date_once_not_planned_for_on() -> None:
    late = step_due(contact("Ana"), plan(**{**COMPLETE, "next_on": date(2026, 11, 23)}), [],
                    TODAY)
    assert late is not None
    assert late.reason.text.startswith("Planned for 23 Nov (2 days ago): Coffee.")
    yesterday = step_due(contact("Ana"), plan(**{**COMPLETE, "next_on": date(2026, 11, 24)}),
                         [], TODAY)
    assert yesterday is not None
    assert yesterday.reason.text.startswith("Planned for yesterday: Coffee.")


# The next-step loop, through the app's entry point.

def test_marking_a_step_done_requires_the_following_step() -> None:
    app = App.from_storage({})
    answered(app, {"type": "add_contact", "fields": {"name": "Ana"}}, 1)
    answered(app, {"type": "save_plan", "fields": {"contact_id": "r1", **{
        k: str(v) for k, v in COMPLETE.items()}}}, 2)
    refused = answered(app, {"type": "step_done", "fields": {"contact_id": "r1"}}, 3)
    assert refused["writes"] == []
    assert "A relationship always has a next step." in refused["html"]
    done = answered(app, {"type": "step_done", "fields": {
        "contact_id": "r1", "note": "Lovely coffee", "next_step": "Send her the article",
        "next_on": "2026-12-02", "next_kind": "touch"}}, 4)
    assert [w["key"].split("/")[2] for w in done["writes"]] == ["i", "p"]
    assert app.network.plans["r1"].next_step == "Send her the article"
    assert app.network.interactions_with("r1")[0].note == "Lovely coffee"


def test_the_planned_step_is_on_today_when_its_day_comes() -> None:
    app = App.from_storage({})
    answered(app, {"type": "add_contact", "fields": {"name": "Ana"}}, 1)
    answered(app, {"type": "save_plan", "fields": {"contact_id": "r1", "why": "w", "give": "g",
                                                "next_step": "Coffee", "next_on": "2026-11-27"}}, 2)
    assert not [i for i in agenda(app.network, TODAY) if i.kind == "plan"]
    later = agenda(app.network, TODAY + timedelta(days=2))
    assert [i.reason.principle for i in later if i.kind == "plan"] == ["P14"]


edits = st.lists(st.one_of(
    st.builds(lambda step, days: {"type": "save_plan", "step": step, "days": days},
              st.sampled_from(["", "Coffee", "Call"]), st.integers(0, 20)),
    st.builds(lambda step, days: {"type": "step_done", "step": step, "days": days},
              st.sampled_from(["", "Lunch", "Send the article"]), st.integers(0, 20)),
), max_size=12)


@settings(deadline=None)  # each example renders views; on a loaded machine that varies
@given(edits)
def test_once_a_plan_has_a_next_step_no_sequence_of_edits_leaves_it_without_one(
    sequence: list[dict[str, Any]]
) -> None:
    app = App.from_storage({})
    answered(app, {"type": "add_contact", "fields": {"name": "Ana"}}, 0)
    had_step = False
    for n, edit in enumerate(sequence, start=1):
        on = (TODAY + timedelta(days=edit["days"])).isoformat()
        fields = {"contact_id": "r0", "next_step": edit["step"], "next_on": on,
                  "why": "w", "give": "g", "active": "on"}
        answered(app, {"type": edit["type"], "fields": fields}, n)
        current = app.network.plans.get("r0")
        has_step = bool(current and current.next_step and current.next_on)
        assert has_step or not had_step, f"{edit['type']} left the plan without a next step"
        had_step = has_step


def test_research_on_a_target_network_shows_when_preparing_to_meet_its_people() -> None:
    app = App.from_storage({})
    answered(app, {"type": "save_target", "fields": {"name": "Investors", "kind": "investors"}}, 1)
    answered(app, {"type": "save_target", "fields": {
        "id": "r1", "name": "Investors", "kind": "investors", "active": "on",
        "research": "Seed funds now want revenue before they meet"}}, 2)
    answered(app, {"type": "add_contact", "fields": {"name": "Ana"}}, 3)
    answered(app, {"type": "triage", "fields": {"contact_id": "r3", "targets": ["r1"]}}, 4)
    page = answered(app, {"type": "navigate", "route": "#/people/r3/plan"}, 5)
    assert "About Investors" in page["html"]
    assert "Seed funds now want revenue before they meet" in page["html"]


def planned(next_kind: str = "message") -> App:
    """Ana, with a plan whose next step (an e-mail, by default) is due today."""
    app = App.from_storage({})
    answered(app, {"type": "add_contact", "fields": {"name": "Ana"}}, 1)
    answered(app, {"type": "save_plan", "fields": {
        "contact_id": "r1", "why": "w", "give": "g", "next_step": "E-mail her the job post",
        "next_kind": next_kind, "next_on": TODAY.isoformat()}}, 2)
    return app


def test_done_and_next_logs_the_kind_the_user_picked_with_how_it_went() -> None:
    app = planned()
    answer = answered(app, {"type": "step_done", "fields": {
        "contact_id": "r1", "back": "#/today", "done_kind": "call",
        "note": "She said the team hires in March; ask Leo about the role",
        "next_step": "Coffee with Leo", "next_kind": "meeting", "next_on": "2026-12-03"}}, 3)
    [done] = app.network.interactions_with("r1")
    assert done.kind is InteractionKind.CALL
    assert done.note == "She said the team hires in March; ask Leo about the role"
    assert app.network.plans["r1"].next_kind is InteractionKind.MEETING
    assert answer["notice"] == "Logged a call with Ana. Next: Coffee with Leo, on 3 Dec."


def test_done_and_next_records_an_email_step_as_a_message_not_a_meeting() -> None:
    app = planned("message")
    today = answered(app, {"type": "navigate", "route": "#/today"}, 3)["html"]
    assert '<option value="message" selected>Message or email</option>' in today
    answered(app, {"type": "step_done", "fields": {
        "contact_id": "r1", "next_step": "Call her after she replies"}}, 4)
    [done] = app.network.interactions_with("r1")
    assert done.kind is InteractionKind.MESSAGE
    assert app.network.plans["r1"].next_kind is InteractionKind.MESSAGE


def test_done_and_next_without_how_it_went_never_quotes_the_step_as_what_was_said() -> None:
    app = planned()
    answered(app, {"type": "step_done", "fields": {"contact_id": "r1", "next_step": "Coffee"}}, 3)
    assert app.network.interactions_with("r1")[0].note == ""


def test_the_following_step_may_wait_for_a_date_and_is_then_not_due() -> None:
    app = planned()
    answer = answered(app, {"type": "step_done", "fields": {
        "contact_id": "r1", "back": "#/today", "next_step": "Lunch when she is back",
        "next_on": ""}}, 3)
    following = app.network.plans["r1"]
    assert following.next_step == "Lunch when she is back" and following.next_on is None
    assert "(no date yet: add one on the plan when you know it)" in answer["notice"]
    assert step_due(contact("Ana", id="r1"), following, [],
                    TODAY + timedelta(days=400)) is None
    assert not [i for i in agenda(app.network, TODAY + timedelta(days=30)) if i.kind == "plan"]
    plan_page = answered(app, {"type": "navigate", "route": "#/people/r1/plan"}, 4)["html"]
    assert "Still to answer: what&#39;s next: a step and its date." in plan_page


def test_how_it_went_keeps_up_to_the_models_limit_and_says_when_it_is_longer() -> None:
    app = planned()
    long_story = "She told me about the reorg. " * 130  # about 3,800 characters
    answered(app, {"type": "step_done", "fields": {
        "contact_id": "r1", "note": long_story, "next_step": "Coffee"}}, 3)
    assert app.network.interactions_with("r1")[0].note == long_story.strip()
    refused = answered(app, {"type": "step_done", "fields": {
        "contact_id": "r1", "note": "x" * 4001, "next_step": "Lunch"}}, 4)
    assert refused["writes"] == []
    assert "Please keep this under 4000 characters." in refused["html"]
    assert 'maxlength="4000"' in refused["html"]
