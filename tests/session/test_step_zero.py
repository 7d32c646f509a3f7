"""The case discussion opens with last time's actions, this case's first, and then step 0: the
presenter tells the case and asks her question. The counter does not contradict the step's own
"Stap 0"."""

from __future__ import annotations

from datetime import date

from tests.conftest import Immediate
from werkboek.session.facilitator_actions import NewCase, start_session
from werkboek.ui.session.entrance import projector_for
from werkboek.ui.session.facilitator import FacilitatorView
from werkboek.ui.session.participant import ParticipantView

DUE = date(2031, 3, 1)


def discuss(casebook, principal, team, content, case, action: str):
    """A closed case discussion on ``case`` that agreed ``action``; returns its case id."""
    lead = start_session(casebook, team_id=team.id, principal=principal,
                         exercise_id="casusbespreking", case=case, content=content)
    lead.add_action(action, "GW-1", DUE)
    lead.close()
    return lead.room.session.case_id


def test_this_cases_open_actions_come_back_first_then_step_0(casebook, team, content, sign_in,
                                                               join):
    gl = sign_in(casebook, team.id, "GL-1", "gespreksleider")
    ours = discuss(casebook, gl.principal, team, content,
                   NewCase("Moeder en de avonden (fictief)", "Fictieve avonden.",
                           privacy="fictional"), "Avondritueel afspreken (fictief)")
    discuss(casebook, gl.principal, team, content,
            NewCase("Bewoner en de post (fictief)", "Fictieve post.", privacy="fictional"),
            "Samen de post doornemen (fictief)")
    lead = start_session(casebook, team_id=team.id, principal=gl.principal,
                         exercise_id="casusbespreking", case=ours, presenter="CM-1",
                         content=content)
    assert [a.what for a in lead.open_actions()] == ["Avondritueel afspreken (fictief)",
                                                     "Samen de post doornemen (fictief)"]
    view = FacilitatorView(lead)
    review = [getattr(w, "value", "") for w in view.review_box.children]
    assert review[0] == "<h3>Acties over deze casus</h3>" and "Avondritueel" in view.review_box.children[1].children[0].value
    assert "<h3>Andere acties van het team</h3>" in review
    assert lead.room.phase_number() == "Opening"

    cm = ParticipantView(join(lead, "CM-1", "casemanager"), scheduler=Immediate())
    assert "Jij brengt vandaag de casus in" in cm.presenter_note.value
    gw = ParticipantView(join(lead, "GW-1", "groepswerker"), scheduler=Immediate())
    assert gw.presenter_note.value == ""
    opening = gw.form_box.children[0].value  # the team reads along with the look back
    assert opening.index("Acties over deze casus") < opening.index("Avondritueel afspreken")
    assert "Avondritueel afspreken (fictief) · GW-1 · " in opening and "01-03-2031" in opening
    beamer = casebook.projector_link(lead.viewer, lead.session_id)
    projector = projector_for(casebook, lead.room.session.join_code, beamer, content=content)
    shown = projector.body.value
    assert "Avondritueel afspreken (fictief) · <span" in shown and "GW-1" not in shown
    lead.next_phase()
    gw.poller.tick()
    assert lead.room.phase.id == "inbreng"
    assert "Stap 0: De inbreng en de vraag" in gw.phase.value
    assert "Onderdeel 1 van" in gw.phase.value and "Stap 1 van" not in gw.phase.value
    assert "Nog geen advies" in gw.phase.value  # what the others do at step 0


def test_without_earlier_actions_on_this_case_the_heading_stays_as_it_was(casebook, team,
                                                                          content, sign_in):
    gl = sign_in(casebook, team.id, "GL-1", "gespreksleider")
    discuss(casebook, gl.principal, team, content,
            NewCase("Bewoner en de post (fictief)", "Fictieve post.", privacy="fictional"),
            "Samen de post doornemen (fictief)")
    lead = start_session(casebook, team_id=team.id, principal=gl.principal,
                         exercise_id="casusbespreking",
                         case=NewCase("Een nieuwe casus (fictief)", "Fictief.", privacy="fictional"),
                         content=content)
    view = FacilitatorView(lead)
    assert view.review_box.children[0].value == "<h3>Acties van vorige keer</h3>"


def test_a_guest_of_the_discussion_learns_nothing_of_the_teams_earlier_sessions(casebook, team,
                                                                                 content, sign_in):
    import secrets

    from werkboek.casebook import Principal
    from werkboek.session.participant_actions import join_as_guest

    gl = sign_in(casebook, team.id, "GL-1", "gespreksleider")
    ours = discuss(casebook, gl.principal, team, content,
                   NewCase("Moeder en de avonden (fictief)", "Fictieve avonden.",
                           privacy="fictional"), "Avondritueel afspreken (fictief)")
    lead = start_session(casebook, team_id=team.id, principal=gl.principal,
                         exercise_id="casusbespreking", case=ours, content=content)
    casebook.allow_guests(lead.viewer, lead.session_id, True)
    guest = join_as_guest(casebook, lead.room.session.join_code,
                          Principal(guest=secrets.token_urlsafe(32)), "Wijkteam", content=content)
    assert guest.room.case_sessions == frozenset()  # no earlier sessions, no actions
    view = ParticipantView(guest, scheduler=Immediate())
    assert "Avondritueel" not in view.widget.children[0].value + view.form_box.children[0].value
    assert lead.room.case_sessions  # the facilitator does see them
