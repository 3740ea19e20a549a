"""P4 prune what has gone cold: weak ties untouched for months come up for review."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta

import pytest

from core.actions.dispatch import submit
from core.model import AgendaDecision, Contact, InteractionKind, Layer
from core.rules.agenda import agenda
from core.rules.cadence import cadence_status
from core.rules.pruning import PruneReview, prune_review

from .factories import (
    NOW,
    TODAY,
    Clock,
    interaction,
    logged,
    network_of,
    person,
    settings,
    target,
)

# A long interval of their own keeps cadence items out of the way of the review.
WES = person("Wes", layer=Layer.WIDER, weak_tie=True, interval_days=700,
             added_on=TODAY - timedelta(days=600))


def review_after(contact: Contact, days: int, prune_after_days: int = 180) -> PruneReview | None:
    status = cadence_status(contact, TODAY - timedelta(days=days), TODAY)
    return prune_review(status, prune_after_days, TODAY)


def test_a_weak_tie_untouched_for_seven_months_comes_up_for_review() -> None:
    review = review_after(WES, 213)
    assert review is not None
    assert review.reason.principle == "P4"
    assert "Wes is a weak tie with no contact for about 7 months" in review.reason.text


def test_a_tie_cold_for_over_two_years_is_said_in_years_not_a_hundred_months() -> None:
    review = review_after(WES, 3_990)
    assert review is not None
    assert "no contact for about 10 years." in review.reason.text


def test_a_weak_tie_seen_five_months_ago_is_not_up_for_review() -> None:
    assert review_after(WES, 150) is None


@pytest.mark.parametrize("layer", [Layer.INNER, Layer.CLOSE])
def test_a_strong_tie_is_never_put_up_for_review(layer: Layer) -> None:
    assert review_after(person("Sam", layer=layer, interval_days=700), 700) is None


def test_only_ties_marked_weak_come_up_for_review() -> None:
    unmarked = person("Sam", layer=Layer.WIDER, interval_days=700)
    assert review_after(unmarked, 700) is None
    assert review_after(unmarked.model_copy(update={"weak_tie": True}), 700) is not None


def test_a_weak_tie_never_contacted_counts_from_the_day_added() -> None:
    [item] = [i for i in agenda(network_of(WES), TODAY) if i.kind == "prune"]
    assert item.contact == WES
    assert "about 20 months" in item.reason.text


def test_the_review_age_is_configurable_between_six_and_twelve_months() -> None:
    seven_months = network_of(WES, interaction("wes", TODAY - timedelta(days=213)))
    assert [i.kind for i in agenda(seven_months, TODAY)] == ["prune"]
    patient = seven_months.with_record(settings(prune_after_days=365))
    assert agenda(patient, TODAY) == []
    assert [i.kind for i in agenda(patient, TODAY + timedelta(days=152))] == ["prune"]


def test_review_is_a_question_nothing_is_deleted_or_archived_by_the_rule() -> None:
    network = network_of(WES, interaction("wes", TODAY - timedelta(days=300)))
    before = {f.name: getattr(network, f.name) for f in fields(network)}
    [item] = agenda(network, TODAY)
    assert item.action == "Keep or let go"
    assert "nothing is deleted" in item.reason.text
    assert {f.name: getattr(network, f.name) for f in fields(network)} == before
    assert not network.contacts["wes"].archived
    assert network.people == [WES]


def test_keeping_a_weak_tie_puts_the_question_away_for_three_months() -> None:
    network = network_of(WES, interaction("wes", TODAY - timedelta(days=300)))
    [item] = agenda(network, TODAY)
    outcome = submit("act_on_item", {"key": item.key, "do": "keep"}, network, Clock())
    [decision] = outcome.records
    assert isinstance(decision, AgendaDecision)
    assert "Kept Wes" in outcome.notice
    kept = network.with_record(decision)
    assert kept.contacts == network.contacts
    assert agenda(kept, TODAY + timedelta(days=89)) == []
    assert [i.kind for i in agenda(kept, TODAY + timedelta(days=90))] == ["prune"]


def test_letting_a_weak_tie_go_archives_them_and_keeps_their_history() -> None:
    network = network_of(WES, interaction("wes", TODAY - timedelta(days=300)))
    [item] = agenda(network, TODAY)
    outcome = submit("act_on_item", {"key": item.key, "do": "let_go"}, network, Clock())
    [gone] = outcome.records
    assert isinstance(gone, Contact) and gone.archived and not gone.is_deleted
    after = network.with_record(gone)
    assert "wes" in after.contacts
    assert len(after.interactions_with("wes")) == 1
    assert after.people == []
    assert agenda(after, TODAY) == []


def test_a_skipped_review_comes_back_when_the_tie_goes_cold_again() -> None:
    network = network_of(WES, interaction("wes", TODAY - timedelta(days=300)))
    [item] = agenda(network, TODAY)
    skipped = network.with_record(AgendaDecision(id=item.key, skipped=True, updated_at=NOW))
    assert agenda(skipped, TODAY) == []
    touched = skipped.with_record(interaction("wes", TODAY + timedelta(days=1)))
    assert agenda(touched, TODAY + timedelta(days=100)) == []
    assert [i.kind for i in agenda(touched, TODAY + timedelta(days=200))] == ["prune"]


@pytest.mark.parametrize("wanted", [{"shortlist": True}, {"targets": ("climate",)}])
def test_a_shortlisted_or_target_person_not_yet_met_is_never_put_up_for_letting_go(
    wanted: dict[str, object]
) -> None:
    unmet = WES.model_copy(update={**wanted, "triaged": True})
    network = network_of(target("Climate", id="climate"), unmet,
                         logged("wes", TODAY - timedelta(days=300), InteractionKind.MESSAGE))
    assert [i for i in agenda(network, TODAY) if "P4" in {r.principle for r in i.reasons}] == []
    met = network.with_record(logged("wes", TODAY - timedelta(days=299), InteractionKind.CALL))
    assert [i.kind for i in agenda(met, TODAY)] == ["prune"]


def test_the_pruning_clock_of_an_imported_connection_starts_at_the_connection_date() -> None:
    imported = WES.model_copy(update={"added_on": TODAY - timedelta(days=40),
                                      "known_since": date(2025, 3, 1)})
    [item] = agenda(network_of(imported), TODAY)
    assert item.kind == "prune"
    assert "about 21 months" in item.reason.text


def test_an_import_of_old_connections_brings_a_few_reviews_a_day_after_the_first_month() -> None:
    old = [WES.model_copy(update={"id": f"old{n}", "name": f"Old {n}", "added_on": TODAY,
                                  "known_since": date(2020, 1, 1 + n)}) for n in range(8)]
    network = network_of(*old)
    assert agenda(network, TODAY + timedelta(days=29)) == []
    month_on = agenda(network, TODAY + timedelta(days=30))
    assert [i.contact.name for i in month_on if i.contact] == ["Old 0", "Old 1", "Old 2"]


def test_a_connection_never_spoken_to_is_reviewed_from_when_you_connected_not_a_contact() -> None:
    ravi = person("Ravi Patel", weak_tie=True, known_since=TODAY - timedelta(days=3_950),
                  added_on=TODAY - timedelta(days=40))
    review = prune_review(cadence_status(ravi, None, TODAY), 180, TODAY)
    assert review is not None
    assert ("Ravi Patel is a weak tie you connected with about 10 years ago, with no "
            "contact logged since.") in review.reason.text
    assert "no contact for" not in review.reason.text
