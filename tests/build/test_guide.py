"""The built guide: a section for every principle, and every link, both ways, resolves.

The app and the guide meet at the principle ids P1…P16: the app links a reason to
``guide/<page>.html#pN`` (core.rules.reasons), and the guide links back to the app's views as
``../index.html#/<route>``. These tests read the built files, so they prove what a
reader's browser will get.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import build
from core.rules.reasons import GUIDE_PAGES, guide_href
from core.views.router import ROUTES

PRINCIPLES = [f"P{n}" for n in range(1, 17)]
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

# The app's views that a guide page may link to, as routes after "#": the app's own
# route table, plus the routes it handles with an id or state. "<id>" stands for an id.
APP_ROUTES = (*(f"/{name}" for name in ROUTES), "/people", "/people/<id>",
              "/people/<id>/plan", "/data", "/import")

# Where the app's code names a principle: a link to its section, or a rule's reason.
PRINCIPLE_REFERENCE = re.compile(
    r"""\b(?:guide_href|Reason)\(\s*(?:principle\s*=\s*)?["'](P\d+)["']"""
)


class GuidePage(HTMLParser):
    """The ids a built page defines, and the links it lets a reader follow.

    Each link is kept with the id of the section (the last h2) it sits in.
    """

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.links: list[tuple[str, str]] = []
        self.section = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if named.get("id"):
            self.ids[str(named["id"])] = tag
        if tag == "h2":
            self.section = named.get("id") or ""
        if tag == "a" and named.get("href"):
            self.links.append((str(named["href"]), self.section))


@cache
def parsed(path: Path) -> GuidePage:
    page = GuidePage()
    page.feed(path.read_text())
    return page


def guide_pages(dist: Path) -> list[Path]:
    return sorted((dist / "guide").glob("*.html"))


def route_pattern(route: str) -> re.Pattern[str]:
    return re.compile(re.escape(route).replace(re.escape("<id>"), r"[^/?#]+"))


def is_app_route(fragment: str) -> bool:
    return any(route_pattern(route).fullmatch(fragment) for route in APP_ROUTES)


def broken(dist: Path, page: Path, href: str) -> str | None:
    """Why a link from ``page`` leads nowhere, or None when it resolves in the build."""
    parts = urlsplit(href)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if not target.is_relative_to(dist.resolve()):
        return "leaves the build"
    if target.is_dir():
        return "names a folder, which a copy opened from disk shows as a listing"
    if not target.is_file():
        return "no such file"
    if target == (dist / "index.html").resolve():
        return None if is_app_route(parts.fragment) else f"the app has no route #{parts.fragment}"
    if parts.fragment and parts.fragment not in parsed(target).ids:
        return f"no element with id {parts.fragment!r} in {target.name}"
    return None


def internal_links(dist: Path) -> list[tuple[Path, str, str]]:
    """Every link of the guide that stays in the build: (page, href, section id)."""
    return [
        (page, href, section)
        for page in guide_pages(dist)
        for href, section in parsed(page).links
        if not urlsplit(href).scheme and not href.startswith("//")
    ]


def leads_into_app(dist: Path, page: Path, href: str) -> bool:
    path = urlsplit(href).path
    return bool(path) and (page.parent / path).resolve() in {dist.resolve(),
                                                             (dist / "index.html").resolve()}


def principles_the_app_names() -> set[str]:
    """Every principle id that core/ or the page templates link to or give as a reason."""
    sources = [*(build.ROOT / "core").rglob("*.py"), *(build.ROOT / "core").rglob("*.html"),
               *(build.SITE / "templates").rglob("*.html")]
    return {m for path in sources for m in PRINCIPLE_REFERENCE.findall(path.read_text())}


def test_the_app_and_the_guide_agree_on_the_sixteen_principles() -> None:
    assert sorted(GUIDE_PAGES, key=lambda p: int(p[1:])) == PRINCIPLES


@pytest.mark.parametrize("principle", PRINCIPLES)
def test_every_principle_has_a_section_on_its_guide_page(dist: Path, principle: str) -> None:
    page = dist / "guide" / f"{GUIDE_PAGES[principle]}.html"
    assert page.is_file()
    assert parsed(page).ids.get(principle.lower()) in HEADINGS, (
        f"{page.name} has no heading with id {principle.lower()}"
    )


def test_every_link_from_the_guide_into_the_app_names_a_route_the_app_knows(
    dist: Path,
) -> None:
    into_app = [(page, href) for page, href, _ in internal_links(dist)
                if leads_into_app(dist, page, href)]
    assert into_app, "the guide never links into the app"
    wrong = [f"{page.name}: {href}" for page, href in into_app
             if not (href.startswith("../index.html#")
                     and is_app_route(urlsplit(href).fragment))]
    assert wrong == []


def test_every_principle_section_leads_back_into_the_app(dist: Path) -> None:
    sections_with_app_links = {
        section for page, href, section in internal_links(dist)
        if leads_into_app(dist, page, href)
    }
    assert [p for p in PRINCIPLES if p.lower() not in sections_with_app_links] == []


def test_every_link_in_the_guide_resolves_to_a_page_and_a_section(dist: Path) -> None:
    links = internal_links(dist)
    assert len(links) > 100
    problems = [f"{page.name}: {href}: {why}" for page, href, _ in links
                if (why := broken(dist, page, href))]
    assert problems == []


def test_the_guide_builds_with_mkdocs_in_strict_mode(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml",
         "-d", str(tmp_path / "guide")],
        cwd=build.ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "guide" / "index.html").is_file()


def test_every_principle_the_app_names_links_to_its_guide_section(dist: Path) -> None:
    named = principles_the_app_names()
    assert named, "the app names no principle at all"
    assert sorted(named - set(PRINCIPLES)) == [], "the app names a principle that does not exist"
    problems = {p: why for p in sorted(named)
                if (why := broken(dist, dist / "index.html", guide_href(p)))}
    assert problems == {}


def test_the_app_links_every_principle_to_the_guide() -> None:
    assert sorted(set(PRINCIPLES) - principles_the_app_names(), key=lambda p: int(p[1:])) == []
