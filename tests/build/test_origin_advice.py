"""Issue 19, item 9: on a shared origin every other page can read Tend's storage, so the
README and the guide's deploy and privacy sections tell the user to give Tend an origin
of its own, and say why. These read the README and the built guide a reader gets."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
# What a recommendation of a dedicated origin names: a site or domain of Tend's own ...
DEDICATED = re.compile(r"(origin|address)\s+of\s+(its|Tend.s)\s+own", re.I)
HOW = re.compile(r"custom (\(sub\))?domain|custom domain or subdomain", re.I)
# ... and why: other pages of the same origin can read what is stored.
WHY = re.compile(r"(other pages|project sites?|neighbour|page of a shared origin)[^.]*\b(read|see)",
                 re.I | re.S)


def readme_section(title: str) -> str:
    text = README.read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end > 0 else None]


def guide_section(dist: Path, page: str, anchor: str) -> str:
    """The text of one section of a built guide page, up to the next heading of its level."""
    html = (dist / "guide" / page).read_text()
    opening = re.search(rf'<h([23])[^>]*id="{anchor}"', html)
    assert opening, f"{page} has no section #{anchor}"
    rest = html[opening.start():]
    following = re.search(rf"<h[2-{opening.group(1)}][ >]", rest[3:])
    body = rest[:following.start() + 3] if following else rest
    return unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("title", ["Deploying to GitHub Pages", "Privacy"])
def test_the_readme_recommends_an_origin_of_tends_own_where_it_deploys_and_on_privacy(
    title: str,
) -> None:
    section = readme_section(title)
    assert DEDICATED.search(section), f"README's {title} does not recommend an origin of Tend's own"
    assert WHY.search(section), f"README's {title} does not say why"


def test_the_readme_says_how_to_get_a_dedicated_origin() -> None:
    section = readme_section("Deploying to GitHub Pages")
    assert HOW.search(section) and "user/organisation site" in section


def test_the_guides_deploy_section_says_to_host_tend_alone_how_and_why(dist: Path) -> None:
    section = guide_section(dist, "using-tend.html", "own-origin")
    assert DEDICATED.search(section) and HOW.search(section) and WHY.search(section)
    assert "github.io" in section and "organisation site" in section


def test_the_guides_privacy_section_sends_the_reader_to_an_origin_of_tends_own(dist: Path) -> None:
    section = guide_section(dist, "using-tend.html", "privacy")
    assert WHY.search(section) and "#own-origin" in (dist / "guide" / "using-tend.html").read_text()
    assert re.search(r"address of its own", section)


def test_the_readme_and_the_guide_say_what_the_lock_protects_and_what_it_does_not(
    dist: Path,
) -> None:
    section = re.sub(r"\s+", " ", readme_section("Privacy"))
    assert "It protects against other pages of a shared origin and a lost laptop" in section
    assert "it does not protect a tab that is open and unlocked" in section
    assert "nor a forgotten passphrase" in section
    guide = re.sub(r"\s+", " ", guide_section(dist, "using-tend.html", "lock"))
    assert "What the lock protects:" in guide and "What it does not protect:" in guide
    assert "a forgotten passphrase" in guide and "backups you download" in guide
    assert "seals whatever was still plain" in guide  # a lock cut short
