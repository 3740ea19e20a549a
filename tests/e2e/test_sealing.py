"""Sealed backups across the two implementations: WebCrypto in Chromium, the CLI in CPython."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.core.factories import contact
from tests.core.helpers import save, tend

from .helpers import add_person, go

PASSPHRASE = "a walk along the river"


def test_a_backup_sealed_in_the_browser_opens_with_the_command_line(
    app: Page, site_url: str, tmp_path: Path
) -> None:
    add_person(app, "Ana Sealed")
    app.goto(site_url + "#/data")
    app.locator("#export-passphrase").fill(PASSPHRASE)
    app.locator("#export-passphrase_again").fill(PASSPHRASE)
    with app.expect_download() as saving:
        app.get_by_role("button", name="Download backup").click()
    sealed = tmp_path / saving.value.suggested_filename
    saving.value.save_as(sealed)
    assert sealed.name.endswith("-sealed.json")
    assert "Ana Sealed" not in sealed.read_text()
    expect(app.locator("#notice")).to_contain_text("sealed with your passphrase")

    opened = tend("export", sealed, "--plain", passphrase=PASSPHRASE)
    assert opened.returncode == 0, opened.stderr
    assert '"name": "Ana Sealed"' in opened.stdout
    wrong = tend("export", sealed, "--plain", passphrase="not the passphrase")
    assert wrong.returncode == 1 and "does not open this backup" in wrong.stderr


def test_a_backup_sealed_by_the_command_line_opens_in_the_browser_with_its_passphrase(
    app: Page, site_url: str, tmp_path: Path
) -> None:
    plain = save(tmp_path / "plain.json", contact("Dee Sealed", id="dee"))
    sealed = tmp_path / "sealed.json"
    assert tend("export", plain, "--seal", "-o", sealed, passphrase=PASSPHRASE).returncode == 0

    app.goto(site_url + "#/data")
    app.get_by_label("Backup file").set_input_files(sealed)
    app.locator("#import-passphrase").fill("not the passphrase")
    app.get_by_role("button", name="Merge this backup").click()
    expect(app.locator("#notice")).to_contain_text("does not open this backup")

    app.get_by_label("Backup file").set_input_files(sealed)
    app.locator("#import-passphrase").fill(PASSPHRASE)
    app.get_by_role("button", name="Merge this backup").click()
    expect(app.locator("#notice")).to_contain_text("Imported: 1 new")
    go(app, "People")
    expect(app.locator(".people")).to_contain_text("Dee Sealed")


def test_a_passphrase_typed_twice_differently_saves_nothing(app: Page, site_url: str) -> None:
    app.goto(site_url + "#/data")
    app.locator("#export-passphrase").fill(PASSPHRASE)
    app.locator("#export-passphrase_again").fill(PASSPHRASE + "!")
    app.get_by_role("button", name="Download backup").click()
    expect(app.locator("#export-passphrase")).to_be_focused()
    expect(app.locator("#e-export-passphrase")).to_contain_text("the two passphrases differ")
    expect(app.locator("#export-passphrase")).to_have_value("")
