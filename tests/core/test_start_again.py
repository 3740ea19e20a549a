"""Start is safe to run twice, and target networks can be renamed and deleted (P5)."""

from __future__ import annotations

from core.storage.loading import load_network

from .helpers import Shell


def started() -> Shell:
    device = Shell(None)
    device.submit("start", one_liner="I build data platforms", targets="mentors",
                name_1="Mum", circle_1="family", last_1="month")
    return device


def names_of_networks(device: Shell) -> list[str]:
    return sorted(t.name for t in device.app.network.targets.values())


def test_running_start_again_never_clears_a_pitch_field_the_user_filled() -> None:
    device = started()
    device.submit("save_pitch", one_liner="I build data platforms",
                distinctive="Ten years in clinics", how_i_help="Audits of lost records")
    device.submit("start", one_liner="I build data platforms", name_1="Sam")
    pitch = device.app.network.pitch
    assert (pitch.one_liner, pitch.distinctive, pitch.how_i_help) == (
        "I build data platforms", "Ten years in clinics", "Audits of lost records")


def test_a_new_one_liner_in_start_changes_only_the_one_liner() -> None:
    device = started()
    device.submit("save_pitch", one_liner="I build data platforms",
                distinctive="Ten years in clinics", how_i_help="")
    device.submit("start", one_liner="I move clinics to systems that keep their data")
    pitch = device.app.network.pitch
    assert pitch.one_liner == "I move clinics to systems that keep their data"
    assert pitch.distinctive == "Ten years in clinics"


def test_start_shows_the_pitch_and_networks_already_kept() -> None:
    html = started().open("#/start")["html"]
    assert 'value="I build data platforms"' in html
    assert "Mentors (already yours)" in html
    assert 'value="mentors" checked disabled' in html
    assert 'value="employers" checked' not in html


def test_running_start_again_never_duplicates_a_network_or_a_person() -> None:
    device = started()
    answer = device.submit("start", targets=["mentors", "employers"], name_1="mum ",
                         circle_1="family", name_2="Sam", last_2="week")
    assert names_of_networks(device) == ["Future employers", "Mentors"]
    assert sorted(c.name for c in device.app.network.contacts.values()) == ["Mum", "Sam"]
    assert answer["notice"] == "1 person added. Mum was already here, kept as before."
    stored = load_network(device.storage).network
    assert len(stored.interactions) == 2  # Mum's first one and Sam's, not a second for Mum


def test_start_with_nothing_new_adds_nothing_and_says_so() -> None:
    device = started()
    answer = device.submit("start", one_liner="I build data platforms", targets="mentors",
                         name_1="Mum")
    assert answer["writes"] == []
    assert answer["notice"] == "Nothing new to add. Mum was already here, kept as before."


def test_a_network_can_be_renamed() -> None:
    device = started()
    [mentors] = device.app.network.targets
    answer = device.submit("save_target", id=mentors, name="Climate mentors", kind="mentors",
                         active="on")
    assert answer["notice"] == "Saved the network Climate mentors."
    assert names_of_networks(device) == ["Climate mentors"]


def test_a_second_network_of_the_same_name_is_refused_in_any_capitals() -> None:
    device = started()
    added = device.submit("save_target", name="  MENTORS ", kind="other")
    assert added["writes"] == []
    assert "You already have a network called Mentors." in added["html"]
    device.submit("save_target", name="Founders", kind="other")
    founders = next(t for t, n in device.app.network.targets.items() if n.name == "Founders")
    renamed = device.submit("save_target", id=founders, name="mentors", kind="other",
                          active="on")
    assert renamed["writes"] == []
    assert names_of_networks(device) == ["Founders", "Mentors"]
    form = renamed["html"][renamed["html"].index('aria-label="Edit the network Founders"'):]
    assert form.index("You already have a network called Mentors.") < form.index("</form>")


def test_deleting_a_network_takes_it_off_everyones_page_in_one_undoable_change() -> None:
    device = started()
    [mentors] = device.app.network.targets
    device.submit("add_contact", name="Ana")
    device.submit("add_contact", name="Ben")
    people = {c.name: c.id for c in device.app.network.contacts.values()}
    for name in ("Ana", "Ben"):
        device.submit("triage", contact_id=people[name], targets=mentors)
    html = device.open("#/networks")["html"]
    assert "2 people are in Mentors." in html
    answer = device.submit("delete_target", id=mentors)
    assert answer["notice"] == ("Deleted the network Mentors. The 2 people in it stay in "
                                "your network.")
    assert len(answer["writes"]) == 3
    stored = load_network(device.storage).network
    assert stored.targets == {}
    assert all(c.targets == () for c in stored.contacts.values())
    assert "not yet sorted" not in device.open("#/today")["html"]
    device.send_undo()
    back = load_network(device.storage).network
    assert [t.name for t in back.targets.values()] == ["Mentors"]
    assert back.contacts[people["Ana"]].targets == (mentors,)
