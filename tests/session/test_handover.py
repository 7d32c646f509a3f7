"""The lead of a session is who started it; only they (or a beheerder) hand it to another member."""

from __future__ import annotations

import pytest

from tests.signin import server_view
from werkboek.casebook import NotAllowed
from werkboek.session.facilitator_actions import Facilitation


def test_the_lead_hands_over_and_then_cannot_steer_any_more(casebook):
    team = casebook.create_team("Team Overdracht (fictief)")
    first = casebook.join_team(team.id, "GL-1", "gespreksleider")
    second = casebook.join_team(team.id, "GD-4", "gedragsdeskundige")
    lead_view = casebook.viewer_for(first.id)
    session = casebook.start_session(lead_view, team.id, case_id=None, exercise_id="casusbespreking")
    lead = Facilitation(casebook, session, lead_view, first)
    assert ("GD-4", second.id) in lead.successors()

    lead.hand_over(second.id)

    assert casebook.session(server_view(casebook), session.id).facilitator_id == second.id
    with pytest.raises(NotAllowed):
        casebook.set_phase(lead_view, session.id, "verkennen")
    assert casebook.set_phase(casebook.viewer_for(second.id), session.id, "verkennen").phase == \
        "verkennen"


def test_a_participant_cannot_take_the_lead_for_themselves(casebook):
    team = casebook.create_team("Team Greep (fictief)")
    lead = casebook.viewer_for(casebook.join_team(team.id, "GL-2", "gespreksleider").id)
    grabber = casebook.join_team(team.id, "GW-6", "groepswerker")
    session = casebook.start_session(lead, team.id, case_id=None, exercise_id="casusbespreking")
    with pytest.raises(NotAllowed):
        casebook.hand_over(casebook.viewer_for(grabber.id), session.id, grabber.id)
    assert casebook.session(server_view(casebook), session.id).facilitator_id == lead.member_id
