"""The passphrase lock in the browser: locked, nothing of the network is readable in
localStorage; a reload asks for the passphrase first; a wrong one changes nothing."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import BrowserContext, Page, expect

from core.model import Contact
from core.storage.codec import encode, key_for
from tests.core.factories import NOW, TODAY

from .helpers import Recorder, add_person, go, open_app, seed, wait_until_ready

PASSPHRASE = "a walk along the river"
NAME = "Zoltan Locksmith"
ALL_STORED = "() => Object.fromEntries(Object.entries(localStorage))"


def test_a_locked_tend_asks_for_its_passphrase_and_stores_nothing_readable(app: Page) -> None:
    add_person(app, NAME, how_met="the lock workshop")
    go(app, "Today")
    go(app, "Your data")
    expect(app.get_by_text("there is no reset")).to_be_visible()
    app.locator("#lock-passphrase").fill(PASSPHRASE)
    app.locator("#lock-passphrase_again").fill(PASSPHRASE)
    app.get_by_role("button", name="Lock Tend").click()
    expect(app.locator("#e-lock-understood")).to_be_visible()  # not without the tick
    assert "tend-lock" not in app.evaluate(ALL_STORED)
    app.locator("#lock-passphrase").fill(PASSPHRASE)
    app.locator("#lock-passphrase_again").fill(PASSPHRASE)
    app.get_by_label("I understand").check()
    app.get_by_role("button", name="Lock Tend").click()
    expect(app.locator("#notice")).to_contain_text("Locked.")
    expect(app.get_by_role("button", name="Remove the lock")).to_be_visible()

    stored = app.evaluate(ALL_STORED)
    assert "tend-lock" in stored and "tend-snapshot:today" not in stored
    assert not [key for key, value in stored.items() if "Zoltan" in value or "workshop" in value]

    app.goto(app.url.split("#")[0] + "#/people")
    app.reload()
    wait_until_ready(app)
    expect(app.get_by_role("heading", level=1)).to_have_text("Tend is locked")
    expect(app.locator("#view")).not_to_contain_text("Zoltan")
    app.get_by_label("Passphrase").fill("not the passphrase at all")
    app.get_by_role("button", name="Open Tend").click()
    expect(app.locator("#e-unlock-passphrase")).to_contain_text("does not open")
    assert app.evaluate(ALL_STORED) == stored

    app.get_by_label("Passphrase").fill(PASSPHRASE)
    app.get_by_role("button", name="Open Tend").click()
    expect(app.get_by_role("heading", level=1)).to_have_text("People")
    expect(app.locator(".people")).to_contain_text(NAME)
    go(app, "Today")
    expect(app.get_by_role("heading", level=1)).to_have_text("Today")

    # An edit while open is stored sealed, one record.
    add_person(app, "Yara Second")
    assert not [v for v in app.evaluate(ALL_STORED).values() if "Yara" in v]

    go(app, "Your data")
    app.get_by_role("button", name="Remove the lock").click()
    expect(app.locator("#notice")).to_contain_text("The lock is off")
    stored = app.evaluate(ALL_STORED)
    assert "tend-lock" not in stored
    assert any("Zoltan Locksmith" in value for value in stored.values())
    expect(app.get_by_role("button", name="Lock Tend")).to_be_visible()


# Keeps every value stored from now on, and what storage held after the first two writes
# (the lock record and one sealed record: a page closed there left the rest plain).
WATCH_WRITES = """() => {
  window.written = [];
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    setItem.call(this, key, value);
    window.written.push(value);
    if (window.written.length === 2) window.halfway = Object.fromEntries(Object.entries(this));
  };
}"""
PUT_BACK = """(state) => { localStorage.clear();
  for (const [key, value] of Object.entries(state)) localStorage.setItem(key, value); }"""


def test_locking_never_writes_a_plain_copy_and_a_lock_cut_short_opens_and_seals_the_rest(
    app: Page,
) -> None:
    add_person(app, NAME, how_met="the lock workshop")
    add_person(app, "Yara Second", how_met="the second workshop")
    go(app, "Your data")
    app.evaluate(WATCH_WRITES)
    app.locator("#lock-passphrase").fill(PASSPHRASE)
    app.locator("#lock-passphrase_again").fill(PASSPHRASE)
    app.get_by_label("I understand").check()
    app.get_by_role("button", name="Lock Tend").click()
    expect(app.locator("#notice")).to_contain_text("Locked.")
    written = app.evaluate("window.written")
    assert not [value for value in written if "workshop" in value]  # no journal of plain values

    halfway = app.evaluate("window.halfway")
    assert "tend-lock" in halfway and "tend-journal" not in halfway
    assert [value for value in halfway.values() if "workshop" in value]  # one left plain
    app.evaluate(PUT_BACK, halfway)
    app.reload()
    wait_until_ready(app)
    expect(app.get_by_role("heading", level=1)).to_have_text("Tend is locked")
    app.get_by_label("Passphrase").fill(PASSPHRASE)
    app.get_by_role("button", name="Open Tend").click()
    expect(app.get_by_role("heading", level=1)).not_to_have_text("Tend is locked", timeout=30_000)
    go(app, "People")
    expect(app.locator(".people")).to_contain_text(NAME)
    expect(app.locator(".people")).to_contain_text("Yara Second")
    plain = [key for key, value in app.evaluate(ALL_STORED).items() if "workshop" in value]
    assert not plain, f"{plain} still plain after opening (of {sorted(halfway)})"


def test_packs_made_while_locked_are_sealed_and_open_with_the_passphrase(
        context: BrowserContext, recorder: Recorder, site_url: str) -> None:
    long_ago = NOW - timedelta(days=200)
    people = [Contact(id=f"old{n:03d}", name=f"Settled Person {n:03d}", added_on=TODAY,
                      updated_at=long_ago) for n in range(80)]
    people.append(Contact(id="new", name="Added Today", added_on=TODAY, updated_at=NOW))
    seed(context, {key_for(p): encode(p) for p in people})  # layout 3, to be packed
    page = open_app(recorder.watch(context.new_page()), site_url + "#/data")
    page.locator("#lock-passphrase").fill(PASSPHRASE)
    page.locator("#lock-passphrase_again").fill(PASSPHRASE)
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Lock Tend").click()
    expect(page.locator("#notice")).to_contain_text("Locked.")
    for _ in range(2):  # the first opening packs, sealed; the second reads the pack
        page.reload()
        wait_until_ready(page)
        page.get_by_label("Passphrase").fill(PASSPHRASE)
        page.get_by_role("button", name="Open Tend").click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text("Tend is locked")
        go(page, "People")
        expect(page.locator(".people")).to_contain_text("Settled Person 079")
    stored = page.evaluate(ALL_STORED)
    packs = [value for key, value in stored.items() if key.startswith("tend/v4/pack/")]
    assert packs and all(value.startswith("tend-sealed:") for value in packs)
    assert not [key for key in stored if key.startswith("tend/v3/")]
