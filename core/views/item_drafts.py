"""The draft each Today item carries, one click from copy.

The item says what to do; its draft is the message that does it: the follow-up note on
a follow-up (a short note to reconnect once it is two weeks late), a birthday wish or a
congratulation on a date, the informational request on a first "Get in touch" with
someone the user has a plan for, an offer on a chance to give, a thank-you naming what
someone did, a line to confirm tomorrow's coffee. An outreach without a specific reason
is flagged before the draft (P15), with the way to the plan where the reason is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.model import AgendaKind, Contact, ImportantDate, TargetNetwork
from core.network import Network
from core.rules import drafts, thank_you_drafts
from core.rules.agenda import AgendaItem, item_key
from core.rules.dates import reminder
from core.rules.planner import reach_out_flag
from core.rules.reasons import Reason
from core.rules.thanks import favour_thanks, introduction_thanks


@dataclass(frozen=True)
class ItemDraft:
    draft: drafts.Draft
    research: Reason | None = None


def occasion_of(item: AgendaItem, network: Network, today: date) -> ImportantDate | None:
    """The birthday, anniversary or news a date item is about."""
    assert item.contact is not None
    for important in network.dates_of(item.contact.id):
        found = reminder(item.contact, important, today, network.settings.date_lead_days)
        if found and item_key("date", important.id, found.on.isoformat()) == item.key:
            return important
    return None


def _wants_a_reason(contact: Contact, network: Network) -> bool:
    """Outreach to someone the user means to meet for a purpose, not a friend's catch-up."""
    return contact.id in network.plans or contact.shortlist or bool(contact.targets)


def item_draft(item: AgendaItem, network: Network, today: date) -> ItemDraft | None:
    contact = item.contact
    if contact is None:
        return None
    history = network.interactions_with(contact.id)
    plan = network.plans.get(contact.id)
    first_contact = not history
    if item.kind == AgendaKind.FOLLOW_UP:
        return ItemDraft(drafts.follow_up(contact, history, plan, today))
    if item.kind == AgendaKind.RECONNECT:
        return ItemDraft(drafts.reconnect(contact, history, plan, today))
    if item.kind == AgendaKind.DATE:
        return ItemDraft(drafts.light_touch(contact, history, occasion_of(item, network, today)))
    if item.kind == AgendaKind.GIVE or (item.kind == AgendaKind.CADENCE
                                        and AgendaKind.GIVE in item.kinds and history):
        # A catch-up with someone who has helped more than they were helped: the offer
        # is the catch-up.
        return ItemDraft(drafts.offer_help(contact, plan, _targets_of(contact, network)))
    if item.kind == AgendaKind.THANKS:
        return _thanks_draft(contact, network, today)
    if item.kind == AgendaKind.CONFIRM and plan is not None:
        return ItemDraft(drafts.confirmation(contact, plan.next_step, plan.next_kind))
    if (item.kind in (AgendaKind.CADENCE, AgendaKind.PLAN) and first_contact
            and _wants_a_reason(contact, network)
            and not drafts.already_known(contact, history)):
        outreach = drafts.informational_request(contact, plan, network.pitch,
                                                _targets_of(contact, network))
        return ItemDraft(outreach, reach_out_flag(plan))
    if item.kind == AgendaKind.CADENCE:
        return ItemDraft(drafts.light_touch(contact, history))
    return None


def _targets_of(contact: Contact, network: Network) -> list[TargetNetwork]:
    return [network.targets[t] for t in contact.targets if t in network.targets]


def _thanks_draft(helper: Contact, network: Network, today: date) -> ItemDraft | None:
    """The thank-you for the favour the item is about, or for the introduction."""
    history = network.interactions_with(helper.id)
    owed = favour_thanks(helper, network.favours_with(helper.id), history, today)
    if owed is not None:
        return ItemDraft(thank_you_drafts.thank_you(helper, owed.what))
    introduced = [c for c in network.people if c.introduced_by == helper.id]
    owed = introduction_thanks(helper, introduced, history, today)
    if owed is None or owed.introduced is None:
        return None
    return ItemDraft(thank_you_drafts.thank_introducer(helper, owed.introduced,
                                             network.interactions_with(owed.introduced.id)))


def item_drafts(items: list[AgendaItem], network: Network, today: date) -> dict[str, ItemDraft]:
    """Each shown item's draft, by the item's key."""
    made = {i.key: item_draft(i, network, today) for i in items}
    return {key: d for key, d in made.items() if d is not None}
