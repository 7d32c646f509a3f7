"""The walk through an exercise, without widgets: steps, where you are, drafts, reveals, tags."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from werkboek.content import load_content
from werkboek.content.models import CaptureType
from werkboek.ui.exercise_walk import CHOOSE_TENSION_FIRST, ExerciseWalk
from werkboek.vocab import QUESTION_KIND, TENSION_MODULE, TENSION_STEP_ID

CONTENT = load_content()


def walk_of(exercise_id: str, drafts=None, **kwargs) -> ExerciseWalk:
    return ExerciseWalk(CONTENT, CONTENT.exercise(exercise_id), drafts, **kwargs)


def draft(step: str, value=None, minute: int = 0):
    return SimpleNamespace(step=step, value=value, updated_at=datetime(2031, 1, 1, 9, minute, tzinfo=UTC))


def test_a_walk_goes_through_every_step_and_finishes_after_the_last():
    walk = walk_of("dialoog-vier-niveaus")
    seen = []
    while not walk.finished:
        seen.append(walk.step.id)
        assert walk.is_first == (len(seen) == 1)
        walk.record(walk.step.id, "een antwoord", empty=False)
        assert walk.blocked() is None
        walk.forward()
    assert seen == [s.id for s in CONTENT.exercise("dialoog-vier-niveaus").steps]


def test_backward_stops_at_the_first_step():
    walk = walk_of("dialoog-vier-niveaus")
    walk.forward()
    walk.backward()
    walk.backward()
    assert walk.index == 0 and walk.is_first


def test_choose_tension_comes_first_blocks_until_chosen_and_tags_the_later_steps():
    walk = walk_of("spanningsveld-verkennen")
    assert walk.step.id == TENSION_STEP_ID and walk.step.capture == CaptureType.CHOICE
    assert {o.id for o in walk.step.options} == {i.id for i in CONTENT.items(TENSION_MODULE)}
    assert walk.blocked() == CHOOSE_TENSION_FIRST
    walk.record(TENSION_STEP_ID, "dialoog-grenzen", empty=False)
    assert walk.blocked() is None
    walk.forward()
    assert walk.tension_of(walk.step) == "dialoog-grenzen"
    assert walk.tags(walk.step)["tension"] == "dialoog-grenzen"
    assert walk.tags(walk.steps[0])["tension"] == "dialoog-grenzen"  # the choice itself too


def test_a_resumed_walk_stands_on_the_first_step_without_a_draft_and_reveals_what_was_answered():
    steps = [s.id for s in CONTENT.exercise("dialoog-vier-niveaus").steps]
    walk = walk_of("dialoog-vier-niveaus", {steps[0]: draft(steps[0], minute=1),
                                            steps[1]: draft(steps[1], minute=5)})
    walk.record(steps[0], "eerder geschreven", empty=False)
    walk.record(steps[1], "", empty=True)
    walk.resume()
    assert walk.index == 2
    assert walk.revealed == {steps[0]}
    assert walk.resumed_at() == datetime(2031, 1, 1, 9, 5, tzinfo=UTC)


def test_the_chosen_tension_comes_from_the_draft_until_the_step_is_shown():
    walk = walk_of("spanningsveld-verkennen", {TENSION_STEP_ID: draft(TENSION_STEP_ID, "dialoog-grenzen")})
    assert walk.chosen_tension == "dialoog-grenzen"
    walk.record(TENSION_STEP_ID, None, empty=True)
    assert walk.chosen_tension is None


def test_a_reveal_is_due_only_once_the_step_was_answered():
    walk = walk_of("vragen-stellen")
    step = walk.step
    assert step.reveal and not walk.shows_reveal(step)
    assert not walk.answered_now(step)  # saving nothing does not count as answering
    walk.record(step.id, "wat heb je vandaag nodig?", empty=False)
    assert walk.answered_now(step) and walk.shows_reveal(step)
    assert walk.reveal_html(step)


def test_written_answers_in_the_questions_module_go_to_the_question_bank():
    walk = walk_of("vragen-stellen", session_id=7, visibility="team")
    text_step = next(s for s in walk.steps if s.capture == CaptureType.TEXT)
    tags = walk.tags(text_step)
    assert tags["kind"] == QUESTION_KIND
    assert (tags["exercise"], tags["step"], tags["session_id"], tags["visibility"]) == (
        "vragen-stellen", text_step.id, 7, "team")
    other = walk_of("dialoog-vier-niveaus")
    assert other.kind_of(other.step) == str(other.step.capture)


def test_a_choice_among_the_principles_also_cites_them():
    step = next(s for e in CONTENT.exercises.values() for s in e.steps
                if s.options_from == "principes")
    fields = {"value": "x"}
    assert ExerciseWalk.stored_fields(step, fields, "x") == {"value": "x", "principles": ["x"]}
    assert ExerciseWalk.stored_fields(step, fields, ["x", "y"])["principles"] == ["x", "y"]
    plain = CONTENT.exercise("dialoog-vier-niveaus").steps[0]
    assert ExerciseWalk.stored_fields(plain, fields, "x") == fields


def test_step_html_says_the_title_and_how_long_it_takes():
    for exercise in CONTENT.exercises.values():
        walk = ExerciseWalk(CONTENT, exercise)
        for step in walk.steps:
            html = walk.step_html(step)
            assert 'class="wb-step-title"' in html
            if step.minutes == 1:
                assert "Ongeveer 1 minuut." in html
            elif step.minutes:
                assert f"Ongeveer {step.minutes} minuten." in html


def test_the_five_profiles_are_explained_in_the_step():
    walk = walk_of("multiprobleem-profiel")
    html = walk.step_html(walk.step)
    assert "Wat betekenen deze 5 keuzes?" in html
    for item in CONTENT.items("multiprobleem"):
        assert item.title in html
