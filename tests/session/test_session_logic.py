"""A case discussion driven without a browser: join, steps, timers, hidden hypotheses, votes,
hiding, actions and closing, against a real casebook with the real privacy guard."""

from __future__ import annotations

from datetime import date

import pytest

from tests.session.conftest import go_to
from tests.signin import server_view
from werkboek.casebook import NotAllowed
from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview
from werkboek.session.control import OPENING, clock_text
from werkboek.session.facilitator_actions import Facilitation, LeadTaken
from werkboek.session.participant_actions import EmptyContribution, JoinRefused, join_session
from werkboek.session.room import HYPOTHESIS, SCALE
from werkboek.vocab import CONTRIBUTION_KIND


def phase(room, phase_id):
    return room.phase_by_id(phase_id)


def test_join_with_code_and_resume_as_the_same_member(casebook, lead, join):
    code = lead.room.session.join_code
    first = join(lead, "GW-1", "groepswerker", code=code.lower())
    again = join(lead, "GW-1", code=f" {code[:3]} {code[3:]} ")
    assert first.member.id == again.member.id
    assert (first.member.pseudonym, first.member.role) == ("GW-1", "groepswerker")
    assert first.room.session.id == lead.session_id


@pytest.mark.parametrize("code", ["", "ZZZZZZ", "ABC"])
def test_wrong_code_gets_a_dutch_message(casebook, lead, join, code):
    with pytest.raises(JoinRefused) as refused:
        join(lead, "GW-1", "groepswerker", code=code)
    assert "code" in str(refused.value).lower()


def test_closed_session_code_no_longer_works(casebook, lead, join):
    lead.close()
    with pytest.raises(JoinRefused, match="hoort niet bij een lopende bespreking"):
        join(lead, "GW-1", "groepswerker")


def test_a_member_joins_as_themselves_with_the_role_they_were_granted(casebook, lead, team,
                                                                      sign_in, content):
    nw = sign_in(casebook, team.id, "NW-1", "nachtwacht")
    joined = join_session(casebook, lead.room.session.join_code, nw.principal, content=content)
    assert joined.member.id == nw.member.id and joined.member.role == "nachtwacht"
    assert joined.viewer.member_id == nw.member.id and joined.viewer.login_id == nw.login.id
    assert [m.pseudonym for m in casebook.members(server_view(casebook), team.id)] == ["GL-1", "NW-1"]  # nobody new


def test_a_visitor_not_signed_in_or_not_in_the_team_is_refused_in_dutch(casebook, lead, sign_in,
                                                                        content):
    from werkboek.casebook import Principal
    from werkboek.session.participant_actions import NOT_IN_TEAM, SIGN_IN_FIRST

    code = lead.room.session.join_code
    with pytest.raises(JoinRefused) as refused:
        join_session(casebook, code, Principal(), content=content)
    assert str(refused.value) == SIGN_IN_FIRST
    elsewhere = sign_in(casebook, casebook.create_team("Team West (fictief)").id, "GW-9")
    with pytest.raises(JoinRefused) as refused:
        join_session(casebook, code, elsewhere.principal, content=content)
    assert str(refused.value) == NOT_IN_TEAM
    members = {m.pseudonym for m in casebook.members(server_view(casebook), lead.room.session.team_id)}
    assert "GW-9" not in members  # refused visitors are not made members


def test_steps_move_forward_and_back_and_everyone_follows(casebook, lead, join):
    participant = join(lead, "NW-1", "nachtwacht")
    assert participant.room.phase.id == OPENING
    lead.next_phase()
    assert participant.room.refresh() is True
    assert participant.room.phase.id == "inbreng"  # step 0: the presenter's question
    go_to(lead, "hypothesen")
    assert participant.room.refresh() is True
    assert participant.room.phase.id == "hypothesen"
    assert casebook.session(server_view(casebook), lead.session_id).phase == "hypothesen"
    lead.previous_phase()
    participant.room.refresh()
    assert participant.room.phase.id == "perspectieven"
    assert participant.room.phase_number() == "Onderdeel 4 van 9"  # its title says "Stap 1: …"


def test_timer_counts_down_pauses_and_takes_adjusted_minutes(lead, clock):
    go_to(lead, "context")  # context: 10 minutes in the exercise, starts running
    assert lead.room.control.timer.minutes == 10
    clock.advance(60)
    assert clock_text(lead.room.remaining_seconds()) == "09:00"
    lead.pause_timer()
    clock.advance(300)
    assert clock_text(lead.room.remaining_seconds()) == "09:00"
    lead.adjust_timer(+5)
    assert clock_text(lead.room.remaining_seconds()) == "14:00"
    lead.start_timer()
    clock.advance(15 * 60)
    assert clock_text(lead.room.remaining_seconds()) == "+01:00"


def test_timer_state_reaches_other_screens(casebook, lead, join, clock):
    participant = join(lead, "CM-1", "casemanager")
    participant.room.clock = clock
    go_to(lead, "context")  # 10 minutes
    lead.adjust_timer(-5)
    clock.advance(30)
    participant.room.refresh()
    assert clock_text(participant.room.remaining_seconds()) == "04:30"


def test_hypotheses_stay_hidden_until_revealed_together(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    cm = join(lead, "CM-1", "casemanager")
    go_to(lead, "hypothesen")
    step = phase(gw.room, "hypothesen")
    gw.contribute(step, text="Misschien is ze 's avonds bang als het stil wordt.",
                  tension="privacy-bemoeienis")
    cm.contribute(step, text="Misschien wil ze de kinderen niet alleen laten.")
    gw.room.refresh()
    cm.room.refresh()
    assert [e.author for e in gw.room.shown(HYPOTHESIS, for_member=gw.member.id)] == ["GW-1"]
    assert cm.room.ranked_hypotheses() == []
    assert cm.room.waiting_hidden("hypothesen") == 2
    lead.reveal()
    gw.room.refresh()
    cm.room.refresh()
    assert {e.author for e, _votes in cm.room.ranked_hypotheses()} == {"GW-1", "CM-1"}
    assert {e.author for e, _votes in gw.room.ranked_hypotheses()} == {"GW-1", "CM-1"}


def test_votes_are_counted_and_limited(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    cm = join(lead, "CM-1", "casemanager")
    go_to(lead, "hypothesen")
    step = phase(gw.room, "hypothesen")
    first = gw.contribute(step, text="Misschien voelt ze zich eenzaam sinds de verhuizing.")
    second = cm.contribute(step, text="Misschien is ze uitgeput na de verhuizing.")
    lead.reveal()
    gw.room.refresh()
    gw.vote(second.id)
    gw.vote(second.id)
    cm.vote(second.id)
    gw.vote(first.id)
    assert gw.votes_left() == 0
    with pytest.raises(NotAllowed):
        gw.vote(first.id)
    gw.vote(second.id, -1)
    assert gw.votes_left() == 1
    ranked = [(e.id, votes) for e, votes in gw.room.ranked_hypotheses()]
    assert ranked == [(second.id, 2), (first.id, 1)]


def test_empty_contribution_is_not_saved(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    lead.next_phase()
    with pytest.raises(EmptyContribution):
        gw.contribute(phase(gw.room, "context"), text="   ")
    assert casebook.entries(gw.viewer, session_id=lead.session_id, kind=CONTRIBUTION_KIND) == []


def test_phone_number_is_refused_and_nothing_stored(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    with pytest.raises(PrivacyBlocked) as blocked:
        gw.contribute(phase(gw.room, "context"), text="Haar zus belt vaak, op 06-12345678.")
    assert any(f.kind == "phone" for f in blocked.value.result.findings)
    assert casebook.entries(gw.viewer, session_id=lead.session_id, kind=CONTRIBUTION_KIND) == []


def test_real_looking_name_needs_a_choice_first(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    step = phase(gw.room, "context")
    text = "Fatima de Vries kwam gisteren laat thuis."
    with pytest.raises(PrivacyReview):
        gw.contribute(step, text=text)
    saved = gw.contribute(step, text=text, privacy="accept")
    assert "Fatima" not in saved.text and "Vries" not in saved.text


def test_scale_is_one_score_per_participant(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    step = phase(gw.room, "veiligheid")
    gw.contribute(step, value=4)
    gw.contribute(step, value=6)
    gw.room.refresh()
    assert gw.room.scale_scores() == []  # collected hidden, so nobody anchors on a first score
    lead.reveal("veiligheid")
    gw.room.refresh()
    assert gw.room.scale_scores() == [6]
    assert [e.kind for e in gw.room.shown(SCALE)] == [SCALE]


def test_entries_saved_before_the_kinds_were_english_keep_their_stable_ids(casebook, lead, join):
    """A score, a note and the intervention have one entry each, its id derived from the kind's
    former Dutch id: one saved before migration 0007 is the one a member still replaces."""
    import uuid

    from werkboek.session.room import control_entry_id

    gw = join(lead, "GW-1", "groepswerker")
    base = control_entry_id(lead.session_id)
    assert gw.note_id == uuid.uuid5(base, f"{gw.member.id}:notitie")
    score = gw.contribute(phase(gw.room, "veiligheid"), value=5)
    assert score.id == uuid.uuid5(base, f"{gw.member.id}:veiligheidsschaal:veiligheid")
    agreed = lead.agree_intervention("Fictief: samen een avondafspraak maken.", "Rust", "Tijd")
    assert agreed.id == uuid.uuid5(base, "interventie")


def test_facilitator_hides_an_entry_that_others_then_no_longer_see(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    lead.next_phase()
    entry = gw.contribute(phase(gw.room, "context"), text="Dit hoort hier niet (fictief).")
    gw.room.refresh()
    assert [e.id for e in gw.room.shown(phase_id="context")] == [entry.id]
    lead.hide(entry.id)
    assert gw.room.refresh() is True
    assert gw.room.shown(phase_id="context") == []
    kept = casebook.entries(lead.viewer, session_id=lead.session_id, include_hidden=True,
                            kind=CONTRIBUTION_KIND)
    assert [e.hidden for e in kept] == [True]


def test_a_reloaded_facilitator_can_take_over_and_the_old_screen_is_told(casebook, lead, content):
    reloaded = Facilitation(casebook, lead.room.session, lead.viewer, lead.member, content=content)
    assert reloaded.claim() is False
    reloaded.take_over()
    reloaded.next_phase()
    assert lead.claim() is False
    with pytest.raises(LeadTaken, match="Overnemen"):
        lead.next_phase()


def test_a_second_facilitator_screen_is_told_and_cannot_drive(casebook, lead, content):
    second = Facilitation(casebook, lead.room.session, lead.viewer, lead.member, content=content)
    assert second.claim() is False
    with pytest.raises(LeadTaken, match="ander scherm"):
        second.next_phase()
    assert casebook.session(server_view(casebook), lead.session_id).phase == lead.room.session.phase
    lead.next_phase()  # the first screen still leads


def test_actions_from_last_time_are_reviewed_and_new_ones_agreed(casebook, lead, team, content,
                                                                 sign_in):
    lead.add_action("Samen met de bewoner de weekplanning maken (fictief)", "CM-1",
                    date(2031, 3, 1))
    lead.agree_intervention("Elke dinsdag een kort huisbezoek (fictief).",
                            "Ze durft weer hulp te vragen.", "Een vaste contactpersoon.")
    lead.close()
    from werkboek.session.facilitator_actions import start_session

    gl = sign_in(casebook, team.id, "GL-1")
    second = start_session(casebook, team_id=team.id, principal=gl.principal,
                           exercise_id="casusbespreking", case=lead.room.session.case_id,
                           content=content)
    [carried] = second.open_actions()
    assert carried.what.startswith("Samen met de bewoner")
    second.review_action(carried.id, "klaar", "Planning hangt op de koelkast (fictief).")
    assert second.open_actions() == []
    assert lead.room.intervention().value["goal"] == "Ze durft weer hulp te vragen."


def test_closing_stops_contributions_and_votes(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    lead.close()
    gw.room.refresh()
    assert gw.room.closed
    with pytest.raises(LeadTaken):
        lead.next_phase()
