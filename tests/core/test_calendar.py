"""The agenda's calendar: what Today will say, on its day, in a file any calendar app reads.

Every file is read back with the icalendar package, as a calendar app would, rather than
searched as text: escaping, folding and recurrence are the library's to get right.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.rrule import rrulestr
from icalendar import Calendar

from core.formats.agenda_calendar import agenda_calendar
from core.model import DateKind, InteractionKind, Layer, Plan, Record
from core.network import Network

from .factories import NOW, TODAY, contact, important_date, interaction, logged, network_of
from .helpers import Shell

PAGE = "https://me.example/tend/index.html#/data"


def events(text: str) -> dict[str, Any]:
    """Each event of a calendar file by its UID."""
    return {str(e["uid"]): e for e in Calendar.from_ical(text).walk("VEVENT")}


def plan(contact_id: str, step: str, on: date, **fields: Any) -> Plan:
    return Plan(id=contact_id, contact_id=contact_id, why="She knows the clinic market",
                next_step=step, next_on=on, updated_at=NOW, **fields)


def ana_and_ben(*more: Record) -> Network:
    ana, ben = contact("Ana Lima", id="ana"), contact("Ben Okafor", id="ben")
    return network_of(ana, ben, interaction("ana", date(2026, 10, 1)),
                      interaction("ben", date(2026, 11, 20)),
                      important_date("ana", DateKind.BIRTHDAY, 4, 12, year=1990, id="ana-bd"),
                      plan("ben", "Coffee to talk about the pilot", date(2026, 12, 3)), *more)


def test_the_calendar_carries_each_keep_in_touch_day_step_and_birthday_with_reason_and_link(
) -> None:
    found = events(agenda_calendar(ana_and_ben(), TODAY, PAGE, alarms=True))
    assert set(found) == {"touch-ana@tend", "touch-ben@tend", "ana-bd@tend", "plan-ben@tend"}
    touch = found["touch-ana@tend"]
    assert touch["dtstart"].dt == date(2026, 12, 30)  # 90 days after 1 October
    assert str(touch["summary"]) == "Ana Lima: keep in touch"
    assert str(touch["description"]) == (
        "Last contact 90 days ago; you aim for every 90 days with your active network — "
        "due today. (P8)\n\nOpen Ana Lima in Tend: "
        "https://me.example/tend/index.html#/people/ana")
    assert str(touch["url"]) == "https://me.example/tend/index.html#/people/ana"
    step = found["plan-ben@tend"]
    assert step["dtstart"].dt == date(2026, 12, 3)
    assert str(step["description"]).startswith(
        "Planned for today: Coffee to talk about the pilot. Why: She knows the clinic market")
    [alarm] = step.walk("VALARM")
    assert alarm["trigger"].dt == timedelta(hours=9) and str(alarm["action"]) == "DISPLAY"


def test_a_birthday_repeats_every_year_and_names_no_age() -> None:
    birthday = events(agenda_calendar(ana_and_ben(), TODAY))["ana-bd@tend"]
    assert birthday["dtstart"].dt == date(2027, 4, 12)
    assert str(birthday["summary"]) == "Ana Lima: birthday"
    rule = rrulestr(birthday["rrule"].to_ical().decode(), dtstart=datetime(2027, 4, 12))
    assert [d.date() for d in rule[:2]] == [date(2027, 4, 12), date(2028, 4, 12)]
    assert "turns" not in str(birthday["description"])


def test_29_february_falls_on_the_28th_in_common_years_as_on_today() -> None:
    network = network_of(contact("Lea Park", id="lea"),
                         important_date("lea", DateKind.BIRTHDAY, 2, 29, id="lea-bd"))
    leap = events(agenda_calendar(network, TODAY))["lea-bd@tend"]
    assert leap["dtstart"].dt == date(2027, 2, 28)
    rule = rrulestr(leap["rrule"].to_ical().decode(), dtstart=datetime(2027, 2, 28))
    assert [d.date() for d in rule[:3]] == [date(2027, 2, 28), date(2028, 2, 29),
                                           date(2029, 2, 28)]


def test_something_already_due_is_on_today_not_on_a_day_gone_by() -> None:
    late = network_of(contact("Ana Lima", id="ana"), interaction("ana", date(2026, 6, 1)),
                      plan("ana", "Send the report", date(2026, 11, 2)))
    found = events(agenda_calendar(late, TODAY))
    assert found["touch-ana@tend"]["dtstart"].dt == TODAY
    assert "87 days overdue" in str(found["touch-ana@tend"]["description"])
    assert found["plan-ana@tend"]["dtstart"].dt == TODAY


def test_a_follow_up_owed_after_meeting_someone_new_is_on_the_next_day() -> None:
    network = network_of(contact("Chen Wu", id="chen"),
                         logged("chen", TODAY, InteractionKind.MEETING, where="Data Summit",
                                note="Her team is hiring", id="summit"))
    follow_up = events(agenda_calendar(network, TODAY))["followup-summit@tend"]
    assert follow_up["dtstart"].dt == TODAY + timedelta(days=1)
    assert str(follow_up["summary"]) == "Chen Wu: send a follow-up note"
    assert str(follow_up["description"]).startswith(
        "You met Chen Wu at the Data Summit yesterday: send a short, personal note")


def test_without_alarms_or_a_web_address_events_have_neither() -> None:
    found = events(agenda_calendar(ana_and_ben(), TODAY, "javascript:alert(1)"))
    for event in found.values():
        assert not event.walk("VALARM") and "url" not in event
        assert "Open" not in str(event["description"])


def test_exporting_again_after_one_change_updates_that_event_only() -> None:
    first = events(agenda_calendar(ana_and_ben(), TODAY, PAGE))
    moved = plan("ben", "Coffee to talk about the pilot", date(2026, 12, 10)).model_copy(
        update={"updated_at": NOW + timedelta(hours=2)})
    second = events(agenda_calendar(ana_and_ben(moved), TODAY, PAGE))
    assert set(second) == set(first)
    changed = {uid for uid in first if second[uid]["sequence"] != first[uid]["sequence"]}
    assert changed == {"plan-ben@tend"}
    assert second["plan-ben@tend"]["sequence"] > first["plan-ben@tend"]["sequence"]
    assert second["plan-ben@tend"]["dtstamp"].dt > first["plan-ben@tend"]["dtstamp"].dt
    assert second["plan-ben@tend"]["dtstart"].dt == date(2026, 12, 10)


def test_the_same_records_give_the_same_file_on_another_day() -> None:
    assert agenda_calendar(ana_and_ben(), TODAY) == agenda_calendar(ana_and_ben(),
                                                                      TODAY + timedelta(days=3))


def test_an_event_moved_to_today_gets_a_higher_sequence_each_day() -> None:
    late = network_of(contact("Ana Lima", id="ana"), interaction("ana", date(2026, 6, 1)))
    one = events(agenda_calendar(late, TODAY))["touch-ana@tend"]
    two = events(agenda_calendar(late, TODAY + timedelta(days=1)))["touch-ana@tend"]
    assert two["dtstart"].dt == TODAY + timedelta(days=1) and two["sequence"] > one["sequence"]


def test_deleted_and_let_go_people_have_no_events() -> None:
    network = ana_and_ben(contact("Ana Lima", id="ana").tombstone(NOW),
                          contact("Ben Okafor", id="ben").model_copy(update={"archived": True}))
    assert events(agenda_calendar(network, TODAY)) == {}


def test_hostile_names_and_notes_come_back_exactly_as_typed() -> None:
    name = "Eve; Mallory,\n<script>alert(1)</script>"
    note = 'Said: "call me";\nthen, <img src=x onerror=alert(1)>'
    network = network_of(contact(name, id="eve"),
                         logged("eve", TODAY, InteractionKind.CALL, note=note, id="call"))
    text = agenda_calendar(network, TODAY, PAGE)
    follow_up = events(text)["followup-call@tend"]
    assert str(follow_up["summary"]) == f"{name}: send a follow-up note"
    assert note in str(follow_up["description"])
    unfolded = text.replace("\r\n ", "")
    assert "\nthen" not in unfolded and "\\nthen" in unfolded and "Eve\\; Mallory\\," in unfolded


def test_the_download_carries_the_page_address_and_alarms_when_ticked() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    request = {"event": {"type": "export_calendar", "fields": {"alarms": ["on"]}},
               "today": TODAY.isoformat(), "now": "2026-11-25T10:00:00Z", "new_id": "x",
               "page": PAGE}
    answer = json.loads(device.app.handle_json(json.dumps(request)))
    assert answer["download"]["name"] == "tend-calendar.ics"
    assert "Google Calendar, Apple Calendar and Outlook" in answer["notice"]
    [touch] = events(answer["download"]["text"]).values()
    assert str(touch["url"]).startswith("https://me.example/tend/index.html#/people/")
    assert touch.walk("VALARM")


def test_each_answer_counts_what_today_lists_for_the_app_badge() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    [ana] = device.app.network.contacts
    assert device.open("#/data")["due_today"] == 0
    answer = device.submit("log_interaction", contact_id=ana, kind="meeting",
                         on=TODAY.isoformat(), note="First coffee")
    assert answer["due_today"] == 1  # the follow-up, due within a day
    assert device.open("#/people")["due_today"] == 1
    device.submit("log_interaction", contact_id=ana, kind="message", on=TODAY.isoformat(),
                note="Thanks for the coffee")
    assert device.open("#/people")["due_today"] == 0


def test_the_calendar_export_says_how_to_add_it_to_each_app_and_that_alarms_may_be_ignored(
) -> None:
    device = Shell(None)
    device.open("#/data")
    card = device.html[device.html.index('id="calendar-title"'):]
    card = card[: card.index("</form>")]
    apps = card[card.index("data-calendar-apps"):]
    for app in ("Google Calendar", "Apple Calendar", "Outlook"):
        assert f"<strong>{app}</strong>" in apps
    assert "ignore the alarms in a file they import" in apps
    assert "ignores the file's alarms" in apps  # Google's own, named
    assert "adds every event again" in apps  # Outlook's, with what to do about it
    assert "delete that calendar and import the fresh file into a new one" in apps


def test_a_days_wider_network_reminders_make_one_event_listing_each_person() -> None:
    """People long overdue all land on today: one event, not one each."""
    added = TODAY - timedelta(days=200)
    wider = [contact(name, id=name.split()[0].lower(), layer=Layer.WIDER, added_on=added)
             for name in ("Ana Lima", "Ben Okafor", "Cy Tan")]
    close = contact("Di Park", id="di", layer=Layer.CLOSE, added_on=TODAY)
    found = events(agenda_calendar(network_of(*wider, close), TODAY, PAGE, alarms=True))
    day = TODAY.isoformat()
    assert set(found) == {f"touch-wider-{day}@tend", "touch-di@tend"}
    event = found[f"touch-wider-{day}@tend"]
    assert str(event["summary"]) == "Keep in touch with 3 people of your wider network"
    why, *lines = str(event["description"]).split("\n\n")
    assert why.startswith("Their keep-in-touch day has come (P8)")
    assert [line.split(":")[0] for line in lines] == ["Ana Lima", "Ben Okafor", "Cy Tan"]
    assert lines[1] == (f"Ben Okafor: added {added.day} {added:%b %Y}, no contact logged "
                        "since. https://me.example/tend/index.html#/people/ben")
    assert "url" not in event
    [alarm] = event.walk("VALARM")
    assert str(alarm["description"]) == str(event["summary"])


def test_one_wider_network_reminder_on_its_day_reads_as_any_other() -> None:
    ana = contact("Ana Lima", id="ana", layer=Layer.WIDER, added_on=TODAY)
    [event] = events(agenda_calendar(network_of(ana), TODAY, PAGE)).values()
    assert str(event["uid"]) == f"touch-wider-{(TODAY + timedelta(days=180)).isoformat()}@tend"
    assert str(event["summary"]) == "Ana Lima: keep in touch"
    assert str(event["url"]) == "https://me.example/tend/index.html#/people/ana"
