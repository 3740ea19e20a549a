"""P8 cadence: where each keep-in-touch interval comes from, and the edges of counting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.model import Layer
from core.rules.agenda import statuses
from core.rules.cadence import DEFAULT_INTERVAL_DAYS, cadence_status, interval_for

from .factories import TODAY, contact, interaction, network_of, person, target

CLIENTS = target("Clients")
INVESTORS = target("Investors")
PAUSED = target("Mentors", active=False)
TARGETS = {t.id: t for t in (CLIENTS, INVESTORS, PAUSED)}


@pytest.mark.parametrize(("layer", "days"), [(Layer.INNER, 14), (Layer.CLOSE, 30),
                                             (Layer.ACTIVE, 90), (Layer.WIDER, 180)])
def test_the_default_interval_follows_the_layer(layer: Layer, days: int) -> None:
    interval = interval_for(contact("Ana", layer=layer), TARGETS)
    assert interval.days == days == DEFAULT_INTERVAL_DAYS[layer]
    assert layer.label.lower() in interval.source


def test_a_contact_in_an_active_target_network_is_seen_at_least_every_60_days() -> None:
    ana = person("Ana", layer=Layer.WIDER, targets=("clients",))
    interval = interval_for(ana, TARGETS)
    assert interval.days == 60
    assert "Clients" in interval.source


def test_the_target_network_cap_never_lengthens_a_closer_interval() -> None:
    ana = person("Ana", layer=Layer.CLOSE, targets=("clients",))
    assert interval_for(ana, TARGETS).days == 30


def test_a_paused_target_network_does_not_cap() -> None:
    ana = person("Ana", layer=Layer.WIDER, targets=("mentors",))
    assert interval_for(ana, TARGETS).days == 180


def test_a_contact_in_two_target_networks_is_capped_once_and_the_reason_names_both() -> None:
    ana = person("Ana", layer=Layer.WIDER, targets=("clients", "investors"))
    assert interval_for(ana, TARGETS).days == 60
    status = cadence_status(ana, TODAY - timedelta(days=61), TODAY, TARGETS)
    assert status.interval_days == 60
    assert status.days_overdue == 1
    assert "Clients" in status.reason.text and "Investors" in status.reason.text
    assert "(" not in status.reason.text  # no brackets inside the page's brackets


def test_a_network_that_no_longer_exists_does_not_cap() -> None:
    ana = person("Ana", layer=Layer.WIDER, targets=("gone",))
    assert interval_for(ana, TARGETS).days == 180


@pytest.mark.parametrize("days", [7, 200])
def test_a_per_contact_interval_wins_over_layer_and_target_networks(days: int) -> None:
    ana = person("Ana", layer=Layer.INNER, targets=("clients",), interval_days=days)
    interval = interval_for(ana, TARGETS)
    assert interval.days == days
    assert interval.source == "the interval you set"


def test_with_no_interactions_yet_the_clock_starts_on_the_day_added() -> None:
    ana = contact("Ana", layer=Layer.INNER, added_on=TODAY - timedelta(days=20))
    [status] = statuses(network_of(ana), TODAY)
    assert status.last_contact is None
    assert status.days_since == 20
    assert status.days_overdue == 6


def test_someone_added_today_is_not_due_today() -> None:
    [status] = statuses(network_of(contact("Ana", layer=Layer.INNER, added_on=TODAY)), TODAY)
    assert status.days_since == 0 and not status.is_due


def test_the_interval_counts_across_the_year_end_and_29_february() -> None:
    ana = contact("Ana", layer=Layer.CLOSE)
    status = cadence_status(ana, date(2028, 2, 10), date(2028, 3, 11))
    assert status.days_since == 30 and status.days_overdue == 0
    december = cadence_status(ana, date(2026, 12, 15), date(2027, 1, 20))
    assert december.days_overdue == 6


def test_the_agenda_uses_the_target_network_cap() -> None:
    ana = person("Ana", layer=Layer.WIDER, targets=("clients",))
    network = network_of(CLIENTS, ana, interaction("ana", TODAY - timedelta(days=70)))
    [status] = statuses(network, TODAY)
    assert status.interval_days == 60
    assert status.days_overdue == 10
    assert status.reason.principle == "P8"
