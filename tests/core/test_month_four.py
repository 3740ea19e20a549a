"""What the fourth month's trial (bench/month_trial.py) still found reading wrong: a day
said by its date when it was today, cheer after news that may be sad, and introductions
offered to someone already introduced. Each is said as the behaviour that is now right."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from core.model import DateKind, FavourDirection, ImportantDate, InteractionKind, Plan
from core.rules import drafts
from core.rules.favours import give_nudge
from core.rules.followup import follow_up_owed
from core.rules.introductions import introducers
from core.rules.planner import step_due, step_next, step_passed
from core.rules.thanks import favour_thanks
from core.views.people import contact_view

from .factories import NOW, TODAY, contact, favour, logged, network_of, person

# TODAY (25 Nov 2026) is a Wednesday.
AMARA = contact("Amara Okoye", id="amara", added_on=date(2026, 1, 5))


def step(on: date) -> Plan:
    return Plan(id="amara", contact_id="amara", next_step="Ask for 20 minutes about her path",
                next_kind=InteractionKind.MESSAGE, next_on=on,
                updated_at=NOW - timedelta(days=10))


def message(on: date) -> list:
    return [logged("amara", on).model_copy(update={"updated_at": NOW})]


def dates_in(text: str) -> list[str]:
    return re.findall(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", text)


# G10: a day relative to the Today shown is said as people say it, and once.

def test_a_step_logged_today_is_said_as_today_not_by_its_date() -> None:
    found = step_next(AMARA, step(TODAY), message(TODAY), TODAY)
    assert found is not None
    assert found.reason.text.startswith(
        "You logged a message today, the day of your planned step")
    assert dates_in(found.reason.text) == []


def test_a_step_logged_yesterday_is_said_as_yesterday_the_next_morning() -> None:
    found = step_next(AMARA, step(TODAY), message(TODAY), TODAY + timedelta(days=1))
    assert found is not None
    assert found.reason.text.startswith("You logged a message yesterday, the day of")


def test_a_step_logged_days_late_names_each_day_once_by_its_weekday() -> None:
    found = step_next(AMARA, step(TODAY), message(TODAY + timedelta(days=2)),
                      TODAY + timedelta(days=3))
    assert found is not None
    assert found.reason.text.startswith(
        "You logged a message yesterday, after the step you planned for Wednesday:")


def test_a_step_long_passed_is_named_by_its_date() -> None:
    found = step_passed(AMARA, step(TODAY), [], TODAY + timedelta(days=10))
    assert found is not None
    assert found.reason.text.startswith("The step you planned for 25 Nov with Amara Okoye")


def test_a_late_follow_up_names_the_weekday_of_the_meeting() -> None:
    history = [logged("amara", TODAY - timedelta(days=3), InteractionKind.MEETING)]
    owed = follow_up_owed(AMARA, history, TODAY)
    assert owed is not None
    assert owed.reason.text.startswith("Late, but still worth it: you met Amara Okoye on Sunday")


def test_thanks_for_help_received_yesterday_says_yesterday() -> None:
    helped = favour("amara", FavourDirection.RECEIVED, "Read my CV",
                    on=TODAY - timedelta(days=1))
    owed = favour_thanks(AMARA, [helped], [], TODAY)
    assert owed is not None
    assert owed.reason.text.startswith("Amara Okoye helped you yesterday:")


@pytest.mark.parametrize("days", range(0, 21))
def test_no_reason_says_on_today_or_names_one_date_twice(days: int) -> None:
    today = TODAY + timedelta(days=days)
    met = logged("amara", TODAY, InteractionKind.MEETING, id="met")
    texts = [
        found.reason.text
        for found in (
            step_next(AMARA, step(TODAY), message(TODAY), today),
            step_passed(AMARA, step(TODAY), [], today),
            follow_up_owed(AMARA, [met], today),
            give_nudge(AMARA, [], [logged("amara", TODAY + timedelta(days=1)), met], today),
            favour_thanks(AMARA, [favour("amara", FavourDirection.RECEIVED, on=TODAY)], [],
                       today),
        ) if found is not None]
    assert texts
    for text in texts:
        assert not re.search(r"\bon (today|yesterday|tomorrow)\b", text), text
        said = dates_in(text)
        assert len(said) == len(set(said)), text


# G11: news not marked good closes quietly; good news is congratulated.

SOMBRE = ["Knee surgery", "Lost her father", "Laid off from Acme", "Moved back to Lagos", ""]
GOOD = ["New job at Octopus", "Got engaged", "Her startup raised a seed round"]
CHEERFUL = ("congratulat", "exciting", "hope you are well", "!", "love to hear",
            "how are things")


def news(label: str, good: bool) -> ImportantDate:
    return ImportantDate(id="n1", contact_id="amara", kind=DateKind.NEWS, label=label,
                         month=11, day=24, year=2026, good_news=good, updated_at=NOW)


@pytest.mark.parametrize("label", SOMBRE)
def test_news_not_marked_good_closes_quietly_with_no_cheer(label: str) -> None:
    history = [logged("amara", TODAY - timedelta(days=20), note="Talked about her new team")]
    text = drafts.light_touch(AMARA, history, news(label, good=False)).text
    assert text.rstrip().endswith(drafts.SOMBRE_CLOSE)
    body = text.split("\n\n", 1)[1].casefold()
    assert not any(word in body for word in CHEERFUL), text
    assert not label or label.casefold() not in body
    assert "new team" not in body


def test_news_left_unticked_reads_right_for_a_new_job_as_for_an_operation() -> None:
    """The month lived: "started a new job" was logged without ticking Good news, and its
    note said "Thinking of you", as to someone in hospital. Unticked news is not sad news."""
    for label in ("Started a new job", "Knee surgery"):
        body = drafts.light_touch(AMARA, [], news(label, good=False)).text.casefold()
        assert not any(word in body for word in ("sorry", "thinking of you", "condolence")), body


@pytest.mark.parametrize("label", GOOD)
def test_good_news_is_congratulated_by_name(label: str) -> None:
    text = drafts.light_touch(AMARA, [], news(label, good=True)).text
    assert "Congratulations!" in text
    assert label.split()[-1] in text
    assert drafts.SOMBRE_CLOSE not in text


# G12: an introduction already made is no path to offer; each path names its person once.

RAVI = person("Ravi Menon", id="ravi", sphere="personal", groups=("Climbing",))
FAY = person("Fay Lima", id="fay", sphere="personal", groups=("Climbing",))


def test_someone_already_introduced_is_offered_no_path_to_them() -> None:
    tess = person("Tess Silva", id="tess", groups=("Climbing",), introduced_by="ravi")
    assert introducers(tess, [RAVI, FAY, tess]) == []
    html = contact_view(network_of(RAVI, FAY, tess), "tess", TODAY).html
    assert "Who could introduce you" not in html
    assert "Introduced by" in html and "Ravi Menon" in html


def test_each_path_names_its_person_once() -> None:
    tess = person("Tess Silva", id="tess", groups=("Climbing",))
    assert [i.contact.name for i in introducers(tess, [RAVI, RAVI, FAY, tess])] == [
        "Fay Lima", "Ravi Menon"]
    html = contact_view(network_of(RAVI, FAY, tess), "tess", TODAY).html
    paths = html[html.index("Who could introduce you"):]
    paths = paths[:paths.index("</ul>")]
    assert paths.count("Ravi Menon") == 1 and paths.count("Fay Lima") == 1
    assert "Ravi Menon</a> is close to you and also in Climbing." in paths


# Read in the month lived after G10-G12: a step's why ran into the principle mark with no
# full stop, and the "did it happen?" item dropped the step's words mid-sentence.

def test_a_planned_step_and_its_why_each_end_with_one_full_stop() -> None:
    plan = step(TODAY).model_copy(update={"why": "She leads product at Heatwise"})
    found = step_due(AMARA, plan, [], TODAY)
    assert found is not None
    assert found.reason.text == ("Planned for today: Ask for 20 minutes about her path. "
                                 "Why: She leads product at Heatwise.")


def test_a_passed_step_is_named_in_quotes_before_the_question() -> None:
    found = step_passed(AMARA, step(TODAY), [], TODAY + timedelta(days=5))
    assert found is not None
    assert found.reason.text.startswith(
        'The step you planned for Wednesday with Amara Okoye, "Ask for 20 minutes about her '
        'path", has passed: did it happen? If it did,')
