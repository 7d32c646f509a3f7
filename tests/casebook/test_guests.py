"""A guest (a chain partner, an intern) joins one session the facilitator opened to guests: bound
to their own browser, writing and reading in that session only, seeing nothing of the casebook."""

from __future__ import annotations

import secrets

import pytest

from werkboek.casebook import NotAllowed


@pytest.fixture
def open_session(casebook):
    team = casebook.create_team("Team Gasten (fictief)")
    lead = casebook.viewer_for(casebook.join_team(team.id, "GL-3", "gespreksleider").id)
    casebook.save_entry(lead, kind="reflection", text="Teamnotitie buiten de sessie (fictief)",
                        visibility="team", final=True, privacy="fictional")
    session = casebook.start_session(lead, team.id, case_id=None, exercise_id="casusbespreking")
    return casebook, lead, session


def test_no_guest_gets_in_until_the_facilitator_allows_it(open_session):
    cb, lead, session = open_session
    with pytest.raises(NotAllowed, match="gast"):
        cb.join_as_guest(session.id, "Wijkteam", secrets.token_urlsafe(32))
    participant = cb.viewer_for(cb.join_team(session.team_id, "GW-11", "groepswerker").id)
    with pytest.raises(NotAllowed):
        cb.allow_guests(participant, session.id, True)
    assert cb.allow_guests(lead, session.id, True).guests_allowed


def test_a_guest_is_bound_to_their_browser_and_sees_only_the_session(open_session):
    cb, lead, session = open_session
    cb.allow_guests(lead, session.id, True)
    mine, theirs = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    first = cb.join_as_guest(session.id, "Wijkteam", mine)
    assert cb.join_as_guest(session.id, "Wijkteam", mine).id == first.id  # same browser, same guest
    second = cb.join_as_guest(session.id, "Wijkteam", theirs)
    assert second.id != first.id and second.pseudonym == "Gast Wijkteam (2)"

    guest = cb.guest_viewer(session.id, mine)
    cb.save_entry(guest, kind="context", text="Vanuit de wijkteampraktijk (fictief)",
                  session_id=session.id, visibility="team", final=True, privacy="fictional")
    cb.save_entry(guest, kind="note", text="eigen notitie van de gast", session_id=session.id,
                  privacy="fictional")
    other_guest = cb.guest_viewer(session.id, theirs)
    seen_by_other = [e.text for e in cb.entries(other_guest)]
    assert seen_by_other == ["Vanuit de wijkteampraktijk (fictief)"]  # not the private note
    assert "Teamnotitie buiten de sessie (fictief)" not in [e.text for e in cb.entries(guest)]
    assert cb.cases(guest) == [] and cb.sessions(guest) == []
    assert cb.guest_viewer(session.id, secrets.token_urlsafe(32)) is None


def test_a_closed_session_takes_no_new_guests(open_session):
    cb, lead, session = open_session
    cb.allow_guests(lead, session.id, True)
    cb.close_session(lead, session.id)
    with pytest.raises(NotAllowed):
        cb.join_as_guest(session.id, "Stagiair", secrets.token_urlsafe(32))
