"""Possible duplicates in the browser: one person imported twice is found, merged with a
choice, shows both histories on one page, and Undo brings both back."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from .helpers import go, logged

CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Ana Lima
TITLE:CTO
EMAIL:ana@example.org
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Lima\\, Ana
TITLE:Head of Data
EMAIL:ANA@example.org
TEL:+351 912 345 678
END:VCARD
"""


def test_one_person_imported_twice_is_merged_with_a_choice_and_undo_brings_both_back(
    app: Page, tmp_path: Path
) -> None:
    cards = tmp_path / "ana-twice.vcf"
    cards.write_text(CARDS)
    go(app, "Your data")
    app.get_by_label("Contacts file").set_input_files(cards)
    app.get_by_role("button", name="Read the file").click()
    app.get_by_role("button", name="Import").click()
    expect(app.locator("#notice")).to_contain_text("Imported 2 new people")
    for name, note in (("Ana Lima", "Her move to Porto"), ("Lima, Ana", "Met at PyCon")):
        go(app, "People")
        app.locator(".people").get_by_role("link", name=name, exact=True).click()
        logged(app, "2026-11-02", note)

    go(app, "People")
    app.get_by_role("link", name="Possible duplicates (1)").click()
    expect(app.get_by_role("heading", level=1)).to_have_text("Possible duplicates")
    expect(app.locator(".duplicates")).to_contain_text("same e-mail")
    app.get_by_text("Merge them…").click()
    merge = app.get_by_role("form", name="Merge Lima, Ana into Ana Lima")
    merge.get_by_label("Head of Data").check()
    merge.get_by_role("button", name="Merge into one").click()

    expect(app.get_by_role("heading", level=1)).to_have_text("Ana Lima")
    expect(app.locator(".work-line")).to_have_text("Head of Data")
    timeline = app.locator(".timeline")
    expect(timeline).to_contain_text("Her move to Porto")
    expect(timeline).to_contain_text("Met at PyCon")

    app.locator("#undo").click()
    expect(app.locator("#notice")).to_contain_text("Undone: Merged Lima, Ana into Ana Lima")
    go(app, "People")
    people = app.locator(".people")
    expect(people.get_by_role("link", name="Ana Lima", exact=True)).to_be_visible()
    expect(people.get_by_role("link", name="Lima, Ana", exact=True)).to_be_visible()
    expect(app.get_by_role("link", name="Possible duplicates (1)")).to_be_visible()
