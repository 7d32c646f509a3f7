"""The theme discussion, chosen in the start form instead of a case: no case to pick, a presenter
who brings the theme, last time's actions first, and the facilitator's script at every step."""

from __future__ import annotations

from tests.conftest import Immediate
from werkboek.session.participant_actions import join_session
from werkboek.ui.session.entrance import Entrance
from werkboek.ui.session.facilitator import FacilitatorView
from werkboek.ui.session.participant import ParticipantView


def test_a_theme_is_chosen_instead_of_a_case_and_runs_with_its_script(casebook, team, content,
                                                                      sign_in):
    gl = sign_in(casebook, team.id, "GL-1", "gespreksleider")
    views = []
    entrance = Entrance(casebook, gl.principal, content=content, on_view=lambda _w, _p: None,
                        facilitator_view=lambda lead: views.append(FacilitatorView(lead))
                        or views[-1], participant_view=ParticipantView)
    labels = [label for label, _id in entrance.exercise.options]
    assert labels[1] == "Themabespreking: een thema in plaats van een casus"  # right under the case
    assert entrance.case.layout.display is None  # the case discussion asks for a case
    entrance.exercise.value = "themabespreking"
    assert entrance.case.layout.display == "none"  # a theme: no case to pick
    assert entrance.presenter.layout.display is None
    assert "het thema inbrengt" in entrance.presenter.placeholder
    entrance.presenter.value = "GW-1"
    entrance.start("check")
    [view] = views
    [session] = casebook.sessions(gl.viewer())
    assert (session.exercise_id, session.case_id, session.presenter) == ("themabespreking", None,
                                                                         "GW-1")
    gw = sign_in(casebook, team.id, "GW-1", "groepswerker")
    participant = ParticipantView(join_session(casebook, session.join_code, gw.principal,
                                               content=content), scheduler=Immediate())
    assert "Jij brengt vandaag het thema in" in participant.presenter_note.value
    opening = participant.form_box.children[0].value
    assert "blikt terug op de acties van vorige keer" in opening  # a monthly discussion
    assert "de eerste stap" in opening
    assert view.script.value == ""  # the opening has no script; every step of the theme has
    view.lead.next_phase()
    view.render()
    assert "Stap 0: Welk thema?" in view.phase.value and "Wat je zegt" in view.script.value
    participant.poller.tick()
    assert "Wat je zegt" not in participant.phase.value + participant.team.value
