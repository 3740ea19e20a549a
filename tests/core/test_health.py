"""P1 quality over count, P2 balance: the shape of the network, with warnings."""

from __future__ import annotations

from core.model import Contact, Layer
from core.rules.health import (
    balance_warning,
    capacity_warnings,
    layer_counts,
    sphere_balance,
)

from .factories import TODAY, network_of, person
from .helpers import Shell


def people(count: int, *, layer: Layer = Layer.ACTIVE, sphere: str = "",
           prefix: str = "p") -> list[Contact]:
    return [person(f"{prefix}{n}", layer=layer, sphere=sphere or None) for n in range(count)]


def test_layer_counts_list_every_layer_from_the_inside_out() -> None:
    counts = layer_counts([*people(2, layer=Layer.INNER, prefix="i"),
                           *people(3, layer=Layer.WIDER, prefix="w")])
    assert [(c.layer, c.count) for c in counts] == [
        (Layer.INNER, 2), (Layer.CLOSE, 0), (Layer.ACTIVE, 0), (Layer.WIDER, 3)]


def test_an_inner_circle_of_five_is_within_capacity() -> None:
    assert capacity_warnings(layer_counts(people(5, layer=Layer.INNER))) == []


def test_six_people_in_the_inner_circle_is_over_capacity_and_warns() -> None:
    counts = layer_counts(people(6, layer=Layer.INNER))
    assert counts[0].over_capacity
    [warning] = capacity_warnings(counts)
    assert warning.principle == "P1"
    assert "inner circle has 6 people" in warning.text
    assert "about 5" in warning.text


def test_each_layer_warns_only_above_its_own_capacity() -> None:
    crowd = [*people(15, layer=Layer.CLOSE, prefix="c"), *people(51, prefix="a")]
    [warning] = capacity_warnings(layer_counts(crowd))
    assert "active network has 51 people" in warning.text


def test_personal_professional_and_both_are_counted() -> None:
    spheres = sphere_balance([*people(2, sphere="personal", prefix="f"),
                              *people(3, sphere="professional", prefix="w"),
                              *people(1, sphere="both", prefix="b"), *people(4, prefix="u")])
    assert (spheres.personal, spheres.professional, spheres.both, spheres.unsorted) == (
        2, 3, 1, 4)
    assert spheres.sorted_total == 6


def test_a_network_that_is_90_percent_professional_warns() -> None:
    lopsided = [*people(9, sphere="professional", prefix="w"),
                *people(1, sphere="personal", prefix="f")]
    warning = balance_warning(sphere_balance(lopsided))
    assert warning is not None
    assert warning.principle == "P2"
    assert "almost all work" in warning.text


def test_a_network_that_is_90_percent_personal_warns() -> None:
    lopsided = [*people(9, sphere="personal", prefix="f"),
                *people(1, sphere="professional", prefix="w")]
    warning = balance_warning(sphere_balance(lopsided))
    assert warning is not None and "almost all personal" in warning.text


def test_a_balanced_network_does_not_warn() -> None:
    balanced = [*people(5, sphere="personal", prefix="f"),
                *people(5, sphere="professional", prefix="w")]
    assert balance_warning(sphere_balance(balanced)) is None


def test_people_who_are_both_balance_the_network() -> None:
    assert balance_warning(sphere_balance(people(10, sphere="both"))) is None


def test_fewer_than_six_sorted_contacts_never_warn() -> None:
    few = [*people(5, sphere="professional"), *people(20, prefix="u")]
    assert balance_warning(sphere_balance(few)) is None


def test_let_go_people_do_not_count_toward_a_layer() -> None:
    inner = people(6, layer=Layer.INNER)
    gone = inner[0].model_copy(update={"archived": True})
    network = network_of(*inner, gone)
    assert capacity_warnings(layer_counts(network.people)) == []


def test_the_health_view_shows_the_warnings_with_their_principles() -> None:
    page = Shell()
    for n in range(6):
        page.add(f"Friend {n}", layer="inner", sphere="personal")
    html = page.send({"type": "navigate", "route": "#/health"}, today=TODAY.isoformat())["html"]
    assert "inner circle has 6 people" in html
    assert "almost all personal" in html
    assert 'href="guide/who-belongs.html#p1"' in html
    assert 'href="guide/who-belongs.html#p2"' in html
