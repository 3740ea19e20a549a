"""The passphrase lock as the core decides it: what it asks the page to do, and what a
locked Tend shows before the passphrase is typed (nothing of the network)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from core.app import App
from core.formats.sealing import ITERATIONS
from core.model import Contact
from core.storage.codec import encode, key_for
from core.storage.lock import LOCK_KEY, MARKER, PREFIX, sealed_length

from .factories import NOW, TODAY

PASSPHRASE = "a walk along the river"


def send(app: App, event: dict[str, Any], lock: str = "off") -> dict[str, Any]:
    request = {"event": event, "today": TODAY.isoformat(), "now": f"{TODAY}T10:00:00Z",
               "new_id": "id1", "lock": lock}
    answer: dict[str, Any] = json.loads(app.handle_json(json.dumps(request)))
    return answer


def lock_fields(**changes: str) -> dict[str, str]:
    return {"passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE, "understood": "yes",
            **changes}


def app_with_ana() -> App:
    app = App.from_storage({})
    send(app, {"type": "add_contact", "fields": {"name": "Ana Secret"}})
    return app


def test_locking_asks_the_page_to_seal_every_record_and_drop_the_saved_today() -> None:
    answer = send(app_with_ana(), {"type": "lock_storage",
                                   "fields": lock_fields(passphrase=f"  {PASSPHRASE} ")})
    how = answer["lock"]
    assert how["do"] == "lock" and how["key"] == LOCK_KEY
    assert how["passphrase"] == PASSPHRASE  # surrounding spaces gone, as when sealing
    assert how["prefix"] == PREFIX and how["marker"] == MARKER
    assert "tend-snapshot:today" in how["drop"]
    assert how["header"]["iterations"] == ITERATIONS
    assert "writes" not in answer  # an Ask changes nothing


def test_the_lock_is_refused_until_the_user_says_a_forgotten_passphrase_loses_the_data() -> None:
    answer = send(app_with_ana(), {"type": "lock_storage",
                                   "fields": lock_fields(understood="")})
    assert "lock" not in answer and answer["writes"] == []
    assert "Nothing was locked" in answer["notice"]
    assert "nobody can read" in answer["html"]


def test_two_differing_passphrases_or_a_short_one_lock_nothing_and_say_why() -> None:
    app = app_with_ana()
    differing = send(app, {"type": "lock_storage",
                           "fields": lock_fields(passphrase_again="a walk along the sea")})
    assert "lock" not in differing and "The two passphrases differ" in differing["html"]
    short = send(app, {"type": "lock_storage", "fields": lock_fields(passphrase="short",
                                                                      passphrase_again="short")})
    assert "lock" not in short and "at least 8 characters" in short["html"]


def test_once_the_page_has_locked_storage_the_user_is_told_and_can_remove_the_lock() -> None:
    app = app_with_ana()
    answer = send(app, {"type": "lock_storage", "fields": lock_fields(locked="yes")},
                  lock="open")
    assert answer["notice"].startswith("Locked.") and answer["route"] == "#/data"
    assert "Remove the lock" in answer["html"] and "Lock Tend" not in answer["html"]


def test_your_data_offers_the_lock_with_a_backup_first_while_there_is_none() -> None:
    html = send(app_with_ana(), {"type": "navigate", "route": "#/data"})["html"]
    assert "Lock Tend" in html and "Download a backup first" in html
    assert "there is no reset" in html


def test_a_closed_lock_shows_only_the_passphrase_form_and_nothing_of_the_network() -> None:
    answer = send(app_with_ana(), {"type": "navigate", "route": "#/people"}, lock="closed")
    assert answer["title"] == "Locked" and "Tend is locked" in answer["html"]
    assert "Ana" not in answer["html"] and answer["due_today"] == 0
    assert answer["writes"] == [] and answer["undo"] == ""
    assert 'name="back" value="#/people"' in answer["html"]


def test_a_closed_lock_takes_no_other_action() -> None:
    app = App.from_storage({})
    answer = send(app, {"type": "add_contact", "fields": {"name": "Bea"}}, lock="closed")
    assert answer["writes"] == [] and "Tend is locked" in answer["html"]
    assert "Bea" not in json.dumps(app.entries)


def test_opening_asks_the_page_to_try_the_passphrase() -> None:
    answer = send(App.from_storage({}), {"type": "unlock_storage",
                                         "fields": {"passphrase": PASSPHRASE}}, lock="closed")
    assert answer["lock"] == {"do": "unlock", "passphrase": PASSPHRASE, "key": LOCK_KEY,
                              "field": "unlocked"}


def test_a_wrong_passphrase_shows_the_form_again_saying_nothing_changed() -> None:
    answer = send(App.from_storage({}), {"type": "unlock_storage", "fields": {
        "passphrase": "not it at all", "unlocked": "no"}}, lock="closed")
    assert "lock" not in answer and answer["writes"] == []
    assert "does not open" in answer["html"] and "nothing was changed" in answer["notice"]


def test_an_empty_passphrase_asks_for_one_without_trying() -> None:
    answer = send(App.from_storage({}), {"type": "unlock_storage", "fields": {}},
                  lock="closed")
    assert "lock" not in answer and "Type the passphrase" in answer["html"]


def test_once_open_the_page_tend_was_opened_at_is_shown() -> None:
    answer = send(app_with_ana(), {"type": "unlock_storage", "fields": {
        "unlocked": "yes", "back": "#/people"}}, lock="open")
    assert answer["route"] == "#/people" and "Ana Secret" in answer["html"]


def test_an_unknown_page_to_go_back_to_after_opening_is_today() -> None:
    answer = send(app_with_ana(), {"type": "unlock_storage", "fields": {
        "unlocked": "yes", "back": "https://elsewhere.example/"}}, lock="open")
    assert answer["route"] == "#/today"


def test_removing_the_lock_asks_the_page_then_says_plain_text_is_back() -> None:
    app = app_with_ana()
    asked = send(app, {"type": "remove_lock", "fields": {}}, lock="open")
    assert asked["lock"] == {"do": "remove", "key": LOCK_KEY, "field": "removed"}
    done = send(app, {"type": "remove_lock", "fields": {"removed": "yes"}})
    assert done["notice"].startswith("The lock is off") and "Lock Tend" in done["html"]


def test_a_lock_the_browser_could_not_apply_says_nothing_changed() -> None:
    answer = send(app_with_ana(), {"type": "lock_storage", "fields": lock_fields(
        locked="failed", failure="QuotaExceededError")})
    assert "Nothing was locked" in answer["notice"] and "QuotaExceededError" in answer["notice"]


def stored_like_the_shell(key: str, value: str) -> str:
    """A value sealed as site/shell/vault.mjs seals it (AES-GCM, the key as associated data)."""
    import base64

    aead = pytest.importorskip("cryptography.hazmat.primitives.ciphers.aead",
                               reason="Pyodide's test run has no cryptography wheel")
    AESGCM = aead.AESGCM

    iv = bytes(12)
    sealed = AESGCM(bytes(32)).encrypt(iv, value.encode(), key.encode())
    return MARKER + base64.b64encode(iv + sealed).decode()


def test_a_sealed_value_is_counted_as_long_as_it_is_stored() -> None:
    for value in ["", "a", "ab", "abc", '{"name": "Zoë Kovács 🌿"}', "x" * 4001]:
        assert sealed_length(value) == len(stored_like_the_shell("tend/contact/1", value))


def test_the_storage_meter_counts_what_a_locked_store_really_takes() -> None:
    people = [Contact(id=f"p{n:04d}", name=f"Person {n:04d}", how_met="x" * 200,
                      added_on=TODAY, updated_at=NOW) for n in range(3000)]
    app = App.from_storage({key_for(c): encode(c) for c in people})
    data = {"type": "navigate", "route": "#/data"}
    assert "Tend uses 18%" in send(app, data, lock="off")["html"]
    assert "Tend uses 26%" in send(app, data, lock="open")["html"]
