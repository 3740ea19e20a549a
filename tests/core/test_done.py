"""Done on a Today item logs what the user sent or said, as what it was, never the button."""

from __future__ import annotations

from datetime import timedelta

from core.actions.dispatch import submit
from core.model import AgendaDecision, DateKind, FavourDirection, Interaction, InteractionKind
from core.network import Network
from core.rules import drafts
from core.rules.agenda import AgendaItem, agenda
from core.rules.favours import balance
from core.rules.patience import ask_readiness
from core.rules.shortlist import is_a_call_away

from .factories import TODAY, Clock, contact, favour, important_date, logged, network_of

LAST_WEEK = TODAY - timedelta(days=8)  # a favour no longer waiting for its thank-you


def item_of(network: Network, kind: str) -> AgendaItem:
    return next(i for i in agenda(network, TODAY) if i.kind == kind)


def done(network: Network, item: AgendaItem, **fields: str) -> tuple[Network, Interaction]:
    outcome = submit("act_on_item", {"key": item.key, "do": "done", **fields}, network,
                     Clock())
    [logged_now] = [r for r in outcome.records if isinstance(r, Interaction)]
    for record in outcome.records:
        network = network.with_record(record)
    return network, logged_now


def birthday_today() -> Network:
    mum = contact("Mum", added_on=TODAY)
    return network_of(mum, important_date("mum", DateKind.BIRTHDAY, TODAY.month, TODAY.day))


def test_done_on_a_birthday_logs_a_light_touch_with_what_the_user_wrote() -> None:
    network, wish = done(birthday_today(), item_of(birthday_today(), "date"),
                         note="Sent the photo of the lake house")
    assert wish.kind is InteractionKind.TOUCH
    assert wish.note == "Sent the photo of the lake house"
    assert network.interactions_with("mum") == [wish]


def test_done_without_a_note_never_quotes_the_button_label() -> None:
    ben = contact("Ben", added_on=TODAY - timedelta(days=200))
    before = network_of(ben, logged("ben", TODAY - timedelta(days=100)))
    item = item_of(before, "cadence")
    network, touch = done(before, item)
    assert touch.note == ""
    assert item.action not in touch.note
    later = TODAY + timedelta(days=120)
    [again] = [i for i in agenda(network, later) if i.kind == "cadence"]
    assert "Last time" not in again.reason.text
    assert again.action == "Send a light touch or set up a catch-up"
    draft = drafts.light_touch(ben, network.interactions_with("ben"))
    assert item.action.lower() not in draft.text.lower()
    assert "[a link or one line about it]" in draft.text  # a placeholder, not a label


def test_done_on_a_follow_up_logs_a_message_with_what_the_user_wrote() -> None:
    met = logged("ana", TODAY - timedelta(days=1), InteractionKind.MEETING,
                 note="Her team is moving to Rust")
    before = network_of(contact("Ana", added_on=TODAY - timedelta(days=1)), met)
    network, note = done(before, item_of(before, "follow_up"),
                         note="Thanked her and sent the Rust migration talk")
    assert note.kind is InteractionKind.MESSAGE
    assert [i.kind for i in agenda(network, TODAY) if i.contact and i.contact.id == "ana"] == []


def test_done_on_a_first_hello_logs_a_message_not_a_light_touch() -> None:
    before = network_of(contact("Cy", added_on=TODAY - timedelta(days=100)))
    item = item_of(before, "cadence")
    assert item.action == "Get in touch"
    _, hello = done(before, item)
    assert hello.kind is InteractionKind.MESSAGE


def test_done_on_an_offer_of_help_logs_the_offer_as_a_message() -> None:
    before = network_of(contact("Dee", added_on=TODAY),
                        favour("dee", FavourDirection.RECEIVED, "Read my CV", on=LAST_WEEK))
    network, offer = done(before, item_of(before, "give"), note="Asked how her launch is going")
    assert offer.kind is InteractionKind.MESSAGE
    assert balance(network.favours_with("dee"), network.interactions_with("dee")).given == 0
    assert [i.kind for i in agenda(network, TODAY)] == []


def test_done_on_an_offer_of_help_when_the_user_helped_counts_as_help_given() -> None:
    before = network_of(contact("Dee", added_on=TODAY),
                        favour("dee", FavourDirection.RECEIVED, "Read my CV", on=LAST_WEEK))
    network, helped = done(before, item_of(before, "give"), note="Reviewed her pitch deck",
                           helped="on")
    assert helped.kind is InteractionKind.FAVOUR
    outcome = submit("act_on_item", {"key": item_of(before, "give").key, "do": "done",
                                     "helped": "on"}, before, Clock())
    assert outcome.notice == "Done. Logged the help you gave Dee."
    ledger = balance(network.favours_with("dee"), network.interactions_with("dee"))
    assert (ledger.given, ledger.received) == (1, 1)


def test_done_writes_one_interaction_and_settles_that_occurrence() -> None:
    network = birthday_today()
    item = item_of(network, "date")
    outcome = submit("act_on_item", {"key": item.key, "do": "done"}, network, Clock())
    kinds = sorted(type(r).__name__ for r in outcome.records)
    assert kinds == ["AgendaDecision", "Interaction"]
    [decision] = [r for r in outcome.records if isinstance(r, AgendaDecision)]
    assert decision.id == item.key and decision.skipped
    assert outcome.notice == "Done. Logged a light touch with Mum."


def test_the_notice_quotes_what_the_user_wrote() -> None:
    network = birthday_today()
    outcome = submit("act_on_item", {"key": item_of(network, "date").key, "do": "done",
                                     "note": "Called her from the train"}, network, Clock())
    said = "\u201cCalled her from the train\u201d"
    assert outcome.notice == f"Done. Logged a light touch with Mum: {said}."


def test_a_note_longer_than_tend_keeps_is_refused_and_nothing_is_written() -> None:
    network = birthday_today()
    outcome = submit("act_on_item", {"key": item_of(network, "date").key, "do": "done",
                                     "note": "x" * 4001}, network, Clock())
    assert outcome.records == ()
    assert "4,000 characters" in outcome.notice


def test_light_touches_do_not_make_someone_a_call_away() -> None:
    touches = [logged("ana", TODAY - timedelta(days=d), InteractionKind.TOUCH) for d in (3, 40)]
    assert not is_a_call_away(touches, TODAY)
    call = logged("ana", TODAY - timedelta(days=60), InteractionKind.CALL)
    assert not is_a_call_away([*touches, call], TODAY)
    assert is_a_call_away([*touches, call, logged("ana", TODAY - timedelta(days=90))], TODAY)


def test_light_touches_alone_do_not_build_the_trust_an_ask_needs() -> None:
    touches = [logged("ana", TODAY - timedelta(days=d), InteractionKind.TOUCH)
               for d in (5, 30, 60, 90)]
    readiness = ask_readiness(touches, TODAY)
    assert not readiness.ready
    assert "No conversation logged yet." in readiness.reason.text
