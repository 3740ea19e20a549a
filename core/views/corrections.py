"""What a person's page needs to correct the record: each entry's edit form, and what
deleting the person for good would take with them."""

from __future__ import annotations

from core.forms import FormState, edit_form, editing
from core.model import Contact, Favour, ImportantDate, Interaction
from core.network import Network
from core.views.render import Forms

KIND_OF: dict[type[Interaction | Favour | ImportantDate], str] = {
    Interaction: "interaction", Favour: "favour", ImportantDate: "date",
}


def entry_forms(network: Network, contact_id: str, forms: Forms) -> dict[str, FormState]:
    """Each of a person's entries' edit form, by entry id: as the user left it when it
    needs fixing, else filled with what is stored."""
    entries: list[Interaction | Favour | ImportantDate] = [
        *network.interactions_with(contact_id), *network.favours_with(contact_id),
        *network.dates_of(contact_id)]
    return {entry.id: editing(entry, KIND_OF[type(entry)],
                              forms.get(edit_form(KIND_OF[type(entry)], entry.id)))
            for entry in entries}


def what_goes(contact: Contact, network: Network) -> str:
    """'Ana, 12 conversations, 2 favours, 1 date and their plan': all that deleting a
    person for good takes with them."""
    counted = [(len(network.interactions_with(contact.id)), "conversation"),
               (len(network.favours_with(contact.id)), "favour"),
               (len(network.dates_of(contact.id)), "date")]
    parts = [contact.name, *(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counted if n)]
    if contact.id in network.plans:
        parts.append("their plan")
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
