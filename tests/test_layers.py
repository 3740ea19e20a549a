"""The core's layering, stated as a contract and checked on the code's own imports.

The folders under ``core/`` are the layers (``core/__init__.py`` draws them). These
tests read every module's syntax tree, so a forbidden import fails here whether it is
written ``from core.views import x`` or ``import core.views.people``, and a call to the
clock or the file system is found however it is spelled in the source's text.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "core"
# The shells' entry points: the command line may touch files and the clock.
SHELL_EDGE = {"core.cli", "core.__main__"}
THIRD_PARTY = {"pydantic", "pydantic_core", "jinja2", "markupsafe"}
LAZY_THIRD_PARTY = {"vobject", "dateutil", "cryptography", "icalendar"}  # only inside a function
# Standard modules that reach outside the process (io and urllib.parse work in memory).
IO_MODULES = {"os", "pathlib", "tempfile", "shutil", "subprocess", "socket", "urllib.request",
              "http", "getpass", "time", "sqlite3", "asyncio", "select", "signal"}
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter"}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    lazy: bool  # inside a function, so not loaded when the module is


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def core_modules() -> dict[str, ast.Module]:
    return {module_name(p): ast.parse(p.read_text(), str(p)) for p in CORE.rglob("*.py")}


def imports_of(name: str, tree: ast.Module) -> Iterator[Import]:
    functions = [n for n in ast.walk(tree)
                 if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    lazy_lines = {id(inner) for f in functions for inner in ast.walk(f)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno, id(node) in lazy_lines)
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            for alias in node.names:
                # `from core.views import charts` imports the module core.views.charts.
                full = f"{base}.{alias.name}" if (CORE / base[5:].replace(".", "/")
                                                  / f"{alias.name}.py").exists() else base
                yield Import(name, full, node.lineno, id(node) in lazy_lines)


def all_imports() -> list[Import]:
    return [i for name, tree in core_modules().items() for i in imports_of(name, tree)]


def layer(module: str) -> str:
    """``core.rules.cadence`` → ``rules``; ``core.model`` → ``model``."""
    return module.split(".")[1] if module.count(".") >= 1 else "core"


def breaches(allowed: dict[str, set[str] | None], forbidden: dict[str, set[str]]) -> list[str]:
    found = []
    for imp in all_imports():
        if not imp.imported.startswith("core."):
            continue
        source, target = layer(imp.importer), layer(imp.imported)
        if source == target:
            continue
        if (allowed.get(source) is not None and target not in allowed[source]) or (
                target in forbidden.get(source, set())):
            found.append(f"{imp.importer}:{imp.line} imports {imp.imported}")
    return found


def test_rules_read_only_the_model_the_network_and_the_routes() -> None:
    # The route table is a leaf (it imports nothing of the core): a rule that points the
    # user to a page (a stage, a warning) names it from there.
    assert breaches({"rules": {"model", "network", "routes"}}, {}) == []


def test_storage_knows_records_not_rules_views_or_actions() -> None:
    assert breaches({}, {"storage": {"rules", "views", "actions", "app", "cli"}}) == []


def test_views_and_actions_never_import_each_other() -> None:
    assert breaches({}, {"views": {"actions"}, "actions": {"views"}}) == []


def test_the_model_and_the_network_stand_on_their_own() -> None:
    assert breaches({"model": set(), "network": {"model"}}, {}) == []


def test_nothing_but_the_two_entry_points_imports_them() -> None:
    found = [f"{i.importer}:{i.line}" for i in all_imports()
             if i.imported in {"core.app", "core.cli"} and i.importer not in SHELL_EDGE]
    assert found == []


def test_the_core_imports_only_the_standard_library_pydantic_and_jinja() -> None:
    found = []
    for imp in all_imports():
        top = imp.imported.split(".")[0]
        reaches_out = top in IO_MODULES or imp.imported in IO_MODULES
        if top in {"core", "__future__"} or (top in sys.stdlib_module_names
                                             and not reaches_out):
            continue
        if top in THIRD_PARTY or (top in LAZY_THIRD_PARTY and imp.lazy):
            continue
        if imp.importer in SHELL_EDGE and top in sys.stdlib_module_names | LAZY_THIRD_PARTY:
            continue
        found.append(f"{imp.importer}:{imp.line} imports {imp.imported}")
    assert found == []


def test_nothing_but_the_command_line_reads_the_clock_or_opens_files() -> None:
    found = []
    for name, tree in core_modules().items():
        if name in SHELL_EDGE:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in {"open", "input", "print"}:
                found.append(f"{name}:{node.lineno} calls {func.id}()")
            elif isinstance(func, ast.Attribute) and func.attr in CLOCK_CALLS | {
                    "read_text", "write_text", "read_bytes", "write_bytes"}:
                found.append(f"{name}:{node.lineno} calls .{func.attr}()")
    assert found == []


@pytest.mark.parametrize(("module", "must_not_load"), [
    ("core", {"core.model", "pydantic", "jinja2"}),
    ("core.model", {"jinja2", "core.storage.codec", "core.rules.agenda"}),
    ("core.rules.agenda", {"jinja2", "core.views.render", "core.storage.codec"}),
    ("core.storage.codec", {"jinja2", "core.rules.agenda"}),
    ("core.app", {"vobject", "cryptography", "icalendar", "dateutil"}),
])
def test_importing_a_module_loads_only_what_it_needs(module: str,
                                                    must_not_load: set[str]) -> None:
    """As click's own import test does: a fresh interpreter, then a look at sys.modules."""
    probe = (f"import sys, {module}; "
             f"print(' '.join(sorted(m for m in {sorted(must_not_load)!r} if m in sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split()
    assert loaded == []
