"""The right draft on the Today item itself, and the strategy shown where it counts."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from core.app import App
from core.model import DateKind, InteractionKind, Layer, Pitch, Plan, TargetKind, TargetNetwork
from core.views.people import plan_view
from core.views.router import pitch_view, today_view

from .factories import NOW, TODAY, contact, important_date, logged, network_of, person
from .helpers import answered


def test_the_follow_up_item_carries_the_follow_up_note_ready_to_copy() -> None:
    ana = contact("Ana Lima")
    network = network_of(ana, logged("ana-lima", TODAY, InteractionKind.MEETING,
                                     where="PyCon", note="Her team is piloting heat pumps"))
    html = today_view(network, TODAY).html
    assert "Draft a message: follow-up note" in html
    assert "your team is piloting heat pumps" in html
    assert 'data-copy="#draft-followup-' in html


def test_a_birthday_item_carries_a_birthday_wish() -> None:
    ana = contact("Ana Lima")
    network = network_of(ana, logged("ana-lima", TODAY - timedelta(days=3)),
                         important_date("ana-lima", DateKind.BIRTHDAY, 11, 25))
    html = today_view(network, TODAY).html
    assert "Draft a message: light touch" in html and "Happy birthday!" in html


def test_get_in_touch_with_a_planned_person_carries_the_outreach_and_flags_a_missing_reason(
) -> None:
    target = TargetNetwork(id="t1", name="Climate employers", kind=TargetKind.EMPLOYERS,
                           value_proposition="I turn operator workflows into products.",
                           updated_at=NOW)
    priya = person("Priya Raman", targets=("t1",)).model_copy(update={"name": "Dr. Priya Raman"})
    network = network_of(target, priya,
                         Plan(id=priya.id, contact_id=priya.id, updated_at=NOW, why="x"))
    html = today_view(network, TODAY).html
    assert "Get in touch" in html
    assert "No specific reason to reach out yet." in html
    assert (f'href="#/people/{priya.id}/plan?field=reach_reason">Add the reason on their plan'
            in html)
    assert html.index("No specific reason") < html.index("Draft a message")
    assert "Hi Priya," in html and "20 minutes" in html
    assert "I turn operator workflows into products." in html


def test_the_link_to_add_a_reason_opens_the_plan_with_the_keyboard_in_that_field() -> None:
    app = App.from_storage({})
    answered(app, {"type": "add_contact", "fields": {"name": "Priya Raman"}}, 1)
    opened = answered(app, {"type": "navigate", "route": "#/people/r1/plan?field=reach_reason"}, 2)
    assert opened["focus"] == "#plan-reach_reason"
    assert 'id="plan-reach_reason"' in opened["html"]
    assert plan_view(app.network, "r1", TODAY, field="script").focus == "#view-title"


def test_a_friend_never_logged_gets_a_light_touch_not_an_outreach_nor_a_research_flag() -> None:
    html = today_view(network_of(contact("Mum")), TODAY).html
    assert "Get in touch" in html
    assert "20 minutes" not in html and "No specific reason" not in html
    assert "Draft a message: light touch" in html


def test_the_prep_card_shows_what_you_bring_and_what_you_are_looking_for() -> None:
    app = App.from_storage({})
    answered(app, {"type": "save_pitch", "fields": {
        "one_liner": "I'm a product manager moving into climate tech",
        "how_i_help": "Sharpen a product roadmap",
        "looking_for": "A product role at a grid-software company"}}, 1)
    answered(app, {"type": "save_target", "fields": {"name": "Climate employers",
                                                  "kind": "employers"}}, 2)
    answered(app, {"type": "save_target", "fields": {
        "id": "r2", "name": "Climate employers", "kind": "employers", "active": "on",
        "value_proposition": "I turn operator workflows into products."}}, 3)
    answered(app, {"type": "add_contact", "fields": {"name": "Priya Raman"}}, 4)
    answered(app, {"type": "triage", "fields": {"contact_id": "r4", "targets": ["r2"]}}, 5)
    html = answered(app, {"type": "navigate", "route": "#/people/r4/plan"}, 6)["html"]
    assert "I can sharpen a product roadmap." in html and "I can help by:" not in html
    assert "A product role at a grid-software company" in html
    assert "What you bring to Climate employers" in html
    assert "I turn operator workflows into products." in html
    assert "Request for an informational conversation" in html


def test_the_pitch_page_counts_the_words_and_the_seconds_aloud() -> None:
    network = network_of(Pitch(id="pitch", updated_at=NOW,
                               one_liner="I help small clinics move their records safely",
                               looking_for="an intro to a clinic owner"))
    html = pitch_view(network, TODAY).html
    assert "19 words: about 8 seconds aloud. Within the 30 seconds to aim for." in html
    assert 'data-stopwatch="#pitch-timer"' in html
    assert "Right now I&#39;m looking for an intro to a clinic owner." in html


def test_a_long_pitch_is_told_how_far_to_cut_it() -> None:
    many = ("word " * 35).strip()
    network = network_of(Pitch(id="pitch", updated_at=NOW, one_liner=many, distinctive=many,
                               how_i_help=f"I {many}"))
    assert "Cut it to about 75 words" in pitch_view(network, TODAY).html


def test_the_plan_page_drafts_thanks_to_the_introducer_and_a_note_for_a_friend() -> None:
    sam = person("Sam Okoye", layer=Layer.CLOSE)
    priya = person("Priya Raman", introduced_by="sam-okoye")
    network = network_of(sam, priya, Pitch(id="pitch", updated_at=NOW, looking_for="a mentor"))
    introduced = plan_view(network, "priya-raman", TODAY).html
    assert "Thank-you to Sam Okoye, who introduced you" in introduced
    assert "Hi Sam,\n\nThank you for introducing me to Priya Raman." in introduced
    assert "What I&#39;m looking for" not in introduced
    friend = plan_view(network, "sam-okoye", TODAY).html
    assert "Right now I&#39;m looking for a mentor." in friend


# The follow-up note speaks of the conversation the follow-up is for.

def test_after_a_call_the_follow_up_draft_speaks_of_the_call_not_an_older_meeting() -> None:
    ana = person("Ana Lima", added_on=TODAY - timedelta(days=90))
    plan = Plan(id=ana.id, contact_id=ana.id, updated_at=NOW, why="She runs the fund",
                next_step="Call about the fund", next_kind=InteractionKind.CALL)
    network = network_of(ana, plan,
                         logged(ana.id, TODAY - timedelta(days=60), InteractionKind.MEETING,
                                where="Climate Tech Meetup", note="Talked about kites"),
                         logged(ana.id, TODAY - timedelta(days=1), InteractionKind.CALL,
                                note="Talked about the grid storage pilot"))
    html = unescape(today_view(network, TODAY).html)
    assert "You spoke with Ana Lima yesterday" in html
    assert "Thank you for the call yesterday." in html
    assert "what we said about the grid storage pilot" in html
    assert "kites" not in html and "Meetup" not in html


def test_a_first_call_after_a_message_carries_a_follow_up_about_that_call() -> None:
    ana = contact("Ana Lima", added_on=TODAY - timedelta(days=9))
    network = network_of(ana,
                         logged(ana.id, TODAY - timedelta(days=8), note="Hello from the meetup"),
                         logged(ana.id, TODAY, InteractionKind.CALL, where="Zoom",
                                note="She is hiring a data lead"))
    html = unescape(today_view(network, TODAY).html)
    assert "Thank you for the call on Zoom today." in html
    assert "you are hiring a data lead" in html
