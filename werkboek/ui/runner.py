"""The exercise runner: shows an exercise's walk step by step, rendered from data.

What the walk is (steps, where you are, drafts, reveals, how an answer is stored) lives in
``werkboek.ui.exercise_walk``; this is its view. Each step shows its prompt and help, a capture
widget for its capture type, autosaves a draft entry (tagged module/exercise/step, plus level and
tension), and shows its ``reveal`` once the step is answered. At the end every answer is
finalised and read back. Works for a solo user (``cb.local_viewer()``) and inside a session (pass
``session_id``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from werkboek.clock import moment
from werkboek.content.glossary_html import terms_html
from werkboek.content.models import TENSION_CAPTURES
from werkboek.content.step_number import step_counter
from werkboek.markup import esc, markdown_html
from werkboek.ui.autosave import EntrySaver, StatusLine
from werkboek.ui.captures import Capture, CaptureSpec, Option, make_capture
from werkboek.ui.exercise_walk import ExerciseWalk, find_drafts
from werkboek.ui.focus import FROM, TARGET, focus_on
from werkboek.ui.guard import guarded
from werkboek.ui.kit import button, full_width
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.ui.scheduling import LoopScheduler, QuietTracker, Scheduler
from werkboek.vocab import CASE_MODULE, TENSION_MODULE, TENSION_STEP_ID

__all__ = ["TENSION_STEP_ID", "ExerciseRunner", "case_card", "html_block"]

JOURNAL_HREF = "Mijn-reflecties.ipynb"


@dataclass
class StepState:
    """One step as shown: its capture and its saver (built for the tension it was shown with)."""

    step: Any  # werkboek.content.Step
    capture: Capture
    saver: EntrySaver
    tension: str | None


def html_block(html: str, css_class: str) -> w.HTML:
    block = w.HTML(html, layout=full_width())
    block.add_class(css_class)
    return block


def case_card(content, case_id: str | None) -> str:
    """The fictional case of an exercise as HTML ('' when it names none)."""
    if not case_id:
        return ""
    case = content.item(CASE_MODULE, case_id)
    return (
        f'<div class="wb-case"><strong>Fictieve casus: {esc(case.title)}</strong>'
        f"{markdown_html(case.text)}</div>"
    )


def capture_spec(content, exercise, step, tension: str | None) -> CaptureSpec:
    """What the capture of ``step`` needs from the content: its options, the scale's range and
    words, and the poles of ``tension`` for a poles or polarity map step."""
    options = ()
    if step.capture not in TENSION_CAPTURES:
        options = tuple(Option(o.id, o.label) for o in content.options_for(step, exercise))
    spec = {"options": options}
    if step.scale is not None:
        spec.update(scale_min=step.scale.min, scale_max=step.scale.max,
                    low=step.scale.low, high=step.scale.high)
    if tension and step.capture in TENSION_CAPTURES:
        item = content.item(TENSION_MODULE, tension)
        spec.update(pole_a=item.pole_a, pole_b=item.pole_b)
    return CaptureSpec(**spec)


class ExerciseRunner:
    """Runs one exercise at a time inside ``self.widget``."""

    def __init__(
        self,
        content,
        cb,
        viewer,
        *,
        session_id: int | None = None,
        case_id: int | None = None,
        visibility: str = "private",
        scheduler: Scheduler | None = None,
        on_close: Callable[[], None] | None = None,
        on_finish: Callable[[], None] | None = None,
    ):
        self.content = content
        self.cb = cb
        self.viewer = viewer
        self.session_id = session_id
        self.case_id = case_id
        self.visibility = visibility
        self.scheduler = scheduler or LoopScheduler()
        self.tracker = QuietTracker(self.scheduler)
        self.on_close = on_close
        self.on_finish = on_finish
        self.notice = PrivacyNotice()
        self.status = StatusLine()
        self.walk: ExerciseWalk | None = None
        self.states: dict[str, StepState] = {}

        self.header = html_block("", "wb-exercise-header")
        self.progress = html_block("", "wb-progress")
        self.step_text = html_block("", "wb-step")
        self.capture_box = w.Box(layout=full_width())
        self.reveal = html_block("", "wb-reveal-box")
        self.back_button = button("Vorige", "wb-back", icon="arrow-left")
        self.save_button = button("Opslaan", "wb-save", icon="check")
        self.next_button = button("Volgende", "wb-next", style="primary", icon="arrow-right")
        self.back_button.on_click(guarded(lambda _b: self.tracker.after_flush(guarded(self.back))))
        self.save_button.on_click(guarded(lambda _b: self.tracker.after_flush(guarded(self.save))))
        self.next_button.on_click(guarded(lambda _b: self.tracker.after_flush(guarded(self.next))))
        buttons = w.HBox([self.back_button, self.save_button, self.next_button], layout=full_width())
        buttons.add_class("wb-row")
        self.step_box = w.VBox(
            [self.progress, self.step_text, self.capture_box, self.status.widget,
             self.notice.widget, self.reveal, buttons],
            layout=full_width(),
        )
        self.step_box.add_class(FROM)  # a question shows from "Stap 2 van 5" when focused
        self.body = w.VBox(layout=full_width())
        self.widget = w.VBox([self.header, self.body], layout=full_width())
        self.widget.add_class("wb-runner")

    # -- the walk
    @property
    def exercise(self):
        return self.walk.exercise if self.walk else None

    @property
    def steps(self) -> list:
        return self.walk.steps if self.walk else []

    @property
    def index(self) -> int:
        return self.walk.index if self.walk else 0

    @property
    def finished(self) -> bool:
        return self.walk.finished if self.walk else False

    @property
    def drafts(self) -> dict[str, Any]:
        return self.walk.drafts if self.walk else {}

    @property
    def chosen_tension(self) -> str | None:
        return self.walk.chosen_tension

    # -- opening
    def open(self, exercise_id: str) -> None:
        """Start (or resume) ``exercise_id`` at its first unanswered step."""
        exercise = self.content.exercise(exercise_id)
        self.states = {}
        self.walk = ExerciseWalk(
            self.content, exercise,
            find_drafts(self.cb, self.viewer, exercise.id, self.session_id),
            session_id=self.session_id, case_id=self.case_id, visibility=self.visibility)
        for step in self.walk.resumed:
            self._state(step)  # loads the draft: the walk learns what it answered
        self.walk.resume()
        note = ""
        if self.walk.resumed:
            last = moment(self.walk.resumed_at())
            note = f'<p class="wb-resumed">Je gaat verder met je concept van {last}.</p>'
        self._header(note)
        self._show()
        focus_on(self.header)  # the exercise's title: the list it was chosen from is gone

    def _header(self, note: str = "") -> None:
        """Title, an optional note, and what the exercise is about (its intro, its case): kept
        in view while working, so a case told in the intro stays readable at every step."""
        intro = (f'<details class="wb-exercise-intro" open><summary>Waar gaat deze oefening over?'
                 f"</summary>{markdown_html(self.exercise.intro)}"
                 f"{terms_html(self.content, self.exercise.intro)}</details>"
                 if self.exercise.intro else "")
        self.header.value = (
            f'<h2 class="wb-exercise-title {TARGET}" tabindex="-1">{esc(self.exercise.title)}</h2>'
            f"{note}{intro}"
            f"{case_card(self.content, self.exercise.case)}"
        )

    # -- state per step
    def _state(self, step) -> StepState:
        """The step's state; a tension capture is rebuilt (keeping its answer) when the field changed."""
        walk = self.walk
        tension = walk.tension_of(step)
        state = self.states.get(step.id)
        if state is not None and state.tension == tension:
            return state
        capture = make_capture(str(step.capture), capture_spec(self.content, self.exercise, step,
                                                                tension))
        if state is not None:
            capture.load_entry(**state.capture.entry_fields())
            state.capture, state.tension = capture, tension
            state.saver.tags = walk.tags(step)
        else:
            draft = self.drafts.get(step.id)
            if draft is not None:
                capture.load_entry(text=draft.text, value=draft.value, position=draft.position)
            saver = EntrySaver(
                self.cb, self.viewer, fields=capture.entry_fields, tags=walk.tags(step),
                is_empty=capture.is_empty, notice=self.notice, status=self.status,
                scheduler=self.scheduler, entry_id=draft.id if draft else None,
            )
            state = StepState(step, capture, saver, tension)
            self.states[step.id] = state
        saver = state.saver
        saver.fields = lambda: walk.stored_fields(step, capture.entry_fields(), capture.value)
        saver.is_empty = capture.is_empty
        saver.on_stored = lambda entry, c=capture: c.load_entry(
            text=entry.text, value=entry.value, position=entry.position
        )

        def record(*_args) -> None:
            walk.record(step.id, capture.value, empty=capture.is_empty())

        record()
        capture.observe_change(record)
        capture.observe_change(self.tracker.touch)
        capture.observe_change(saver.changed)
        return state

    @property
    def current(self) -> StepState:
        return self._state(self.walk.step)

    # -- showing
    def _show(self) -> None:
        walk = self.walk
        state = self.current
        counter = step_counter(walk.exercise, walk.index + 1, walk.total)
        self.progress.value = f'<div class="wb-progress">{counter}</div>'
        self.step_text.value = walk.step_html(state.step)
        self.capture_box.children = (state.capture.widget,)
        self.status.clear()
        self.notice.clear()
        self._show_reveal(state)
        self.back_button.disabled = walk.is_first
        self.next_button.description = "Afronden" if walk.is_last else "Volgende"
        (self.next_button.add_class if walk.is_last else self.next_button.remove_class)("wb-finish")
        self.body.children = (self.step_box,)

    def _show_reveal(self, state: StepState) -> None:
        if self.walk.shows_reveal(state.step):
            self.reveal.value = f'<div class="wb-reveal">{self.walk.reveal_html(state.step)}</div>'
            self.reveal.layout.display = None
        else:
            self.reveal.value = ""
            self.reveal.layout.display = "none"

    # -- actions (the buttons call these after the widgets are flushed)
    def save(self) -> bool:
        """Save the current answer now; show the reveal when the step is answered."""
        state = self.current
        if not state.saver.save(final=False):
            return False
        if self.walk.answered_now(state.step):
            self._show_reveal(state)
        return True

    def next(self) -> None:
        """Save and go to the next step, or finish after the last one."""
        blocked = self.walk.blocked()
        if blocked:
            self.status.problem(blocked)
            return
        if not self.save():
            return
        if self.walk.is_last:
            self.finish()
        else:
            self.walk.forward()
            self._show()
            focus_on(self.current.capture.widget)  # the next question, not the button pressed

    def back(self) -> None:
        if not self.save() or self.walk.is_first:
            return
        self.walk.backward()
        self._show()
        focus_on(self.current.capture.widget)

    def finish(self) -> None:
        """Finalise every answer; stop at the first the privacy guard refuses."""
        for index, step in enumerate(self.walk.steps):
            state = self._state(step)
            if not state.saver.save(final=True):
                self.walk.index = index
                self._show()
                state.saver.save(final=True)  # show the notice again on the step itself
                return
        self.walk.finished = True
        self._header()  # the answers are final now: no "you continue with your draft" any more
        self._show_summary()
        if self.on_finish is not None:
            self.on_finish()

    def _show_summary(self) -> None:
        parts = [f'<h3 class="wb-summary-title {TARGET}" tabindex="-1">Wat je schreef</h3>']
        for step in self.steps:
            state = self._state(step)
            parts.append(f"<h4>{esc(step.title)}</h4>{state.capture.summary_html()}")
        parts.append(
            f'<p>Je antwoorden staan in je werkboek. <a class="wb-journal-link" href="{JOURNAL_HREF}">'
            "Bekijk al je reflecties in Mijn reflecties</a>.</p>"
        )
        summary = html_block("".join(parts), "wb-summary")
        again = button("Nog een oefening", "wb-restart", icon="redo")
        again.layout.width = "max-content"  # the default button width wraps this label
        again.on_click(guarded(lambda _b: self.on_close() if self.on_close else None))
        self.body.children = (summary, again)
        focus_on(summary)  # read on from "Wat je schreef", not from the top of the page
