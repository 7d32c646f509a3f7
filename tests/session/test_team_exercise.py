"""Any exercise as a team session, without a browser: the facilitator picks it, participants answer
with the step's own capture, answers are collected hidden and revealed together, and each screen
shows what came in in a way that fits the capture type."""

from __future__ import annotations

import pytest

from tests.conftest import Immediate
from tests.session.conftest import go_to
from werkboek.session.facilitator_actions import start_session
from werkboek.session.participant_actions import join_session
from werkboek.ui.session.facilitator import FacilitatorView
from werkboek.ui.session.page import build_session_page
from werkboek.ui.session.participant import ParticipantView
from werkboek.ui.session.projector import ProjectorView

TENSION = "privacy-bemoeienis"


@pytest.fixture()
def start(casebook, team, content, clock, sign_in):
    """``start(exercise_id, tension=…)``: GL-5, signed in as gespreksleider, starts a session."""
    def started(exercise_id: str, *, tension: str | None = None):
        gl = sign_in(casebook, team.id, "GL-5", "gespreksleider")
        return start_session(casebook, team_id=team.id, principal=gl.principal,
                             exercise_id=exercise_id, case=None, tension=tension,
                             content=content, clock=clock)
    return started


def joined(join, lead, name: str, role: str = "groepswerker") -> ParticipantView:
    return ParticipantView(join(lead, name, role), scheduler=Immediate())


def answer(view: ParticipantView, value) -> None:
    view.room.refresh()
    view.render()
    form = view.forms[0]
    form.capture.value = value
    assert form.submit() is True


def projector(casebook, lead, content) -> ProjectorView:
    """The projector screen, opened with the read-only link the facilitator makes."""
    from werkboek.ui.session.entrance import projector_for

    token = casebook.projector_link(lead.viewer, lead.session_id)
    return projector_for(casebook, lead.room.session.join_code, token, content=content)


def live_text(view: FacilitatorView) -> str:
    """Everything the facilitator's list of incoming answers shows, as one string."""
    def texts(widget):
        yield getattr(widget, "value", "") if isinstance(getattr(widget, "value", ""), str) else ""
        for child in getattr(widget, "children", ()):
            yield from texts(child)
    return " ".join(texts(view.live_box))


def test_start_form_offers_every_exercise_and_takes_the_one_from_the_link(casebook, team, content,
                                                                           pages_env, sign_in):
    sign_in(casebook, team.id, "GL-5", "gespreksleider")
    page = build_session_page(casebook, parameters={"oefening": "spanningsveld-verkennen"},
                              content=content)
    entrance = next(c for c in page.children if "wb-entrance" in c._dom_classes)
    form = next(c for c in entrance.children if "wb-start-form" in getattr(c, "_dom_classes", ()))
    exercise = next(c for c in form.children if "wb-start-exercise" in c._dom_classes)
    assert exercise.value == "spanningsveld-verkennen"
    assert {value for _label, value in exercise.options} == set(content.exercises)
    assert exercise.options[0][1] == "casusbespreking"  # the default for a plain visit
    labels = dict((v, label) for label, v in exercise.options)
    assert labels["spanningsveld-verkennen"].startswith("Spanningsvelden: ")
    case = next(c for c in form.children if "wb-start-case" in c._dom_classes)
    assert case.value == "__geen__"  # no case needed for a tension-field exercise
    tension = next(c for c in form.children if "wb-start-tension" in c._dom_classes)
    assert tension.layout.display is None  # this exercise asks which tension field
    exercise.value = "casusbespreking"
    assert "__geen__" not in dict(case.options).values()  # a case discussion needs a case
    assert tension.layout.display == "none"


def test_facilitator_starts_a_tension_field_session_without_a_case(casebook, team, content,
                                                                    sign_in):
    from werkboek.ui.session.entrance import Entrance

    gl = sign_in(casebook, team.id, "GL-6", "gespreksleider")
    shown = []
    entrance = Entrance(casebook, gl.principal, exercise="spanningsveld-verkennen",
                        content=content, on_view=lambda widget, _poller: shown.append(widget),
                        facilitator_view=FacilitatorView, participant_view=ParticipantView)
    entrance.tension.value = TENSION
    entrance.start("check")
    assert len(shown) == 1 and "wb-facilitator" in shown[0]._dom_classes
    [session] = casebook.sessions(gl.viewer())
    assert session.exercise_id == "spanningsveld-verkennen" and session.case_id is None
    assert session.facilitator_id == gl.member.id
    gw = sign_in(casebook, team.id, "GW-6")
    participant = join_session(casebook, session.join_code, gw.principal, content=content)
    assert participant.room.tension == TENSION  # the poles of every screen come from it
    assert participant.room.case is None


def test_positions_stay_hidden_until_the_reveal_then_everyone_sees_the_spread(
        casebook, content, join, start):
    lead = start("spanningsveld-verkennen", tension=TENSION)
    facilitator = FacilitatorView(lead)
    go_to(lead, "positie")
    gw = joined(join, lead, "GW-1")
    nw = joined(join, lead, "NW-1", "nachtwacht")
    beamer = projector(casebook, lead, content)
    answer(gw, 0.2)
    answer(nw, 0.8)
    for view in (gw, nw, facilitator, beamer):
        view.poller.tick()
    assert "2 antwoorden binnen, nog verborgen" in nw.team.value
    assert "Jouw antwoord (nog alleen voor jou)" in nw.team.value
    assert "dichter bij" in nw.team.value and nw.team.value.count("dichter bij") == 1  # own only
    assert "2 antwoorden binnen, nog verborgen" in beamer.body.value
    assert "dichter bij" not in beamer.body.value + live_text(facilitator)
    assert facilitator.hidden_switch.value is True  # positions are collected hidden by default
    assert facilitator.reveal.layout.display is None

    facilitator.reveal.click()
    for view in (gw, nw, beamer):
        view.poller.tick()
    for html in (gw.team.value, beamer.body.value, live_text(facilitator)):
        assert "2 personen; samen gemiddeld precies in het midden" in html
        assert "wb-spread" in html
        assert html.count("dichter bij") >= 2
    pole_a = content.item("spanningsvelden", TENSION).pole_a
    assert pole_a in beamer.body.value
    assert facilitator.reveal.layout.display == "none"
    saved = casebook.entries(gw.participation.viewer, session_id=lead.session_id, kind="poles")
    assert {e.tension for e in saved} == {TENSION}  # the casebook's charts see them


def test_choices_are_counted_per_option_as_they_come_in(
        casebook, content, join, start):
    lead = start("rollen-en-taken")
    facilitator = FacilitatorView(lead)
    go_to(lead, lead.room.phases[1].id)  # a multiple choice: which roles do stay
    options = content.options_for(lead.room.exercise.steps[0], lead.room.exercise)
    gw = joined(join, lead, "GW-2")
    cm = joined(join, lead, "CM-2", "casemanager")
    answer(gw, [options[0].id, options[1].id])
    answer(cm, [options[0].id])
    facilitator.poller.tick()
    gw.poller.tick()
    for html in (live_text(facilitator), gw.team.value):
        assert "wb-counts" in html
        first = html.index(options[0].label)
        assert html[first:].index(">2<") < html[first:].index(options[1].label)  # 2, then 1
    assert "nog verborgen" not in gw.team.value  # choices are shown at once


def test_facilitator_can_collect_any_step_hidden_and_switch_it_off(
        casebook, content, join, start):
    lead = start("spanningsveld-verkennen", tension=TENSION)
    facilitator = FacilitatorView(lead)
    go_to(lead, "situatie")
    facilitator.render()
    assert facilitator.hidden_switch.value is False
    facilitator.hidden_switch.value = True
    gw = joined(join, lead, "GW-3")
    cm = joined(join, lead, "CM-3", "casemanager")
    answer(gw, "Een bewoner vroeg me niets te zeggen tegen haar moeder (fictief).")
    cm.poller.tick()
    assert "1 antwoord binnen, nog verborgen" in cm.team.value
    facilitator.hidden_switch.value = False
    cm.poller.tick()
    assert "niets te zeggen tegen haar moeder" in cm.team.value


def test_names_can_be_switched_on_during_the_session_but_never_on_the_projector(
        casebook, content, join, start):
    lead = start("spanningsveld-verkennen", tension=TENSION)
    facilitator = FacilitatorView(lead)
    go_to(lead, "situatie")
    gw = joined(join, lead, "GW-4")
    nw = joined(join, lead, "NW-4", "nachtwacht")
    answer(gw, "Tijdens de nachtdienst twijfelde ik of ik moest aankloppen (fictief).")
    beamer = projector(casebook, lead, content)
    for view in (nw, beamer):
        view.poller.tick()
    assert "GW-4" not in beamer.body.value and "Groepswerker" in beamer.body.value
    assert "GW-4" not in nw.team.value and "Groepswerker" in nw.team.value
    facilitator.names_switch.value = True
    for view in (nw, beamer):
        view.poller.tick()
    assert "GW-4 (Groepswerker)" in nw.team.value
    assert "GW-4" not in beamer.body.value  # the read-only link shows no names
    facilitator.names_switch.value = False
    nw.poller.tick()
    assert "GW-4" not in nw.team.value


def test_the_timer_ticking_or_changing_redraws_the_clock_and_nothing_else(
        casebook, content, clock, join, start):
    lead = start("krachtwerk-inventaris")
    facilitator = FacilitatorView(lead)
    go_to(lead, "persoonlijke-krachten")
    lead.reveal()
    gw = joined(join, lead, "GW-7")
    cm = joined(join, lead, "CM-7", "casemanager")
    answer(gw, "Misschien wil ze eerst rust (fictief).")
    cm.forms[0].capture.value = "Misschien wil ze eerst"  # typing: an autosaved draft
    for view in (facilitator, gw, cm):
        view.poller.tick()
    widgets = [facilitator.live_box.children, gw.form_box.children, gw.board.list.value]
    clocks = [facilitator.timer.value, gw.timer.value]
    clock.advance(61)
    for view in (facilitator, gw):
        view.poller.tick()
    facilitator.names_switch.value = False  # unchanged: nothing is saved
    assert [facilitator.timer.value, gw.timer.value] != clocks  # the clock moved …
    lead.adjust_timer(+2)  # … and the facilitator changes the time: the control entry changes
    cm.forms[0].capture.value = "Misschien wil ze eerst slapen"  # another draft
    for view in (facilitator, gw):
        view.poller.tick()
    assert "(7 min, loopt)" in gw.timer.value
    now = [facilitator.live_box.children, gw.form_box.children, gw.board.list.value]
    assert all(a is b for a, b in zip(now, widgets, strict=True))  # nothing else redrawn
    assert len(gw.board.picker.options) == 1  # the shown hypothesis, to vote on


STEP_OF_CAPTURE = {  # an exercise step with each capture type, and an answer to give
    "text": ("principes-leren", None, "Ik liet haar zelf kiezen wanneer we praten (fictief)."),
    "scale": ("multiprobleem-profiel", None, 3),
    "poles": ("spanningsveld-verkennen", "positie", 0.7),
    "choice": ("principes-leren", None, 0),
    "multi_choice": ("dagindeling-week", None, 1),
    "scales": ("leefgebieden-profiel", None, 2),
    "hypotheses": ("krachtwerk-inventaris", None, "Misschien wil ze eerst rust (fictief)."),
    "action": ("aanbevelingen-reflectie", None,
               {"what": "Samen de huisregels lezen", "owner": "GW-8", "due": "2031-03-01"}),
    "polarity_map": ("spanningsveld-verkennen", "kaart", None),
}


def generated(capture: str, step, content, exercise, given):
    """An answer of the shape the capture takes (options resolved from the content)."""
    options = [o.id for o in content.options_for(step, exercise)]
    if capture == "choice":
        return options[given]
    if capture == "multi_choice":
        return options[:given + 1]
    if capture == "scales":
        return {option: given for option in options}
    if capture == "scale":
        return step.scale.min + given
    if capture == "polarity_map":
        return {"a_up": "Ze voelt zich gerespecteerd (fictief).", "a_down": "Ze raakt uit beeld.",
                "b_up": "We zien wat er speelt.", "b_down": "Ze voelt zich gecontroleerd.",
                "warning_signs": "Ze zegt minder.", "what_helps": "Vragen of we mogen kijken."}
    return given


@pytest.mark.parametrize("capture", sorted(STEP_OF_CAPTURE))
def test_every_capture_type_is_a_contribution_form_the_facilitator_sees(
        capture, casebook, content, join, start):
    exercise_id, step_id, given = STEP_OF_CAPTURE[capture]
    exercise = content.exercise(exercise_id)
    step = next(s for s in exercise.steps if s.id == step_id or (
        step_id is None and str(s.capture) == capture))
    lead = start(exercise_id,
                 tension=TENSION if exercise.choose_tension else None)
    facilitator = FacilitatorView(lead)
    go_to(lead, step.id)
    gw = joined(join, lead, "GW-8")
    form = gw.forms[0]
    assert f"wb-capture-{'text' if capture == 'hypotheses' else capture.replace('_', '-')}" in \
        form.capture.widget._dom_classes
    value = generated(capture, step, content, exercise, given)
    form.capture.value = value
    assert form.submit() is True
    lead.reveal()
    facilitator.poller.tick()
    shown = live_text(facilitator)
    assert "Binnengekomen (1)" in shown
    mine = casebook.entries(gw.participation.viewer, session_id=lead.session_id,
                            author_id=gw.participation.member.id)
    [entry] = [e for e in mine if e.step == step.id and e.status == "final"]
    assert entry.exercise == exercise_id and entry.module == exercise.module
    labels = [o.label for o in content.options_for(step, exercise)] + ["", ""]
    expected_text = {"text": given, "hypotheses": given, "action": "Samen de huisregels lezen",
                     "polarity_map": "Vragen of we mogen kijken.", "poles": "(op 70 van 100)",
                     "choice": labels[0], "multi_choice": labels[1], "scales": "gemiddeld",
                     "scale": "1 score"}[capture]
    assert expected_text in shown
