"""Reads of a team's members, sessions and votes: a member of another team is refused, as the
store refuses them everything else of that team; the team's own members and a session's guest
read what is theirs."""

from __future__ import annotations

import pytest

from werkboek.casebook import NotAllowed


@pytest.fixture
def outsider_reads(scene):
    """Each team read, as a callable of the viewer who asks."""
    cb, team, session = scene.casebook, scene.team, scene.session
    return {
        "members": lambda viewer: cb.members(viewer, team.id),
        "member": lambda viewer: cb.member(viewer, scene.lead.member_id),
        "accounts_of_team": lambda viewer: cb.accounts_of_team(viewer, team.id),
        "session": lambda viewer: cb.session(viewer, session.id),
        "votes": lambda viewer: cb.votes(viewer, session.id),
    }


@pytest.mark.parametrize("read", ["members", "member", "accounts_of_team", "session", "votes"])
def test_a_member_of_another_team_is_refused(scene, outsider_reads, read):
    with pytest.raises(NotAllowed, match="geen lid van"):
        outsider_reads[read](scene.other)
    outsider_reads[read](scene.worker)  # the team's own member reads it


def test_the_team_reads_its_members_and_a_session_its_votes(scene):
    cb = scene.casebook
    assert [m.pseudonym for m in cb.members(scene.worker, scene.team.id)] == ["GD-1", "GW-2"]
    assert cb.session(scene.worker, scene.session.id).team_id == scene.team.id
    entry = cb.save_entry(scene.worker, kind="text", text="een hypothese (fictief)",
                          session_id=scene.session.id, visibility="team", final=True)
    cb.vote(scene.lead, entry.id, 2)
    assert cb.votes(scene.worker, scene.session.id) == {entry.id: 2}
    assert cb.member_votes(scene.lead, scene.session.id) == {entry.id: 2}
    assert cb.member_votes(scene.worker, scene.session.id) == {}  # only one's own votes


def test_a_guest_reads_their_own_session_and_no_other(scene):
    cb = scene.casebook
    cb.allow_guests(scene.lead, scene.session.id, True)
    cb.join_as_guest(scene.session.id, "Wijkteam", "geheim-van-deze-browser")
    guest = cb.guest_viewer(scene.session.id, "geheim-van-deze-browser")
    assert cb.session(guest, scene.session.id).id == scene.session.id
    assert cb.votes(guest, scene.session.id) == {}
    assert cb.member(guest, guest.member_id).pseudonym == "Gast Wijkteam"
    other = cb.start_session(scene.lead, scene.team.id, case_id=None, exercise_id="casusbespreking",
                             module_id="verdiepen")
    with pytest.raises(NotAllowed):
        cb.session(guest, other.id)
    with pytest.raises(NotAllowed):
        cb.members(guest, scene.team.id)
