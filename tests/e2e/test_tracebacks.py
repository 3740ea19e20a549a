"""The core ships as bytecode without its sources: a bug's traceback must still say where.

A request the core cannot read is a bug in the shell, and the page shows the error it
gets back ("Something went wrong (…)"), which for a Python exception is its traceback.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

import build

ROOT = Path(__file__).resolve().parents[2]
FAILING_CALL = "Request.model_validate_json(request_json)"


def line_of(path: Path, text: str) -> int:
    (number,) = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return number


def test_a_bugs_traceback_names_the_cores_file_line_and_function(app: Page) -> None:
    error = app.evaluate(
        """() => new Promise((resolve) => {
          const worker = new Worker("shell/core-worker.mjs", { type: "module" });
          worker.onmessage = ({ data }) => { if (data.id === 2) resolve(data.error); };
          worker.postMessage({ id: 1, start: "{}" });
          worker.postMessage({ id: 2, request: "{not a request" });
        })"""
    )
    where = line_of(ROOT / "core" / "app.py", FAILING_CALL)
    assert f'File "{build.SITE_PACKAGES}/core/app.py", line {where}, in handle_json' in error
    assert "pydantic_core._pydantic_core.ValidationError" in error
    assert "Invalid JSON" in error
