"""Real localStorage: damaged data, a full quota, newer data, two tabs. Nothing is lost."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from core.model import Contact, Interaction, Layer, Record
from core.rules.capacity import BUDGET_CHARS
from core.storage.codec import encode, key_for
from tests.core.factories import NOW

from .helpers import Recorder, add_person, go, open_app, wait_until_ready


def test_a_damaged_record_is_reported_and_everything_else_loads(app: Page) -> None:
    add_person(app, "Ana")
    app.evaluate("localStorage.setItem('tend/v3/contact/broken', '{not json')")
    app.reload()
    wait_until_ready(app)
    expect(app.locator("#notice")).to_contain_text("1 stored record could not be read")
    go(app, "People")
    expect(app.locator(".people")).to_contain_text("Ana")
    assert app.evaluate("localStorage.getItem('tend/v3/contact/broken')") == "{not json"


def test_a_full_storage_refuses_the_edit_clearly_and_keeps_what_was_saved(app: Page) -> None:
    add_person(app, "Ana")
    app.evaluate(FILL_STORAGE)
    go(app, "People")
    app.get_by_label("Name").fill("Ben with a rather long name that will not fit")
    app.get_by_role("button", name="Add person").click()
    expect(app.locator("#notice")).to_contain_text("storage for Tend is full")
    expect(app.locator("#notice")).to_contain_text("Open Your data to save a backup")
    expect(app.locator(".people")).to_contain_text("Ana")
    expect(app.locator(".people")).not_to_contain_text("Ben")
    # The refused form still holds what was typed, ready to try again after making room.
    expect(app.get_by_label("Name")).to_have_value("Ben with a rather long name that will not fit")
    app.reload()
    wait_until_ready(app)
    go(app, "People")
    expect(app.locator(".people")).to_contain_text("Ana")


def test_data_from_a_newer_version_is_kept_read_only(app: Page) -> None:
    app.evaluate("localStorage.setItem('tend/v5/contact/x', '{\"from\":\"the future\"}')")
    app.reload()
    wait_until_ready(app)
    expect(app.locator("#notice")).to_contain_text("newer version of Tend")
    go(app, "People")
    app.get_by_label("Name").fill("Ana")
    app.get_by_role("button", name="Add person").click()
    expect(app.locator("#notice")).to_contain_text("changes are paused")
    keys = app.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tend/'))")
    assert keys == ["tend/v5/contact/x"]


FIXTURES = Path(__file__).parents[1] / "fixtures"
FILL_STORAGE = """() => {
  let chunk = 'x'.repeat(256 * 1024), i = 0;
  while (chunk.length > 8) {
    try { localStorage.setItem('filler-' + i++, chunk); }
    catch { chunk = chunk.slice(0, chunk.length / 2); }
  }
}"""


def seed(page: Page, entries: dict[str, str]) -> None:
    page.evaluate("(entries) => { for (const [k, v] of Object.entries(entries)) "
                  "localStorage.setItem(k, v); }", entries)


def tend_entries(page: Page) -> dict[str, str]:
    entries: dict[str, str] = page.evaluate(
        "Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('tend/')))")
    return entries


def test_data_saved_by_tend_1_is_rewritten_in_the_current_form_with_nothing_lost(
    app: Page,
) -> None:
    seed(app, json.loads((FIXTURES / "storage-v1.json").read_text()))
    app.reload()
    wait_until_ready(app)
    assert tend_entries(app) == json.loads((FIXTURES / "storage-v4.json").read_text())
    go(app, "People")
    expect(app.locator(".people")).to_contain_text("Mum")
    expect(app.locator(".people")).to_contain_text("Sam")
    add_person(app, "Ana")
    added = [k for k in tend_entries(app) if k.startswith("tend/v4/c/")]
    assert sorted(len(k.rsplit("/", 1)[1]) for k in added)[0] == 12, "new ids are short"


def test_an_upgrade_the_full_storage_refuses_leaves_the_old_data_working(app: Page) -> None:
    old = json.loads((FIXTURES / "storage-v1.json").read_text())
    seed(app, old)
    app.evaluate(FILL_STORAGE)
    app.reload()
    wait_until_ready(app)
    expect(app.locator("#notice")).to_contain_text("could not finish updating how your data")
    assert tend_entries(app) == old
    go(app, "People")
    expect(app.locator(".people")).to_contain_text("Sam")


def test_a_change_in_one_tab_appears_in_the_other(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    first = open_app(recorder.watch(context.new_page()), site_url + "#/people")
    second = open_app(recorder.watch(context.new_page()), site_url + "#/people")
    add_person(first, "Ana")
    go(second, "People")
    expect(second.locator(".people")).to_contain_text("Ana")


def test_a_backup_downloads_and_merges_into_another_browser(
    context: BrowserContext, recorder: Recorder, site_url: str, tmp_path: Path
) -> None:
    laptop = open_app(recorder.watch(context.new_page()), site_url)
    add_person(laptop, "Ana")
    laptop.goto(site_url + "#/data")
    with laptop.expect_download() as saving:
        laptop.get_by_role("button", name="Download backup").click()
    backup = tmp_path / saving.value.suggested_filename
    saving.value.save_as(backup)
    assert '"format": "tend-backup"' in backup.read_text()

    phone_context = context.browser.new_context() if context.browser else context
    phone = open_app(recorder.watch(phone_context.new_page()), site_url + "#/data")
    phone.get_by_label("Backup file").set_input_files(backup)
    phone.get_by_role("button", name="Merge this backup").click()
    expect(phone.locator("#notice")).to_contain_text("Imported: 2 new")
    go(phone, "People")
    expect(phone.locator(".people")).to_contain_text("Ana")
    phone_context.close()


def test_a_change_interrupted_half_way_is_finished_at_the_next_start(app: Page) -> None:
    add_person(app, "Ana")
    stored = app.evaluate("Object.entries(localStorage).find(([k]) => k.startsWith('tend/v4/c/'))")
    key, value = stored
    ben_key, ben = key.rsplit("/", 1)[0] + "/ben", value.replace(key.rsplit("/", 1)[1], "ben")
    ben = ben.replace('"name":"Ana"', '"name":"Ben"')
    # What a closed tab leaves behind: the journal of two writes, only the first applied.
    app.evaluate(
        """([key, ben_key, ben]) => {
          const renamed = localStorage.getItem(key).replace('"name":"Ana"', '"name":"Ana B"');
          localStorage.setItem('tend-journal', JSON.stringify([
            { key, value: renamed }, { key: ben_key, value: ben }]));
          localStorage.setItem(key, renamed);
        }""",
        [key, ben_key, ben],
    )
    app.reload()
    wait_until_ready(app)
    expect(app.locator("#notice")).to_contain_text("Finished saving a change that was interrupted")
    go(app, "People")
    expect(app.locator(".people")).to_contain_text("Ana B")
    expect(app.locator(".people")).to_contain_text("Ben")
    assert app.evaluate("localStorage.getItem('tend-journal')") is None


def test_an_unreadable_journal_is_dropped_and_nothing_else_changes(app: Page) -> None:
    add_person(app, "Ana")
    app.evaluate("localStorage.setItem('tend-journal', '[{\"key\": \"tend/v3/cont')")
    app.reload()
    wait_until_ready(app)
    assert app.evaluate("localStorage.getItem('tend-journal')") is None
    go(app, "People")
    expect(app.locator(".people li")).to_have_count(1)


def test_a_vcard_file_is_previewed_then_imported_loading_its_reader_only_then(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = open_app(recorder.watch(context.new_page()), site_url + "#/data")
    assert not [u for u in recorder.requests if "vobject" in u], "loaded before it was needed"
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    page.get_by_label("Contacts file").set_input_files(fixtures / "contacts.vcf")
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import people")
    expect(page.locator(".notice-box")).to_contain_text("card 4: has no name")
    assert [u for u in recorder.requests if "vobject" in u]
    page.get_by_label("What to do with Ben Okafor").select_option("skip")
    page.get_by_role("button", name="Import").click()
    expect(page.locator("#notice")).to_contain_text("Imported 3 new people")
    expect(page.locator(".people")).to_contain_text("Ana Lima")
    expect(page.locator(".people")).not_to_contain_text("Ben Okafor")
    assert page.evaluate("window.pwned") is None


def test_people_download_as_vcards_and_the_agenda_as_a_calendar_with_alarms(
    app: Page, recorder: Recorder, site_url: str, tmp_path: Path
) -> None:
    from icalendar import Calendar

    add_person(app, "Ana Lima")
    app.goto(app.url.split("#")[0] + "#/data")
    expect(app.get_by_role("heading", level=1)).to_have_text("Your data")
    with app.expect_download() as saving:
        app.get_by_role("button", name="Download people (vCard)").click()
    assert "FN:Ana Lima" in saving.value.path().read_text()
    assert not [u for u in recorder.requests if "icalendar" in u], "loaded before it was needed"
    app.get_by_label("With an alarm at 9:00 on the day").check()
    with app.expect_download() as saving:
        app.get_by_role("button", name="Download calendar").click()
    saved = tmp_path / saving.value.suggested_filename
    saving.value.save_as(saved)
    assert saved.name == "tend-calendar.ics"
    [event] = Calendar.from_ical(saved.read_text()).walk("VEVENT")
    assert str(event["uid"]).startswith("touch-") and str(event["summary"]) == (
        "Ana Lima: keep in touch")
    assert str(event["url"]).startswith(f"{site_url}#/people/") and event.walk("VALARM")
    expect(app.locator("#notice")).to_contain_text("Saved your calendar as tend-calendar.ics")
    open_app(app, str(event["url"]))  # the link in the calendar opens the person in Tend
    expect(app.get_by_role("heading", level=1)).to_have_text("Ana Lima")


# Records every call the shell makes to the Badging API, and calls the browser's own.
BADGE_CALLS = """(() => {
  const calls = [];
  Object.defineProperty(window, "badgeCalls", { value: calls });
  for (const name of ["setAppBadge", "clearAppBadge"]) {
    const own = navigator[name];
    if (!own) continue;
    navigator[name] = function (...args) {
      calls.push([name, ...args]);
      return own.apply(this, args);
    };
  }
})();"""


def test_the_app_badge_shows_how_many_things_are_due_and_clears_when_none(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    context.add_init_script(BADGE_CALLS)
    page = open_app(recorder.watch(context.new_page()), site_url)
    assert page.evaluate("'setAppBadge' in navigator"), "this Chromium has no Badging API"
    assert page.evaluate("window.badgeCalls.at(-1)") == ["clearAppBadge"]
    long_ago = date.today() - timedelta(days=200)
    seed(page, {key_for(r): encode(r) for r in (
        Contact(id="ana", name="Ana Lima", layer="wider", added_on=long_ago, updated_at=NOW),
        Contact(id="ben", name="Ben Okafor", layer="wider", added_on=long_ago, updated_at=NOW))})
    page.reload()
    wait_until_ready(page)
    assert page.evaluate("window.badgeCalls.at(-1)") == ["setAppBadge", 2]
    assert page.evaluate("document.documentElement.dataset.dueToday") == "2"
    for left in ("1", "0"):
        page.locator("[data-agenda-item]").first.get_by_role("button", name="Done").click()
        expect(page.locator("html")).to_have_attribute("data-due-today", left)
    assert page.evaluate("window.badgeCalls.at(-1)") == ["clearAppBadge"]


def nearly_full_network() -> dict[str, str]:
    """40 people, each with 26 long notes over seven years: about 85% of the budget."""
    today = date.today()
    records: list[Record] = []
    for n in range(40):
        person = Contact(id=f"p{n}", name=f"Person {n}", added_on=today, updated_at=NOW)
        records.append(person)
        records += [Interaction(id=f"p{n}i{k}", contact_id=person.id, note="n" * 4000,
                                on=today - timedelta(days=2600 - 100 * k), updated_at=NOW)
                    for k in range(26)]
    return {key_for(r): encode(r) for r in records}


def test_a_nearly_full_storage_is_flagged_and_archiving_frees_it_losing_nothing(
    app: Page, site_url: str, tmp_path: Path
) -> None:
    seed(app, nearly_full_network())
    app.reload()
    wait_until_ready(app)
    # The saved Today is painted first; on a busy machine the live view of so big a store
    # can take longer than an expect's usual wait to replace it.
    expect(app.locator("#view")).not_to_have_attribute("inert", "", timeout=30_000)
    expect(app.locator(".view")).to_contain_text("storage for this address is 8")
    before = sum(len(k) + len(v) for k, v in tend_entries(app).items())

    app.get_by_role("link", name="Make room").click()
    with app.expect_download() as saving:
        app.get_by_role("button", name="1. Download the archive file").click()
    archive = tmp_path / saving.value.suggested_filename
    saving.value.save_as(archive)
    app.get_by_label("The archive file you saved").set_input_files(archive)
    app.get_by_role("button", name="2. Remove the archived interactions").click()
    expect(app.locator("#notice")).to_contain_text("Removed 720 old interactions")

    after = tend_entries(app)
    assert sum(len(k) + len(v) for k, v in after.items()) < 0.5 * before
    assert len(json.loads(archive.read_text())["records"]) == 720
    go(app, "Today")
    expect(app.locator(".view")).not_to_contain_text("storage for this address is")


def test_an_edit_made_while_the_upgrade_waits_for_python_is_not_overwritten(
    browser: Browser, browser_context_args: dict[str, Any], site_url: str
) -> None:
    # A context without the service worker, so that the test can hold Python's download.
    context = browser.new_context(**browser_context_args, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + "guide/index.html")  # our origin, without starting the app
        old = json.loads((FIXTURES / "storage-v1.json").read_text())
        seed(page, old)
        sam_v1 = next(key for key, value in old.items() if '"Sam"' in value)
        sam_v3 = sam_v1.replace("/v1/contact/", "/v4/c/")
        newer = '{"updated_at":"2027-01-01T00:00:00Z","name":"Sam B","added_on":"2026-11-25"}'
        held: list[Route] = []
        context.route("**/pyodide.asm.wasm",  # hold the first download only
                      lambda route: route.continue_() if held else held.append(route))
        page.goto(site_url + "#/people")
        while not held:  # the app has read storage; Python is still on its way
            page.wait_for_timeout(50)
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [sam_v3, newer])
        held[0].continue_()
        wait_until_ready(page)
        assert tend_entries(page)[sam_v3] == newer
        assert sam_v1 in tend_entries(page), "left for the next start to settle"
        page.reload()
        wait_until_ready(page)
        assert sam_v1 not in tend_entries(page)
        expect(page.locator(".people")).to_contain_text("Sam B")
    finally:
        context.close()


# The shell's storage module, driven on a page of our origin that does not start the app
# (the guide), so that nothing else writes while a test watches storage.
STORAGE = """async () => { window.tend = (await import('../shell/storage.mjs')).storage; }"""
EVERYTHING = "Object.fromEntries(Object.entries(localStorage))"
TEND_KEYS_AND_JOURNAL = """[Object.keys(localStorage).filter((k) => k.startsWith('tend/')).length,
  localStorage.getItem('tend-journal')]"""


def storage_page(context: BrowserContext, recorder: Recorder, site_url: str) -> Page:
    page = recorder.watch(context.new_page())
    page.goto(site_url + "guide/index.html")
    page.evaluate(STORAGE)
    return page


def write_all(page: Page, writes: list[dict[str, str | None]]) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate("(writes) => tend.writeAll(writes)", writes)
    return result


def wait_for_journal(page: Page) -> None:
    """Until a change is being applied on ``page`` (its lock granted, its journal written)."""
    for _ in range(2_000):
        if page.evaluate("localStorage.getItem('tend-journal')") is not None:
            return
        page.wait_for_timeout(5)
    raise AssertionError("no change was being applied")


def imported_people(tag: str, count: int = 5_000) -> list[dict[str, str | None]]:
    """People as an import of a full LinkedIn export stores them: about 350 characters each."""
    today = date.today()
    people = [Contact(id=f"{tag}{n:08d}xx", name=f"Person {tag} {n}",
                      emails=(f"person.{n}@example.org",), company="Acme Analytics and Sons",
                      title="Senior engineering manager", how_met="LinkedIn connection",
                      groups=("LinkedIn",), layer=Layer.WIDER, known_since=today,
                      websites=(f"https://www.linkedin.com/in/person-{tag}-{n}-4b1a2c",),
                      added_on=today, updated_at=NOW)
              for n in range(count)]
    return [{"key": f"tend/v4/c/{p.id}", "value": encode(p)} for p in people]


def people_then_full(page: Page, slack: int) -> list[dict[str, str | None]]:
    """Twenty people stored, then storage filled but for ``slack`` characters."""
    kept = imported_people("k", 20)
    assert write_all(page, kept)["ok"]
    page.evaluate("(slack) => localStorage.setItem('slack', 'x'.repeat(slack))", slack)
    page.evaluate(FILL_STORAGE)
    page.evaluate("localStorage.removeItem('slack')")
    return kept


def test_chromium_gives_an_origin_the_budget_the_meter_counts(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = storage_page(context, recorder, site_url)
    fits = page.evaluate("""(budget) => {
      localStorage.clear();
      const attempt = (n) => {
        try { localStorage.setItem('k', 'é'.repeat(n)); return true; }
        catch { return false; } finally { localStorage.clear(); }
      };
      return [attempt(budget - 1), attempt(budget)];
    }""", BUDGET_CHARS)
    assert fits == [True, False], "key plus value may take the budget, and not one more"


def test_two_imports_of_5000_people_fit_in_either_order(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = storage_page(context, recorder, site_url)
    first, second = imported_people("a"), imported_people("b")
    for one, other in [(first, second), (second, first)]:
        page.evaluate("localStorage.clear()")
        assert write_all(page, one)["ok"]
        saved = write_all(page, other)
        assert saved["ok"], saved.get("message")
        assert page.evaluate(TEND_KEYS_AND_JOURNAL) == [10_000, None]
    used = page.evaluate(
        "Object.entries(localStorage).reduce((n, [k, v]) => n + k.length + v.length, 0)")
    assert 0.6 < used / BUDGET_CHARS < 0.8, "a store this full is what the test is about"


# Counts the records stored so far, and from the first one on, runs a task again and again
# (a setTimeout of 0, as a click's handler would wait): each task notes how many were stored
# when it ran.
WATCH_TASKS = """() => {
  window.stored = 0;
  window.seen = [];
  const setItem = Storage.prototype.setItem;
  const tick = () => { window.seen.push(window.stored); if (window.ticking) setTimeout(tick, 0); };
  Storage.prototype.setItem = function (key, value) {
    setItem.call(this, key, value);
    if (!key.startsWith("tend/")) return;
    if (window.stored === 0) { window.ticking = true; setTimeout(tick, 0); }
    window.stored += 1;
  };
}"""


def test_a_large_write_lets_the_page_run_tasks_between_its_slices(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = storage_page(context, recorder, site_url)
    people = imported_people("s", 2_000)  # about 700,000 characters: three slices or more
    page.evaluate(WATCH_TASKS)
    assert write_all(page, people)["ok"]
    page.evaluate("window.ticking = false")
    seen: list[int] = page.evaluate("window.seen")
    between = sorted({count for count in seen if 0 < count < len(people)})
    assert len(between) >= 2, f"tasks ran only with {between} of {len(people)} stored"


def test_a_change_the_quota_refuses_half_way_leaves_storage_byte_identical(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = storage_page(context, recorder, site_url)
    kept = people_then_full(page, slack=60_000)
    before = page.evaluate(EVERYTHING)
    # Three people replaced by longer versions, then 400 new ones: the journal fits in the
    # slack, the change does not.
    changed = [{"key": w["key"], "value": str(w["value"]).replace("Person", "Someone renamed")}
               for w in kept[:3]]
    saved = write_all(page, changed + imported_people("n", 400))
    assert not saved["ok"] and "storage for Tend is full" in saved["message"]
    assert page.evaluate(EVERYTHING) == before


def test_a_change_too_big_to_keep_its_old_values_is_refused_before_anything_is_written(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = storage_page(context, recorder, site_url)
    kept = people_then_full(page, slack=0)
    before = page.evaluate(EVERYTHING)
    shorter = [{"key": w["key"], "value": "{}"} for w in kept]
    saved = write_all(page, shorter)
    assert not saved["ok"] and "no room left to keep a copy" in saved["message"]
    assert page.evaluate(EVERYTHING) == before


def test_a_change_a_closed_page_left_half_done_is_taken_back_whole_at_the_next_start(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    first = storage_page(context, recorder, site_url)
    kept = imported_people("k", 10)
    assert write_all(first, kept)["ok"]
    before = first.evaluate(EVERYTHING)
    renamed = [{"key": w["key"], "value": str(w["value"]).replace("Person", "Renamed")}
               for w in kept]
    # The page closes between two slices: after the first, the next never comes.
    first.evaluate("(writes) => { window.setTimeout = () => 0; tend.writeAll(writes); }",
                   renamed + imported_people("n", 2_000))
    wait_for_journal(first)
    assert 10 < first.evaluate(TEND_KEYS_AND_JOURNAL)[0] < 2_010, "part of the change is applied"
    first.close(run_before_unload=False)

    page = open_app(recorder.watch(context.new_page()), site_url + "#/people")
    expect(page.locator("#notice")).to_contain_text("took it back whole")
    after = page.evaluate(EVERYTHING)
    after.pop("tend-snapshot:today", None)
    # Opened, Tend keeps the first day it takes turns with the ten (P8): no change of theirs.
    settings = json.loads(after.pop("tend/v4/s/settings"))
    assert settings.keys() == {"updated_at", "turns_since"}
    assert after == before
    expect(page.locator(".people li")).to_have_count(10)
    expect(page.locator(".people")).not_to_contain_text("Renamed")


def test_a_journal_that_names_keys_outside_tend_is_dropped_and_nothing_changes(
    app: Page,
) -> None:
    add_person(app, "Ana")
    app.evaluate("localStorage.setItem('another-page', 'theirs')")
    ana = app.evaluate("Object.keys(localStorage).find(k => k.startsWith('tend/v4/c/'))")
    planted = {"added": [ana, "another-page"], "old": {}}
    app.evaluate("(journal) => localStorage.setItem('tend-journal', JSON.stringify(journal))",
                 planted)
    before = app.evaluate(EVERYTHING)
    app.reload()
    wait_until_ready(app)
    after = app.evaluate(EVERYTHING)
    assert after.pop("tend-journal", None) is None
    before.pop("tend-journal")
    assert after == before
    go(app, "People")
    expect(app.locator(".people")).to_contain_text("Ana")


def test_a_tab_starting_while_another_saves_waits_instead_of_taking_its_change_back(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    saving = storage_page(context, recorder, site_url)
    starting = storage_page(context, recorder, site_url)
    writes = imported_people("n", 3_000)
    # Each slice waits a while before the next, so the second tab starts mid-change.
    saving.evaluate("""(writes) => {
      const later = window.setTimeout;
      window.setTimeout = (next) => later(next, 300);
      window.saving = tend.writeAll(writes);
    }""", writes)
    wait_for_journal(saving)
    # The second tab's start-up recovery waits for the lock, and leaves alone a journal
    # whose tab is open (its view of storage may not have caught up with that tab yet).
    assert starting.evaluate("tend.recover()") == {"taken": 0, "finished": 0}
    assert saving.evaluate("window.saving.then((r) => r.ok)")
    # Read where it was written: another tab's view of storage catches up a moment later.
    assert saving.evaluate(TEND_KEYS_AND_JOURNAL) == [3_000, None]


def test_the_meter_counts_other_pages_of_the_address_and_says_what_would_help(
    app: Page,
) -> None:
    add_person(app, "Ana")
    app.evaluate("for (let i = 0; i < 9; i++) localStorage.setItem(`blog/${i}`, 'x'.repeat(5e5))")
    app.reload()
    wait_until_ready(app)
    go(app, "Today")
    warning = app.locator(".view .reason.warn").filter(has_text="full")
    expect(warning).to_contain_text("86% full, mostly by other pages of this address")
    link = warning.get_by_role("link", name="How to give Tend an address of its own")
    expect(link).to_have_attribute("href", "guide/using-tend.html#own-origin")
    app.goto(app.url.split("#")[0] + "#/data")
    expect(app.locator(".view")).to_contain_text(
        "This browser gives this address about 5.2 million characters. Tend uses under 1%, "
        "other pages of this address use 86%.")
