"""Every action the page can ask for, by name: the one table the shell's forms use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from pydantic import ValidationError

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
    backup_not_now,
    backup_reminder,
    confirm_import,
    export_archive,
    export_calendar,
    export_contacts,
    export_damaged,
    export_data,
    import_data,
    preview_import,
    remove_archived,
)
from core.actions.duplicates import merge_duplicates, not_duplicates
from core.actions.first_run import start
from core.actions.lock import lock_storage, remove_lock, unlock_storage
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
    move_step,
    save_pitch,
    save_plan,
    save_settings,
    save_target,
    step_done,
    triage,
)
from core.actions.sync import sync_folder
from core.forms import BASE, FormState, clean, field_errors
from core.model import Record
from core.network import Network
from core.storage.codec import is_damaged, key_for, kind_word

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
    "move_step": move_step,
    "save_pitch": save_pitch,
    "export_data": export_data,
    "backup_not_now": backup_not_now,
    "backup_reminder": backup_reminder,
    "import_data": import_data,
    "start": start,
    "preview_import": preview_import,
    "confirm_import": confirm_import,
    "export_contacts": export_contacts,
    "export_calendar": export_calendar,
    "bulk": bulk,
    "export_archive": export_archive,
    "export_damaged": export_damaged,
    "remove_archived": remove_archived,
    "edit_interaction": edit_interaction,
    "delete_interaction": delete_interaction,
    "edit_favour": edit_favour,
    "delete_favour": delete_favour,
    "edit_date": edit_date,
    "delete_date": delete_date,
    "delete_contact": delete_contact,
    "delete_target": delete_target,
    "merge_duplicates": merge_duplicates,
    "not_duplicates": not_duplicates,
    "sync_folder": sync_folder,
    "lock_storage": lock_storage,
    "unlock_storage": unlock_storage,
    "remove_lock": remove_lock,
}


# The form each action's errors are shown on, where it is not named after the action.
FORM_OF = {"save_settings": "settings"}
# Bringing in a backup is how a damaged record gets its good copy back, and a Today
# decision damaged only brings its item back: neither asks before replacing one.
REPLACE_DAMAGED_FREELY = {"import_data", "act_on_item"}
REPLACE_DAMAGED = "replace_damaged"


def submit(action: str, fields: Fields, network: Network, context: Context) -> Outcome:
    """Run the action a form names; unknown actions are a bug in the page, not user error.

    Whatever the action, the answer is one the page can show: a record that fails
    validation brings the form back with a message per field, never a traceback, and a
    save over a record stored damaged asks first (``replace_damaged``). (A record built
    without validation is refused where every write is encoded: ``core.app``, the CLI.)
    """
    form = FORM_OF.get(action, action)
    try:
        outcome = ACTIONS[action](fields, network, context)
    except Invalid as invalid:
        return typed_over(invalid.outcome, fields)
    except ValidationError as error:
        typed = clean(fields, tuple(fields))
        return typed_over(Outcome(forms={form: FormState(typed, field_errors(error))},
                                  notice="Nothing was saved: please fix what is marked."),
                          fields)
    damaged = [] if action in REPLACE_DAMAGED_FREELY else damaged_kinds(outcome.records,
                                                                        context)
    if damaged and clean(fields, (REPLACE_DAMAGED,))[REPLACE_DAMAGED] != "yes":
        typed = clean(fields, tuple(fields))
        question = f"This {kind_word(damaged[0])} was stored damaged; save over it?"
        notice = (f"Nothing was saved yet. {question} Your data can download the damaged "
                  "copy first.")
        return typed_over(Outcome(route=outcome.route, notice=notice,
                                  forms={form: FormState(typed, {REPLACE_DAMAGED: question})}),
                          fields)
    return typed_over(outcome, fields)


def typed_over(outcome: Outcome, fields: Fields) -> Outcome:
    """A form shown again keeps the base its values were typed over: saved once fixed,
    it still merges with whatever another tab saved in the meantime."""
    base = clean(fields, (BASE,))[BASE]
    if not base or not outcome.forms:
        return outcome
    return replace(outcome, forms={name: state if state.base else replace(state, base=base)
                                   for name, state in outcome.forms.items()})


def damaged_kinds(records: Iterable[Record], context: Context) -> list[str]:
    """The kind of each record the outcome would write over an entry stored damaged."""
    keys = (key_for(record) for record in records)
    return [key.split("/")[2] for key in keys
            if key in context.entries and is_damaged(key, context.entries[key])]
