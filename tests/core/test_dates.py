"""P11 light touches: dates that matter come round every year and are reminded ahead."""

from __future__ import annotations

from datetime import date, timedelta

from core.actions.dispatch import submit
from core.model import Contact, DateKind, ImportantDate
from core.network import Network
from core.rules.agenda import agenda
from core.rules.dates import DateReminder, reminder
from core.rules.reasons import Reason
from core.views.router import view_for

from .factories import TODAY, Clock, contact, important_date, network_of, person, settings

ANA = contact("Ana")
SISTER = person("Ana", groups=("Family",))


def birthday(month: int, day: int, year: int | None = None) -> ImportantDate:
    return important_date("ana", DateKind.BIRTHDAY, month, day, year=year)


def remind(important: ImportantDate, today: date = TODAY, lead: int = 7,
           who: Contact = ANA) -> DateReminder | None:
    return reminder(who, important, today, lead)


def test_a_birthday_in_3_days_with_a_7_day_lead_is_reminded() -> None:
    found = remind(birthday(11, 28))
    assert found is not None
    assert (found.on, found.days_away) == (date(2026, 11, 28), 3)
    assert found.reason.principle == "P11"
    assert "Ana's birthday is in 3 days" in found.reason.text


def test_a_birthday_in_10_days_with_a_7_day_lead_is_not_reminded_yet() -> None:
    assert remind(birthday(12, 5)) is None


def test_a_birthday_exactly_the_lead_time_away_is_reminded() -> None:
    found = remind(birthday(12, 2))
    assert found is not None and found.days_away == 7


def test_a_birthday_today_and_tomorrow_say_so() -> None:
    today = remind(birthday(11, 25), lead=0)
    tomorrow = remind(birthday(11, 26))
    assert today is not None and "It is Ana's birthday today." in today.reason.text
    assert tomorrow is not None and "birthday is tomorrow" in tomorrow.reason.text


def test_a_birthday_that_has_just_passed_waits_for_next_year() -> None:
    assert remind(birthday(11, 24), lead=60) is None
    found = remind(birthday(11, 24), today=date(2027, 11, 20))
    assert found is not None and found.on == date(2027, 11, 24)


def test_a_29_february_birthday_is_reminded_on_28_february_in_a_common_year() -> None:
    found = remind(birthday(2, 29), today=date(2027, 2, 28), lead=0)
    assert found is not None
    assert found.on == date(2027, 2, 28)
    assert "today" in found.reason.text


def test_a_29_february_birthday_is_reminded_on_the_29th_in_a_leap_year() -> None:
    assert remind(birthday(2, 29), today=date(2028, 2, 28), lead=0) is None
    found = remind(birthday(2, 29), today=date(2028, 2, 29), lead=0)
    assert found is not None and found.on == date(2028, 2, 29)


def test_a_29_february_birthday_comes_exactly_once_in_every_year() -> None:
    for year in (2026, 2027, 2028):
        days = [date(year, 1, 1) + timedelta(days=n) for n in range(366)]
        due = {d for d in days if d.year == year and remind(birthday(2, 29), d, lead=0)}
        assert len(due) == 1, year


def test_a_birthday_on_2_january_seen_on_28_december_crosses_the_year_end() -> None:
    found = remind(birthday(1, 2), today=date(2026, 12, 28))
    assert found is not None
    assert (found.on, found.days_away) == (date(2027, 1, 2), 5)
    assert "(2 Jan)" in found.reason.text


def test_a_birthday_with_a_year_says_the_age() -> None:
    found = remind(birthday(11, 28, year=1986), who=SISTER)
    assert found is not None and "birthday (turns 40)" in found.reason.text


def test_the_age_is_the_one_reached_after_the_year_end() -> None:
    found = remind(birthday(1, 2, year=1990), today=date(2026, 12, 28), who=SISTER)
    assert found is not None and "turns 37" in found.reason.text


def test_a_birthday_without_a_year_says_no_age() -> None:
    found = remind(birthday(11, 28))
    assert found is not None and "turns" not in found.reason.text


def test_a_work_anniversary_counts_the_years() -> None:
    anniversary = important_date("ana", DateKind.WORK_ANNIVERSARY, 11, 27, year=2021)
    found = remind(anniversary)
    assert found is not None and "work anniversary (5 years)" in found.reason.text


def test_news_is_worth_a_note_for_two_weeks_then_drops() -> None:
    news = important_date("ana", DateKind.NEWS, 11, 11, year=2026, label="new job at Acme")
    on_the_day = remind(news, today=date(2026, 11, 11))
    two_weeks_on = remind(news, today=date(2026, 11, 25))
    assert on_the_day is not None and two_weeks_on is not None
    assert "new job at Acme" in two_weeks_on.reason.text
    assert "say you heard" in two_weeks_on.reason.text
    assert two_weeks_on.reason.principle == "P11"
    assert remind(news, today=date(2026, 11, 26)) is None


def test_news_happens_once_and_does_not_come_back_next_year() -> None:
    news = important_date("ana", DateKind.NEWS, 11, 20, year=2026, label="promotion")
    assert remind(news, today=date(2027, 11, 22)) is None


def test_news_dated_in_the_future_waits_for_its_day() -> None:
    news = important_date("ana", DateKind.NEWS, 12, 1, year=2026, label="starts at Acme")
    assert remind(news) is None
    assert remind(news, today=date(2026, 12, 1)) is not None


def test_a_date_item_key_names_the_occurrence_so_next_year_is_a_new_item() -> None:
    network = network_of(ANA, birthday(11, 28))
    this_year = agenda(network, TODAY)
    next_year = agenda(network, date(2027, 11, 25))
    assert len(this_year) == len(next_year) == 1
    assert this_year[0].key != next_year[0].key


def test_the_lead_time_is_configurable_in_settings() -> None:
    records = (ANA, birthday(12, 5))
    def dates(network: Network) -> list[Reason]:
        return [r for i in agenda(network, TODAY) for r in i.reasons if r.principle == "P11"]

    assert dates(network_of(*records)) == []
    longer = dates(network_of(*records, settings(date_lead_days=14)))
    assert len(longer) == 1 and "Ana's birthday is in 10 days" in longer[0].text


def test_news_is_worded_neutrally_unless_marked_as_good_news() -> None:
    surgery = important_date("ana", DateKind.NEWS, 11, 25, year=2026, label="knee surgery")
    found = remind(surgery)
    assert found is not None
    assert "congratulation" not in found.reason.text.casefold()
    assert "say you heard" in found.reason.text
    good = remind(surgery.model_copy(update={"label": "new job", "good_news": True}))
    assert good is not None and "A short congratulation" in good.reason.text


def test_the_date_form_can_mark_news_as_good_news() -> None:
    fields = {"contact_id": "ana", "kind": "news", "label": "New job at Acme", "month": "11",
              "day": "20", "year": "2026"}
    network = network_of(ANA)
    [plain] = submit("add_date", fields, network, Clock()).records
    [good] = submit("add_date", {**fields, "good_news": "on"}, network, Clock()).records
    assert isinstance(plain, ImportantDate) and not plain.good_news
    assert isinstance(good, ImportantDate) and good.good_news
    _, view = view_for("#/people/ana", network, TODAY, {})
    assert 'name="good_news"' in view.html
