"""The core and the stdlib it imports ship as bytecode without sources: a bug's traceback
must still say where.

A request the core cannot read is a bug in the shell, and the page shows the error it
gets back ("Something went wrong (…)"), which for a Python exception is its traceback.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

from playwright.sync_api import Page

import build

ROOT = Path(__file__).resolve().parents[2]
FAILING_CALL = "Request.model_validate_json(request_json)"


def line_of(path: Path, text: str) -> int:
    (number,) = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return number


def upstream_stdlib(member: str) -> str:
    with tarfile.open(build.CACHE / f"pyodide-{build.PYODIDE_VERSION}.tgz") as archive:
        stdlib = archive.extractfile("package/python_stdlib.zip")
        assert stdlib is not None
        with zipfile.ZipFile(io.BytesIO(stdlib.read())) as zipped:
            return zipped.read(member).decode()


def test_a_bugs_traceback_names_the_file_line_and_function_of_the_core_and_the_stdlib(
        app: Page) -> None:
    error, stdlib_error = app.evaluate(
        """() => new Promise((resolve) => {
          const errors = {};
          const worker = new Worker("shell/core-worker.mjs", { type: "module" });
          worker.onmessage = ({ data }) => {
            errors[data.id] = data.error;
            if (2 in errors && 3 in errors) resolve([errors[2], errors[3]]);
          };
          worker.postMessage({ id: 1, start: "{}" });
          worker.postMessage({ id: 2, request: "{not a request" });
          worker.postMessage({ id: 3, start: "{not stored entries" });
        })"""
    )
    where = line_of(ROOT / "core" / "app.py", FAILING_CALL)
    assert f'File "{build.SITE_PACKAGES}/core/app.py", line {where}, in handle_json' in error
    assert "pydantic_core._pydantic_core.ValidationError" in error
    assert "Invalid JSON" in error
    # json ships as bytecode in the stdlib zip: its frames still say where, as upstream's.
    decoder = upstream_stdlib("json/decoder.py").splitlines()
    (scan,) = [n for n, line in enumerate(decoder, 1) if "= self.scan_once(s, idx)" in line]
    zip_dir = f"/lib/python{build.PYODIDE_PYTHON.replace('.', '')}.zip"
    assert f'File "{zip_dir}/json/decoder.py", line {scan}, in raw_decode' in stdlib_error
    assert "json.decoder.JSONDecodeError: Expecting property name" in stdlib_error
