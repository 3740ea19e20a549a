"""What each Today item offers to do, once a person's verdicts are merged into one item."""

from __future__ import annotations

from datetime import date, timedelta

from core.actions.dispatch import submit
from core.model import AgendaDecision, DateKind, Interaction, InteractionKind, Plan
from core.network import Network
from core.rules import drafts
from core.rules.agenda import AgendaItem, agenda
from core.views.people import plan_drafts
from core.views.router import today_view

from .factories import NOW, TODAY, Clock, contact, important_date, logged, network_of, person


def act(network: Network, item: AgendaItem, do: str, on: date = TODAY) -> Network:
    outcome = submit("act_on_item", {"key": item.key, "do": do}, network, Clock(today=on))
    for record in outcome.records:
        network = network.with_record(record)
    return network


def test_ready_on_a_birthday_countdown_logs_nothing_and_the_wish_still_comes_on_the_day() -> None:
    mum = contact("Mum", added_on=TODAY - timedelta(days=30))
    network = network_of(mum, logged("mum", TODAY - timedelta(days=2)),
                         important_date("mum", DateKind.BIRTHDAY, 12, 1))
    [countdown] = agenda(network, TODAY)
    assert countdown.kind == "date_ahead" and countdown.action == "Get ready for the day"
    after = act(network, countdown, "done")
    assert after.interactions == network.interactions  # getting ready is not a conversation
    assert agenda(after, TODAY + timedelta(days=1)) == []  # the countdown is dealt with...
    [wish] = agenda(after, date(2026, 12, 1))  # ...the day itself is not
    assert wish.kind == "date" and "birthday today" in wish.reason.text


def test_a_countdown_has_no_birthday_wish_drafted_a_week_early() -> None:
    network = network_of(contact("Mum"), logged("mum", TODAY - timedelta(days=2)),
                         important_date("mum", DateKind.BIRTHDAY, 11, 30))
    html = today_view(network, TODAY).html
    assert "Get ready for the day" in html and "Happy birthday" not in html


def test_a_review_merged_into_a_catch_up_still_offers_keep_and_let_go() -> None:
    eli = person("Eli", id="eli", added_on=date(2025, 1, 5), weak_tie=True)
    network = network_of(eli, logged("eli", date(2025, 3, 1)))
    [item] = agenda(network, TODAY)
    assert item.kind == "cadence" and "prune" in item.kinds
    html = today_view(network, TODAY).html
    assert 'value="keep"' in html and 'value="let_go"' in html and 'value="done"' in html
    kept = act(network, item, "keep")
    decision = next(iter(kept.decisions.values()))
    assert isinstance(decision, AgendaDecision) and decision.id == item.key_of("prune")
    assert [i.kind for i in agenda(kept, TODAY)] == ["cadence"]  # the catch-up stays


def test_a_planned_step_merged_into_another_item_keeps_its_done_and_next() -> None:
    pia = contact("Pia", added_on=TODAY - timedelta(days=200))
    plan = Plan(id="pia", contact_id="pia", updated_at=NOW, next_step="Send the job post",
                next_kind=InteractionKind.MESSAGE, next_on=TODAY)
    network = network_of(pia, plan, logged("pia", TODAY - timedelta(days=150)))
    [item] = agenda(network, TODAY)
    assert "plan" in item.kinds and len(item.kinds) > 1
    assert 'data-action="step_done"' in today_view(network, TODAY).html


def test_plan_a_first_step_links_to_the_plan_and_never_logs_a_message() -> None:
    newcomer = person("Grace", id="grace", added_on=TODAY - timedelta(days=3), shortlist=True)
    network = network_of(newcomer)
    [item] = agenda(network, TODAY)
    assert item.kind == "first_step"
    html = today_view(network, TODAY).html
    assert 'href="#/people/grace/plan"' in html and 'value="done"' not in html
    after = act(network, item, "done")
    assert not any(isinstance(r, Interaction) for r in after.interactions.values())


def test_a_quoted_note_that_ends_a_sentence_is_not_given_a_second_full_stop() -> None:
    met = logged("ana", TODAY - timedelta(days=1), InteractionKind.MEETING,
                 note="Her team pilots heat pumps in Leeds.")
    network = network_of(contact("Ana", added_on=TODAY - timedelta(days=1)), met)
    [item] = agenda(network, TODAY)
    assert item.reason.text.endswith('"Her team pilots heat pumps in Leeds."')
    assert '.".' not in today_view(network, TODAY).html


def test_a_clause_the_follow_up_remembers_continues_its_sentence() -> None:
    met = logged("ben", TODAY - timedelta(days=1), InteractionKind.MEETING,
                 note="He's building heat-pump scheduling software for housing associations")
    network = network_of(person("Ben Adeyemi", id="ben", added_on=TODAY - timedelta(days=1)),
                         met)
    text = drafts.follow_up(network.contacts["ben"], network.interactions_with("ben"), None).text
    assert "It stayed with me that you're building heat-pump scheduling software" in text


def test_people_the_user_already_knows_get_no_request_to_introduce_themselves() -> None:
    priya = person("Priya Raman", id="priya", how_met="Worked together at Monzo 2019",
                   shortlist=True, added_on=TODAY - timedelta(days=3))
    stranger = person("Hana Sato", id="hana", shortlist=True, added_on=TODAY - timedelta(days=3))
    network = network_of(priya, stranger)
    titles = {c: [d.title for d in plan_drafts(network, network.contacts[c],
                                               Plan(id=c, contact_id=c, updated_at=NOW), [], [],
                                               TODAY)]
              for c in ("priya", "hana")}
    assert not any("informational" in t.lower() for t in titles["priya"])
    assert any("informational" in t.lower() for t in titles["hana"])
