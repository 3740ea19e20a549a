"""The core's own tests, run inside Chromium's Pyodide: the code that ships is the code
that was tested, in the runtime that runs it.

pyodide-build's ``pyodide venv`` would do this from the command line, but it cannot run
here (its releases for Pyodide 0.26+ need Python 3.12, and it downloads a cross-build
environment from GitHub). So the test does it by hand: the built site's Pyodide loads
Tend's core wheel from ``dist/``; hypothesis (a pinned wheel built for Pyodide's ABI, like
pydantic-core) and pure-Python pytest from this environment are unpacked into its
site-packages; and pytest runs ``tests/core`` there. The core ships as bytecode, which
pytest collects no doctests from, so the core's doctests run from the shipped modules'
docstrings with ``doctest`` itself, and must be exactly as many as CPython finds here.
"""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil
import zipfile
from importlib.metadata import distribution
from pathlib import Path

from playwright.sync_api import BrowserContext, Route

import build

from .helpers import ICON, Recorder

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
# Pure-Python distributions pytest and hypothesis need, copied from this environment.
RUNNER = ["pytest", "pluggy", "iniconfig", "packaging", "pygments", "sortedcontainers"]
# Hypothesis has a compiled part since 6.16x; PyPI carries it for Pyodide's ABI.
HYPOTHESIS = build.Wheel(
    "hypothesis==6.170.17",
    "hypothesis-6.170.17-cp314-cp314-pyemscripten_2026_0_wasm32.whl",
    "dc3512b8619b627c7feffac5937abe985fc49745c85335c1753e7d0738add85b",
    for_pyodide_abi=True,
)


def zipped(files: dict[str, Path]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in sorted(files.items()):
            archive.write(path, name)
    return buffer.getvalue()


def runner_files() -> dict[str, Path]:
    """Every file of the runner's distributions (dist-info too: pytest finds hypothesis's
    plugin through its entry points), by path inside site-packages."""
    files: dict[str, Path] = {}
    for name in RUNNER:
        dist = distribution(name)
        for file in dist.files or []:
            if "__pycache__" not in file.parts and not str(file).startswith(".."):
                files[str(file)] = Path(str(dist.locate_file(file)))
    return files


def core_test_files() -> dict[str, Path]:
    paths = [ROOT / "tests" / "__init__.py", *(ROOT / "tests" / "core").glob("*.py"),
             *(ROOT / "tests" / "fixtures").iterdir(), *(ROOT / "docs").glob("*.md")]
    return {str(path.relative_to(ROOT)): path for path in paths}


RUN = """
import contextlib, doctest, importlib, io, os, pkgutil, sys
os.chdir("/home/pyodide/run")
sys.path.insert(0, "/home/pyodide/run")
import pytest, core
report = io.StringIO()
with contextlib.redirect_stdout(report):
    code = pytest.main(["-q", "-p", "no:cacheprovider", "--doctest-modules", "tests/core"])
    doctests = [doctest.testmod(importlib.import_module(module.name), optionflags=doctest.ELLIPSIS)
                for module in pkgutil.walk_packages(core.__path__, "core.")
                if not module.name.endswith(".__main__")]
[int(code), report.getvalue(), sum(t.failed for t in doctests), sum(t.attempted for t in doctests)]
"""


def core_doctest_examples() -> int:
    """How many doctest examples CPython finds in the core's modules, as RUN looks for them."""
    import core

    finder = doctest.DocTestFinder()
    return sum(len(test.examples)
               for module in pkgutil.walk_packages(core.__path__, "core.")
               if not module.name.endswith(".__main__")
               for test in finder.find(importlib.import_module(module.name)))


def test_the_core_tests_pass_inside_pyodide(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    archives = {"runner.zip": zipped(runner_files()), "tests.zip": zipped(core_test_files()),
                "hypothesis.whl": build.fetched(HYPOTHESIS).read_bytes()}
    page = recorder.watch(context.new_page())
    page.route(f"{site_url}__tests__/*", lambda route: _serve(route, archives))
    # A page of ours that neither boots the app nor forbids WebAssembly (the guide does);
    # a JSON document asks for the origin's favicon, which the build has under icons/.
    page.route("**/favicon.ico", lambda route: route.fulfill(path=ICON))
    page.goto(site_url + "pyodide/pyodide-lock.json")
    code, report, doctests_failed, doctests_run = page.evaluate(
        """async ([base, run]) => {
          const { loadPyodide } = await import(base + "pyodide/pyodide.mjs");
          const pyodide = await loadPyodide({
            indexURL: base + "pyodide/", packageBaseUrl: base + "pyodide/" });
          await pyodide.loadPackage(["tend-core", "vobject", "icalendar"],
                                    { messageCallback: () => {} });
          const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
          const archives = [["runner.zip", "zip", sitePackages],
                            ["hypothesis.whl", "wheel", sitePackages],
                            ["tests.zip", "zip", "/home/pyodide/run"]];
          for (const [name, format, extractDir] of archives) {
            const archive = await (await fetch(base + "__tests__/" + name)).arrayBuffer();
            pyodide.unpackArchive(archive, format, { extractDir });
          }
          return pyodide.runPython(run).toJs();
        }""",
        [site_url, RUN],
    )
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "core-tests-in-pyodide.txt").write_text(report, encoding="utf-8")
    assert code == 0, report[-6000:]
    assert " passed" in report and " failed" not in report
    assert (doctests_failed, doctests_run) == (0, core_doctest_examples()), report[-6000:]


def _serve(route: Route, archives: dict[str, bytes]) -> None:
    route.fulfill(body=archives[route.request.url.rsplit("/", 1)[1]],
                  content_type="application/zip")
