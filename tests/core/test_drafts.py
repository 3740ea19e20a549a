"""Drafts a coach would sign: greeted by name, said to the person, grammatical, no gaps.

Every draft is run over a table of real-shaped inputs (honorifics, mononyms, CJK names,
notes in the first and third person, gives as verbs and as nouns, nothing recorded) and
checked for the facts a reader notices first.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from core.model import (
    Contact,
    DateKind,
    ImportantDate,
    Interaction,
    InteractionKind,
    Pitch,
    Plan,
    TargetKind,
    TargetNetwork,
)
from core.rules import drafts, thank_you_drafts
from core.rules.greeting import greeting_name
from core.rules.phrasing import offer

from .factories import NOW, TODAY
from .helpers import NOTES, assert_reads_well, met, person


def plan(**fields: Any) -> Plan:
    return Plan(id="p1", contact_id="p1", updated_at=NOW, **fields)


def pitch(**fields: str) -> Pitch:
    return Pitch(id="pitch", updated_at=NOW, **fields)


EMPLOYERS = TargetNetwork(id="t1", name="Climate employers", kind=TargetKind.EMPLOYERS,
                          value_proposition="I turn messy operator workflows into products "
                                            "people use. Eight years of B2B energy software.",
                          updated_at=NOW)


# Greetings: the name they answer to.

GREETED = [
    (person("Dr. Priya Raman"), "Priya"),
    (person("Prof. Dr. Hans Müller"), "Hans"),
    (person("Mrs Jo Baker"), "Jo"),
    (person("Mx. Sam Rivera"), "Sam"),
    (person("Sr. Carlos Ruiz"), "Carlos"),
    (person("Mme Claire Dubois"), "Claire"),
    (person("Herr Jonas Weber"), "Jonas"),
    (person("J. Robert Oppenheimer"), "Robert"),
    (person("Dr. Smith"), "Dr. Smith"),
    (person("Madonna"), "Madonna"),
    (person("Doe, Jane"), "Jane"),
    (person("山田 太郎"), "太郎"),
    (person("김 민준"), "민준"),
    (person("王伟"), "王伟"),
    (person("Yamada Taro", given_name="Taro", family_name="Yamada"), "Taro"),
    (person("Robert Smith", call_them="Bob"), "Bob"),
    (person("佐々木 花子", call_them="佐々木さん"), "佐々木さん"),
]


@pytest.mark.parametrize(("contact", "expected"), GREETED, ids=[c.name for c, _ in GREETED])
def test_a_draft_greets_by_the_name_they_answer_to_never_an_honorific_or_family_name(
    contact: Contact, expected: str
) -> None:
    assert greeting_name(contact) == expected
    assert drafts.light_touch(contact, []).text.startswith(f"Hi {expected},\n")


def test_a_name_that_is_only_an_honorific_is_greeted_with_hello() -> None:
    text = drafts.offer_help(person("Dr."), None).text
    assert text.startswith("Hello,\n")
    assert_reads_well(text)


# The follow-up: the detail said to them.

@pytest.mark.parametrize(("note", "said"), NOTES, ids=[n for n, _ in NOTES])
def test_the_follow_up_says_the_detail_to_them_in_the_second_person(note: str, said: str) -> None:
    text = drafts.follow_up(person("Dr. Priya Raman"), [met(note, "Climate Week")], None).text
    assert said in text
    assert "at Climate Week" in text
    assert_reads_well(text)


def test_the_follow_up_with_nothing_recorded_asks_for_the_one_detail() -> None:
    text = drafts.follow_up(person("Ana"), [], None).text
    assert "[one specific thing you talked about]" in text
    assert_reads_well(text)


def test_the_follow_up_offers_what_the_plan_gives_them_and_never_the_generic_pitch() -> None:
    services = pitch(how_i_help="Sharpen a product roadmap")
    without = drafts.follow_up(person("Ana"), [met("Talked about kites")], None).text
    assert "roadmap" not in without and "help" not in without.casefold()
    given = drafts.follow_up(person("Ana"), [met("Talked about kites")],
                             plan(give="An intro to the Octopus data team")).text
    assert "If it would help, I could offer an intro to the Octopus data team." in given
    assert services.how_i_help not in given


def test_a_meeting_online_is_a_call_on_zoom_not_at_it() -> None:
    text = drafts.follow_up(person("Ana"), [met(where="Zoom")], None).text
    assert "Thank you for the call on Zoom." in text


THANKED_FOR = [
    (InteractionKind.CALL, "", 1, "Thank you for the call yesterday."),
    (InteractionKind.CALL, "phone", 0, "Thank you for the call today."),
    (InteractionKind.CALL, "Teams", 1, "Thank you for the call on Teams yesterday."),
    (InteractionKind.MEETING, "video", 1, "Thank you for the video call yesterday."),
    (InteractionKind.MEETING, "Google Meet", 3, "Thank you for the call on Google Meet on "
                                                "Sunday."),
    (InteractionKind.MEETING, "", 1, "Thank you for the conversation yesterday."),
    (InteractionKind.MEETING, "Climate Tech Meetup", 1,
     "Thank you for the conversation at the Climate Tech Meetup yesterday."),
    (InteractionKind.MEETING, "coffee", 1, "Thank you for the conversation over coffee "
                                           "yesterday."),
    (InteractionKind.MEETING, "Coffee at Café Lua", 2,
     "Thank you for the conversation over coffee at Café Lua on Monday."),
    (InteractionKind.MEETING, "dinner", 10, "Thank you for the conversation at dinner."),
]


@pytest.mark.parametrize(("kind", "where", "days_ago", "said"), THANKED_FOR,
                         ids=[f"{k.value}-{w or 'nowhere'}-{d}" for k, w, d, _ in THANKED_FOR])
def test_the_follow_up_thanks_for_the_conversation_as_it_was_where_and_when(
    kind: InteractionKind, where: str, days_ago: int, said: str
) -> None:
    conversation = met("Talked about kites", where, kind).model_copy(
        update={"on": TODAY - timedelta(days=days_ago)})
    text = drafts.follow_up(person("Ana"), [conversation], None, TODAY).text
    assert said in text
    assert_reads_well(text)


def test_the_follow_up_is_about_the_latest_call_not_an_older_meeting() -> None:
    older = met("Talked about kites", "Climate Week").model_copy(
        update={"id": "i0", "on": TODAY - timedelta(days=30)})
    call = met("Talked about the grid pilot", kind=InteractionKind.CALL)
    text = drafts.follow_up(person("Ana"), [call, older], None, TODAY).text
    assert "Thank you for the call today. I keep coming back to what we said about the grid " \
           "pilot." in text
    assert "kites" not in text and "Climate Week" not in text


# The offer of help: verbs and nouns alike.

GIVES = [
    ("Introduce her to my old team.", "I could introduce you to my old team"),
    ("updates on three Gridwise customers he still cares about",
     "I could offer updates on three Gridwise customers you still care about"),
    ("An intro to the Octopus data team", "I could offer an intro to the Octopus data team"),
    ("Feedback on her pitch deck", "I could offer feedback on your pitch deck"),
    ("Reviewing her pitch deck", "I could help by reviewing your pitch deck"),
    ("Review of her deck", "I could offer a review of your deck"),
    ("I can send him the grid-tariff dataset", "I could send you the grid-tariff dataset"),
    ("Sharpen his product roadmap", "I could sharpen your product roadmap"),
    ("Octopus Energy contacts", "I could offer Octopus Energy contacts"),
]


@pytest.mark.parametrize(("give", "said"), GIVES, ids=[g for g, _ in GIVES])
def test_the_offer_of_help_is_grammatical_for_verb_and_noun_phrases(give: str, said: str) -> None:
    assert offer(give) == said
    text = drafts.offer_help(person("Sam Okoye"), plan(give=give)).text
    assert f"For instance, {said}." in text
    assert_reads_well(text)


@pytest.mark.parametrize(("value", "said"), [
    ("eight years of B2B energy software",
     "I bring eight years of B2B energy software, and I'd gladly put that to work for you."),
    ("Assess a startup's product honestly", "For instance, I could assess a startup's product "
                                            "honestly."),
    ("Introductions to climate investors",
     "I bring introductions to climate investors, and I'd gladly put that to work for you."),
])
def test_an_offer_from_what_the_user_brings_a_network_is_brought_not_handed_over(
    value: str, said: str
) -> None:
    mentors = TargetNetwork(id="t2", name="Mentors", kind=TargetKind.MENTORS,
                            value_proposition=value, updated_at=NOW)
    text = drafts.offer_help(person("Sam Lee", targets=("t2",)), None, [mentors]).text
    assert said in text
    assert "I could offer eight" not in text
    assert_reads_well(text)


def test_a_light_touch_after_a_talk_noted_in_a_few_words_picks_up_that_topic() -> None:
    text = drafts.light_touch(person("Ana"), [met("Grid batteries")]).text
    assert "Last time we talked about grid batteries. I'd love to hear how it's going." in text
    assert_reads_well(text)


def test_the_offer_of_help_with_nothing_planned_asks_openly_what_would_help() -> None:
    text = drafts.offer_help(person("Sam"), None).text
    assert "What are you working on at the moment, and is there anything that would make it " \
           "easier?" in text
    assert "[" not in text
    assert_reads_well(text)


# The light touch: the occasion and the thread.

def occasion(kind: DateKind, label: str = "", good_news: bool = True) -> ImportantDate:
    return ImportantDate(id="d1", contact_id="p1", kind=kind, label=label, month=3, day=2,
                         good_news=good_news, updated_at=NOW)


@pytest.mark.parametrize(("kind", "label", "line"), [
    (DateKind.BIRTHDAY, "", "Happy birthday!"),
    (DateKind.WORK_ANNIVERSARY, "", "Happy work anniversary!"),
    (DateKind.NEWS, "New job at Octopus Energy", "I saw your news: new job at Octopus Energy. "
                                                 "Congratulations!"),
    (DateKind.NEWS, "", "I saw your news. Congratulations!"),
    (DateKind.CUSTOM, "Her wedding anniversary",
     "I remembered the date: your wedding anniversary."),
])
def test_the_light_touch_on_a_date_marks_the_occasion(kind: DateKind, label: str,
                                                       line: str) -> None:
    text = drafts.light_touch(person("Ana Lima"), [met("Talked about her move to Porto")],
                              occasion(kind, label)).text
    assert line in text
    assert "Last time we talked about your move to Porto." in text
    assert_reads_well(text)


# The informational conversation.

def test_a_light_touch_after_the_users_own_promise_picks_it_up_in_their_words() -> None:
    text = drafts.light_touch(person("Ana"), [met("I promised to send her the grid report")]).text
    assert "Last time we spoke, I promised to send you the grid report. How are things" in text
    assert_reads_well(text)


def test_the_informational_request_asks_for_twenty_minutes_about_their_path_not_a_job() -> None:
    chosen = plan(reach_reason="Her talk on grid flexibility at Climate Week",
                  give="Introduce her to my old team")
    text = drafts.informational_request(
        person("Prof. Dr. Hans Müller"), chosen,
        pitch(one_liner="I'm a product manager moving into climate tech"), [EMPLOYERS]).text
    assert text.startswith("Hi Hans,\n")
    assert "I'm writing because of your talk on grid flexibility at Climate Week." in text
    assert "I'm a product manager moving into climate tech." in text
    assert "I turn messy operator workflows into products people use." in text
    assert "20 minutes" in text and "your path" in text
    assert "not asking for a job or a referral" in text
    assert "If I can be useful in return, I could introduce you to my old team." in text
    assert_reads_well(text)


@pytest.mark.parametrize(("reach", "why", "line"), [
    ("", "", "I'm writing because of [one specific reason"),
    ("", "She runs the flexibility team at Octopus. Admire it.",
     "I'm writing because of [one specific reason"),  # the why is the user's own, not said
    ("I read her post on night tariffs", "", "I read your post on night tariffs."),
    ("Her team is piloting heat pumps", "", "I'm writing because your team is piloting"),
])
def test_the_informational_request_gives_a_specific_reason_or_asks_for_one(
    reach: str, why: str, line: str
) -> None:
    text = drafts.informational_request(person("王伟"), plan(reach_reason=reach, why=why),
                                        pitch(), []).text
    assert line in text
    assert "I'm asking only for your perspective" in text
    assert_reads_well(text)


def test_the_informational_request_with_no_plan_no_pitch_still_reads_well() -> None:
    text = drafts.informational_request(person("Madonna"), None, pitch(), []).text
    assert "A little about me" not in text and "What I bring" not in text
    assert_reads_well(text)


def test_a_pitch_that_is_not_a_sentence_is_introduced_as_one() -> None:
    noun = TargetNetwork(id="t2", name="Investors", value_proposition="Operator experience",
                         updated_at=NOW)
    text = drafts.informational_request(person("Ana"), None,
                                        pitch(one_liner="Product manager, climate tech"),
                                        [noun]).text
    assert "A little about me: Product manager, climate tech. What I bring: Operator " \
           "experience." in text


# Thanks to whoever made the introduction.

@pytest.mark.parametrize(("history", "line"), [
    ([], "I'm getting in touch with Priya this week and will let you know how it goes."),
    ([met("Her team is piloting heat pumps in Leeds.", "Zoom")],
     "We met on Zoom, and it was well worth it."),  # what Priya said stays between them
    ([met(kind=InteractionKind.CALL)], "We spoke, and it was well worth it."),
])
def test_the_introducer_is_thanked_and_told_how_it_went(history: list[Interaction],
                                                        line: str) -> None:
    draft = thank_you_drafts.thank_introducer(person("Mrs Jo Baker"), person("Dr. Priya Raman"),
                                              history)
    assert draft.reason.principle == "P7"
    assert draft.text.startswith("Hi Jo,\n\nThank you for introducing me to Dr. Priya Raman.")
    assert line in draft.text
    assert_reads_well(draft.text)


# What I'm looking for, for family and friends.

@pytest.mark.parametrize(("looking", "line"), [
    ("A product role at a grid-software company",
     "Right now I'm looking for a product role at a grid-software company."),
    ("to meet people who run heat-pump installs",
     "Right now I'm looking to meet people who run heat-pump installs."),
    ("I'd love an intro to anyone at Octopus.", "I'd love an intro to anyone at Octopus."),
    ("", "Right now I'm looking for [what you are looking for right now"),
])
def test_family_and_friends_hear_exactly_what_the_user_is_looking_for(looking: str,
                                                                     line: str) -> None:
    draft = drafts.looking_for_note(person("Mum", call_them="Mum"),
                                    pitch(one_liner="I'm moving into climate tech",
                                          looking_for=looking))
    assert draft.text.startswith("Hi Mum,\n\nI'm moving into climate tech. ")
    assert line in draft.text
    assert_reads_well(draft.text)


def test_the_note_to_family_and_friends_without_a_person_leaves_the_name_to_fill() -> None:
    text = drafts.looking_for_note(None, pitch()).text
    assert text.startswith("Hi [name],\n\nRight now")
    assert_reads_well(text)


def test_every_draft_with_nothing_recorded_reads_well() -> None:
    nobody = person("Ana")
    for draft in (drafts.follow_up(nobody, [], None), drafts.light_touch(nobody, []),
                  drafts.offer_help(nobody, None),
                  drafts.informational_request(nobody, None, pitch(), []),
                  thank_you_drafts.thank_introducer(person("Sam"), nobody, []),
                  drafts.looking_for_note(nobody, pitch())):
        assert_reads_well(draft.text)
        assert draft.reason.principle in {"P7", "P10", "P11", "P13", "P15"}


def test_where_they_met_is_said_to_them_too() -> None:
    text = drafts.follow_up(person("Priya Nair"), [met(where="her office café")], None).text
    assert "Thank you for the conversation at your office café." in text
