"""The team-session screens for another exercise than the case discussion, without a browser:
every screen says which exercise the team does, and the opening only looks back at follow-up
actions where that belongs (a case discussion, or an exercise with actions on a case the team
discussed before)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import Immediate
from tests.session.conftest import text_of
from werkboek.content import load_content
from werkboek.session.facilitator_actions import NewCase, start_session
from werkboek.session.participant_actions import join_session
from werkboek.ui.session.entrance import projector_for
from werkboek.ui.session.facilitator import FacilitatorView
from werkboek.ui.session.participant import ParticipantView

TENSION = "privacy-bemoeienis"
DUE = date(2031, 3, 1)


@pytest.fixture(scope="module")
def content():
    return load_content()


@pytest.fixture()
def team(casebook):
    return casebook.create_team("Team Zuid (fictief)")


def start(sign_in, casebook, team, content, exercise_id, *, case=None, lead="GL-1",
          tension=None):
    """A session of ``exercise_id`` started by ``lead``, signed in as the team's gespreksleider."""
    gl = sign_in(casebook, team.id, lead, "gespreksleider")
    return start_session(casebook, team_id=team.id, principal=gl.principal,
                         exercise_id=exercise_id, case=case, tension=tension, content=content)


def fictional_case(title: str) -> NewCase:
    return NewCase(title, "Een fictieve bewoner die weinig zegt over haar week.", privacy="fictional")


def screens(sign_in, casebook, lead, content):
    """The facilitator's, a participant's (GW-1, signed in) and the projector's screen (through
    the facilitator's read-only link) of ``lead``'s session."""
    code = lead.room.session.join_code
    gw = sign_in(casebook, lead.room.session.team_id, "GW-1", "groepswerker")
    participant = ParticipantView(join_session(casebook, code, gw.principal, content=content),
                                  scheduler=Immediate())
    beamer = casebook.projector_link(lead.viewer, lead.session_id)
    return FacilitatorView(lead), participant, projector_for(casebook, code, beamer,
                                                             content=content)


def test_every_screen_says_which_exercise_the_team_does(casebook, team, content, sign_in):
    lead = start(sign_in, casebook, team, content, "spanningsveld-verkennen", tension=TENSION)
    facilitator, participant, projector = screens(sign_in, casebook, lead, content)
    title = content.exercise("spanningsveld-verkennen").title
    for shown in (facilitator.header.value, participant.header.value, projector.top.value):
        assert "Teamsessie met een oefening uit Spanningsvelden" in shown
        assert title in shown
    assert facilitator.close_button.description == "Sessie afsluiten"
    lead.close()
    projector.poller.tick()
    participant.poller.tick()
    assert "De sessie is afgesloten" in projector.body.value
    assert "De sessie is afgesloten" in participant.closed.value
    assert title in projector.top.value  # still said once the session is over


def test_the_case_discussion_screens_stay_as_they_were(casebook, team, content, sign_in):
    lead = start(sign_in, casebook, team, content, "casusbespreking", case=fictional_case("Stille week"))
    facilitator, participant, projector = screens(sign_in, casebook, lead, content)
    for shown in (facilitator.header.value, participant.header.value, projector.top.value):
        assert "Teamsessie met een oefening" not in shown
        assert "wb-session-exercise" not in shown
    assert facilitator.close_button.description == "Bespreking afsluiten"
    assert "Terugblik op de acties van vorige keer" in projector.body.value
    assert "blikt terug op de acties van vorige keer" in text_of(participant.form_box)


def test_a_session_without_a_case_opens_with_the_exercise_not_old_actions(casebook, team, content, sign_in):
    earlier = start(sign_in, casebook, team, content, "casusbespreking", case=fictional_case("Stille week"))
    earlier.add_action("Avondritueel afspreken (fictief)", "groepswerker", DUE)
    lead = start(sign_in, casebook, team, content, "spanningsveld-verkennen", lead="GL-2", tension=TENSION)
    facilitator, participant, projector = screens(sign_in, casebook, lead, content)
    intro_start = content.exercise("spanningsveld-verkennen").intro.split()[0]
    assert lead.open_actions() == []
    assert "Avondritueel" not in text_of(facilitator.review_box)
    assert "Ga dan naar stap 1" in text_of(facilitator.review_box)
    for shown in (participant.phase.value, projector.body.value):
        assert "Voordat we beginnen" in shown and intro_start in shown
        assert "Terugblik" not in shown
    assert "acties" not in text_of(participant.form_box)
    assert "We wachten tot iedereen meedoet" in text_of(participant.form_box)
    # the action is not lost: the team's next case discussion still looks back at it
    later = start(sign_in, casebook, team, content, "casusbespreking", case=fictional_case("Drukke week"),
                  lead="GL-3")
    assert [a.what for a in later.open_actions()] == ["Avondritueel afspreken (fictief)"]


def test_an_exercise_on_a_practice_case_does_not_look_back(casebook, team, content, sign_in):
    earlier = start(sign_in, casebook, team, content, "casusbespreking", case=fictional_case("Stille week"))
    earlier.add_action("Avondritueel afspreken (fictief)", "groepswerker", DUE)
    exercise = content.exercise("rollen-en-taken")  # has a practice case and an action step
    item = content.item("casussen", exercise.case)
    lead = start(sign_in, casebook, team, content, exercise.id, lead="GL-2",
                 case=NewCase(item.title, item.text, privacy="fictional"))
    facilitator, _participant, projector = screens(sign_in, casebook, lead, content)
    assert lead.open_actions() == []
    assert "Avondritueel" not in text_of(facilitator.review_box)
    assert "Voordat we beginnen" in projector.body.value


def test_an_exercise_on_a_team_case_looks_back_at_that_case_only(casebook, team, content, sign_in):
    first = start(sign_in, casebook, team, content, "casusbespreking", case=fictional_case("Stille week"))
    first.add_action("Samen boodschappen doen (fictief)", "casemanager", DUE)
    other = start(sign_in, casebook, team, content, "casusbespreking", case=fictional_case("Drukke week"),
                  lead="GL-2")
    other.add_action("Avondritueel afspreken (fictief)", "groepswerker", DUE)
    case_id = first.room.session.case_id

    lead = start(sign_in, casebook, team, content, "krachtwerk-actieplan", case=case_id, lead="GL-3")
    facilitator, participant, projector = screens(sign_in, casebook, lead, content)
    assert [a.what for a in lead.open_actions()] == ["Samen boodschappen doen (fictief)"]
    review = text_of(facilitator.review_box)
    assert "Open acties over deze casus" in review and "Samen boodschappen doen" in review
    assert "Avondritueel" not in review
    assert "Terugblik op de acties over deze casus" in projector.body.value
    assert "blikt terug op de acties over deze casus" in text_of(participant.form_box)

    # an exercise without actions of its own does not look back, not even on the same case
    plain = start(sign_in, casebook, team, content, "spanningsveld-verkennen", case=case_id, lead="GL-4",
                  tension=TENSION)
    assert plain.open_actions() == []
    assert "Samen boodschappen" not in text_of(FacilitatorView(plain).review_box)
