"""Two saves of one record from the same base, merged field by field (core.storage.merge3)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from core.storage.merge3 import merge3, merged_set

FIELDS = ("name", "why", "layer", "groups")
SETS = {"groups"}
TEXT = st.sampled_from(["", "Ana", "Ana Lima", "Her talk on grids", "close"])
ITEMS = st.lists(st.sampled_from(["Work", "Climate", "Friends", "Acme"]), unique=True)


@st.composite
def versions(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A base, and two edits of it: each field kept or changed on each side."""
    def record() -> dict[str, Any]:
        return {name: draw(ITEMS if name in SETS else TEXT) for name in FIELDS}
    base = record()
    mine = {name: draw(st.sampled_from([base[name], value]))
            for name, value in record().items()}
    theirs = {name: draw(st.sampled_from([base[name], value]))
              for name, value in record().items()}
    return base, mine, theirs


@given(versions())
def test_a_field_changed_on_one_side_only_keeps_that_change(
        three: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    base, mine, theirs = three
    merged = merge3(base, mine, theirs, SETS)
    for name in FIELDS:
        if mine[name] != base[name] and theirs[name] == base[name]:
            assert merged.values[name] == mine[name]
        if theirs[name] != base[name] and mine[name] == base[name]:
            assert merged.values[name] == theirs[name]


@given(versions())
def test_a_save_over_an_unchanged_record_is_the_plain_save(
        three: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    base, mine, _ = three
    assert merge3(base, mine, base, SETS).values == mine
    assert merge3(base, mine, base, SETS).conflicts == ()


@given(versions())
def test_only_a_field_both_sides_changed_differently_is_a_conflict_and_holds_mine(
        three: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    base, mine, theirs = three
    merged = merge3(base, mine, theirs, SETS)
    expected = tuple(name for name in FIELDS if name not in SETS
                     and len({str(base[name]), str(mine[name]), str(theirs[name])}) == 3)
    assert merged.conflicts == expected
    assert all(merged.values[name] == mine[name] for name in merged.conflicts)


@given(versions())
def test_the_merge_is_the_same_whichever_tab_saves_first(
        three: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    base, mine, theirs = three
    one, other = merge3(base, mine, theirs, SETS), merge3(base, theirs, mine, SETS)
    assert one.conflicts == other.conflicts
    for name in set(FIELDS) - set(one.conflicts):
        same = set if name in SETS else (lambda value: value)
        assert same(one.values[name]) == same(other.values[name])


@given(ITEMS, ITEMS, ITEMS)
def test_a_list_keeps_what_either_side_added_and_loses_what_either_removed(
        base: list[str], mine: list[str], theirs: list[str]) -> None:
    merged = set(merged_set(base, mine, theirs))
    added = (set(mine) - set(base)) | (set(theirs) - set(base))
    removed = (set(base) - set(mine)) | (set(base) - set(theirs))
    assert added <= merged
    assert not merged & removed
    assert merged <= set(base) | added
    assert len(merged_set(base, mine, theirs)) == len(merged)


def test_two_tabs_adding_different_groups_keep_both() -> None:
    merged = merge3({"groups": ["Work"]}, {"groups": ["Work", "Climate"]},
                    {"groups": ["Work", "Friends"]}, SETS)
    assert merged.values == {"groups": ["Work", "Climate", "Friends"]}
    assert merged.conflicts == ()


def test_a_field_the_base_does_not_name_takes_the_forms_value() -> None:
    assert merge3({}, {"why": "Her talk"}, {"why": "Her book"}).values == {"why": "Her talk"}
