"""P8: every contact has a keep-in-touch interval, and time since last contact is visible."""

from __future__ import annotations

from datetime import date, timedelta

from core.model import Layer
from core.network import Network
from core.rules.cadence import DEFAULT_INTERVAL_DAYS, cadence_status
from core.rules.wording import days_ago

from .factories import TODAY, contact, interaction


def test_the_closer_the_layer_the_shorter_the_interval() -> None:
    intervals = [DEFAULT_INTERVAL_DAYS[layer] for layer in Layer]
    assert intervals == sorted(intervals)
    assert DEFAULT_INTERVAL_DAYS[Layer.INNER] < DEFAULT_INTERVAL_DAYS[Layer.WIDER]


def test_a_close_friend_last_seen_35_days_ago_is_5_days_overdue() -> None:
    status = cadence_status(contact("Ana", layer=Layer.CLOSE), TODAY - timedelta(days=35), TODAY)
    assert status.interval_days == 30
    assert status.days_since == 35
    assert status.days_overdue == 5
    assert status.is_due
    assert status.reason.principle == "P8"
    assert "Last contact 35 days ago" in status.reason.text
    assert "5 days overdue" in status.reason.text


def test_a_contact_falls_due_on_the_day_the_interval_ends() -> None:
    status = cadence_status(contact("Ana", layer=Layer.INNER), TODAY - timedelta(days=14), TODAY)
    assert status.is_due and status.days_overdue == 0
    assert "due today" in status.reason.text


def test_a_contact_seen_recently_is_not_due_and_says_when_they_will_be() -> None:
    status = cadence_status(contact("Ana", layer=Layer.INNER), TODAY - timedelta(days=13), TODAY)
    assert not status.is_due
    assert "due in 1 day." in status.reason.text


def test_with_no_interaction_yet_the_clock_starts_when_the_contact_was_added() -> None:
    added = TODAY - timedelta(days=100)
    status = cadence_status(contact("Ben", added_on=added), None, TODAY)
    assert status.last_contact is None
    assert status.days_since == 100
    assert status.days_overdue == 10
    assert "No contact logged since you added Ben 100 days ago" in status.reason.text


def test_intervals_are_counted_across_a_year_end() -> None:
    status = cadence_status(contact("Cy", layer=Layer.INNER), date(2026, 12, 20), date(2027, 1, 5))
    assert status.days_since == 16
    assert status.days_overdue == 2


def test_last_contact_is_the_latest_interaction_with_that_person_only() -> None:
    logs = [
        interaction("ana", date(2026, 3, 1)),
        interaction("ana", date(2026, 9, 1)),
        interaction("ben", date(2026, 11, 1)),
    ]
    network = Network()
    for log in logs:
        network = network.with_record(log)
    assert network.last_contact_on("ana") == date(2026, 9, 1)
    assert network.last_contact_on("cy") is None


def test_days_ago_reads_as_people_say_it() -> None:
    assert [days_ago(0), days_ago(1), days_ago(12)] == ["today", "yesterday", "12 days ago"]
