"""Acting on a possible duplicate: merge the two into one, or say they are two people.

A merge is one change for Undo, however many records it moves (``core.rules.merging``).
"They are two people" is kept as a decision under the pair's key, so the pair is not
offered again, after a reload or on another device that merges the backup.
"""

from __future__ import annotations

from core.actions.outcome import Context, Fields, Invalid, Outcome
from core.forms import clean, values_of
from core.model import AgendaDecision, Contact
from core.network import Network
from core.routes import person_route, route_to
from core.rules.duplicates import distinct_key
from core.rules.merging import CHOSEN, LISTS, merged_records

ROUTE = route_to("duplicates")


def merge_duplicates(fields: Fields, network: Network, context: Context) -> Outcome:
    """Merge ``other`` into ``keep`` with the values the user picked in the preview."""
    kept, other = _pair(fields, network)
    typed = clean(fields, tuple(f"pick-{name}" for name in CHOSEN))
    picks = {name: typed[f"pick-{name}"] for name in CHOSEN if typed[f"pick-{name}"]}
    lists = {name: values_of(fields, f"list-{name}") for name in LISTS}
    records = merged_records(kept, other, picks, lists, network, context.now)
    stays = next(r for r in records if isinstance(r, Contact) and r.id == kept.id)
    return Outcome(tuple(records), person_route(kept.id),
                   f"Merged {other.name} into {stays.name}: one person now, with "
                   "everything from both. Undo puts both back.")


def not_duplicates(fields: Fields, network: Network, context: Context) -> Outcome:
    """Remember that the two are two people, so the pair is not suggested again."""
    one, other = _pair(fields, network)
    decision = AgendaDecision(id=distinct_key(one.id, other.id), updated_at=context.now,
                              skipped=True)
    return Outcome((decision,), ROUTE,
                   f"Noted: {one.name} and {other.name} are two people.")


def _pair(fields: Fields, network: Network) -> tuple[Contact, Contact]:
    """The two people a form is about; either gone means the page is stale."""
    wanted = clean(fields, ("keep", "other"))
    one, other = network.contacts.get(wanted["keep"]), network.contacts.get(wanted["other"])
    if one is None or other is None or one.id == other.id:
        raise Invalid(Outcome(route=ROUTE, notice="One of these two is no longer here; "
                                                  "nothing was changed."))
    return one, other
