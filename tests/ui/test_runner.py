"""The exercise runner, driven headless against a real SQLite casebook and the real privacy scanner."""

from __future__ import annotations

import pytest

from tests.focus_marks import focus_mark
from werkboek.content import load_content
from werkboek.content.models import CaptureType
from werkboek.ui.autosave import AUTOSAVE_DELAY, save_waiting_drafts
from werkboek.ui.runner import TENSION_STEP_ID, ExerciseRunner

CONTENT = load_content()
PLAIN = "ik wil eerst rustig luisteren en dan samen kijken wat er nodig is"


def answer_for(capture) -> object:
    """A harmless generated answer in the value shape of the capture's type."""
    options = [o.id for o in capture.spec.options]
    return {
        "text": PLAIN,
        "scale": capture.spec.scale_max - 1,
        "poles": 0.3,
        "choice": options[0] if options else None,
        "multi_choice": options[:2],
        "scales": {option: 5 for option in options[:3]},
        "hypotheses": ["misschien voelt ze zich overvallen", "misschien is het ritme nieuw"],
        "action": {"what": "samen de avond doornemen", "owner": "groepswerker", "due": "2031-06-01"},
        "polarity_map": {"a_up": "rust", "a_down": "eenzaamheid", "b_up": "steun", "b_down": "controle",
                         "warning_signs": "ze trekt zich terug", "what_helps": "vooraf afspreken"},
    }[capture.capture_type]


def runner_for(casebook, clock, **kwargs) -> ExerciseRunner:
    return ExerciseRunner(CONTENT, casebook, casebook.local_viewer(), scheduler=clock, **kwargs)


def mine(casebook, **filters):
    viewer = casebook.local_viewer()
    return casebook.entries(viewer, author_id=viewer.member_id, **filters)


def exercise_with(capture_type: str) -> str:
    return next(e.id for e in CONTENT.exercises.values()
                if any(str(s.capture) == capture_type for s in e.steps))


def go_to_step(runner: ExerciseRunner, step_id: str) -> None:
    while runner.current.step.id != step_id:
        state = runner.current
        if state.capture.is_empty():
            state.capture.value = answer_for(state.capture)
        runner.next()


@pytest.mark.parametrize("exercise_id", sorted(CONTENT.exercises))
def test_every_exercise_runs_to_the_end_with_generated_answers(exercise_id, casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open(exercise_id)
    steps = len(runner.steps)
    seen = []
    while not runner.finished:
        state = runner.current
        seen.append(f" {runner.index + 1} van {steps}</div>")  # "Stap" or "Onderdeel" (step_number)
        assert seen[-1] in runner.progress.value
        assert runner.walk.step is state.step  # what the step says: tests/ui/test_exercise_walk.py
        state.capture.value = answer_for(state.capture)
        runner.next()
        assert runner.notice.kind is None, runner.notice.message.value
    assert len(seen) == steps
    entries = mine(casebook, exercise=exercise_id)
    assert {e.step for e in entries} == {s.id for s in runner.steps}
    assert {e.status for e in entries} == {"final"}
    assert {e.module for e in entries} == {CONTENT.exercise(exercise_id).module}
    summary = runner.body.children[0].value
    assert "Wat je schreef" in summary and 'href="Mijn-reflecties.ipynb"' in summary


@pytest.mark.parametrize("capture_type", [str(c) for c in CaptureType])
def test_each_capture_type_autosaves_a_draft_and_comes_back_after_reopening(capture_type, casebook, clock):
    exercise_id = exercise_with(capture_type)
    runner = runner_for(casebook, clock)
    runner.open(exercise_id)
    step = next(s for s in runner.steps if str(s.capture) == capture_type)
    go_to_step(runner, step.id)
    answer = answer_for(runner.current.capture)
    runner.current.capture.value = answer
    clock.advance(AUTOSAVE_DELAY + 0.1)
    assert "Concept opgeslagen" in runner.status.widget.value
    [draft] = mine(casebook, exercise=exercise_id, step=step.id)
    assert draft.status == "draft" and draft.kind == capture_type

    reopened = runner_for(casebook, clock)
    reopened.open(exercise_id)
    assert "Je gaat verder" in reopened.header.value
    assert reopened.states[step.id].capture.value == answer
    assert reopened.states[step.id].saver.entry_id == draft.id


def test_typing_is_saved_once_after_a_pause_and_updates_one_draft(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("dialoog-vier-niveaus")
    area = runner.current.capture.area
    for typed in ("ik", "ik merk", "ik merk dat ik moe ben"):
        area.value = typed
        clock.advance(0.5)
    assert mine(casebook, exercise="dialoog-vier-niveaus") == []  # still typing: nothing yet
    clock.advance(AUTOSAVE_DELAY)
    area.value = "ik merk dat ik moe ben, en dat mag"
    clock.advance(AUTOSAVE_DELAY)
    [draft] = mine(casebook, exercise="dialoog-vier-niveaus")
    assert draft.text == "ik merk dat ik moe ben, en dat mag"


def test_a_draft_still_waiting_for_its_timer_is_saved_when_the_kernel_stops(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("dialoog-vier-niveaus")
    runner.current.capture.area.value = "ik sluit het tabblad meteen"
    clock.advance(0.5)
    assert mine(casebook, exercise="dialoog-vier-niveaus") == []
    save_waiting_drafts()  # what the kernel runs as it stops (the tab was closed)
    [draft] = mine(casebook, exercise="dialoog-vier-niveaus")
    assert (draft.text, draft.status) == ("ik sluit het tabblad meteen", "draft")
    clock.advance(AUTOSAVE_DELAY)
    assert len(mine(casebook, exercise="dialoog-vier-niveaus")) == 1  # still the one draft


def test_save_button_waits_for_the_last_keystrokes_before_reading_the_text(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("dialoog-vier-niveaus")
    area = runner.current.capture.area
    area.value = "ik merk dat ik"
    runner.save_button.click()  # the click overtakes the last keystrokes...
    clock.advance(0.1)
    area.value = "ik merk dat ik het spannend vind"  # ...which arrive just after it
    clock.advance(1.0)
    [entry] = mine(casebook, exercise="dialoog-vier-niveaus")
    assert entry.text == "ik merk dat ik het spannend vind"


def test_back_and_next_keep_the_answers(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("dialoog-vier-niveaus")
    runner.current.capture.value = "eerste antwoord"
    runner.next()
    assert runner.index == 1 and not runner.back_button.disabled
    runner.current.capture.value = "tweede antwoord"
    runner.back()
    assert runner.index == 0 and runner.back_button.disabled
    assert runner.current.capture.value == "eerste antwoord"
    runner.next()
    assert runner.current.capture.value == "tweede antwoord"


def test_the_focus_moves_to_the_next_question_and_after_finishing_to_what_was_written(
        casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("dialoog-vier-niveaus")
    assert focus_mark(runner.header) and 'wb-focus-target" tabindex="-1"' in runner.header.value
    first = runner.current.capture.widget
    first_capture = runner.current.capture
    first_capture.value = "eerste antwoord"
    runner.next()
    second = runner.current.capture.widget
    assert focus_mark(second) > focus_mark(runner.header)  # not left on "Volgende"
    runner.back()
    assert runner.current.capture is first_capture and focus_mark(first) > focus_mark(second)
    go_to_step(runner, runner.steps[-1].id)
    runner.current.capture.value = answer_for(runner.current.capture)
    runner.next()  # "Afronden"
    assert runner.finished
    [summary, _again] = runner.body.children
    assert focus_mark(summary) > focus_mark(first)
    assert 'class="wb-summary-title wb-focus-target" tabindex="-1"' in summary.value


def test_reveal_appears_only_after_the_step_is_answered(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("vragen-stellen")
    assert runner.reveal.layout.display == "none" and runner.reveal.value == ""
    runner.save()  # saving nothing does not count as answering
    assert runner.reveal.value == ""
    runner.current.capture.value = "wat heb je vandaag nodig?"
    runner.save()
    assert runner.reveal.layout.display is None
    assert "wb-reveal" in runner.reveal.value


def test_exercise_with_a_fictional_case_shows_its_summary(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("krachtwerk-inventaris")
    case = CONTENT.item("casussen", CONTENT.exercise("krachtwerk-inventaris").case)
    assert "Fictieve casus" in runner.header.value and case.title in runner.header.value


def test_choose_tension_comes_first_and_tags_the_answers(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("spanningsveld-verkennen")
    assert runner.current.step.id == TENSION_STEP_ID
    runner.next()
    assert runner.index == 0 and "Kies eerst een spanningsveld" in runner.status.widget.value
    runner.current.capture.value = "dialoog-grenzen"
    runner.next()
    field = CONTENT.item("spanningsvelden", "dialoog-grenzen")
    poles_html = runner.current.capture.widget.children[0].value
    assert field.pole_a in poles_html and field.pole_b in poles_html
    runner.current.capture.value = 0.7
    runner.next()
    [position] = mine(casebook, exercise="spanningsveld-verkennen", step="positie")
    assert position.tension == "dialoog-grenzen" and position.position == pytest.approx(0.7)


def test_hard_identifier_is_refused_nothing_is_saved_and_the_notice_shows_it(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("dialoog-vier-niveaus")
    runner.current.capture.value = "ze belde vanaf 06-12345678 <b>vet</b>"
    clock.advance(AUTOSAVE_DELAY + 0.1)
    assert mine(casebook, exercise="dialoog-vier-niveaus") == []
    notice = runner.notice.message.value
    assert runner.notice.kind == "blocked"
    assert '<mark class="wb-found">06-12345678</mark>' in notice
    assert "&lt;b&gt;vet&lt;/b&gt;" in notice and "<b>vet</b>" not in notice
    assert "Niet opgeslagen" in runner.status.widget.value
    runner.next()  # cannot move on while the text is refused
    assert runner.index == 0


def test_name_needs_review_and_the_pseudonymised_version_can_be_accepted(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("dialoog-vier-niveaus")
    capture = runner.current.capture
    capture.value = "Gisteren sprak ik Fatima de Vries in de keuken."
    runner.save()
    assert runner.notice.kind == "review"
    assert mine(casebook, exercise="dialoog-vier-niveaus") == []
    runner.notice.accept_button.click()
    [entry] = mine(casebook, exercise="dialoog-vier-niveaus")
    assert "Fatima" not in entry.text
    assert capture.value == entry.text  # the writer sees what was stored
    assert runner.notice.kind is None


def test_text_declared_fictional_is_kept_as_typed(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("dialoog-vier-niveaus")
    runner.current.capture.value = "In het fictieve verhaal praat Fatima de Vries met haar zoon."
    runner.save()
    runner.notice.fictional_button.click()
    [entry] = mine(casebook, exercise="dialoog-vier-niveaus")
    assert "Fatima de Vries" in entry.text


def test_runner_inside_a_session_tags_the_answers_with_it(casebook, clock):
    viewer = casebook.local_viewer()
    team_id = next(iter(viewer.team_ids))
    session = casebook.start_session(viewer, team_id, case_id=None, exercise_id="casusbespreking")
    runner = ExerciseRunner(CONTENT, casebook, viewer, session_id=session.id, scheduler=clock)
    runner.open("casusbespreking")
    runner.current.capture.value = PLAIN
    runner.next()
    [entry] = mine(casebook, exercise="casusbespreking")
    assert entry.session_id == session.id
    solo = runner_for(casebook, clock)
    solo.open("casusbespreking")  # a solo run does not resume the session's drafts
    assert solo.current.capture.is_empty()


def test_exercise_picker_opens_on_an_exercise_and_each_module_on_its_first():
    """The page never shows an empty exercise field with no preview: a visitor sees what the
    chosen exercise is about before pressing "Begin"."""
    from werkboek.ui.pages.oefeningen import ExercisePicker

    started = []
    picker = ExercisePicker(CONTENT, on_start=started.append)
    first = CONTENT.exercises_of(picker.module_choice.value)[0]
    assert picker.exercise_choice.value == first.id
    assert f"<h2>{first.title}</h2>" in picker.preview.value
    picker.start_button.click()
    assert started == [first.id]
    for _title, module in picker.module_choice.options[1:]:
        picker.module_choice.value = module
        first = CONTENT.exercises_of(module)[0]
        assert picker.exercise_choice.value == first.id
        assert f"<h2>{first.title}</h2>" in picker.preview.value


def test_exercise_picker_offers_doing_the_chosen_exercise_with_the_team():
    from werkboek.ui.pages.oefeningen import ExercisePicker

    picker = ExercisePicker(CONTENT, on_start=lambda _exercise: None)
    picker.select("spanningsveld-verkennen")
    link = picker.team_link.value
    assert 'href="Casusbespreking.ipynb?oefening=spanningsveld-verkennen"' in link
    assert "Met je team doen" in link
    picker.select("principes-leren")
    assert "oefening=principes-leren" in picker.team_link.value


def test_the_family_stays_in_view_and_the_five_profiles_are_explained(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("multiprobleem-profiel")
    assert "Het gezin (fictief)" in runner.header.value  # at every step, not only in the preview
    assert runner.walk.step_html(runner.walk.step) == runner.step_text.value  # its words: the walk
    runner.next_button.click()
    assert "Het gezin (fictief)" in runner.header.value


def test_the_resumed_draft_note_goes_once_the_exercise_is_finished(casebook, clock):
    runner = runner_for(casebook, clock)
    runner.open("deugden-moment")
    runner.current.capture.value = answer_for(runner.current.capture)
    runner.save()
    runner.open("deugden-moment")
    assert "Je gaat verder met je concept van" in runner.header.value
    while not runner.finished:
        if runner.current.capture.is_empty():
            runner.current.capture.value = answer_for(runner.current.capture)
        runner.next()
    assert "concept" not in runner.header.value


def test_exercise_picker_lists_modules_in_the_order_of_the_guide():
    from werkboek.ui.pages.oefeningen import ExercisePicker, section_key

    picker = ExercisePicker(CONTENT, on_start=lambda _e: None)
    labels = [label for label, _id in picker.module_choice.options]
    assert all(label.startswith("§") for label in labels)
    keys = [section_key(label.split()[0]) for label in labels]
    assert keys == sorted(keys) and section_key("§5.10") > section_key("§5.4")
