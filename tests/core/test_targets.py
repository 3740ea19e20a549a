"""P5 target networks: where the user wants to grow, and triage of existing contacts."""

from __future__ import annotations

from core.actions.dispatch import submit
from core.model import AgendaDecision, Contact, Layer
from core.rules.agenda import agenda
from core.rules.targets import members, missing_value_proposition, triage_reason, untriaged
from core.views.strategy import networks_view

from .factories import NOW, TODAY, Clock, contact, network_of, person, target

CLIENTS = target("Clients", value_proposition="I ship their data tools in weeks, not months")
HIRES = target("Future hires")
ANA = contact("Ana", added_on=TODAY)
BEN = person("Ben", added_on=TODAY, targets=("clients",))
CY = person("Cy", added_on=TODAY, triaged=True)


def test_untriaged_contacts_are_those_with_no_target_and_not_marked() -> None:
    assert untriaged([ANA, BEN, CY]) == [ANA]


def test_members_of_a_target_network_are_those_sorted_into_it() -> None:
    assert members(CLIENTS, [ANA, BEN, CY]) == [BEN]
    assert members(HIRES, [ANA, BEN, CY]) == []


def triaged(network_ids: list[str], who: Contact = ANA) -> Contact:
    network = network_of(CLIENTS, HIRES, who)
    outcome = submit("triage", {"id": who.id, "targets": network_ids}, network, Clock())
    [updated] = outcome.records
    assert isinstance(updated, Contact)
    return updated


def test_triage_to_none_marks_them_as_sorted() -> None:
    ana = triaged([])
    assert ana.triaged and ana.targets == ()
    assert untriaged([ana]) == []


def test_triage_into_two_networks_records_both() -> None:
    ana = triaged(["clients", "future-hires"])
    assert ana.targets == ("clients", "future-hires")
    assert untriaged([ana]) == []


def test_triage_keeps_the_person_and_their_id() -> None:
    ana = triaged(["clients"])
    assert (ana.id, ana.name, ana.added_on) == (ANA.id, ANA.name, ANA.added_on)


def test_triage_ignores_a_network_that_does_not_exist() -> None:
    assert triaged(["clients", "ghosts"]).targets == ("clients",)


def test_the_triage_notice_names_the_networks() -> None:
    network = network_of(CLIENTS, HIRES, ANA)
    none = submit("triage", {"id": "ana"}, network, Clock())
    some = submit("triage", {"id": "ana", "targets": ["clients"]}, network, Clock())
    assert none.notice == "Ana: no target network."
    assert some.notice == "Ana: Clients."


def test_untriaged_people_are_a_to_do_on_today_once_a_target_network_exists() -> None:
    assert agenda(network_of(ANA), TODAY) == []
    [item] = agenda(network_of(CLIENTS, ANA, BEN, CY), TODAY)
    assert item.kind == "triage"
    assert item.contact is None
    assert item.reason == triage_reason(1)
    assert item.reason.principle == "P5"
    assert "1 person is not yet sorted" in item.reason.text


def test_once_everyone_is_triaged_the_to_do_goes_away() -> None:
    network = network_of(CLIENTS, BEN, CY, triaged([]))
    assert agenda(network, TODAY) == []


def test_an_active_network_without_a_value_proposition_asks_for_one() -> None:
    paused = target("Investors", active=False)
    reasons = missing_value_proposition({t.id: t for t in (CLIENTS, HIRES, paused)})
    assert [r.principle for r in reasons] == ["P5"]
    assert "Why would future hires want you in their network?" in reasons[0].text


def test_a_skipped_triage_to_do_comes_back_when_someone_new_needs_sorting() -> None:
    network = network_of(CLIENTS, ANA)
    [item] = agenda(network, TODAY)
    skipped = network.with_record(AgendaDecision(id=item.key, skipped=True, updated_at=NOW))
    assert agenda(skipped, TODAY) == []
    newcomer = contact("Dee", added_on=TODAY)
    later = skipped.with_record(triaged([], ANA)).with_record(newcomer)
    assert [i.kind for i in agenda(later, TODAY)] == ["triage"]


def test_two_people_of_one_name_waiting_to_be_sorted_each_get_a_form_of_their_own() -> None:
    html = networks_view(network_of(CLIENTS, contact("Ana", id="a1", company="Acme"),
                                    contact("Ana", id="a2")), TODAY).html
    assert 'aria-label="Sort Ana (Acme)"' in html
    assert 'aria-label="Sort Ana (added 5 Jan 2026)"' in html


def test_after_a_long_import_the_closest_ties_are_offered_for_sorting_first() -> None:
    imported = [contact(f"Aaron {n:02}", layer=Layer.WIDER, added_on=TODAY) for n in range(30)]
    marco = contact("Zoe Marco", layer=Layer.ACTIVE, added_on=TODAY)
    network = network_of(CLIENTS, marco, *imported)
    assert untriaged(network.people)[0] == marco
    [item] = agenda(network, TODAY)
    assert item.reason.text == ("31 people are not yet sorted into your target networks. They "
                                "come 20 at a time, closest ties first, so each sitting stays "
                                "short.")
    page = networks_view(network, TODAY).html
    assert page.count('data-action="triage"') == 20
    assert page.index("Zoe Marco") < page.index("Aaron 00")
