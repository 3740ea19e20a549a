"""P13 give first: a ledger of favours, and a nudge where the balance leans on them."""

from __future__ import annotations

from core.model import FavourDirection
from core.rules.agenda import agenda
from core.rules.favours import balance, give_nudge

from .factories import TODAY, contact, favour, network_of

GIVEN, RECEIVED = FavourDirection.GIVEN, FavourDirection.RECEIVED
ANA = contact("Ana", added_on=TODAY)


def test_the_balance_counts_favours_given_and_received() -> None:
    ledger = balance([favour("ana", GIVEN), favour("ana", RECEIVED), favour("ana", RECEIVED)])
    assert (ledger.given, ledger.received) == (1, 2)


def test_an_empty_ledger_is_balanced() -> None:
    ledger = balance([])
    assert (ledger.given, ledger.received) == (0, 0)
    assert not ledger.leans_on_them


def test_a_nudge_appears_when_they_have_given_more_than_the_user() -> None:
    nudge = give_nudge(ANA, [favour("ana", RECEIVED), favour("ana", RECEIVED),
                             favour("ana", GIVEN)])
    assert nudge is not None
    assert nudge.reason.principle == "P13"
    assert "Ana has helped you 2 times and you have helped 1" in nudge.reason.text
    assert "what you could do for them" in nudge.reason.text


def test_one_favour_received_and_none_given_is_enough_for_a_nudge() -> None:
    nudge = give_nudge(ANA, [favour("ana", RECEIVED)])
    assert nudge is not None and "helped you 1 time " in nudge.reason.text


def test_no_nudge_when_the_user_gave_as_much() -> None:
    assert give_nudge(ANA, [favour("ana", GIVEN), favour("ana", RECEIVED)]) is None


def test_no_nudge_when_the_user_gave_more() -> None:
    assert give_nudge(ANA, [favour("ana", GIVEN), favour("ana", GIVEN)]) is None
    assert give_nudge(ANA, []) is None


def test_the_agenda_nudges_only_where_the_balance_leans_on_them() -> None:
    ben = contact("Ben", added_on=TODAY)
    network = network_of(ANA, ben, favour("ana", RECEIVED), favour("ben", RECEIVED),
                         favour("ben", GIVEN))
    items = agenda(network, TODAY)
    assert [(i.kind, i.contact.name if i.contact else "") for i in items] == [("give", "Ana")]
    assert items[0].action == "Offer to help"


def test_helping_back_settles_the_nudge() -> None:
    network = network_of(ANA, favour("ana", RECEIVED))
    assert [i.kind for i in agenda(network, TODAY)] == ["give"]
    assert agenda(network.with_record(favour("ana", GIVEN)), TODAY) == []
