"""The linter and the type checker configured in pyproject.toml pass on the whole project."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "ruff", "check", "core", "tests", "build.py", "bench", "site"],
        [sys.executable, "-m", "mypy"],
    ],
    ids=["ruff", "mypy"],
)
def test_the_code_passes(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr




def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring nodes: a docstring may show an address as an example."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def addresses_in(source: str) -> list[int]:
    """The lines of the string literals that spell a ``#/`` address, docstrings aside."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and "#/" in node.value and id(node) not in skip]


def route_literals() -> list[str]:
    """Every ``#/`` spelled in the core's code or in a template, outside the route table."""
    found = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        if path != ROOT / "core" / "routes.py":
            found += [f"{path.relative_to(ROOT)}:{line}"
                      for line in addresses_in(path.read_text(encoding="utf-8"))]
    templates = [*(ROOT / "core").rglob("*.html"), *(ROOT / "site" / "templates").rglob("*.html")]
    for path in sorted(templates):
        found += [f"{path.relative_to(ROOT)}:{n}" for n, line in
                  enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "#/" in line]
    return found


def test_every_address_is_built_by_the_route_table() -> None:
    # core.routes.route_to in Python, the ``route`` global in templates: one place to
    # change an address, and no address the router cannot show.
    assert route_literals() == []


def test_the_route_check_sees_an_address_in_code_but_not_in_a_docstring() -> None:
    assert addresses_in('"""For example #/today."""\nBACK = f"#/people/{x}"\n') == [2]


def imported_test_modules(source: str) -> list[str]:
    """The ``test_*`` modules a source imports (``from .test_app import …``,
    ``from tests.core.test_data import …``, ``import tests.test_cli``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                 else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        found += [n for n in names if any(part.startswith("test_") for part in n.split("."))]
    return found


def test_no_test_module_imports_another() -> None:
    # A helper two test modules need lives in tests/core/helpers.py or tests/e2e/helpers.py
    # (records in tests/core/factories.py), so running or moving one test file never runs
    # or breaks another's tests.
    found = [f"{path.relative_to(ROOT)}: {name}" for path in sorted((ROOT / "tests").rglob("*.py"))
             for name in imported_test_modules(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_import_check_sees_a_test_module_but_not_a_helper() -> None:
    source = ("from .test_app import Page\nfrom .helpers import Shell\n"
              "from tests.core.factories import TODAY\nimport tests.test_cli\n")
    assert imported_test_modules(source) == ["test_app", "tests.test_cli"]


def core_numbers() -> dict[int, list[str]]:
    """Each whole number the core names at module level (``MIN_PASSPHRASE = 8``), and who
    names it: limits, day counts, sizes, the numbers a rule owns."""
    found: dict[int, list[str]] = {}
    for path in sorted((ROOT / "core").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            value = getattr(node, "value", None)
            if isinstance(value, ast.Constant) and type(value.value) is int:
                found.setdefault(value.value, []).extend(
                    f"{path.relative_to(ROOT)}:{t.id}" for t in targets
                    if isinstance(t, ast.Name) and t.id.isupper())
    return {n: names for n, names in found.items() if names}


# A number standing alone: not part of a name, a date, a time, an entity or a decimal.
NUMBER = re.compile(r"(?<![\w.#&:/-])\d+(?![\w.:/-])")
# Left out before looking: a textarea's height in rows and a meter's percent scale say how
# a page looks, not a rule; and 0, 1 and 2 are in every count, plural and pair, so a match
# on them says nothing.
PRESENTATION = re.compile(r'\srows="\d+"|<meter\b[^>]*>|\{#.*?#\}', re.S)
TOO_COMMON = {0, 1, 2}


def numbers_in_template(text: str, known: dict[int, list[str]]) -> list[tuple[int, int]]:
    """(line, number) for every number in a template that the core also names."""
    text = PRESENTATION.sub(lambda m: "\n" * m.group().count("\n"), text)
    return [(n, int(m.group())) for n, line in enumerate(text.splitlines(), 1)
            for m in NUMBER.finditer(line)
            if int(m.group()) not in TOO_COMMON and int(m.group()) in known]


def test_no_template_restates_a_number_the_core_names() -> None:
    # A template gets such a number from Python (render.py's globals, or the view), so the
    # page and the rule never disagree when the rule changes.
    known = core_numbers()
    found = [f"{path.name}:{line}: {number} ({', '.join(known[number])})"
             for path in sorted((ROOT / "core" / "views" / "templates").glob("*.html"))
             for line, number in numbers_in_template(path.read_text(encoding="utf-8"), known)]
    assert found == []


def test_the_number_check_sees_a_limit_but_not_a_look_or_a_date() -> None:
    known = {8: ["core/formats/sealing.py:MIN_PASSPHRASE"], 3: ["x:ROWS"], 25: ["x:DAY"]}
    template = ('<p>At least 8 characters</p>\n<textarea rows="3"></textarea>\n'
                '<time datetime="2026-11-25">{{ on|long_date }}</time> {{ min_passphrase }}\n')
    assert numbers_in_template(template, known) == [(1, 8)]
