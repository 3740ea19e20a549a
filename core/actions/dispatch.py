"""Every action the page can ask for, by name: the one table the shell's forms use."""

from __future__ import annotations

from collections.abc import Callable

from core.actions.corrections import (
    delete_contact,
    delete_date,
    delete_favour,
    delete_interaction,
    edit_date,
    edit_favour,
    edit_interaction,
)
from core.actions.data import (
    confirm_import,
    export_archive,
    export_calendar,
    export_contacts,
    export_data,
    import_data,
    preview_import,
    remove_archived,
)
from core.actions.first_run import start
from core.actions.outcome import Context, Fields, Invalid, Outcome
from core.actions.people import (
    add_contact,
    add_date,
    add_favour,
    bulk,
    edit_contact,
    filter_people,
    log_interaction,
    set_archived,
)
from core.actions.strategy import (
    act_on_item,
    delete_target,
    save_pitch,
    save_plan,
    save_settings,
    save_target,
    step_done,
    triage,
)
from core.network import Network

ACTIONS: dict[str, Callable[[Fields, Network, Context], Outcome]] = {
    "add_contact": add_contact,
    "edit_contact": edit_contact,
    "set_archived": set_archived,
    "log_interaction": log_interaction,
    "add_favour": add_favour,
    "add_date": add_date,
    "save_target": save_target,
    "triage": triage,
    "act_on_item": act_on_item,
    "save_settings": save_settings,
    "filter_people": filter_people,
    "save_plan": save_plan,
    "step_done": step_done,
    "save_pitch": save_pitch,
    "export_data": export_data,
    "import_data": import_data,
    "start": start,
    "preview_import": preview_import,
    "confirm_import": confirm_import,
    "export_contacts": export_contacts,
    "export_calendar": export_calendar,
    "bulk": bulk,
    "export_archive": export_archive,
    "remove_archived": remove_archived,
    "edit_interaction": edit_interaction,
    "delete_interaction": delete_interaction,
    "edit_favour": edit_favour,
    "delete_favour": delete_favour,
    "edit_date": edit_date,
    "delete_date": delete_date,
    "delete_contact": delete_contact,
    "delete_target": delete_target,
}


def submit(action: str, fields: Fields, network: Network, context: Context) -> Outcome:
    """Run the action a form names; unknown actions are a bug in the page, not user error."""
    try:
        return ACTIONS[action](fields, network, context)
    except Invalid as invalid:
        return invalid.outcome
