"""P3 groups and subgroups: people sorted in advance, each group tended its own way."""

from __future__ import annotations

from core.model import Contact
from core.rules.groups import GroupNode, group_tree, in_group, normalise, parts

from .factories import person
from .helpers import Shell


def member(name: str, group: str) -> Contact:
    return person(name, groups=(group,))


def walk(node: GroupNode) -> list[GroupNode]:
    return [node, *(n for child in node.subgroups for n in walk(child))]


def test_a_group_path_is_split_into_its_steps() -> None:
    assert parts("Work / Acme / Platform team") == ("Work", "Acme", "Platform team")
    assert parts("") == ()


def test_untidy_paths_are_tidied() -> None:
    assert normalise("Work/ Acme ") == "Work / Acme"
    assert normalise(" /Work//Acme/ ") == "Work / Acme"
    assert parts("Work/ Acme ") == parts("Work / Acme")


def test_a_person_in_a_subgroup_is_in_the_group_above() -> None:
    ana = member("Ana", "Work / Acme")
    assert in_group(ana, "Work")
    assert in_group(ana, "Work / Acme")
    assert in_group(ana, "Work/Acme ")


def test_a_person_is_not_in_a_sibling_or_deeper_group() -> None:
    ana = member("Ana", "Work / Acme")
    assert not in_group(ana, "Work / Globex")
    assert not in_group(ana, "Work / Acme / Platform")
    assert not in_group(ana, "Wor")


def test_a_group_name_that_starts_like_another_is_a_different_group() -> None:
    assert not in_group(member("Ana", "Workshop"), "Work")


def test_subgroup_paths_nest_in_the_tree() -> None:
    tree = group_tree([member("Ana", "Work / Acme / Platform"), member("Ben", "Work / Acme"),
                       member("Cy", "Family")])
    work = tree.children["work"]
    acme = work.children["acme"]
    assert [n.name for n in tree.subgroups] == ["Family", "Work"]
    assert acme.path == "Work / Acme"
    assert acme.children["platform"].path == "Work / Acme / Platform"


def test_a_group_total_includes_its_subgroups() -> None:
    tree = group_tree([member("Ana", "Work / Acme / Platform"), member("Ben", "Work / Acme"),
                       member("Cy", "Work"), member("Di", "Family"), member("Ed", "")])
    work = tree.children["work"]
    assert (work.people, work.total) == (1, 3)
    assert work.children["acme"].total == 2
    assert tree.people == 1
    assert tree.total == 5


def test_untidy_paths_land_in_the_same_group() -> None:
    tree = group_tree([member("Ana", "Work/ Acme "), member("Ben", "Work / Acme")])
    assert list(tree.children) == ["work"]
    assert tree.children["work"].children["acme"].total == 2


def test_a_group_total_counts_the_same_people_its_filter_lists() -> None:
    everyone = [member("Ana", "Work / Acme"), member("Ben", "work / acme"),
                member("Cy", "WORK"), member("Di", "Family")]
    for node in walk(group_tree(everyone))[1:]:
        listed = [c.name for c in everyone if in_group(c, node.path)]
        assert len(listed) == node.total, (node.path, listed)


def test_a_group_typed_untidily_is_saved_tidy() -> None:
    page = Shell()
    answer = page.add("Ana", groups="Work/ Acme ")
    assert "Work / Acme" in answer["html"]
    assert page.app.network.contacts["id1"].groups == ("Work / Acme",)
