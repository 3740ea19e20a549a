"""The Today list: overdue contacts, most overdue first, each with its reason."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from core.model import Layer
from core.network import Network
from core.rules.agenda import due_touches, statuses

from .factories import TODAY, contact, interaction


def network_of(*records: object) -> Network:
    network = Network()
    for record in records:
        network = network.with_record(record)  # type: ignore[arg-type]
    return network


def test_only_contacts_past_their_interval_are_listed_most_overdue_first() -> None:
    network = network_of(
        contact("Ana", layer=Layer.CLOSE),
        contact("Ben", layer=Layer.INNER),
        contact("Cy", layer=Layer.WIDER),
        interaction("ana", TODAY - timedelta(days=40)),  # 10 days overdue
        interaction("ben", TODAY - timedelta(days=44)),  # 30 days overdue
        interaction("cy", TODAY - timedelta(days=20)),  # not due
    )
    items = due_touches(network, TODAY)
    assert [item.contact.name for item in items] == ["Ben", "Ana"]
    assert all(item.reason.principle == "P8" for item in items)


def test_equally_overdue_contacts_are_listed_by_name() -> None:
    network = network_of(contact("Zoe"), contact("adam"), contact("Mia"))
    assert [i.contact.name for i in due_touches(network, TODAY)] == ["adam", "Mia", "Zoe"]


def test_a_deleted_contact_never_appears() -> None:
    ana = contact("Ana")
    network = network_of(ana, ana.model_copy(update={"deleted_at": ana.updated_at}))
    assert due_touches(network, TODAY) == []


days = st.integers(min_value=0, max_value=400)


@given(last=days, later=days, layer=st.sampled_from(list(Layer)))
def test_logging_an_interaction_never_makes_a_contact_more_overdue(
    last: int, later: int, layer: Layer
) -> None:
    person = contact("Ana", layer=layer, added_on=date(2025, 1, 1))
    before = network_of(person, interaction("ana", TODAY - timedelta(days=last)))
    after = before.with_record(interaction("ana", TODAY - timedelta(days=later), id="new"))

    def overdue(network: Network) -> int:
        return statuses(network, TODAY)[0].days_overdue

    assert overdue(after) <= overdue(before)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), days), max_size=12))
def test_the_agenda_is_the_same_whatever_order_records_arrive_in(
    logs: list[tuple[str, int]]
) -> None:
    people = [contact(n.upper(), id=n) for n in "abcd"]
    records = [*people, *(interaction(c, TODAY - timedelta(days=d), id=f"{c}{i}")
                          for i, (c, d) in enumerate(logs))]
    forwards = due_touches(network_of(*records), TODAY)
    backwards = due_touches(network_of(*reversed(records)), TODAY)
    assert [i.contact.id for i in forwards] == [i.contact.id for i in backwards]


def test_a_long_note_is_quoted_shortened_at_a_word_on_today() -> None:
    note = "We talked about " + "the new data platform and its migration plan " * 10
    network = network_of(contact("Ana"), interaction("ana", TODAY - timedelta(days=200),
                                                     note=note.strip()))
    reason = due_touches(network, TODAY)[0].reason.text
    quote = reason.split('Last time: "')[1]
    assert quote.endswith('…".') and len(quote) < 170
    assert note.startswith(quote.removesuffix('…".') + " ")
