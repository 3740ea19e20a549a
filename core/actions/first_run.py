"""The first two minutes: a pitch, target networks, and the first few people (P7, P16).

One form, one all-or-nothing write, ending on a Today list that already has something
to do: the people come with roughly when the user last spoke to them, so the cadence
rule has a clock to run from. Start is safe to run again: it only adds what is not
there yet (a network or a person of the same name is the one already kept), and it
never clears a pitch field the user filled.
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
    comparable_name,
)
from core.network import Network
from core.routes import route_to
from core.rules.targets import SUGGESTED, network_named

ROWS = 3
CIRCLES: dict[str, tuple[Layer, Sphere, str]] = {
    "family": (Layer.INNER, Sphere.PERSONAL, "Family"),
    "friend": (Layer.CLOSE, Sphere.PERSONAL, "Friends"),
    "colleague": (Layer.ACTIVE, Sphere.PROFESSIONAL, "Work"),
}
# What the guessed conversation says for "where", so the timeline shows it is a guess.
ESTIMATED_WHERE = "an approximate date, from your first start"
LAST_SPOKE: dict[str, int | None] = {
    "week": 3, "month": 20, "months": 90, "longer": 200, "unknown": None,
}


def start(fields: Fields, network: Network, context: Context) -> Outcome:
    """Create the pitch, the chosen target networks and the first people in one go."""
    records: list[Record] = []
    one_liner = clean(fields, ("one_liner",))["one_liner"]
    if one_liner and one_liner != network.pitch.one_liner:
        records.append(validated(Pitch, {**network.pitch.model_dump(), "one_liner": one_liner,
                                         "updated_at": context.now}, "start", route_to("start"),
                                 {"one_liner": one_liner}))
    chosen = [TargetKind(k) for k in values_of(fields, "targets") if k in SUGGESTED]
    for n, kind in enumerate(chosen):
        if network_named(SUGGESTED[kind], network.targets.values()) is None:
            records.append(TargetNetwork(id=f"{context.new_id}-t{n}", name=SUGGESTED[kind],
                                         kind=kind, updated_at=context.now))
    known = {comparable_name(c.name): c.name for c in network.contacts.values()}
    already = [known[comparable_name(name)] for name in _names(fields)
               if comparable_name(name) in known]
    people = 0
    for row in range(1, ROWS + 1):
        person = _person(fields, row, context, known)
        people += bool(person)
        records += person
    if not records and not (already or network.targets or network.pitch.one_liner):
        errors = {"name_1": "Add at least one person, or skip this start."}
        return Outcome(route=route_to("start"),
                       forms={"start": FormState(clean(fields, ()), errors)})
    return Outcome(tuple(records), route_to("today"), _welcome(people, already, bool(records)))


def _welcome(people: int, already: list[str], anything_new: bool) -> str:
    """What Start says: who was added, and who was already here and left as they were."""
    added = f"{people} {'person' if people == 1 else 'people'} added"
    if not already:
        return f"Welcome to Tend: {added}; here is what to do first." if anything_new \
            else "Nothing new to add."
    kept = f"{_listed(already)} {'was' if len(already) == 1 else 'were'} already here, " \
        "kept as before."
    if not anything_new:
        return f"Nothing new to add. {kept}"
    return f"{added if people else 'Added what was new'}. {kept}"


def _names(fields: Fields) -> list[str]:
    return [n for n in clean(fields, tuple(f"name_{row}" for row in range(1, ROWS + 1))).values()
            if n]


def _listed(names: list[str]) -> str:
    """'Mum', 'Mum and Sam', 'Mum, Sam and Jo'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _person(fields: Fields, row: int, context: Context, known: dict[str, str]) -> list[Record]:
    """One row's new person, with roughly when they last spoke; nobody already kept."""
    name, circle, last = clean(fields, (f"name_{row}", f"circle_{row}", f"last_{row}")).values()
    if not name or comparable_name(name) in known:
        return []
    known[comparable_name(name)] = name
    layer, sphere, group = CIRCLES.get(circle, CIRCLES["friend"])
    contact = validated(Contact, {"id": f"{context.new_id}-p{row}", "name": name, "layer": layer,
                                  "sphere": sphere, "groups": (group,), "added_on": context.today,
                                  "updated_at": context.now}, "start", route_to("start"),
                        {f"name_{row}": name})
    days = LAST_SPOKE.get(last)
    if days is None:
        return [contact]
    spoke = Interaction(id=f"{context.new_id}-i{row}", contact_id=contact.id,
                        on=context.today - timedelta(days=days), kind=InteractionKind.MESSAGE,
                        where=ESTIMATED_WHERE,
                        estimated=True, updated_at=context.now)
    return [contact, spoke]
