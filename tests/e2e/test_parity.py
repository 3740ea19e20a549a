"""The browser runs the code that was tested: the same requests give the same answers
in Pyodide as in CPython, byte for byte (views, validation, cadence, storage writes)."""

from __future__ import annotations

import json

from playwright.sync_api import BrowserContext

from core.app import App

from .helpers import ICON, SESSION, Recorder


def requests() -> list[str]:
    return [json.dumps({"event": e, "today": "2026-11-25", "now": "2026-11-25T08:00:00Z",
                        "new_id": f"r{n}"}) for n, e in enumerate(SESSION)]


def test_pyodide_answers_exactly_as_cpython(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    app = App.from_storage({})
    expected = [app.handle_json(r) for r in requests()]

    page = recorder.watch(context.new_page())
    # A page of ours that neither boots the app nor forbids WebAssembly (the guide does);
    # a JSON document asks for the origin's favicon, which the build has under icons/.
    page.route("**/favicon.ico", lambda route: route.fulfill(path=ICON))
    page.goto(site_url + "pyodide/pyodide-lock.json")
    answers = page.evaluate(
        """async ([base, requests]) => {
          const { loadPyodide } = await import(base + "pyodide/pyodide.mjs");
          const pyodide = await loadPyodide({
            indexURL: base + "pyodide/", packageBaseUrl: base + "pyodide/" });
          await pyodide.loadPackage(["tend-core"], { messageCallback: () => {} });
          const app = pyodide.pyimport("core.app").App.from_storage_json("{}");
          return requests.map((r) => app.handle_json(r));
        }""",
        [site_url, requests()],
    )
    assert answers == expected
