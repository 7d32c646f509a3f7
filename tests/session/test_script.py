"""The facilitator's script (werkboek/ui/session/script.py): the facilitator reads at every step
what to say, how long it takes and how to answer a hard moment; participants and the beamer never
see a word of it."""

from __future__ import annotations

import html

from tests.conftest import Immediate
from tests.session.conftest import go_to, text_of
from werkboek.ui.session.entrance import projector_for
from werkboek.ui.session.facilitator import FacilitatorView
from werkboek.ui.session.participant import ParticipantView


def script_lines(step) -> list[str]:
    """Pieces of a step's script as they would appear on a screen (first line of each text)."""
    script = step.facilitator_script
    texts = [script.say, *script.watch, *(r.when for r in script.replies)]
    return [html.escape(text.strip().splitlines()[0][:40]) for text in texts]


def test_step_0_shows_the_facilitator_what_to_say_and_how_to_turn_down_a_request_for_orders(
        lead):
    view = FacilitatorView(lead)
    go_to(lead, "inbreng")
    view.render()
    script = view.script.value
    assert "Jouw draaiboek voor deze stap" in script and "alleen op jouw scherm" in script
    assert "Tijd: ongeveer 6 minuten." in script
    assert "Wat je zegt" in script and "Begin met de terugblik" in script
    assert "Zeg maar wat ik moet doen" in script  # the hard moment, with the answer to it
    assert "geen plek waar" in script
    assert "<details" in script and " open>" in script  # opened, and foldable by keyboard


def test_no_participant_and_no_beamer_ever_sees_the_script(casebook, lead, join, content):
    facilitator = FacilitatorView(lead)
    gw = ParticipantView(join(lead, "GW-1", "groepswerker"), scheduler=Immediate())
    beamer = casebook.projector_link(lead.viewer, lead.session_id)
    projector = projector_for(casebook, lead.room.session.join_code, beamer, content=content)
    scripted = 0
    while True:
        for view in (facilitator, gw, projector):
            view.poller.tick()
        step = lead.room.step
        if step is not None and step.facilitator_script is not None:
            scripted += 1
            for line in script_lines(step):
                assert line in text_of(facilitator.widget)
                assert line not in text_of(gw.widget) and line not in text_of(projector.widget)
        assert "draaiboek" not in text_of(gw.widget) + text_of(projector.widget)
        if lead.room.control.is_last:
            break
        lead.next_phase()
    assert scripted == len(lead.room.exercise.steps)  # every step of the case discussion has one


def test_a_step_without_a_script_shows_none(casebook, team, content, sign_in):
    from werkboek.session.facilitator_actions import start_session

    gl = sign_in(casebook, team.id, "GL-1", "gespreksleider")
    lead = start_session(casebook, team_id=team.id, principal=gl.principal,
                         exercise_id="psycho-educatie", case=None, content=content)
    view = FacilitatorView(lead)
    lead.next_phase()
    view.render()
    assert view.script.value == ""
