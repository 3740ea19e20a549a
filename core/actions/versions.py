"""Saving an edit over a record another tab saved meanwhile: merged, or asked about.

An edit form sends back its base (``core.forms.base_of``): the record's fields as the
form showed them. The save is merged with what is stored now (``core.storage.merge3``),
so a change the other tab made to another field stays, and a field both tabs changed
differently is never decided for the user: the form comes back with both texts.
"""

from __future__ import annotations

from typing import TypeVar

from core.actions.outcome import Fields, Invalid, Outcome
from core.forms import (
    EDITED,
    SET_FIELDS,
    FormState,
    base_of,
    edited_values,
    form_text,
    form_values,
    read_base,
)
from core.model import Record
from core.storage.merge3 import merge3

R = TypeVar("R", bound=Record)

CONFLICTED = ("While you were editing, another tab saved something else here; it is shown "
              "below. Keep one or combine them, then save.")


def over_stored(edited: R, stored: R | None, fields: Fields, kind: str, form: str, route: str,
                subject: str) -> R:
    """The record an edit form's save writes: ``edited`` (the form's fields over the
    record as stored now) merged with what was saved since the form's base.

    Raises Invalid, writing nothing, when both sides changed a field differently: the
    form comes back holding the merge (the user's text in each such field, the other
    tab's beside it) over the stored record as its new base, so the next save settles
    it. ``subject`` opens the message: "This plan was", "Ana's details were".
    """
    base = read_base(fields)
    if base is None or stored is None:
        return edited
    theirs = edited_values(stored, kind)
    merge = merge3(base, edited_values(edited, kind), theirs, SET_FIELDS)
    record = type(edited).model_validate({**edited.model_dump(), **merge.values})
    if not merge.conflicts:
        return record
    state = FormState(form_values(record, kind).values,
                      dict.fromkeys(merge.conflicts, CONFLICTED), base=base_of(stored, kind),
                      theirs={name: form_text(theirs[name]) for name in merge.conflicts})
    raise Invalid(Outcome(route=route, forms={form: state},
                          notice=conflict_message(subject, [EDITED[kind][name]
                                                            for name in merge.conflicts])))


def conflict_message(subject: str, names: list[str]) -> str:
    """What the user is told when both tabs changed the same fields.

    >>> conflict_message("This plan was", ["Why", "Next step"]).split(". ")[1]
    "Both versions of 'Why' and 'Next step' are shown; keep one or combine them, then save again."
    """
    quoted = [f"'{name}'" for name in names]
    listed = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    return (f"{subject} changed in another tab while you were editing. Both versions of "
            f"{listed} are shown; keep one or combine them, then save again.")
