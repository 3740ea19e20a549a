"""P7 start from family and friends: who could introduce the user to a target person."""

from __future__ import annotations

from core.model import Contact, Layer
from core.rules.introductions import introducers

from .factories import person
from .helpers import Shell

TARGET = person("Tess", id="tess", groups=("Work / Acme",))
NED = person("Ned", layer=Layer.WIDER, groups=("Climbing",), introduced_by="tess")
CLOSE = person("Cleo", layer=Layer.CLOSE, groups=("Work / Globex",))
FRIEND = person("Fay", sphere="personal", groups=("Work",))
STRANGER = person("Stan", layer=Layer.CLOSE, groups=("Climbing",))
COLLEAGUE = person("Col", sphere="professional", groups=("Work / Acme",))


def names(people: list[Contact]) -> list[str]:
    return [i.contact.name for i in introducers(TARGET, [TARGET, *people])]


def test_someone_the_target_introduced_ranks_first() -> None:
    assert names([CLOSE, NED])[0] == "Ned"


def test_strong_ties_and_friends_sharing_the_targets_top_level_group_come_next() -> None:
    assert names([FRIEND, CLOSE, NED]) == ["Ned", "Cleo", "Fay"]


def test_each_suggestion_says_which_path_it_is() -> None:
    found = {i.contact.name: i.reason for i in introducers(TARGET, [NED, CLOSE])}
    assert all(r.principle == "P7" for r in found.values())
    assert "was introduced to you by Tess" in found["Ned"].text
    assert found["Cleo"].text == "Cleo is close to you and also in Work."


def test_a_stranger_in_another_group_is_not_suggested() -> None:
    assert names([STRANGER]) == []


def test_an_acquaintance_in_the_same_group_is_not_someone_who_vouches() -> None:
    assert names([COLLEAGUE]) == []


def test_no_one_is_suggested_through_an_empty_group() -> None:
    loner = person("Lou", groups=())
    assert [i.contact.name for i in introducers(loner, [person("Kim", layer=Layer.INNER)])] == []


def test_the_target_never_introduces_themselves() -> None:
    assert "Tess" not in names([CLOSE])


def test_the_contact_page_shows_who_could_introduce_them() -> None:
    page = Shell()
    page.add("Tess Silva", groups="Work")
    page.add("Fay Lima", sphere="personal", groups="Work / Other")
    html = page.send({"type": "navigate", "route": "#/people/id1"})["html"]
    assert "Who could introduce you" in html
    assert "Fay Lima</a> is close to you and also in Work." in html
