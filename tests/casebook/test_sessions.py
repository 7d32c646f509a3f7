"""Teams, members, cases and sessions as a facilitator and participants meet them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.signin import server_view
from werkboek.casebook import NotAllowed
from werkboek.casebook.sessions import JOIN_CODE_ALPHABET


def test_joining_twice_with_the_same_pseudonym_is_the_same_member(casebook):
    team = casebook.create_team("Team Oost (fictief)")
    first = casebook.join_team(team.id, "GW-1", "groepswerker")
    again = casebook.join_team(team.id, "GW-1", "groepswerker")
    assert first.id == again.id
    assert casebook.create_team("Team Oost (fictief)").id == team.id
    assert [m.pseudonym for m in casebook.members(server_view(casebook), team.id)] == ["GW-1"]


def test_a_viewer_knows_team_cohort_and_trainer_from_the_membership(casebook):
    team = casebook.create_team("Team Oost (fictief)")
    cohort = casebook.create_team("COMBINE-groep 1 (fictief)", kind="cohort")
    worker = casebook.viewer_for(casebook.join_team(team.id, "GW-1", "groepswerker").id)
    trainer = casebook.viewer_for(casebook.join_team(cohort.id, "TR-1", "trainer").id)
    assert worker.team_ids == {team.id} and not worker.trainer
    assert trainer.cohort_ids == {cohort.id} and trainer.trainer
    assert [t.name for t in casebook.teams(kind="cohort")] == ["COMBINE-groep 1 (fictief)"]


def test_the_local_user_is_made_once(casebook):
    first = casebook.local_viewer()
    assert casebook.local_viewer() == first
    assert first.member_id is not None
    assert casebook.teams() == []  # the personal journal is not listed as a team


def test_cases_are_only_listed_for_their_own_team(scene):
    cb = scene.casebook
    assert [c.title for c in cb.cases(scene.worker)] == ["Spelcomputer (fictief)"]
    assert scene.case.tension_fields == ("privacy-bemoeienis",)
    assert cb.cases(scene.other) == []
    with pytest.raises(NotAllowed):
        cb.create_case(scene.other, scene.team.id, "Nachtdienst (fictief)", "Fictief.")


def test_a_join_code_is_short_unambiguous_and_finds_the_open_session(scene):
    cb, session = scene.casebook, scene.session
    code = session.join_code
    assert len(code) == 6 and set(code) <= set(JOIN_CODE_ALPHABET)
    assert not set(code) & set("0O1IL")
    spaced = f" {code[:3].lower()} {code[3:].lower()} "
    assert cb.session_by_code(spaced).id == session.id
    assert cb.session_by_code("ZZZZZZ") is None
    cb.close_session(scene.lead, session.id)
    assert cb.session_by_code(code) is None


def test_a_session_code_from_long_ago_no_longer_works(scene):
    cb = scene.casebook
    old = cb.start_session(
        scene.lead,
        scene.team.id,
        case_id=None,
        exercise_id="casusbespreking",
        on=date.today() - timedelta(days=10),
    )
    assert cb.session_by_code(old.join_code) is None
    assert cb.session(server_view(cb), old.id).held_on == date.today() - timedelta(days=10)


def test_only_the_facilitator_moves_the_session_on(scene):
    cb = scene.casebook
    assert cb.set_phase(scene.lead, scene.session.id, "samen-duiden").phase == "samen-duiden"
    with pytest.raises(NotAllowed):
        cb.set_phase(scene.worker, scene.session.id, "betekenisvolle-interventie")
    with pytest.raises(NotAllowed):
        cb.close_session(scene.worker, scene.session.id)
    assert cb.session(server_view(cb), scene.session.id).phase == "samen-duiden"


def test_a_second_facilitator_screen_is_refused_while_the_first_is_alive(scene):
    cb = scene.casebook
    assert cb.claim_facilitator(scene.session.id, "laptop-a")
    assert cb.claim_facilitator(scene.session.id, "laptop-a")  # heartbeat
    assert not cb.claim_facilitator(scene.session.id, "laptop-b")


def test_sessions_are_listed_for_the_team_newest_first(scene):
    cb = scene.casebook
    later = cb.start_session(
        scene.lead,
        scene.team.id,
        case_id=scene.case.id,
        exercise_id="casusbespreking",
        on=date.today() + timedelta(days=30),
    )
    assert [s.id for s in cb.sessions(scene.worker)] == [later.id, scene.session.id]
    assert cb.sessions(scene.other) == []
