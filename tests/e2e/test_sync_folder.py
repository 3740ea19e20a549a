"""Two devices (two browser contexts) stay in step through a sync folder.

Playwright cannot answer the folder picker, so each device is given a real folder from
its own Origin Private File System as its copy of the synced folder, and the test plays
the sync client (Dropbox, say): it copies each device's file to the other's folder,
once half-way through, as a client mid-copy leaves it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from core.formats.sealing import sealed_form, unseal
from core.model import Contact
from core.storage.codec import encode, key_for
from tests.core.factories import NOW, TODAY
from tests.core.helpers import Shell

from .helpers import Recorder, add_person, seed, wait_until_ready

FOLDER = """async (name = "Dropbox") => (await navigator.storage.getDirectory())
    .getDirectoryHandle(name, { create: true })"""
USE = f"""async ([name, secret, folder]) => {{
  const sync = await import(new URL("shell/sync.mjs", location.href));
  await sync.use(await ({FOLDER})(folder), name, secret);
}}"""
SYNC = """async () => (await import(new URL("shell/sync.mjs", location.href))).syncNow()"""
FILES = f"""async (folder) => {{
  const out = {{}};
  const walk = async (dir, prefix) => {{
    for await (const [name, entry] of dir.entries()) {{
      if (entry.kind === "directory") await walk(entry, prefix + name + "/");
      else out[prefix + name] = await (await entry.getFile()).text();
    }}
  }};
  await walk(await ({FOLDER})(folder), "");
  return out;
}}"""
PUT = f"""async ([name, text]) => {{
  const file = await (await ({FOLDER})()).getFileHandle(name, {{ create: true }});
  const writable = await file.createWritable();
  await writable.write(text);
  await writable.close();
}}"""
# The tab hidden or shown again, as switching tabs or apps does (headless Chromium keeps
# every page visible, so the state is set and the browser's event dispatched by hand).
VISIBILITY = """(state) => {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
  document.dispatchEvent(new Event("visibilitychange"));
}"""
# After a restart Chromium may hand back the stored folder with its permission at
# "prompt" until the user allows it again; an Origin Private File System folder is always
# granted, so the browser's answer is set by hand while the flag is up.
PROMPT = """() => {
  const ask = FileSystemHandle.prototype.queryPermission;
  FileSystemHandle.prototype.queryPermission = async function (how) {
    if (sessionStorage.getItem("tend-test:prompt")) return "prompt";
    return ask ? ask.call(this, how) : "granted";
  };
  FileSystemHandle.prototype.requestPermission = async function () {
    sessionStorage.removeItem("tend-test:prompt");
    return "granted";
  };
}"""
# Safari and Firefox: no folder picker. The share sheet, where a test asks for one, is a
# stand-in that keeps what it was given (headless Chromium on Linux has none to answer).
NO_FOLDERS = """() => {
  delete window.showDirectoryPicker;
  delete Window.prototype.showDirectoryPicker;
}"""
SHARE_SHEET = """() => {
  navigator.canShare = ({ files }) => files?.length === 1;
  navigator.share = async ({ files: [file] }) => {
    window.shared = { name: file.name, text: await file.text() };
  };
}"""
RECORDS = """() => Object.fromEntries(Object.keys(localStorage)
    .filter((key) => key.startsWith("tend/")).map((key) => [key, localStorage.getItem(key)]))"""


def person(id: str, name: str) -> Contact:
    return Contact(id=id, name=name, added_on=TODAY, updated_at=NOW)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """No service worker: each device's offline copy (10 MB fetched and stored) would
    compete with the two cores starting, and nothing here needs it."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture
def second(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[BrowserContext]:
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


def device(context: BrowserContext, recorder: Recorder, site_url: str,
           *people: Contact) -> Page:
    """A device opening Tend with these people stored; not waited for, so that both
    devices start their core at once (each start is most of this test's time)."""
    entries = {key_for(p): encode(p) for p in people}
    seed(context, entries)
    page = recorder.watch(context.new_page())
    page.goto(site_url + "#/data", wait_until="commit")
    return page


def own_file(page: Page) -> tuple[str, str]:
    """The device's own file: named after the id it keeps beside its records."""
    device_id = page.evaluate("""() => JSON.parse(localStorage.getItem("tend-sync:device"))""")
    name = f"tend-device-{device_id['device_id']}.json"
    return name, page.evaluate(FILES, "Dropbox")[name]


def carry(source: Page, target: Page, cut: bool = False) -> None:
    """The sync client copies the source's own files (full, and changes once it has
    them) into the target's folder."""
    name, text = own_file(source)
    target.evaluate(PUT, [name, text[: len(text) // 2] if cut else text])
    changes = name.removesuffix(".json") + ".changes.json"
    if not cut and changes in (files := source.evaluate(FILES, "Dropbox")):
        target.evaluate(PUT, [changes, files[changes]])


def test_two_devices_stay_in_step_through_a_folder_and_a_sealed_one_holds_no_plain_text(
    context: BrowserContext, second: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    laptop = device(context, recorder, site_url, person("ana", "Ana Lima"),
                    person("ben", "Ben Okafor"))
    phone = device(second, recorder, site_url, person("cy", "Cy Tan"))
    for page in (laptop, phone):
        wait_until_ready(page)
    laptop.evaluate(USE, ["Laptop", "", "Dropbox"])
    phone.evaluate(USE, ["Phone", "", "Dropbox"])
    expect(laptop.get_by_role("button", name="Sync now")).to_be_visible()

    carry(laptop, phone, cut=True)  # mid-copy: refused whole, nothing merged
    phone.evaluate(SYNC)
    assert "tend/v4/c/ana" not in phone.evaluate(RECORDS)
    expect(phone.locator("[data-devices]")).to_contain_text("not read this time")
    carry(laptop, phone)  # the copy finished: read at the retry
    phone.evaluate(SYNC)
    assert "tend/v4/c/ana" in phone.evaluate(RECORDS)
    expect(phone.locator("[data-devices]")).to_contain_text(
        "Laptop: last wrote to the folder today")

    # A deletion on the phone, an edit on the laptop, both made before either syncs.
    phone.goto(site_url + "#/people/ben")
    phone.get_by_text("Delete Ben Okafor for good").click()
    phone.get_by_role("button", name="Delete Ben Okafor and all of this").click()
    expect(phone.locator("#notice")).to_contain_text("Deleted Ben Okafor")
    laptop.goto(site_url + "#/people/ana")
    laptop.get_by_text("Edit Ana Lima", exact=True).click()
    laptop.get_by_label("Company").fill("Acme")
    laptop.get_by_role("button", name="Save changes").first.click()
    expect(laptop.locator("#notice")).to_have_text("Saved Ana Lima.")

    for page in (laptop, phone):
        page.evaluate(SYNC)
    carry(laptop, phone)
    carry(phone, laptop)
    for page in (laptop, phone):
        page.evaluate(SYNC)
    laptop_records, phone_records = laptop.evaluate(RECORDS), phone.evaluate(RECORDS)
    assert laptop_records == phone_records
    assert '"deleted_at"' in laptop_records["tend/v4/c/ben"]
    assert '"company":"Acme"' in phone_records["tend/v4/c/ana"]
    assert "tend/v4/c/cy" in laptop_records


    # Sealed: the laptop moves to a sealed folder, which then holds no name in plain text.
    laptop.evaluate(USE, ["Laptop", "correct horse battery", "Sealed"])
    files = laptop.evaluate(FILES, "Sealed")
    assert any(name.startswith("tend-device-") for name in files)
    assert any(name.startswith("Tend backups/tend-backup-") for name in files)
    for name, text in files.items():
        assert "Ana" not in text and "Okafor" not in text, name
        assert json.loads(text)["format"] == "tend-sealed-backup", name


def tablet_with(name: str) -> dict[str, str]:
    """The files another device (Tend in Python, as the core tests drive it) leaves in the
    folder after adding someone."""
    tablet = Shell("tablet1", "Tablet")
    tablet.add(name)
    tablet.sync()
    return {name: text for name, text in tablet.folder.items() if isinstance(text, str)}


def test_a_tab_shown_again_takes_in_what_another_device_wrote_without_a_reload(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    phone = device(context, recorder, site_url, person("cy", "Cy Tan"))
    wait_until_ready(phone)
    phone.evaluate(USE, ["Phone", "", "Dropbox"])
    phone.goto(site_url + "#/people")
    expect(phone.locator("main")).to_contain_text("Cy Tan")

    phone.evaluate(VISIBILITY, "hidden")  # the user switches to another app
    for name, text in tablet_with("Dee Park").items():
        phone.evaluate(PUT, [name, text])
    assert "tend/v4/c/tablet11" not in phone.evaluate(RECORDS)

    phone.evaluate(VISIBILITY, "visible")  # and comes back
    expect(phone.locator("main")).to_contain_text("Dee Park")
    assert "tend/v4/c/tablet11" in phone.evaluate(RECORDS)


def test_a_saved_change_reaches_the_folder_a_moment_later_and_focus_brings_in_the_others(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    """Nobody presses "Sync now": two quick saves go to the folder together once the user
    pauses, and coming back to the window (focus, the tab never hidden) reads the others."""
    phone = device(context, recorder, site_url)
    wait_until_ready(phone)
    phone.evaluate(USE, ["Phone", "", "Dropbox"])
    before = own_file(phone)[1]
    add_person(phone, "Eva Lind")
    add_person(phone, "Finn Ahl")
    for _ in range(40):  # the sync waits for a pause of AFTER_CHANGE_MS (2 s)
        written = own_file(phone)[1]
        if "Finn Ahl" in written:
            break
        phone.wait_for_timeout(250)
    assert written != before and "Eva Lind" in written and "Finn Ahl" in written

    for name, text in tablet_with("Dee Park").items():
        phone.evaluate(PUT, [name, text])
    phone.goto(site_url + "#/people")
    phone.evaluate("() => window.dispatchEvent(new Event('focus'))")
    expect(phone.locator("main")).to_contain_text("Dee Park")


def test_your_data_says_what_the_browsers_answer_on_keeping_the_data_means(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    """navigator.storage.persisted() decides the line: kept even when space runs low, or
    may be cleared (with the Home Screen advice for Safari)."""
    page = device(context, recorder, site_url)
    wait_until_ready(page)
    granted = page.locator('[data-persist="granted"]')
    denied = page.locator('[data-persist="denied"]')
    if page.evaluate("() => navigator.storage.persisted()"):
        expect(granted).to_be_visible()
        expect(denied).to_be_hidden()
    else:
        expect(denied).to_be_visible()
        expect(denied).to_contain_text("add Tend to the Home Screen or the Dock")
        expect(granted).to_be_hidden()
    # The other answer, as a browser that has promised (or refused) gives it.
    page.evaluate("""(kept) => { navigator.storage.persisted = async () => kept; }""",
                  not page.evaluate("() => navigator.storage.persisted()"))
    page.goto(site_url + "#/people")
    page.goto(site_url + "#/data")
    shown, hidden = ((granted, denied) if page.evaluate("() => navigator.storage.persisted()")
                     else (denied, granted))
    expect(shown).to_be_visible()
    expect(hidden).to_be_hidden()


def test_a_folder_the_browser_asks_about_again_says_so_and_syncs_once_allowed(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    context.add_init_script(f"({PROMPT})()")
    phone = device(context, recorder, site_url, person("cy", "Cy Tan"))
    wait_until_ready(phone)
    phone.evaluate(USE, ["Phone", "", "Dropbox"])
    panel = phone.locator("[data-sync-panel]")
    expect(panel.get_by_role("button", name="Sync now")).to_be_visible()

    # The browser restarts; meanwhile the tablet's file arrives in the folder.
    phone.evaluate("""() => sessionStorage.setItem("tend-test:prompt", "yes")""")
    for name, text in tablet_with("Dee Park").items():
        phone.evaluate(PUT, [name, text])
    phone.reload()
    wait_until_ready(phone)
    expect(panel.get_by_text("The browser needs your permission again")).to_be_visible()
    expect(panel.get_by_role("button", name="Choose a sync folder")).to_be_hidden()
    assert "tend/v4/c/tablet11" not in phone.evaluate(RECORDS)

    panel.get_by_role("button", name="Allow the folder again").click()
    expect(panel.get_by_role("button", name="Sync now")).to_be_visible()
    expect(panel.locator("[data-devices]")).to_contain_text("Tablet")
    assert "tend/v4/c/tablet11" in phone.evaluate(RECORDS)


def test_a_sealed_folder_after_a_restart_asks_for_the_passphrase_and_syncs_once_given(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    phone = device(context, recorder, site_url, person("cy", "Cy Tan"))
    wait_until_ready(phone)
    phone.evaluate(USE, ["Phone", "correct horse battery", "Dropbox"])
    panel = phone.locator("[data-sync-panel]")
    expect(panel.get_by_role("button", name="Sync now")).to_be_visible()

    # The browser restarts (the passphrase was for that visit only); meanwhile the
    # tablet's file arrives in the folder.
    for name, text in tablet_with("Dee Park").items():
        phone.evaluate(PUT, [name, text])
    phone.close()
    phone = recorder.watch(context.new_page())
    phone.goto(site_url + "#/data")
    wait_until_ready(phone)
    panel = phone.locator("[data-sync-panel]")
    expect(panel.get_by_text("The files in the sync folder are sealed")).to_be_visible()
    expect(panel.get_by_role("button", name="Choose a sync folder")).to_be_hidden()
    expect(panel.get_by_role("button", name="Sync now")).to_be_hidden()
    assert "tend/v4/c/tablet11" not in phone.evaluate(RECORDS)

    locked = panel.locator('[data-sync-when="locked"]')
    locked.get_by_label("Passphrase").fill("correct horse battery")
    locked.get_by_role("button", name="Sync", exact=True).click()
    expect(panel.get_by_role("button", name="Sync now")).to_be_visible()
    expect(panel.locator("[data-devices]")).to_contain_text("Tablet")
    assert "tend/v4/c/tablet11" in phone.evaluate(RECORDS)
    for name, text in phone.evaluate(FILES, "Dropbox").items():
        if name.startswith(("tend-device-", "Tend backups/")) and "tablet1" not in name:
            assert "Cy Tan" not in text, name


def test_where_no_folder_can_be_kept_tend_says_so_and_sends_a_sealed_file_instead(
    context: BrowserContext, recorder: Recorder, site_url: str, tmp_path: Path
) -> None:
    context.add_init_script(f"({NO_FOLDERS})()")
    phone = device(context, recorder, site_url, person("ana", "Ana Lima"))
    wait_until_ready(phone)
    panel = phone.locator("[data-sync-panel]")
    expect(panel.get_by_text("This browser cannot keep a folder in step")).to_be_visible()
    expect(panel.get_by_role("button", name="Choose a sync folder")).to_be_hidden()

    def send_to_other_device() -> None:
        form = panel.locator("form[data-share]")
        form.get_by_label("Passphrase", exact=True).fill("correct horse battery")
        form.get_by_label("The same passphrase again").fill("correct horse battery")
        form.get_by_role("button", name="Send to my other device").click()

    # No share sheet for files here: the sealed file is saved like a backup.
    with phone.expect_download() as saving:
        send_to_other_device()
    saved = tmp_path / saving.value.suggested_filename
    saving.value.save_as(saved)
    texts = [saved.read_text()]

    # A share sheet that takes files: the same sealed file goes to it.
    phone.evaluate(SHARE_SHEET)
    send_to_other_device()
    phone.wait_for_function("() => window.shared !== undefined")
    shared = phone.evaluate("() => window.shared")
    assert shared["name"] == saved.name and shared["name"].endswith("-sealed.json")
    texts.append(shared["text"])

    for text in texts:
        assert "Ana" not in text
        sealed = sealed_form(text)
        assert sealed is not None
        if find_spec("cryptography") is not None:  # CPython opens it as the other device would
            assert "Ana Lima" in unseal(sealed, "correct horse battery")
