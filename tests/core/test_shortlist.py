"""P6 a short list of the well-connected: 20–30 names, 5–10 of them a call away."""

from __future__ import annotations

from datetime import timedelta

from core.model import Interaction, Record
from core.rules.shortlist import is_a_call_away, shortlist_progress

from .factories import TODAY, interaction, network_of, person
from .helpers import Shell


def seen(*days_ago: int) -> list[Interaction]:
    """A history, newest first, as the network keeps it."""
    return [interaction("ana", TODAY - timedelta(days=d)) for d in sorted(days_ago)]


def test_two_interactions_with_the_latest_within_six_months_is_a_call_away() -> None:
    assert is_a_call_away(seen(10, 100), TODAY)
    assert is_a_call_away(seen(180, 400), TODAY)


def test_a_single_interaction_is_not_yet_a_call_away() -> None:
    assert not is_a_call_away(seen(3), TODAY)
    assert not is_a_call_away([], TODAY)


def test_two_interactions_that_have_gone_quiet_for_six_months_are_not_a_call_away() -> None:
    assert not is_a_call_away(seen(181, 200), TODAY)


def shortlisted(count: int, connected: int) -> list[Record]:
    records: list[Record] = []
    for n in range(count):
        records.append(person(f"Name {n}", id=f"s{n}", shortlist=True))
        if n < connected:
            records += [interaction(f"s{n}", TODAY - timedelta(days=d)) for d in (5, 50)]
    return records


def progress(count: int, connected: int) -> tuple[int, int, str]:
    network = network_of(*shortlisted(count, connected))
    found = shortlist_progress(network.people, network.history, TODAY)
    assert found.reason.principle == "P6"
    return found.listed, found.connected, found.reason.text


def test_only_people_on_the_shortlist_count() -> None:
    network = network_of(person("Ana"), person("Ben", shortlist=True))
    assert shortlist_progress(network.people, network.history, TODAY).listed == 1


def test_below_twenty_names_the_progress_asks_for_more_names() -> None:
    listed, connected, text = progress(12, 3)
    assert (listed, connected) == (12, 3)
    assert "add 8 more influential people in your field" in text
    assert "aim for 20–30" in text


def test_with_twenty_names_the_progress_asks_for_more_of_them_a_call_away() -> None:
    _, _, text = progress(20, 2)
    assert "work toward 3 more of them being a call away" in text
    assert "aim for 5–10" in text


def test_with_enough_names_and_connections_the_advice_is_to_keep_them_warm() -> None:
    assert progress(22, 6)[2].endswith("keep them warm.")


def test_a_let_go_person_leaves_the_shortlist_count() -> None:
    gone = person("Ana", shortlist=True, archived=True)
    assert shortlist_progress(network_of(gone).people, {}, TODAY).listed == 0


def test_the_shortlist_view_shows_the_progress_and_links_to_p6() -> None:
    page = Shell()
    page.add("Grace Hopper", shortlist="on")
    html = page.send({"type": "navigate", "route": "#/shortlist"})["html"]
    assert "Grace Hopper" in html
    assert "add 19 more" in html
    assert 'href="guide/who-belongs.html#p6"' in html
