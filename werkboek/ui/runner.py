"""The exercise runner: walks any exercise of the content step by step, rendered from data.

Each step shows its prompt and help, a capture widget for its capture type, autosaves a draft
entry (tagged module/exercise/step, plus level and tension), and shows its ``reveal`` once the
step is answered. ``choose_tension`` exercises first ask which tension field. At the end every
answer is finalised and read back. Reopening an unfinished exercise picks up its drafts.
Works for a solo user (``cb.local_viewer()``) and inside a session (pass ``session_id``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from werkboek.clock import moment
from werkboek.content.glossary_html import terms_html
from werkboek.content.step_number import step_counter
from werkboek.markup import counted, esc, markdown_html
from werkboek.ui.autosave import EntrySaver, StatusLine
from werkboek.ui.captures import Capture, CaptureSpec, Option, full_width, make_capture
from werkboek.ui.focus import FROM, TARGET, focus_on
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.ui.scheduling import LoopScheduler, QuietTracker, Scheduler
from werkboek.ui.shell import guarded

TENSION_MODULE = "spanningsvelden"
CASE_MODULE = "casussen"
TENSION_STEP_ID = "spanningsveld"
TENSION_CAPTURES = ("poles", "polarity_map")
JOURNAL_HREF = "Mijn-reflecties.ipynb"
PRINCIPLE_MODULE = "principes"
# Written answers in these modules are stored under another kind: questions go to the question bank.
TEXT_KIND_BY_MODULE = {"vragen": "question"}


@dataclass
class StepState:
    """One step as shown: its capture, its saver, and whether its reveal may be shown."""

    step: Any  # werkboek.content.Step
    capture: Capture
    saver: EntrySaver
    tension: str | None
    revealed: bool = False


def html_block(html: str, css_class: str) -> w.HTML:
    block = w.HTML(html, layout=full_width())
    block.add_class(css_class)
    return block


def button(description: str, css_class: str, *, style: str = "", icon: str = "") -> w.Button:
    b = w.Button(description=description, button_style=style, icon=icon)
    b.add_class(css_class)
    return b


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
        self.exercise = None
        self.steps: list = []
        self.states: dict[str, StepState] = {}
        self.drafts: dict[str, Any] = {}
        self.index = 0
        self.finished = False

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

    # -- opening
    def open(self, exercise_id: str) -> None:
        """Start (or resume) ``exercise_id`` at its first unanswered step."""
        self.exercise = self.content.exercise(exercise_id)
        self.finished = False
        self.states = {}
        self.drafts = self._find_drafts()
        self.steps = ([self._tension_step()] if self.exercise.choose_tension else []) + list(
            self.exercise.steps
        )
        resumed = [s for s in self.steps if s.id in self.drafts]
        self.index = 0
        for step in resumed:
            self._state(step).revealed = not self._state(step).capture.is_empty()
        if resumed:
            answered = {s.id for s in resumed}
            self.index = next((i for i, s in enumerate(self.steps) if s.id not in answered), 0)
        note = ""
        if resumed:
            last = moment(max(e.updated_at for e in self.drafts.values()))
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

    def _find_drafts(self) -> dict[str, Any]:
        """This author's unfinished answers to this exercise (in this session), by step."""
        if self.viewer.member_id is None:
            return {}
        entries = self.cb.entries(
            self.viewer, exercise=self.exercise.id, author_id=self.viewer.member_id, status="draft"
        )
        latest: dict[str, Any] = {}
        for entry in sorted(entries, key=lambda e: e.updated_at):
            if entry.session_id == self.session_id and entry.step:
                latest[entry.step] = entry
        return latest

    def _tension_step(self):
        from werkboek.content import Step

        return Step(
            id=TENSION_STEP_ID,
            title="Kies een spanningsveld",
            prompt="Over welk spanningsveld wil je nadenken? Kies het veld dat nu het meest "
            "speelt in je werk.",
            capture="choice",
            options=[{"id": i.id, "label": i.title} for i in self.content.items(TENSION_MODULE)],
        )

    # -- state per step
    @property
    def chosen_tension(self) -> str | None:
        state = self.states.get(TENSION_STEP_ID)
        if state is not None:
            return state.capture.value
        draft = self.drafts.get(TENSION_STEP_ID)
        return draft.value if draft is not None else None

    def _tension_of(self, step) -> str | None:
        if step.id == TENSION_STEP_ID:
            return None
        return step.tension or (self.chosen_tension if self.exercise.choose_tension else None)

    def _state(self, step) -> StepState:
        """The step's state; a tension capture is rebuilt (keeping its answer) when the field changed."""
        tension = self._tension_of(step)
        state = self.states.get(step.id)
        if state is not None and state.tension == tension:
            return state
        capture = make_capture(str(step.capture), capture_spec(self.content, self.exercise, step,
                                                                tension))
        if state is not None:
            capture.load_entry(**state.capture.entry_fields())
            state.capture, state.tension = capture, tension
            state.saver.tags = self._tags(step)
        else:
            draft = self.drafts.get(step.id)
            if draft is not None:
                capture.load_entry(text=draft.text, value=draft.value, position=draft.position)
            saver = EntrySaver(
                self.cb, self.viewer, fields=capture.entry_fields, tags=self._tags(step),
                is_empty=capture.is_empty, notice=self.notice, status=self.status,
                scheduler=self.scheduler, entry_id=draft.id if draft else None,
            )
            state = StepState(step, capture, saver, tension)
            self.states[step.id] = state
        saver = state.saver
        saver.fields, saver.is_empty = self._fields_of(step, capture), capture.is_empty
        saver.on_stored = lambda entry, c=capture: c.load_entry(
            text=entry.text, value=entry.value, position=entry.position
        )
        capture.observe_change(self.tracker.touch)
        capture.observe_change(saver.changed)
        return state

    @staticmethod
    def _fields_of(step, capture: Capture) -> Callable[[], dict[str, Any]]:
        """What the step saves; a choice among the leading principles also cites them."""
        if step.options_from != PRINCIPLE_MODULE:
            return capture.entry_fields

        def fields() -> dict[str, Any]:
            value = capture.value
            cited = [value] if isinstance(value, str) else list(value or ())
            return {**capture.entry_fields(), "principles": cited}

        return fields

    def _tags(self, step) -> dict[str, Any]:
        tension = self.chosen_tension if step.id == TENSION_STEP_ID else self._tension_of(step)
        kind = str(step.capture)
        if kind == "text":
            kind = TEXT_KIND_BY_MODULE.get(self.exercise.module, kind)
        return {
            "kind": kind,
            "module": self.exercise.module,
            "exercise": self.exercise.id,
            "step": step.id,
            "level": step.level,
            "tension": tension,
            "session_id": self.session_id,
            "case_id": self.case_id,
            "visibility": self.visibility,
        }

    @property
    def current(self) -> StepState:
        return self._state(self.steps[self.index])

    # -- showing
    def _show(self) -> None:
        state = self.current
        step = state.step
        total = len(self.steps)
        counter = step_counter(self.exercise, self.index + 1, total)
        self.progress.value = f'<div class="wb-progress">{counter}</div>'
        minutes = (f'<p class="wb-minutes">Ongeveer {counted(step.minutes, "minuut", "minuten")}.</p>'
                   if step.minutes else "")
        help_html = f'<div class="wb-step-help">{markdown_html(step.help)}</div>' if step.help else ""
        self.step_text.value = (
            f'<h3 class="wb-step-title">{esc(step.title)}</h3>'
            f'<div class="wb-step-prompt">{markdown_html(step.prompt)}</div>{help_html}'
            f"{terms_html(self.content, step.prompt, step.help)}"
            f"{self._options_explained(step)}{minutes}"
        )
        self.capture_box.children = (state.capture.widget,)
        self.status.clear()
        self.notice.clear()
        self._show_reveal(state)
        last = self.index == total - 1
        self.back_button.disabled = self.index == 0
        self.next_button.description = "Afronden" if last else "Volgende"
        (self.next_button.add_class if last else self.next_button.remove_class)("wb-finish")
        self.body.children = (self.step_box,)

    def _options_explained(self, step) -> str:
        """For a choice among a module's items (the five profiles, the principles): what each
        choice means, folded open on request."""
        if not step.options_from or step.capture not in ("choice", "multi_choice"):
            return ""
        try:
            items = [i for i in self.content.items(step.options_from) if i.text]
        except KeyError:
            return ""
        if not items:
            return ""
        rows = "".join(f"<dt>{esc(i.title)}</dt><dd>{markdown_html(i.text)}</dd>" for i in items)
        return (f'<details class="wb-options-explained"><summary>Wat betekenen deze '
                f"{counted(len(items), 'keuze', 'keuzes')}?</summary><dl>{rows}</dl></details>")

    def _reveal_html(self, state: StepState) -> str:
        """The step's reveal; a polarity map also reveals the guide's direction for its field."""
        html = markdown_html(state.step.reveal)
        if html and state.step.capture == "polarity_map" and state.tension:
            item = self.content.item(TENSION_MODULE, state.tension)
            if item.direction:
                html += (f'<p class="wb-direction-title"><strong>{esc(item.title)}</strong></p>'
                         f"{markdown_html(item.direction)}")
        return html

    def _show_reveal(self, state: StepState) -> None:
        if state.step.reveal and state.revealed:
            self.reveal.value = f'<div class="wb-reveal">{self._reveal_html(state)}</div>'
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
        if not state.capture.is_empty():
            state.revealed = True
            self._show_reveal(state)
        return True

    def next(self) -> None:
        """Save and go to the next step, or finish after the last one."""
        if self.steps[self.index].id == TENSION_STEP_ID and not self.chosen_tension:
            self.status.problem("Kies eerst een spanningsveld.")
            return
        if not self.save():
            return
        if self.index == len(self.steps) - 1:
            self.finish()
        else:
            self.index += 1
            self._show()
            focus_on(self.current.capture.widget)  # the next question, not the button pressed

    def back(self) -> None:
        if not self.save() or self.index == 0:
            return
        self.index -= 1
        self._show()
        focus_on(self.current.capture.widget)

    def finish(self) -> None:
        """Finalise every answer; stop at the first the privacy guard refuses."""
        for index, step in enumerate(self.steps):
            state = self._state(step)
            if not state.saver.save(final=True):
                self.index = index
                self._show()
                state.saver.save(final=True)  # show the notice again on the step itself
                return
        self.finished = True
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
