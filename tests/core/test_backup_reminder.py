"""The backup line on Today can be put off ("Not now": a week) or set to a rhythm on Your
data (weekly, monthly, never), and still never comes on a day a backup was saved or when
nothing has changed since the last one."""

from __future__ import annotations

import json
from datetime import date, timedelta
from html import unescape
from typing import Any

from core.app import App
from core.storage.codec import encode, key_for

from .factories import NOW, TODAY, contact

AGO = TODAY - timedelta(days=40)
NEVER_SAVED = "You have never saved a backup of your network."


def app_with_five_people() -> App:
    """Five people added and last written 40 days ago, never backed up: the line is due
    on the day the fifth was added, and every seventh day after."""
    people = [contact(n, added_on=AGO).model_copy(update={"updated_at": NOW - timedelta(days=40)})
              for n in ("Ana", "Ben", "Cy", "Di", "Ed")]
    return App.from_storage({key_for(p): encode(p) for p in people})


def send(app: App, event: dict[str, Any], on: date) -> dict[str, Any]:
    request = {"event": event, "today": on.isoformat(), "now": f"{on}T10:00:00Z",
               "new_id": f"n{on:%j}"}
    answer: dict[str, Any] = json.loads(app.handle_json(json.dumps(request)))
    return answer


def today_on(app: App, on: date) -> str:
    return unescape(send(app, {"type": "navigate", "route": "#/today"}, on)["html"])


def days_shown(app: App, start: date, days: int) -> list[int]:
    return [n for n in range(days)
            if "backup" in today_on(app, start + timedelta(days=n)).casefold()]


def test_not_now_quiets_the_backup_line_for_a_week_then_it_comes_back() -> None:
    app = app_with_five_people()
    assert NEVER_SAVED in today_on(app, TODAY - timedelta(days=5))  # day 35 of 0, 7, …
    answer = send(app, {"type": "backup_not_now", "fields": {}}, TODAY - timedelta(days=5))
    assert answer["notice"] == "All right: no backup reminder until 27 Nov."
    assert NEVER_SAVED not in unescape(answer["html"])
    assert days_shown(app, TODAY - timedelta(days=5), 15) == [7, 14]


def test_today_offers_not_now_beside_the_backup_line() -> None:
    html = today_on(app_with_five_people(), TODAY - timedelta(days=5))
    assert 'data-action="backup_not_now"' in html
    assert ">Not now</button>" in html


def test_remind_me_to_back_up_never_keeps_today_quiet() -> None:
    app = app_with_five_people()
    answer = send(app, {"type": "backup_reminder", "fields": {"every": "never"}}, TODAY)
    assert answer["route"] == "#/data"
    assert '<option value="never" selected>Never</option>' in answer["html"]
    assert days_shown(app, TODAY, 60) == []


def test_a_weekly_reminder_comes_eight_days_after_the_last_backup_and_then_weekly() -> None:
    app = app_with_five_people()
    send(app, {"type": "backup_reminder", "fields": {"every": "weekly"}}, TODAY)
    send(app, {"type": "export_data", "fields": {}}, TODAY)
    assert days_shown(app, TODAY, 20) == []  # nothing changed since
    send(app, {"type": "add_contact", "fields": {"name": "Fay"}}, TODAY + timedelta(days=2))
    assert days_shown(app, TODAY, 20) == [8, 15]
    assert "Your last backup is 8 days old." in today_on(app, TODAY + timedelta(days=8))


def test_a_backup_saved_today_keeps_the_line_away_whatever_the_rhythm() -> None:
    app = app_with_five_people()
    send(app, {"type": "backup_reminder", "fields": {"every": "weekly"}}, TODAY)
    send(app, {"type": "add_contact", "fields": {"name": "Fay"}}, TODAY)
    send(app, {"type": "export_data", "fields": {}}, TODAY + timedelta(days=8))
    assert "backup" not in today_on(app, TODAY + timedelta(days=8)).casefold()


def test_a_rhythm_that_is_not_offered_is_refused_and_nothing_changes() -> None:
    app = app_with_five_people()
    send(app, {"type": "navigate", "route": "#/data"}, TODAY)  # the page's first request
    answer = send(app, {"type": "backup_reminder", "fields": {"every": "hourly"}}, TODAY)
    assert answer["writes"] == []
    assert "weekly, monthly or never" in unescape(answer["html"]) + answer["notice"]
