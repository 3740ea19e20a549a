"""Locking what Tend stores with a passphrase, opening it, and taking the lock off.

Each action first asks the shell to do the cryptography (``core.storage.lock``); the
shell sends the same event back with how it went in a field (``locked``, ``unlocked``,
``removed``: "yes", "no" for a passphrase that does not open the lock, or "failed" with
``failure``), and only then is the user told.
"""

from __future__ import annotations

from core.actions.outcome import Context, Fields, Outcome
from core.formats.sealing import passphrase_problem
from core.forms import FormState, clean
from core.network import Network
from core.routes import HOME, known_route, route_to
from core.storage.lock import lock_request, remove_request, unlock_request

WRONG = "That passphrase does not open this Tend. Check it and try again; nothing was changed."
LOCKED = ("Locked. Everything Tend keeps in this browser is now sealed with your passphrase; "
          "each time Tend opens, it asks for it first.")
REMOVED = "The lock is off. What Tend keeps in this browser is plain text again."


def lock_storage(fields: Fields, network: Network, context: Context) -> Outcome:
    """Seal storage with a passphrase, once the user has typed it twice and said they
    understand that a forgotten passphrase cannot be recovered."""
    typed = clean(fields, ("passphrase", "passphrase_again", "understood", "locked",
                           "failure"))
    if typed["locked"] == "yes":
        return Outcome(route=route_to("data"), notice=LOCKED)
    if typed["locked"]:
        return Outcome(route=route_to("data"), notice=f"Nothing was locked: this browser could not "
                       f"do it ({typed['failure'] or 'storage refused'}). Everything is as it was.")
    errors = {}
    if problem := passphrase_problem(typed["passphrase"]):
        errors["passphrase"] = f"Choose a longer passphrase: {problem}."
    elif typed["passphrase_again"] != typed["passphrase"]:
        errors["passphrase_again"] = "The two passphrases differ; type the same one twice."
    if typed["understood"] != "yes":
        errors["understood"] = ("Tick this to lock: without the passphrase, nobody can read "
                                "what is stored, you included.")
    if errors:
        kept = {"understood": typed["understood"]}
        return Outcome(route=route_to("data"), forms={"lock_storage": FormState(kept, errors)},
                       notice="Nothing was locked: please fix what is marked.")
    return Outcome(lock=lock_request(typed["passphrase"]))


def unlock_storage(fields: Fields, network: Network, context: Context) -> Outcome:
    """Open a locked Tend for this session, then show the page it was opened at."""
    typed = clean(fields, ("passphrase", "unlocked", "back"))
    back = known_route(typed["back"], HOME)
    if typed["unlocked"] == "yes":
        return Outcome(route=back)
    if typed["unlocked"] == "no":
        return Outcome(forms={"unlock_storage": FormState({}, {"passphrase": WRONG})},
                       notice=WRONG)
    if typed["unlocked"]:
        return Outcome(notice="This browser could not open the lock. Reload to try again; "
                       "nothing was changed.")
    if not typed["passphrase"]:
        return Outcome(forms={"unlock_storage": FormState({}, {
            "passphrase": "Type the passphrase you locked Tend with."})})
    return Outcome(lock=unlock_request(typed["passphrase"]))


def remove_lock(fields: Fields, network: Network, context: Context) -> Outcome:
    """Write everything back in plain text and forget the passphrase."""
    typed = clean(fields, ("removed", "failure"))
    if typed["removed"] == "yes":
        return Outcome(route=route_to("data"), notice=REMOVED)
    if typed["removed"]:
        return Outcome(route=route_to("data"),
                       notice="The lock is still on: this browser could not take it off "
                       f"({typed['failure'] or 'storage refused'}). Nothing was lost.")
    return Outcome(lock=remove_request())
