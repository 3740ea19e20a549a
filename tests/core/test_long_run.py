"""A job search lived for 120 days through the app's one entry point, Today read every day.

Priya, a product manager moving into climate tech, sets up a pitch and two target
networks, imports her LinkedIn connections, keeps a shortlist, goes to meetups, writes
to a stranger and then calls her, has coffees, trades favours, and has a mother with a
birthday and some news. Every event goes through ``App.handle`` as the page sends it,
storage is kept from the answers' writes as the browser keeps it, and each day's Today
is read from the HTML the user sees. The test then says, day by day, what Today must
and must not show.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest

from core.app import App
from core.model import Interaction
from core.protocol import Navigate, Submit

from .helpers import Shell

START = date(2026, 1, 5)
DAYS = 120
LINKEDIN = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Hana,Sato,https://www.linkedin.com/in/hsato,,Tidewater Energy,Head of Product,14 Mar 2019
Omar,Haddad,https://www.linkedin.com/in/ohaddad,omar@example.com,GridWorks,EM,02 Feb 2021
Lena,Fischer,https://www.linkedin.com/in/lfischer,,Carbon Ledger,Founder,19 Nov 2023
Diego,Alvarez,https://www.linkedin.com/in/dalvarez,,Acme,Designer,07 Jun 2018
Mei,Chen,https://www.linkedin.com/in/mchen,mei@example.com,Solaris Capital,Associate,23 Aug 2022
Kwame,Mensah,https://www.linkedin.com/in/kmensah,,HeatLoop,COO,11 Jan 2025
Sara,Lindqvist,https://www.linkedin.com/in/slindqvist,,Acme,Data Scientist,30 Sep 2017
Tomás,Ruiz,https://www.linkedin.com/in/truiz,,WindRight,Product Manager,04 Apr 2024
Aisha,Khan,https://www.linkedin.com/in/akhan,,Climate Fund One,Partner,15 Jul 2020
Ben,Okoro,https://www.linkedin.com/in/bokoro,,Acme,Engineer,01 Dec 2016
Ines,Moreau,https://www.linkedin.com/in/imoreau,,Verdant,Recruiter,09 Oct 2025
Pavel,Novak,https://www.linkedin.com/in/pnovak,,Acme,QA Lead,21 May 2019
Julia,Weber,https://www.linkedin.com/in/jweber,,Terra Analytics,VP Product,12 Feb 2022
Ravi,Patel,https://www.linkedin.com/in/rpatel,,Acme,Support,03 Mar 2020
"""
# What Tend shows on a button or as a plan step: never a conversation's note by itself.
LABELS = {"Send a light touch", "Offer to help", "Send a follow-up note", "Get in touch",
          "Do the planned step", "Plan a first step", "Write to reconnect",
          "Coffee at the fund's office"}
ITEM = re.compile(r'<li class="agenda-item kind-(?P<kind>[a-z_]+)"(?P<body>.*?)</li>', re.S)
WHO = re.compile(r'<h2 class="agenda-name">(?:<time datetime="(?P<on>[0-9-]+)">.*?</time> · )?'
                 r'<a href="#/(?:people/(?P<id>[^"]+)|networks)">(?P<name>[^<]+)</a>'
                 r'<span class="agenda-action"> · (?:<a href="[^"]+">)?(?P<action>[^<]+)')
REASON = re.compile(r'<p class="reason[^"]*">(?P<text>.*?) <a class="principle"[^>]*>'
                    r'(?P<principle>P\d+)</a></p>', re.S)


@dataclass(frozen=True)
class Shown:
    """One item as the user reads it on Today (or This week)."""

    kind: str
    who: str  # the person's id; "" for the reminder to sort people into networks
    name: str
    action: str
    reasons: tuple[tuple[str, str], ...]  # (principle, sentence)
    on: date | None = None

    def says(self, principle: str) -> list[str]:
        return [text for p, text in self.reasons if p == principle]


def read_items(page: str) -> list[Shown]:
    items = []
    for match in ITEM.finditer(page):
        who = WHO.search(match["body"])
        assert who is not None, match["body"][:300]
        reasons = tuple((r["principle"], html.unescape(r["text"]).strip())
                        for r in REASON.finditer(match["body"]))
        on = date.fromisoformat(who["on"]) if who["on"] else None
        items.append(Shown(match["kind"], who["id"] or "", html.unescape(who["name"]),
                           html.unescape(who["action"]), reasons, on))
    return items


class Life:
    """Priya's days: each event sent through the shared browser double, on the story's day."""

    def __init__(self) -> None:
        self.shell = Shell("e")
        self.day = START

    @property
    def app(self) -> App:
        return self.shell.app

    def send(self, event: Any, on: date | None = None) -> dict[str, Any]:
        """Send on ``on`` (the story's day by default) at 09:00 and a minute a request."""
        return self.shell.send(event, on or self.day, at=f"09:{(self.shell.ids + 1) % 60:02d}:00")

    def submit(self, action: str, **fields: str | list[str]) -> dict[str, Any]:
        answer = self.send(Submit(type=action, fields=fields))
        assert "Please" not in answer["notice"], answer["notice"]
        return answer

    def add(self, name: str, **fields: str) -> str:
        self.submit("add_contact", name=name, **fields)
        return f"e{self.shell.ids}"

    def log(self, who: str, kind: str, note: str, where: str = "") -> None:
        answer = self.submit("log_interaction", contact_id=who, on=self.day.isoformat(),
                             kind=kind, note=note, where=where)
        assert answer["writes"], answer["notice"]

    def edit(self, who: str, **changes: str) -> None:
        contact = self.app.network.contacts[who]
        fields: dict[str, str | list[str]] = {
            "id": who, "name": contact.name, "how_met": contact.how_met,
            "call_them": contact.call_them, "title": contact.title,
            "company": contact.company, "department": contact.department,
            "notes": contact.notes, "emails": "\n".join(contact.emails),
            "phones": "\n".join(contact.phones), "websites": "\n".join(contact.websites),
            "known_since": contact.known_since.isoformat() if contact.known_since else "",
            "groups": "\n".join(contact.groups), "layer": contact.layer.value,
            "sphere": contact.sphere.value if contact.sphere else "",
            "introduced_by": contact.introduced_by or "",
            "interval_days": str(contact.interval_days or ""),
            "targets": list(contact.targets)}
        if contact.weak_tie:
            fields["weak_tie"] = "on"
        if contact.shortlist:
            fields["shortlist"] = "on"
        self.submit("edit_contact", **{**fields, **changes})

    def today(self, on: date | None = None) -> list[Shown]:
        return read_items(self.send(Navigate(type="navigate", route="#/today"), on)["html"])

    def week(self) -> list[Shown]:
        return read_items(self.send(Navigate(type="navigate", route="#/week"))["html"])

    def page(self, route: str) -> str:
        text = re.sub(r"<[^>]+>", " ", self.send(Navigate(type="navigate", route=route))["html"])
        return re.sub(r"\s+", " ", html.unescape(text))


def day(n: int) -> date:
    return START + timedelta(days=n)


@dataclass
class Story:
    """Who is who, and every day's Today as the user saw it after the day's events."""

    ids: dict[str, str]
    seen: dict[int, list[Shown]]  # read each evening, after the day's events
    morning: dict[int, list[Shown]]  # read each morning, before them
    pages: dict[str, str]
    imported: dict[str, tuple[date, date | None]]  # id: (added_on, known_since)
    wanted_unmet: dict[int, set[str]]
    amaras_timeline: list[tuple[date, str, str]]  # (on, kind, note), newest first


def live() -> Story:
    life = Life()
    ids: dict[str, str] = {}
    seen: dict[int, list[Shown]] = {}
    morning: dict[int, list[Shown]] = {}
    pages: dict[str, str] = {}
    wanted_unmet: dict[int, set[str]] = {}
    for n in range(DAYS):
        life.day = day(n)
        morning[n] = life.today()
        if n == 0:
            life.submit("save_pitch", one_liner="A product manager who ships data products",
                        distinctive="Eight years turning messy data into tools people use",
                        how_i_help="I help climate teams turn their data into a product")
            life.submit("save_target", name="Climate startups", kind="employers",
                        value_proposition="I have shipped data products from zero to scale")
            life.submit("save_target", name="Climate investors", kind="investors",
                        value_proposition="I can assess a startup's product honestly")
            by_name = {t.name: t.id for t in life.app.network.targets.values()}
            ids["startups"], ids["investors"] = by_name["Climate startups"], by_name[
                "Climate investors"]
            ids["mum"] = life.add("Mum", layer="inner", groups="Family", sphere="personal")
            life.submit("add_date", contact_id=ids["mum"], kind="birthday", month="1",
                        day="25", year="1958")
            ids["rui"] = life.add("Rui Costa", layer="close", groups="Work / Acme",
                                  how_met="My manager at Acme for three years")
            ids["joana"] = life.add("Joana Reis", layer="close", groups="Friends",
                                    sphere="personal", how_met="University flatmate")
            life.log(ids["joana"], "call", "She knows people at Tidewater and offered to ask")
            life.log(ids["mum"], "call", "Told her about the move into climate")
        if n == 1:
            answer = life.submit("preview_import", file=LINKEDIN)
            assert "14 people found" in answer["notice"]
            life.submit("confirm_import", **{f"choice-{r}": "add" for r in range(1, 15)})
            for contact in life.app.network.contacts.values():
                if contact.weak_tie:
                    ids[contact.name.split()[0].lower()] = contact.id
        if n == 2:
            for name, targets in (("hana", ["startups"]), ("omar", ["startups"]),
                                  ("lena", ["startups"]), ("mei", ["investors"]),
                                  ("kwame", ["startups"]), ("aisha", ["investors"]),
                                  ("julia", ["startups"])):
                life.submit("triage", contact_id=ids[name],
                            targets=[ids[t] for t in targets])
            for name in ("diego", "sara", "tomás", "ben", "ines", "pavel", "ravi"):
                life.submit("triage", contact_id=ids[name])
            ids["amara"] = life.add("Amara Okafor", how_met="Spoke at Climate Week",
                                    shortlist="on")
            life.submit("triage", contact_id=ids["amara"], targets=[ids["investors"]])
            ids["tom"] = life.add("Tom Berg", how_met="Writes the Grid Notes newsletter",
                                  shortlist="on")
            life.submit("triage", contact_id=ids["tom"])
            life.edit(ids["aisha"], shortlist="on")
        if n == 5:
            ids["marta"] = life.add("Marta Silva", introduced_by=ids["joana"],
                                    how_met="Joana's colleague at Tidewater")
            life.submit("triage", contact_id=ids["marta"], targets=[ids["startups"]])
        if n == 10:
            ids["leo"] = life.add("Leo Park", how_met="Climate Drinks Lisbon")
            life.submit("triage", contact_id=ids["leo"])
            life.log(ids["leo"], "meeting", "His team's heat-pump retrofit pilots",
                     where="Climate Drinks Lisbon")
        if n == 11:
            life.log(ids["leo"], "message", "Sent him the retrofit article we talked about")
        if n == 12:
            ids["sofia"] = life.add("Sofia Reyes", how_met="Found her talk on grid software")
            life.submit("triage", contact_id=ids["sofia"], targets=[ids["startups"]])
            life.log(ids["sofia"], "message", "Asked for 20 minutes about grid software")
        if n == 15:
            life.log(ids["rui"], "meeting", "Coffee: he offered to introduce me at Tidewater",
                     where="Café Lua")
            life.submit("add_favour", contact_id=ids["rui"], direction="received",
                        what="Introduced me to the Tidewater founders",
                        on=life.day.isoformat())
        if n == 16:
            life.log(ids["rui"], "message", "Thanked him for the Tidewater introduction")
        if n == 18:
            life.log(ids["sofia"], "call", "How she hires product managers at GridWorks")
        if n == 20:
            life.log(ids["mum"], "call", "Sang happy birthday; she liked the flowers")
        if n == 22:
            life.submit("add_favour", contact_id=ids["rui"], direction="given",
                        what="Reviewed his team's hiring plan", on=life.day.isoformat())
        if n == 25:
            life.submit("save_plan", contact_id=ids["amara"],
                        why="She backs early climate software and knows who is hiring",
                        give="A product teardown of two of her portfolio companies",
                        reach_reason="Her Climate Week talk on software for the grid",
                        next_step="Coffee at the fund's office", next_kind="meeting",
                        next_on=day(35).isoformat())
        if n == 35:
            life.submit("step_done", contact_id=ids["amara"], back="#/today",
                        note="She explained how they size seed rounds",
                        next_step="Send her the market map", next_kind="message",
                        next_on=day(45).isoformat())
        if n == 36:
            life.log(ids["amara"], "message", "Thanked her and sent the teardown")
            life.log(ids["sofia"], "message", "Sorry for the silence: shared my grid notes")
        if n == 40:
            life.submit("add_date", contact_id=ids["mum"], kind="news", label="knee surgery",
                        month=str(life.day.month), day=str(life.day.day),
                        year=str(life.day.year))
        if n == 41:
            life.log(ids["mum"], "call", "She is home and walking with a stick")
        if n == 45:
            life.log(ids["amara"], "message", "Sent the market map")
        if n == 46:  # the map sent yesterday was the step; the next is agreed, its day not yet
            sent = life.app.network.interactions_with(ids["amara"])[0]
            life.submit("step_done", contact_id=ids["amara"], back="#/today", logged=sent.id,
                        next_step="Coffee at Café Lua at 10:00", next_kind="meeting",
                        next_on="")
        if n == 55:
            plan = life.app.network.plans[ids["amara"]]
            life.submit("save_plan", contact_id=ids["amara"], why=plan.why, give=plan.give,
                        reach_reason=plan.reach_reason, next_step=plan.next_step,
                        next_kind="meeting", next_on=day(60).isoformat(), active="on")
        if n == 59:
            life.log(ids["amara"], "message", "Confirmed tomorrow at 10:00")
        if n in (8, 16, 24):  # she works through the first steps as they come up
            who = {8: "aisha", 16: "hana", 24: "julia"}[n]
            life.log(ids[who], "message", "Asked about their product team, with one specific "
                                          "question from their last post")
        if n == 50:
            for who in ("hana", "omar", "lena", "kwame", "julia", "marta", "tom"):
                if not life.app.network.interactions_with(ids[who]):
                    life.log(ids[who], "message", f"First note to {who.title()}: asked about "
                                                  "their product team")
        if n == 2:
            pages["rui"] = life.page(f"#/people/{ids['rui']}")
            pages["mum"] = life.page(f"#/people/{ids['mum']}")
        network = life.app.network
        wanted_unmet[n] = {c.id for c in network.people if (c.shortlist or c.targets)
                           and not any(i.kind.value in ("call", "meeting")
                                       for i in network.interactions_with(c.id))}
        seen[n] = life.today()
        _check_this_week_against_the_coming_days(life, n, seen[n])
    imported = {c.id: (c.added_on, c.known_since) for c in life.app.network.contacts.values()
                if c.weak_tie}
    notes = [i.note for i in life.app.network.interactions.values()]
    assert not [note for note in notes if note in LABELS]
    assert all(isinstance(i, Interaction) for i in life.app.network.interactions.values())
    timeline = [(i.on, i.kind.value, i.note)
                for i in life.app.network.interactions_with(ids["amara"])]
    return Story(ids, seen, morning, pages, imported, wanted_unmet, timeline)


def _check_this_week_against_the_coming_days(life: Life, n: int, shown: list[Shown]) -> None:
    """Whatever Today will show on day n+k (k = 1..7) is on This week today, by that day:
    every reason for every person is on Today already or listed for a day up to n+k."""
    week = life.week()
    listed = {(u.who, principle, u.on) for u in week for principle, _ in u.reasons}
    now = {(i.who, principle) for i in shown for principle, _ in i.reasons}
    for ahead in range(1, 8):
        later = day(n + ahead)
        for item in life.today(on=later):
            for principle, text in item.reasons:
                assert (item.who, principle) in now or any(
                    who == item.who and p == principle and on is not None and on <= later
                    for who, p, on in listed), (n, ahead, item.name, text)
    life.send(Navigate(type="navigate", route="#/today"))


@pytest.fixture(scope="module")
def story() -> Story:
    return live()


def items_for(story: Story, name: str, n: int,
              when: dict[int, list[Shown]] | None = None) -> list[Shown]:
    return [i for i in (story.seen if when is None else when)[n] if i.who == story.ids[name]]


def test_nobody_is_listed_twice_on_any_day(story: Story) -> None:
    for n, items in story.seen.items():
        people = Counter(i.who for i in items if i.who)
        assert [who for who, times in people.items() if times > 1] == [], n


def test_every_item_gives_its_reasons(story: Story) -> None:
    for n, items in story.seen.items():
        for item in items:
            assert item.reasons and all(text for _, text in item.reasons), (n, item)


def test_a_call_on_mums_birthday_settles_the_birthday(story: Story) -> None:
    for n in range(13, 21):
        assert any("birthday" in t for i in items_for(story, "mum", n, story.morning)
                   for t in i.says("P11")), n
    assert items_for(story, "mum", 20) == [] and items_for(story, "mum", 21) == []


def test_mums_news_is_worded_neutrally_and_a_call_settles_it(story: Story) -> None:
    [item] = items_for(story, "mum", 40)
    assert item.action == "Send a short note"
    [news] = item.says("P11")
    assert "knee surgery" in news and "congratulation" not in news.casefold()
    assert not [t for i in items_for(story, "mum", 41) for t in i.says("P11")]


def test_the_meetup_follow_up_comes_and_a_note_settles_it(story: Story) -> None:
    [item] = items_for(story, "leo", 10)
    assert item.kind == "follow_up" and "heat-pump retrofit pilots" in item.reasons[0][1]
    assert items_for(story, "leo", 11) == []


def test_a_message_then_a_call_with_a_stranger_brings_the_follow_up_then_reconnect(
    story: Story
) -> None:
    kinds = {n: [i.kind for i in items_for(story, "sofia", n)] for n in range(18, 37)}
    assert all(kinds[n] == ["follow_up"] for n in range(18, 33)), kinds
    assert "within 24 hours" in items_for(story, "sofia", 19)[0].reasons[0][1]
    assert all(kinds[n] == ["reconnect"] for n in range(33, 36)), kinds
    assert kinds[36] == []


def test_a_planned_meeting_done_brings_its_follow_up(story: Story) -> None:
    assert [i.kind for i in items_for(story, "amara", 35, story.morning)] == ["plan"]
    [follow] = items_for(story, "amara", 35)
    assert follow.kind == "follow_up" and "seed rounds" in follow.reasons[0][1]
    assert items_for(story, "amara", 36) == []


def test_the_closest_get_no_follow_up_chores(story: Story) -> None:
    for n, items in story.seen.items():
        for item in items:
            if item.who in (story.ids["mum"], story.ids["rui"], story.ids["joana"]):
                assert item.kind != "follow_up", (n, item)


def test_newcomers_get_a_first_step_a_few_a_week_not_a_burst(story: Story) -> None:
    first_seen: dict[str, int] = {}
    for n, items in story.seen.items():
        for item in items:
            if item.kind == "first_step":
                first_seen.setdefault(item.who, n)
    newcomers = {story.ids[k] for k in ("hana", "omar", "lena", "mei", "kwame", "aisha",
                                        "julia", "amara", "tom", "marta")}
    assert newcomers <= set(first_seen) | {story.ids["amara"]}
    arrivals = Counter(first_seen.values())
    assert max(arrivals.values()) == 1
    for start in range(DAYS):
        assert sum(arrivals[d] for d in range(start, start + 7)) <= 4, start
    assert min(first_seen.values()) <= 7
    # And no morning brings a crowd of people Today had not asked about before.
    first_day: dict[str, int] = {}
    for n, items in story.seen.items():
        for item in items:
            first_day.setdefault(item.who, n)
    crowd = Counter(n for n in first_day.values() if n > 2)
    assert max(crowd.values(), default=0) <= 3, crowd


def test_targets_and_the_shortlist_are_never_offered_let_go_before_a_first_conversation(
    story: Story
) -> None:
    for n, items in story.seen.items():
        for item in items:
            if item.who in story.wanted_unmet[n]:
                assert not item.says("P4"), (n, item)


def test_an_imported_connections_review_starts_from_when_they_connected(story: Story) -> None:
    reviewed: dict[str, int] = {}
    for n, items in story.seen.items():
        for item in items:
            if item.says("P4"):
                reviewed.setdefault(item.who, n)
    for who, (added_on, known_since) in story.imported.items():
        if who not in reviewed:
            continue
        clock = known_since or added_on
        earliest = max((clock + timedelta(days=180) - START).days,
                       (added_on + timedelta(days=30) - START).days)
        assert reviewed[who] >= earliest, who
    if any(known_since for _, known_since in story.imported.values()):
        assert reviewed, "connections from years ago come up for review after the first month"
    per_day = Counter(n for n, items in story.seen.items() for i in items if i.says("P4"))
    assert max(per_day.values(), default=0) <= 3


def test_a_former_manager_and_a_mother_read_without_sales_talk(story: Story) -> None:
    assert "Only 0 interactions" not in story.pages["rui"]
    assert "No conversation logged yet" not in story.pages["rui"]
    assert "came early" not in story.pages["rui"]
    assert re.search(r"\bask\b", story.pages["mum"], re.I) is None


def test_a_favour_received_brings_a_thank_you_until_the_next_contact(story: Story) -> None:
    [item] = items_for(story, "rui", 15)
    assert item.kind == "thanks" and item.action == "Say thank you"
    assert any("Introduced me to the Tidewater founders" in t for t in item.says("P13"))
    assert items_for(story, "rui", 16, story.morning)[0].kind == "thanks"
    assert not [i for i in items_for(story, "rui", 16) if i.kind == "thanks"]


def test_an_introduction_brings_a_thank_you_to_the_introducer_for_a_week(story: Story) -> None:
    def thanked(n: int) -> bool:
        return any("introduced you to Marta Silva" in t
                   for i in items_for(story, "joana", n) for t in i.says("P7"))
    assert not thanked(4)
    assert all(thanked(n) for n in range(5, 13))
    assert not thanked(13)


def test_a_message_sent_on_the_steps_day_is_the_step_and_today_asks_whats_next(
        story: Story) -> None:
    assert [i.action for i in items_for(story, "amara", 45, story.morning)] == [
        "Do the planned step"]
    for n, when, said in ((45, story.seen, "today"), (46, story.morning, "yesterday")):
        [item] = items_for(story, "amara", n, when)
        assert item.action == "What's next with Amara Okafor?"
        assert item.says("P14")[0].startswith(f"You logged a message {said}, the day of ")
    assert not [i for i in items_for(story, "amara", 46) if i.kind.startswith("plan")]
    around = [(on, kind) for on, kind, _ in story.amaras_timeline if day(45) <= on <= day(46)]
    assert around == [(day(45), "message")]


def test_a_step_saved_without_a_date_is_chased_after_a_week(story: Story) -> None:
    def chased(n: int) -> bool:
        return any("with no date since" in t
                   for i in items_for(story, "amara", n) for t in i.says("P14"))
    assert not any(chased(n) for n in range(46, 53))
    assert all(chased(n) for n in range(53, 55)) and not chased(55)
    [item] = items_for(story, "amara", 53)
    assert item.action == "Put a date on the next step"


def test_tomorrows_coffee_is_confirmed_the_day_before_and_a_note_settles_it(story: Story) -> None:
    [item] = items_for(story, "amara", 59, story.morning)
    assert item.action == "Confirm tomorrow's coffee"
    for n, when in ((58, story.seen), (59, story.seen), (60, story.morning)):
        assert not [i for i in items_for(story, "amara", n, when)
                    if i.action.startswith("Confirm")], n
