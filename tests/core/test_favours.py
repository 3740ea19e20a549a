"""P13 give first: a ledger of favours, and a nudge where the balance leans on them."""

from __future__ import annotations

from datetime import timedelta

from core.actions.dispatch import submit
from core.model import FavourDirection, Interaction, InteractionKind, Layer
from core.rules.agenda import agenda
from core.rules.favours import balance, give_nudge

from .factories import TODAY, Clock, contact, favour, logged, network_of
from .helpers import Shell

GIVEN, RECEIVED = FavourDirection.GIVEN, FavourDirection.RECEIVED
ANA = contact("Ana", added_on=TODAY)
# A favour long enough ago that its thank-you is past: the give nudge stands alone.
LAST_MONTH = TODAY - timedelta(days=20)


def test_the_balance_counts_favours_given_and_received() -> None:
    ledger = balance([favour("ana", GIVEN), favour("ana", RECEIVED), favour("ana", RECEIVED)])
    assert (ledger.given, ledger.received) == (1, 2)


def test_an_empty_ledger_is_balanced() -> None:
    ledger = balance([])
    assert (ledger.given, ledger.received) == (0, 0)
    assert not ledger.leans_on_them


def test_a_nudge_appears_when_they_have_given_more_than_the_user() -> None:
    nudge = give_nudge(ANA, [favour("ana", RECEIVED), favour("ana", RECEIVED),
                             favour("ana", GIVEN)], [], TODAY)
    assert nudge is not None
    assert nudge.reason.principle == "P13"
    assert "Ana has helped you twice, and you have helped them once." in nudge.reason.text
    assert "what you could do for them" in nudge.reason.text


def test_one_favour_received_and_none_given_is_enough_for_a_nudge() -> None:
    nudge = give_nudge(ANA, [favour("ana", RECEIVED)], [], TODAY)
    assert nudge is not None
    assert "helped you once, and you have not helped them yet." in nudge.reason.text


def test_no_nudge_when_the_user_gave_as_much() -> None:
    assert give_nudge(ANA, [favour("ana", GIVEN), favour("ana", RECEIVED)], [], TODAY) is None


def test_no_nudge_when_the_user_gave_more() -> None:
    assert give_nudge(ANA, [favour("ana", GIVEN), favour("ana", GIVEN)], [], TODAY) is None
    assert give_nudge(ANA, [], [], TODAY) is None


def test_the_agenda_nudges_only_where_the_balance_leans_on_them() -> None:
    ben = contact("Ben", added_on=TODAY)
    network = network_of(ANA, ben, favour("ana", RECEIVED, on=LAST_MONTH),
                         favour("ben", RECEIVED, on=LAST_MONTH), favour("ben", GIVEN))
    items = agenda(network, TODAY)
    assert [(i.kind, i.contact.name if i.contact else "") for i in items] == [("give", "Ana")]
    assert items[0].action == "Offer to help"


def test_helping_back_settles_the_nudge() -> None:
    network = network_of(ANA, favour("ana", RECEIVED, on=LAST_MONTH))
    assert [i.kind for i in agenda(network, TODAY)] == ["give"]
    assert agenda(network.with_record(favour("ana", GIVEN)), TODAY) == []


def test_help_logged_on_the_timeline_counts_as_given_in_the_ledger() -> None:
    page = Shell()
    page.add("Ana")
    page.send({"type": "log_interaction", "fields": {
        "contact_id": "id1", "on": "2026-11-24", "kind": "favour",
        "note": "Introduced her to the Berlin climate fund"}})
    html = page.send({"type": "navigate", "route": "#/people/id1"})["html"]
    assert "you gave 1, you received 0" in html
    assert "You helped: Introduced her to the Berlin climate fund" in html
    plan = page.send({"type": "navigate", "route": "#/people/id1/plan"})["html"]
    assert "you gave 1, you received 0" in plan


def test_help_on_the_timeline_settles_a_nudge_like_a_noted_favour() -> None:
    network = network_of(ANA, favour("ana", RECEIVED))
    helped = logged("ana", TODAY, InteractionKind.FAVOUR, note="Reviewed her deck")
    assert agenda(network.with_record(helped), TODAY) == []


def met(days_ago: int, kind: InteractionKind = InteractionKind.MEETING) -> list[Interaction]:
    """A first conversation ``days_ago`` and the follow-up the day after, newest first."""
    first = logged("ana", TODAY - timedelta(days=days_ago), kind, id="met")
    return [logged("ana", first.on + timedelta(days=1), id="thanks"), first]


def test_after_a_first_meeting_tend_suggests_asking_how_you_can_help() -> None:
    new = contact("Ana", added_on=TODAY - timedelta(days=10))
    nudge = give_nudge(new, [], met(4), TODAY)
    assert nudge is not None and nudge.reason.principle == "P13"
    assert nudge.reason.text.startswith("You met Ana on Saturday. Give first: ask what you")
    hello = logged("ana", TODAY - timedelta(days=9), id="hello")
    call = give_nudge(new, [], [*met(5, InteractionKind.CALL), hello], TODAY)
    assert call is not None and "You first spoke with Ana on Friday." in call.reason.text


def test_the_offer_after_a_first_meeting_waits_for_the_follow_up_and_lasts_a_month() -> None:
    new = contact("Ana", added_on=TODAY - timedelta(days=60))
    assert give_nudge(new, [], met(4)[1:], TODAY) is None  # the follow-up comes first
    assert give_nudge(new, [], met(2), TODAY) is None
    assert give_nudge(new, [], met(3), TODAY) is not None
    assert give_nudge(new, [], met(30), TODAY) is not None
    assert give_nudge(new, [], met(31), TODAY) is None


def test_no_offer_nudge_once_the_user_has_helped_or_for_the_inner_circle() -> None:
    new = contact("Ana", added_on=TODAY - timedelta(days=10))
    helped = logged("ana", TODAY - timedelta(days=1), InteractionKind.FAVOUR)
    assert give_nudge(new, [], [helped, *met(4)], TODAY) is None
    assert give_nudge(new, [favour("ana", GIVEN)], met(4), TODAY) is None
    mum = contact("Mum", layer=Layer.INNER, id="ana")
    assert give_nudge(mum, [], met(4), TODAY) is None


def test_the_offer_after_a_first_meeting_is_one_item_that_done_settles() -> None:
    network = network_of(contact("Ana", added_on=TODAY - timedelta(days=10)), *met(4))
    [item] = agenda(network, TODAY)
    assert (item.kind, item.action, item.reason.principle) == ("give", "Offer to help", "P13")
    outcome = submit("act_on_item", {"key": item.key, "do": "done",
                                     "note": "Offered an intro to my old team"}, network,
                     Clock())
    for record in outcome.records:
        network = network.with_record(record)
    assert agenda(network, TODAY) == []
    assert agenda(network, TODAY + timedelta(days=5)) == []
