"""Importing the calendar file into a real calendar store, twice and then after a change,
leaves one event for each UID, holding the newer text.

The store is Radicale, a CalDAV server, run in this process on a folder of its own (no
network). Calendar apps import a file in one of two ways, and both are tried: each event
as its own resource named after its UID (as CalDAV clients such as Thunderbird and DAVx5
store them), or the whole file put at the calendar's address at once. The core suite also
runs inside Pyodide, where Radicale is not installed: there these tests are skipped.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from icalendar import Calendar

from core.formats.agenda_calendar import agenda_calendar
from core.model import DateKind, Plan
from core.network import Network

from .factories import NOW, TODAY, contact, important_date, interaction, network_of

radicale = pytest.importorskip("radicale")
# Pyodide has neither Radicale nor wsgiref, so both come after the skip.
setup_testing_defaults = pytest.importorskip("wsgiref.util").setup_testing_defaults
COLLECTION = "/ana/tend/"
PAGE = "https://me.example/tend/index.html#/data"
Store = Callable[..., tuple[str, bytes]]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A request to a Radicale holding its calendars under tmp_path: (status, body)."""
    configuration = radicale.config.load()
    configuration.update({"storage": {"filesystem_folder": str(tmp_path / "collections")},
                          "auth": {"type": "none"}, "rights": {"type": "owner_only"},
                          "logging": {"level": "warning"}}, "test")
    app = radicale.Application(configuration)
    login = "Basic " + base64.b64encode(b"ana:any").decode()

    def request(method: str, path: str, body: str = "", **headers: str) -> tuple[str, bytes]:
        data = body.encode()
        environ: dict[str, Any] = {"REQUEST_METHOD": method, "PATH_INFO": path,
                                   "CONTENT_LENGTH": str(len(data)),
                                   "wsgi.input": io.BytesIO(data), "HTTP_AUTHORIZATION": login,
                                   **{f"HTTP_{k.upper()}": v for k, v in headers.items()}}
        if body:
            environ["CONTENT_TYPE"] = "text/calendar; charset=utf-8"
        setup_testing_defaults(environ)
        answer: list[str] = []
        chunks = app(environ, lambda status, _headers: answer.append(status))
        return answer[0], b"".join(chunks)

    status, _ = request("MKCALENDAR", COLLECTION)
    assert status.startswith("201"), status
    return request


def each_event_by_uid(store: Store, text: str) -> None:
    """Import as a CalDAV client does: each event its own resource, named after its UID."""
    calendar = Calendar.from_ical(text)
    for event in calendar.walk("VEVENT"):
        one = Calendar()
        for name, value in calendar.property_items(recursive=False):
            if name not in ("BEGIN", "END"):
                one.add(name, value)
        one.add_component(event)
        href = COLLECTION + quote(str(event["uid"]), safe="") + ".ics"
        status, body = store("PUT", href, one.to_ical().decode())
        assert status[:3] in ("201", "204"), (status, body)


def whole_file(store: Store, text: str) -> None:
    """Import the whole file at the calendar's address, as one upload."""
    status, body = store("PUT", COLLECTION, text)
    assert status[:3] in ("201", "204"), (status, body)


def held(store: Store) -> dict[str, list[Any]]:
    """Every event the store holds, listed under its UID."""
    status, body = store("GET", COLLECTION)
    assert status.startswith("200"), status
    found: dict[str, list[Any]] = {}
    for event in Calendar.from_ical(body).walk("VEVENT"):
        found.setdefault(str(event["uid"]), []).append(event)
    return found


def ana_and_ben() -> Network:
    """Two people due for a word, a birthday and a planned step: four events."""
    return network_of(contact("Ana Lima", id="ana"), contact("Ben Okafor", id="ben"),
                      interaction("ana", date(2026, 10, 1)), interaction("ben", date(2026, 11, 20)),
                      important_date("ana", DateKind.BIRTHDAY, 4, 12, year=1990, id="ana-bd"),
                      Plan(id="ben", contact_id="ben", why="She knows the clinic market",
                           next_step="Coffee to talk about the pilot",
                           next_on=date(2026, 12, 3), updated_at=NOW))


@pytest.mark.parametrize("import_file", [each_event_by_uid, whole_file])
def test_importing_the_export_twice_and_after_a_change_keeps_one_event_per_uid_with_the_newer_text(
    store: Store, import_file: Callable[[Store, str], None]
) -> None:
    network = ana_and_ben()
    first = agenda_calendar(network, TODAY, PAGE, alarms=True)
    import_file(store, first)
    import_file(store, first)
    once = held(store)
    assert {uid: len(events) for uid, events in once.items()} == {
        "touch-ana@tend": 1, "touch-ben@tend": 1, "ana-bd@tend": 1, "plan-ben@tend": 1}

    renamed: Network = network.with_record(
        contact("Ana Souza", id="ana").model_copy(update={"updated_at": NOW + timedelta(hours=1)}))
    import_file(store, agenda_calendar(renamed, TODAY + timedelta(days=1), PAGE, alarms=True))
    after = held(store)
    assert {uid: len(events) for uid, events in after.items()} == {
        uid: 1 for uid in once}
    assert str(after["touch-ana@tend"][0]["summary"]) == "Ana Souza: keep in touch"
    assert "Ana Souza" in str(after["ana-bd@tend"][0]["summary"])
    assert after["touch-ana@tend"][0]["sequence"] > once["touch-ana@tend"][0]["sequence"]
    assert after["plan-ben@tend"][0]["sequence"] == once["plan-ben@tend"][0]["sequence"]
    assert "Ana Lima" not in store("GET", COLLECTION)[1].decode()
