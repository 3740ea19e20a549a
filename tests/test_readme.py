"""The README's table of what works on which browser: one row for each capability the app
looks for in the browser, with an answer for each of the six browsers people use."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("Chromium", "Chrome on Android", "Edge", "Firefox", "Safari on a Mac",
            "Safari on iPhone")
# What the shell or the service worker checks for, and the row that tells the reader.
CAPABILITIES = {
    "showDirectoryPicker": "Sync folder",
    "canShare": "Send to my other device",
    "setAppBadge": "Number on the app's icon",
    "periodicSync": "Daily note while Tend is closed",
    "storage?.persist": "Keeping the data",
}


def browser_table() -> list[list[str]]:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("\n## What works on which browser\n"):]
    section = section[:section.index("\n## ", 1)]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def shell_code() -> str:
    return "\n".join(path.read_text() for path in
                     [*sorted((ROOT / "site" / "shell").glob("*.mjs")), ROOT / "site" / "sw.js"])


def test_the_readme_table_names_the_six_browsers_and_answers_for_each() -> None:
    header, rule, *rows = browser_table()
    assert len(header) == 1 + len(BROWSERS)
    for column, browser in zip(header[1:], BROWSERS, strict=True):
        assert column.startswith(browser), (column, browser)
    assert set(rule) == {"---"}
    for row in rows:
        assert len(row) == len(header) and all(row), row


def test_each_capability_the_app_looks_for_has_its_row_in_the_readme() -> None:
    code = shell_code()
    labels = [row[0] for row in browser_table()[2:]]
    for api, label in CAPABILITIES.items():
        assert api in code, f"the app no longer looks for {api}: update the README table"
        assert any(cell.startswith(label) for cell in labels), label
    assert any(cell.startswith("Install as an app") for cell in labels)
