"""What the third month's trial (bench/month_trial.py, 1–31 Dec) found reading wrong on
main, each said as the behaviour that is now right."""

from __future__ import annotations

import re
from datetime import date, timedelta

from core.model import Contact, DateKind, Interaction, InteractionKind, Layer, Plan
from core.rules import drafts
from core.rules.agenda import this_week
from core.rules.patience import ask_readiness, next_step, rung
from core.rules.targets import untriaged
from core.views.people import contact_view
from core.views.router import today_view, week_view

from .factories import NOW, TODAY, important_date, logged, network_of, person


def test_this_week_says_a_later_days_planned_step_by_its_day_not_as_today() -> None:
    friday = TODAY + timedelta(days=2)
    plan = Plan(id="amara", contact_id="amara", updated_at=NOW, next_step="Call about her path",
                next_on=friday, next_kind=InteractionKind.CALL)
    network = network_of(person("Amara Okoye", id="amara"), plan)
    planned = [u for u in this_week(network, TODAY) if u.on == friday and u.contact]
    texts = [r.text for u in planned for r in u.reasons]
    assert "Planned for Friday: Call about her path." in texts
    html = week_view(network, TODAY).html
    assert "Planned for Friday: Call about her path." in html
    assert "Planned for today" not in html


def test_this_week_says_a_birthday_on_its_day_as_on_that_day() -> None:
    friday = TODAY + timedelta(days=2)
    network = network_of(person("Yuki Sato", id="yuki"),
                         important_date("yuki", DateKind.BIRTHDAY, friday.month, friday.day))
    texts = [r.text for u in this_week(network, TODAY) if u.on == friday for r in u.reasons]
    assert "It is Yuki Sato's birthday on Friday." in texts
    assert not any("today" in t for t in texts)


def met(note: str, where: str = "Climate Tech Meetup",
        kind: InteractionKind = InteractionKind.MEETING) -> list[Interaction]:
    return [logged("marco", TODAY - timedelta(days=1), kind, where=where, note=note)]


def test_a_follow_up_says_conversation_once() -> None:
    marco = person("Marco Rossi", id="marco")
    text = drafts.follow_up(marco, met("He is building grid storage for apartment blocks"),
                            None, TODAY).text
    assert text.count("conversation") == 1, text
    assert "It stayed with me that you are building grid storage for apartment blocks." in text


def test_a_note_that_starts_with_their_verb_is_framed_as_what_you_heard() -> None:
    marco = person("Marco Rossi", id="marco")
    follow = drafts.follow_up(marco, met("Loves kite surfing"), None, TODAY).text
    assert "It stayed with me that you love kite surfing." in follow
    assert "Loves kite surfing" not in follow
    late = drafts.reconnect(marco, met("Moved to Porto in May"), None,
                            TODAY + timedelta(days=40)).text
    assert "It has stayed with me that you moved to Porto in May." in late


def test_the_users_own_words_in_a_follow_up_stand_as_their_own_sentence() -> None:
    marco = person("Marco Rossi", id="marco")
    text = drafts.follow_up(marco, met("I promised to send him the grid report"), None,
                            TODAY).text
    assert "yesterday. I promised to send you the grid report." in text


AMARA = Contact(id="amara", name="Dr. Amara Okoye", added_on=date(2026, 12, 1),
                updated_at=NOW, known_since=date(2019, 3, 14), weak_tie=True)


def talks(*days: tuple[int, InteractionKind]) -> list[Interaction]:
    return [logged("amara", date(2026, 12, d), k, id=f"i{n}") for n, (d, k) in enumerate(days)]


def test_three_talks_in_ten_days_with_an_old_connection_are_not_yet_enough_for_an_ask() -> None:
    history = talks((8, InteractionKind.MESSAGE), (8, InteractionKind.CALL),
                    (2, InteractionKind.MESSAGE))
    early = ask_readiness(history, date(2026, 12, 12), AMARA)
    assert not early.ready
    assert early.reason.text.startswith("Connected for 7 years, and your conversations began "
                                        "10 days ago.")
    assert "7 years: enough history" not in early.reason.text
    assert ask_readiness(history, date(2027, 1, 12), AMARA).ready


def test_the_next_rung_of_the_ladder_reads_as_words_not_the_log_forms_label() -> None:
    assert rung(next_step(talks((8, InteractionKind.CALL)))) == "a meeting, in person or by video"
    assert rung(next_step([])) == "a light touch"


def test_family_and_the_inner_circle_are_not_asked_to_be_sorted_into_target_networks() -> None:
    mum = person("Mum", id="mum", groups=["Family"])
    partner = person("Alex", id="alex", layer=Layer.INNER)
    amara = person("Amara Okoye", id="amara")
    assert untriaged([mum, partner, amara]) == [amara]


def test_a_step_done_by_a_logged_call_is_not_shown_as_next_on_the_persons_page() -> None:
    amara = person("Amara Okoye", id="amara")
    plan = Plan(id="amara", contact_id="amara", updated_at=NOW - timedelta(days=7),
                next_step="Call about her path", next_on=TODAY - timedelta(days=3),
                next_kind=InteractionKind.CALL, why="She leads product at Heatwise")
    before = network_of(amara, plan)
    page = contact_view(before, "amara", TODAY).html
    assert "Next: Call about her path (22 Nov 2026)." in page
    call = logged("amara", TODAY - timedelta(days=3), InteractionKind.CALL, note="Installers")
    page = contact_view(network_of(amara, plan, call), "amara", TODAY + timedelta(days=20)).html
    assert "Next: Call about her path" not in page
    assert "Step done: a call on 22 Nov. Choose the following step on the plan." in page


def test_how_you_met_inside_a_sentence_starts_in_lower_case_unless_it_is_a_name() -> None:
    for how, said in [("My manager at Acme Payments", "(my manager at Acme Payments)"),
                      ("Acme Payments, same team", "(Acme Payments, same team)")]:
        ravi = person("Ravi Menon", id="ravi", how_met=how)
        history = [logged("ravi", TODAY - timedelta(days=200))]
        assert said in ask_readiness(history, TODAY, ravi).reason.text


def test_key_d_on_a_follow_up_that_also_asks_the_next_step_opens_what_you_wrote() -> None:
    amara = person("Amara Okoye", id="amara", added_on=TODAY - timedelta(days=20))
    plan = Plan(id="amara", contact_id="amara", updated_at=NOW - timedelta(days=7),
                next_step="Call about her path", next_on=TODAY, next_kind=InteractionKind.CALL)
    call = logged("amara", TODAY, InteractionKind.CALL, note="Installers are the bottleneck")
    html = today_view(network_of(amara, plan, call), TODAY).html
    assert "Send a follow-up note" in html and "Done, and next" in html
    first = re.search(r"<(?:input|textarea)[^>]*data-done-note[^>]*>", html)
    assert first is not None and 'name="note"' in first.group() and "said-" in first.group()
    assert html.count("data-done-note") == 1
