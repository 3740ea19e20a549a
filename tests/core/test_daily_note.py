"""The daily note an installed Tend shows while closed (core.rules.daily_note)."""

from __future__ import annotations

import json
from datetime import timedelta

from core.app import App
from core.model import Layer
from core.rules.agenda import agenda
from core.rules.daily_note import DAYS_AHEAD, daily_notes, note_text

from .factories import TODAY, contact, network_of


def test_the_notes_count_what_today_will_list_on_each_coming_day() -> None:
    # An inner-circle tie every 14 days, added 10 days ago: due in 4 days, not before.
    ana = contact("Ana Lima", layer=Layer.INNER, added_on=TODAY - timedelta(days=10))
    network = network_of(ana)
    notes = daily_notes(network, TODAY)
    assert [n.day for n in notes] == [TODAY + timedelta(days=k) for k in range(DAYS_AHEAD)]
    assert [n.count for n in notes] == [len(agenda(network, n.day)) for n in notes]
    assert notes[0].count == 0 and notes[4].count == 1
    assert notes[0].text == "" and notes[4].text.startswith("1 thing on Today's list")


def test_a_note_gives_a_number_and_never_a_name() -> None:
    people = [contact(name, layer=Layer.INNER, added_on=TODAY - timedelta(days=30))
              for name in ("Ana Lima", "Ben Okafor")]
    [note, *_] = daily_notes(network_of(*people), TODAY)
    assert note.count == 2
    assert note.text == note_text(2) == "2 things on Today's list. Open Tend to see who and why."
    assert "Ana" not in note.text and "Ben" not in note.text


def send(app: App, notes: bool) -> dict[str, object]:
    request = {"event": {"type": "navigate", "route": "#/today"}, "today": TODAY.isoformat(),
               "now": f"{TODAY.isoformat()}T10:00:00Z", "new_id": "id1", "notes": notes}
    return json.loads(app.handle_json(json.dumps(request)))


def test_the_answer_carries_the_notes_only_when_the_shell_asks_for_them() -> None:
    app = App.from_storage({})
    assert send(app, notes=False)["notes"] is None
    notes = send(app, notes=True)["notes"]
    assert isinstance(notes, list) and len(notes) == DAYS_AHEAD
    assert notes[0] == {"day": TODAY.isoformat(), "count": 0, "text": ""}
