"""The first two minutes: a pitch, target networks, and the first few people (P7, P16).

One form, one all-or-nothing write, ending on a Today list that already has something
to do: the people come with roughly when the user last spoke to them, so the cadence
rule has a clock to run from.
"""

from __future__ import annotations

from datetime import timedelta

from core.actions.outcome import Context, Fields, Outcome, validated
from core.forms import FormState, clean, values_of
from core.model import (
    Contact,
    Interaction,
    InteractionKind,
    Layer,
    Pitch,
    Record,
    Sphere,
    TargetKind,
    TargetNetwork,
)
from core.network import Network
from core.rules.targets import SUGGESTED

ROWS = 3
CIRCLES: dict[str, tuple[Layer, Sphere, str]] = {
    "family": (Layer.INNER, Sphere.PERSONAL, "Family"),
    "friend": (Layer.CLOSE, Sphere.PERSONAL, "Friends"),
    "colleague": (Layer.ACTIVE, Sphere.PROFESSIONAL, "Work"),
}
LAST_SPOKE: dict[str, int | None] = {
    "week": 3, "month": 20, "months": 90, "longer": 200, "unknown": None,
}


def start(fields: Fields, network: Network, context: Context) -> Outcome:
    """Create the pitch, the chosen target networks and the first people in one go."""
    records: list[Record] = []
    one_liner = clean(fields, ("one_liner",))["one_liner"]
    if one_liner:
        records.append(validated(Pitch, {"id": "pitch", "one_liner": one_liner,
                                         "updated_at": context.now}, "start", "#/start",
                                 {"one_liner": one_liner}))
    chosen = [TargetKind(k) for k in values_of(fields, "targets") if k in SUGGESTED]
    for n, kind in enumerate(chosen):
        records.append(TargetNetwork(id=f"{context.new_id}-t{n}", name=SUGGESTED[kind],
                                     kind=kind, updated_at=context.now))
    people = 0
    for row in range(1, ROWS + 1):
        person = _person(fields, row, context)
        people += bool(person)
        records += person
    if not records:
        errors = {"name_1": "Add at least one person, or skip this start."}
        return Outcome(route="#/start", forms={"start": FormState(clean(fields, ()), errors)})
    return Outcome(tuple(records), "#/today",
                   f"Welcome to Tend. {people} {'person' if people == 1 else 'people'} added; "
                   "here is what to do first.")


def _person(fields: Fields, row: int, context: Context) -> list[Record]:
    name, circle, last = clean(fields, (f"name_{row}", f"circle_{row}", f"last_{row}")).values()
    if not name:
        return []
    layer, sphere, group = CIRCLES.get(circle, CIRCLES["friend"])
    contact = validated(Contact, {"id": f"{context.new_id}-p{row}", "name": name, "layer": layer,
                                  "sphere": sphere, "groups": (group,), "added_on": context.today,
                                  "updated_at": context.now}, "start", "#/start",
                        {f"name_{row}": name})
    days = LAST_SPOKE.get(last)
    if days is None:
        return [contact]
    spoke = Interaction(id=f"{context.new_id}-i{row}", contact_id=contact.id,
                        on=context.today - timedelta(days=days), kind=InteractionKind.MESSAGE,
                        where="an approximate date, from your first start",
                        updated_at=context.now)
    return [contact, spoke]
