"""The core's memory snapshot (site/shell/memory-snapshot.mjs): made in the browser in
the background, a start from it answers exactly as an ordinary start does, and one
that is not this build's, or is damaged, is refused and the ordinary start used."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from .helpers import (
    FIXTURES,
    ICON,
    Recorder,
    add_person,
    open_app,
    wait_for_memory_snapshot,
    wait_for_offline_copy,
    wait_until_ready,
)
from .helpers import (
    SESSION as PARITY,
)

VCARD = (FIXTURES / "contacts.vcf").read_text()
CALENDAR = (FIXTURES / "calendar-google.ics").read_text()
# The parity test's session (views, validation, cadence), then what a snapshot could get
# wrong: undo, a vCard (vobject, loaded lazily), a calendar (the rest of the stdlib).
SESSION: list[dict[str, Any]] = [
    *PARITY,
    {"type": "undo"},
    {"type": "preview_import", "fields": {"file": VCARD}},
    {"type": "confirm_import", "fields": {"everyone": "yes"}},
    {"type": "preview_import", "fields": {"file": CALENDAR}},
    {"type": "navigate", "route": "#/people/r1"},
]


def requests() -> list[str]:
    return [json.dumps({"event": e, "today": "2026-11-25", "now": "2026-11-25T08:00:00Z",
                        "new_id": f"r{n}"}) for n, e in enumerate(SESSION)]


def session(page: Page, site_url: str) -> dict[str, Any]:
    """The scripted session in a core worker of its own: how it started, every answer."""
    result: dict[str, Any] = page.evaluate(
        """async ([base, requests]) => {
          const worker = new Worker(base + "shell/core-worker.mjs", { type: "module" });
          let next = 0;
          const ask = (message) => new Promise((resolve, reject) => {
            const id = next++;
            worker.addEventListener("message", function heard({ data }) {
              if (data.id !== id) return;
              worker.removeEventListener("message", heard);
              if (data.error) reject(new Error(data.error)); else resolve(data);
            });
            worker.postMessage({ id, ...message });
          });
          const answers = [];
          let started = null;
          for (const [n, request] of requests.entries()) {
            const data = await ask(n ? { request } : { start: "{}", request });
            started ??= data.started;
            answers.push(data.answer);
          }
          return { started, answers };
        }""",
        [site_url, requests()],
    )
    return result


def open_page(context: BrowserContext, recorder: Recorder, site_url: str) -> Page:
    page = recorder.watch(context.new_page())
    # A page of ours that does not boot the app itself; a JSON document asks for the
    # origin's favicon, which the build has under icons/.
    page.route("**/favicon.ico", lambda route: route.fulfill(path=ICON))
    page.goto(site_url + "pyodide/pyodide-lock.json")
    return page


@pytest.fixture
def snapshot_kept(context: BrowserContext, recorder: Recorder, site_url: str
                  ) -> tuple[Page, list[str]]:
    """A page whose origin keeps a memory snapshot, and the answers of an ordinary start.
    The first start asks for no snapshot (a single visit never pays for one); the second
    has one made in the background."""
    page = open_page(context, recorder, site_url)
    assert session(page, site_url)["started"] == "plain"
    plain = session(page, site_url)
    assert plain["started"] == "plain"
    wait_for_memory_snapshot(page)
    return page, plain["answers"]


def test_a_start_from_the_memory_snapshot_answers_exactly_as_an_ordinary_start(
    snapshot_kept: tuple[Page, list[str]], site_url: str
) -> None:
    page, plain = snapshot_kept
    restored = session(page, site_url)
    assert restored["started"] == "snapshot"
    assert restored["answers"] == plain
    assert len(plain) == len(SESSION)
    assert "Ana &lt;b&gt;Lima&lt;/b&gt;" in restored["answers"][-1]


def rewrite_snapshot(page: Page, change: str) -> None:
    """Change the kept snapshot: its build key ("key"), the files it restores ("files":
    none, so it restores and then fails), one byte of memory ("byte"), or its format
    number, to the first one's ("format")."""
    page.evaluate(
        """async (change) => {
          const cache = await caches.open("tend-memory-snapshot");
          const request = (await cache.keys()).find(({ url }) => url.endsWith(".bin"));
          const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
          const [, format, length, padded] = new Uint32Array(bytes.buffer, 0, 4);
          let kept = bytes;
          if (change === "key" || change === "files") {
            const meta = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length)));
            if (change === "key") meta.key = "another build";
            else meta.files = [];
            const json = new TextEncoder().encode(JSON.stringify(meta));
            const head = new Uint8Array(Math.ceil((16 + json.length) / 8) * 8);
            new Uint32Array(head.buffer, 0, 4).set([0x534e4554, format, json.length, head.length]);
            head.set(json, 16);
            kept = new Uint8Array(head.length + bytes.length - padded);
            kept.set(head);
            kept.set(bytes.subarray(padded), head.length);
          } else if (change === "byte") {
            kept[padded + 1_000_000] ^= 1;
          } else {
            new Uint32Array(kept.buffer, 0, 4)[1] = 1;
          }
          await cache.put(request, new Response(kept));
        }""",
        change,
    )


@pytest.mark.parametrize("change", ["key", "byte", "format"])
def test_a_snapshot_of_another_build_or_format_or_damaged_is_refused_and_the_ordinary_start_used(
    snapshot_kept: tuple[Page, list[str]], site_url: str, change: str
) -> None:
    page, plain = snapshot_kept
    rewrite_snapshot(page, change)
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))
    refused = session(page, site_url)
    assert refused["started"] == "plain"
    assert refused["answers"] == plain
    why = {"key": "a snapshot of another build", "byte": "a damaged snapshot",
           "format": "not a snapshot of this format"}[change]
    assert f"Tend started without its memory snapshot: {why}" in said
    kept = page.evaluate("caches.open('tend-memory-snapshot').then((c) => c.keys())"
                         ".then((keys) => keys.map(({ url }) => url))")
    assert not [url for url in kept if url.endswith(".bin")], "the refused snapshot was kept"


def test_the_daily_case_the_app_reopens_offline_from_its_snapshot_with_the_users_data(
    context: BrowserContext, recorder: Recorder, site_url: str
) -> None:
    page = open_app(recorder.watch(context.new_page()), site_url)
    wait_for_offline_copy(page)
    add_person(page, "Ana")
    page.reload()  # the second start has the snapshot made
    wait_until_ready(page)
    wait_for_memory_snapshot(page)

    context.set_offline(True)
    page.reload()
    wait_until_ready(page)
    assert page.evaluate("document.documentElement.dataset.core") == "snapshot"
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana")
    add_person(page, "Bo")  # and it keeps working: a write, a render
    context.set_offline(False)


def test_a_snapshot_that_restores_but_then_fails_is_given_up_and_the_start_answers_anyway(
    snapshot_kept: tuple[Page, list[str]], site_url: str
) -> None:
    page, plain = snapshot_kept
    rewrite_snapshot(page, "files")
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))
    recovered = session(page, site_url)
    assert recovered["started"] == "plain"
    assert recovered["answers"] == plain
    assert any(line.startswith("Tend gave up its memory snapshot for this version:")
               for line in said)
    kept = page.evaluate("caches.open('tend-memory-snapshot').then((c) => c.keys())"
                         ".then((keys) => keys.map(({ url }) => url.split('/').pop()))")
    assert kept == ["memory-snapshot-refused"]
    page.wait_for_timeout(3000)  # past the time a snapshot would be asked for
    assert session(page, site_url)["started"] == "plain"
