"""User actions turned into records: what each form does, and what it refuses."""

from __future__ import annotations

from datetime import timedelta

from core.actions.dispatch import submit
from core.actions.outcome import Fields, Outcome
from core.model import Contact, ImportantDate, Interaction, InteractionKind, Layer, Settings
from core.network import Network
from core.rules.agenda import agenda

from .factories import NOW, TODAY, Clock, interaction, logged, network_of, person
from .helpers import Shell

ANA = person("Ana", layer=Layer.INNER, groups=("Work",), triaged=True,
             added_on=TODAY - timedelta(days=200))
HISTORY = (interaction("ana", TODAY - timedelta(days=40), note="Her move to Porto"),
           interaction("ana", TODAY - timedelta(days=90)))


def run(action: str, fields: Fields, network: Network | None = None) -> Outcome:
    return submit(action, fields, network or network_of(ANA, *HISTORY), Clock())


def applied(outcome: Outcome, network: Network) -> Network:
    for record in outcome.records:
        network = network.with_record(record)
    return network


def test_editing_a_contact_keeps_their_id_and_history() -> None:
    network = network_of(ANA, *HISTORY)
    outcome = run("edit_contact", {"id": "ana", "name": "Ana Lima", "layer": "close",
                                   "groups": "Work / Acme"}, network)
    [edited] = outcome.records
    assert isinstance(edited, Contact)
    assert (edited.id, edited.added_on, edited.triaged) == ("ana", ANA.added_on, True)
    assert (edited.name, edited.layer, edited.groups) == ("Ana Lima", Layer.CLOSE, ("Work / Acme",))
    assert edited.updated_at == NOW
    after = applied(outcome, network)
    assert after.interactions_with("ana") == network.interactions_with("ana")
    assert outcome.notice == "Saved Ana Lima."


def test_an_edit_without_a_name_changes_nothing_and_says_what_to_fix() -> None:
    outcome = run("edit_contact", {"id": "ana", "name": " "})
    assert outcome.records == ()
    assert outcome.forms["edit_contact"].errors["name"] == "Please fill this in."


def test_letting_go_archives_and_the_person_leaves_today_but_keeps_their_records() -> None:
    network = network_of(ANA, *HISTORY)
    assert [i.contact for i in agenda(network, TODAY)] == [ANA]
    outcome = run("set_archived", {"id": "ana", "archived": "yes"}, network)
    after = applied(outcome, network)
    assert after.contacts["ana"].archived and not after.contacts["ana"].is_deleted
    assert after.people == []
    assert agenda(after, TODAY) == []
    assert len(after.interactions_with("ana")) == 2
    assert "Their history is kept" in outcome.notice


def test_someone_let_go_can_be_brought_back() -> None:
    gone = applied(run("set_archived", {"id": "ana", "archived": "yes"}), network_of(ANA))
    back = applied(run("set_archived", {"id": "ana", "archived": "no"}, gone), gone)
    assert back.people == [back.contacts["ana"]]
    assert not back.contacts["ana"].archived


def test_an_action_on_someone_no_longer_here_changes_nothing() -> None:
    outcome = run("set_archived", {"id": "ghost", "archived": "yes"})
    assert outcome.records == ()
    assert "no longer here" in outcome.notice


def test_triage_through_the_app_clears_the_to_do_on_today() -> None:
    page = Shell()
    page.send({"type": "save_target", "fields": {"name": "Clients", "kind": "clients"}})
    page.add("Ana")
    assert "not yet sorted" in page.send({"type": "navigate", "route": "#/today"})["html"]
    answer = page.send({"type": "triage", "fields": {"id": "id2"}})
    assert answer["notice"] == "Ana: no target network."
    assert "not yet sorted" not in page.send({"type": "navigate", "route": "#/today"})["html"]


def test_saving_settings_stores_the_new_values() -> None:
    outcome = run("save_settings", {"prune_after_days": "365", "date_lead_days": "14"})
    [saved] = outcome.records
    assert isinstance(saved, Settings)
    assert (saved.prune_after_days, saved.date_lead_days) == (365, 14)


def test_settings_out_of_range_are_refused_with_a_friendly_message() -> None:
    outcome = run("save_settings", {"prune_after_days": "30", "date_lead_days": "61"})
    assert outcome.records == ()
    errors = outcome.forms["settings"].errors
    assert errors["prune_after_days"] == "Please enter 90 or more."
    assert errors["date_lead_days"] == "Please enter 60 or less."


def test_settings_that_are_not_numbers_are_refused_with_a_friendly_message() -> None:
    outcome = run("save_settings", {"prune_after_days": "six months", "date_lead_days": "7"})
    assert outcome.forms["settings"].errors["prune_after_days"] == "Please enter a whole number."


def add_date(**fields: str) -> Outcome:
    return run("add_date", {"contact_id": "ana", "kind": "birthday", **fields})


def test_a_date_on_31_february_is_refused_with_a_message() -> None:
    outcome = add_date(month="2", day="31")
    assert outcome.records == ()
    assert outcome.forms["add_date"].errors["day"] == "That day does not exist in that month."


def test_a_birthday_on_29_february_is_accepted_without_a_year_but_not_in_a_common_year() -> None:
    [saved] = add_date(month="2", day="29").records
    assert isinstance(saved, ImportantDate) and (saved.month, saved.day) == (2, 29)
    assert add_date(month="2", day="29", year="2027").records == ()


def test_news_without_a_year_is_refused_with_a_message() -> None:
    outcome = add_date(kind="news", label="New job at Acme", month="11", day="20")
    assert outcome.records == ()
    assert outcome.forms["add_date"].errors["year"]


def log(kind: InteractionKind, network: Network) -> Outcome:
    fields = {"contact_id": "ana", "on": TODAY.isoformat(), "kind": kind.value}
    return run("log_interaction", fields, network)


def test_logging_an_ask_too_early_adds_the_patience_caution_to_the_notice() -> None:
    newly_met = ANA.model_copy(update={"layer": Layer.ACTIVE})
    network = network_of(newly_met, logged("ana", TODAY - timedelta(days=2),
                                           InteractionKind.MEETING))
    outcome = log(InteractionKind.ASK, network)
    assert len(outcome.records) == 1
    assert "A word of caution (P12): Only 1 interaction over 2 days" in outcome.notice


def test_logging_an_ask_after_trust_is_built_adds_no_caution() -> None:
    network = network_of(ANA, *HISTORY, interaction("ana", TODAY - timedelta(days=5)))
    outcome = log(InteractionKind.COLLABORATION, network)
    assert "caution" not in outcome.notice


def test_logging_a_meeting_records_where_and_what_was_said() -> None:
    fields = {"contact_id": "ana", "on": TODAY.isoformat(), "kind": "meeting",
              "where": "Café Lua", "note": "Her new team in Porto"}
    [met] = run("log_interaction", fields).records
    assert isinstance(met, Interaction)
    assert (met.kind, met.where, met.note) == (InteractionKind.MEETING, "Café Lua",
                                               "Her new team in Porto")
