"""Making room: old interactions move to a file, nothing any rule sees changes, nothing is lost."""

from __future__ import annotations

import json
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from core.app import App
from core.formats.backup import export_backup, read_backup
from core.model import InteractionKind, Record
from core.network import network_of
from core.rules.agenda import agenda
from core.rules.capacity import (
    BUDGET_CHARS,
    Usage,
    about,
    archivable,
    room_link,
    room_warning,
    share,
    storage_line,
    usage,
)
from core.rules.patience import ask_readiness, early_asks, next_step
from core.storage.codec import encode
from core.storage.loading import load_network
from core.storage.migrations import parse_key, record_key

from .factories import TODAY, contact, logged
from .helpers import Shell


def history(contact_id: str, days_ago: list[int]) -> list[Record]:
    return [logged(contact_id, TODAY - timedelta(days=d), id=f"{contact_id}-{d}")
            for d in days_ago]


def test_only_old_middle_interactions_can_move_out() -> None:
    # Ana: first met 2000 days ago, four more old ones, then three recent ones.
    network = network_of([contact("Ana"), *history("ana", [2000, 1500, 1200, 1000, 900,
                                                           400, 100, 10])])
    assert [i.id for i in archivable(network, TODAY)] == ["ana-1500", "ana-1200", "ana-1000",
                                                          "ana-900"]


def test_a_person_with_a_short_history_keeps_all_of_it() -> None:
    network = network_of([contact("Ben"), *history("ben", [3000, 2900, 2800, 2700])])
    assert archivable(network, TODAY) == []


def test_interactions_from_the_last_two_years_always_stay() -> None:
    network = network_of([contact("Cy"), *history("cy", [700, 600, 500, 400, 300, 200])])
    assert archivable(network, TODAY) == []


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4000), st.sampled_from(list(InteractionKind))),
                max_size=14))
def test_moving_the_archivable_out_changes_no_verdict_of_any_rule(
    touches: list[tuple[int, InteractionKind]]
) -> None:
    records: list[Record] = [contact("Ana")]
    records += [logged("ana", TODAY - timedelta(days=d), kind, id=f"i{n}")
                for n, (d, kind) in enumerate(touches)]
    network = network_of(records)
    moved = {i.id for i in archivable(network, TODAY)}
    slimmer = network_of([r for r in records if r.id not in moved])
    for day in (TODAY, TODAY + timedelta(days=40)):
        assert agenda(slimmer, day) == agenda(network, day)
    before, after = network.interactions_with("ana"), slimmer.interactions_with("ana")
    assert next_step(after) == next_step(before)
    assert ask_readiness(after, TODAY).ready == ask_readiness(before, TODAY).ready
    flagged = {i.id: r for i, r in early_asks(before) if i.id not in moved}
    assert {i.id: r for i, r in early_asks(after)} == flagged


def test_everything_before_an_ask_that_stays_stays_too() -> None:
    old = [logged("ana", TODAY - timedelta(days=d), id=f"m{d}") for d in (2000, 1900, 1800)]
    ask = logged("ana", TODAY - timedelta(days=1700), InteractionKind.ASK, id="ask")
    later = [logged("ana", TODAY - timedelta(days=d), id=f"m{d}") for d in (1600, 1500, 10, 5, 1)]
    network = network_of([contact("Ana"), *old, ask, *later])
    assert [i.id for i in archivable(network, TODAY)] == ["m1600", "m1500"]  # oldest first


def test_usage_counts_keys_and_values_and_warns_from_eighty_percent() -> None:
    assert usage({"ab": "cde"}).used == 5
    assert usage({"ab": "cde"}, extras=10, others=7) == Usage(15, others=7)
    assert room_warning(Usage(int(BUDGET_CHARS * 0.79))) == ""
    warning = room_warning(Usage(int(BUDGET_CHARS * 0.85)))
    assert "storage for this address is 85% full (Tend uses 85%)" in warning
    assert "archive file" in warning
    assert room_link(Usage(int(BUDGET_CHARS * 0.85))) == ("#/data", "Make room")


def test_other_pages_of_the_address_count_against_the_budget_too() -> None:
    assert room_warning(Usage(int(BUDGET_CHARS * 0.3), others=int(BUDGET_CHARS * 0.3))) == ""
    assert room_warning(Usage(int(BUDGET_CHARS * 0.5), others=int(BUDGET_CHARS * 0.35)))


def test_when_other_pages_use_more_than_tend_the_advice_is_an_address_of_its_own() -> None:
    used = Usage(int(BUDGET_CHARS * 0.31), others=int(BUDGET_CHARS * 0.55))
    warning = room_warning(used)
    assert "86% full, mostly by other pages of this address (55%; Tend uses 31%)" in warning
    assert "give Tend an address of its own" in warning and "archive file" not in warning
    assert room_link(used) == ("guide/using-tend.html#own-origin",
                               "How to give Tend an address of its own")


def test_when_tend_uses_most_of_the_space_the_advice_is_to_archive() -> None:
    used = Usage(int(BUDGET_CHARS * 0.6), others=int(BUDGET_CHARS * 0.25))
    assert "archive file" in room_warning(used) and room_link(used)[0] == "#/data"


def test_sizes_are_said_as_a_person_reads_them() -> None:
    assert about(BUDGET_CHARS) == "about 5.2 million characters"
    assert about(2_000_000) == "about 2 million characters"
    assert about(310_456) == "about 310 thousand characters"
    assert about(840) == "840 characters"
    assert share(3, 1000) == "under 1%" and share(0) == "0%" and share(314, 1000) == "31%"


def test_the_data_page_says_the_budget_and_who_uses_how_much() -> None:
    line = storage_line(Usage(int(BUDGET_CHARS * 0.31), others=int(BUDGET_CHARS * 0.4)))
    assert line == ("This browser gives this address about 5.2 million characters. Tend uses "
                    "31%, other pages of this address use 40%.")
    assert "other pages" not in storage_line(Usage(1000))
    assert "5,242,880" not in line


def test_the_data_page_counts_what_the_shell_measured_on_the_whole_origin() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    others = int(BUDGET_CHARS * 0.85)
    request = {"event": {"type": "navigate", "route": "#/data"}, "today": TODAY.isoformat(),
               "now": f"{TODAY}T10:00:00Z", "new_id": "unused",
               "room": {"extras": 0, "others": others}}
    html = json.loads(device.app.handle_json(json.dumps(request)))["html"]
    assert "other pages of this address use 85%" in html
    assert "give Tend an address of its own" in html
    assert 'href="guide/using-tend.html#own-origin"' in html


def old_network(device: Shell) -> str:
    """Ana with six interactions over four years: two of them can move out."""
    device.submit("add_contact", name="Ana")
    ana = next(iter(device.app.network.contacts))
    for days in (1500, 1400, 1300, 60, 30, 5):
        device.submit("log_interaction", contact_id=ana,
                    on=(TODAY - timedelta(days=days)).isoformat(), note=f"{days} days ago")
    return ana


def test_archiving_takes_two_steps_and_removes_only_what_the_file_holds() -> None:
    device = Shell(None)
    ana = old_network(device)
    before = dict(device.storage)
    saved = device.submit("export_archive")
    archive = saved["download"]["text"]
    assert saved["writes"] == [] and device.storage == before
    assert len(read_backup(archive).records) == 2
    removed = device.submit("remove_archived", file=archive)
    assert [w["value"] for w in removed["writes"]] == [None, None]
    assert "Removed 2 old interactions" in removed["notice"]
    assert len(device.app.network.interactions_with(ana)) == 4
    # The keys are gone from storage, not tombstoned, and storage loads as the app shows it.
    assert not any(w["key"] in device.storage for w in removed["writes"])
    assert load_network(device.storage).network == device.app.network


def test_archived_interactions_come_back_when_the_file_is_brought_in() -> None:
    device = Shell(None)
    ana = old_network(device)
    archive = device.submit("export_archive")["download"]["text"]
    device.submit("remove_archived", file=archive)
    device.submit("import_data", file=archive)
    assert len(device.app.network.interactions_with(ana)) == 6


def test_removing_archived_interactions_can_be_undone() -> None:
    device = Shell(None)
    ana = old_network(device)
    device.submit("remove_archived", file=device.submit("export_archive")["download"]["text"])
    device.send_undo()
    assert len(device.app.network.interactions_with(ana)) == 6


def test_a_file_that_does_not_hold_the_interactions_as_stored_removes_nothing() -> None:
    device = Shell(None)
    old_network(device)
    archive = read_backup(device.submit("export_archive")["download"]["text"])
    key, record = next(iter(archive.records.items()))
    edited = record.model_copy(update={"note": "changed since"})
    answer = device.submit("remove_archived",
                         file=export_backup({key: encode(edited)}, archive.exported_at))
    assert answer["writes"] == [] and "Nothing was removed" in answer["notice"]
    assert key in device.app.entries


def test_nothing_to_archive_says_why() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    answer = device.submit("export_archive")
    assert answer["download"] is None and "Nothing to archive" in answer["notice"]


def test_today_warns_when_storage_is_nearly_full() -> None:
    device = Shell(None)
    device.submit("add_contact", name="Ana")
    device.app.stored.stored["tend/v4/filler/x"] = "x" * int(  # type: ignore[index]
        BUDGET_CHARS * 0.85)
    html = device.open("#/today")["html"]
    assert "storage for this address is 85% full" in html and 'href="#/data"' in html


def in_layout_1(storage: dict[str, str]) -> dict[str, str]:
    """The same entries as Tend 1 stored them: what a browser holds before its upgrade."""
    old = {}
    for key, value in storage.items():
        parsed = parse_key(key)
        assert parsed is not None
        record = record_key(parsed) or key
        data = {"schema": 1, "id": parsed.record_id, **json.loads(value)}
        old[record.replace("/v3/", "/v1/")] = json.dumps(data, separators=(",", ":"))
    return old


def test_archiving_before_the_upgrade_landed_frees_the_old_entries_too() -> None:
    device = Shell(None)
    ana = old_network(device)
    archive = device.submit("export_archive")["download"]["text"]
    device.storage = in_layout_1(device.storage)  # the upgrade never landed (storage full)
    device.app = App.from_storage(device.storage)
    removed = device.submit("remove_archived", file=archive)
    assert "Removed 2 old interactions" in removed["notice"]
    assert len(load_network(device.storage).network.interactions_with(ana)) == 4
