"""Walking through one exercise, without widgets: its steps, where you are, the drafts it resumes,
which reveals are due, and how each answer is stored (its kind and tags).

``ExerciseWalk`` is what the exercise runner (``werkboek.ui.runner``) shows; the runner keeps the
widgets (a capture per step, its autosaver) and tells the walk what each step holds now
(``record``). A ``choose_tension`` exercise first asks which tension field (``TENSION_STEP_ID``);
its answer tags the later steps and sets their poles. Opening an exercise again resumes its
drafts at the first step not answered yet.
"""

from __future__ import annotations

from typing import Any

from werkboek.content import Step
from werkboek.content.glossary_html import terms_html
from werkboek.content.models import CaptureType
from werkboek.markup import counted, esc, markdown_html
from werkboek.vocab import (
    PRINCIPLE_MODULE,
    QUESTION_KIND,
    QUESTION_MODULE,
    TENSION_MODULE,
    TENSION_STEP_ID,
)

OPTION_LISTS = frozenset({CaptureType.CHOICE, CaptureType.MULTI_CHOICE})
# Written answers in these modules are stored under another kind: questions go to the question bank.
TEXT_KIND_BY_MODULE = {QUESTION_MODULE: QUESTION_KIND}
CHOOSE_TENSION_FIRST = "Kies eerst een spanningsveld."


def find_drafts(cb, viewer, exercise_id: str, session_id: int | None) -> dict[str, Any]:
    """This author's unfinished answers to an exercise (in this session), latest per step."""
    if viewer.member_id is None:
        return {}
    entries = cb.entries(viewer, exercise=exercise_id, author_id=viewer.member_id, status="draft")
    latest: dict[str, Any] = {}
    for entry in sorted(entries, key=lambda e: e.updated_at):
        if entry.session_id == session_id and entry.step:
            latest[entry.step] = entry
    return latest


def tension_step(content):
    """The step a ``choose_tension`` exercise starts with: which tension field?"""

    return Step(
        id=TENSION_STEP_ID,
        title="Kies een spanningsveld",
        prompt="Over welk spanningsveld wil je nadenken? Kies het veld dat nu het meest "
        "speelt in je werk.",
        capture=CaptureType.CHOICE,
        options=[{"id": i.id, "label": i.title} for i in content.items(TENSION_MODULE)],
    )


class ExerciseWalk:
    """One exercise walked step by step; ``drafts`` are the answers it resumes, by step id."""

    def __init__(self, content, exercise, drafts: dict[str, Any] | None = None, *,
                 session_id: int | None = None, case_id: int | None = None,
                 visibility: str = "private"):
        self.content = content
        self.exercise = exercise
        self.drafts = dict(drafts or {})
        self.session_id = session_id
        self.case_id = case_id
        self.visibility = visibility
        self.steps = ([tension_step(content)] if exercise.choose_tension else []) \
            + list(exercise.steps)
        self.values: dict[str, Any] = {}  # what each step shown so far holds now
        self.answered: set[str] = set()  # steps whose answer is not empty
        self.revealed: set[str] = set()  # steps whose reveal may be shown
        self.index = 0
        self.finished = False

    # -- resuming
    @property
    def resumed(self) -> list:
        """The steps with a draft to resume, in order."""
        return [s for s in self.steps if s.id in self.drafts]

    def resume(self) -> None:
        """Reveal what the drafts answered; stand on the first step without a draft."""
        resumed = self.resumed
        self.revealed = {s.id for s in resumed if s.id in self.answered}
        answered = {s.id for s in resumed}
        self.index = next((i for i, s in enumerate(self.steps) if s.id not in answered), 0) \
            if resumed else 0

    def resumed_at(self):
        """When the latest draft was saved (None: nothing to resume)."""
        return max((e.updated_at for e in self.drafts.values()), default=None)

    # -- where you are
    @property
    def step(self):
        return self.steps[self.index]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def is_first(self) -> bool:
        return self.index == 0

    @property
    def is_last(self) -> bool:
        return self.index == self.total - 1

    def record(self, step_id: str, value: Any, *, empty: bool) -> None:
        """What ``step_id`` holds now (the view calls this on every change and load)."""
        self.values[step_id] = value
        (self.answered.discard if empty else self.answered.add)(step_id)

    def blocked(self) -> str | None:
        """Why the walk cannot go on from this step (Dutch), or None."""
        if self.step.id == TENSION_STEP_ID and not self.chosen_tension:
            return CHOOSE_TENSION_FIRST
        return None

    def forward(self) -> None:
        if self.is_last:
            self.finished = True
        else:
            self.index += 1

    def backward(self) -> None:
        if not self.is_first:
            self.index -= 1

    # -- tension
    @property
    def chosen_tension(self) -> str | None:
        if TENSION_STEP_ID in self.values:
            return self.values[TENSION_STEP_ID]
        draft = self.drafts.get(TENSION_STEP_ID)
        return draft.value if draft is not None else None

    def tension_of(self, step) -> str | None:
        """The tension field ``step`` is about: its own, or the one chosen first."""
        if step.id == TENSION_STEP_ID:
            return None
        return step.tension or (self.chosen_tension if self.exercise.choose_tension else None)

    # -- reveals
    def answered_now(self, step) -> bool:
        """After a save: a step with an answer may show its reveal from now on."""
        if step.id in self.answered:
            self.revealed.add(step.id)
            return True
        return False

    def shows_reveal(self, step) -> bool:
        return bool(step.reveal) and step.id in self.revealed

    def reveal_html(self, step) -> str:
        """The step's reveal; a polarity map also reveals the guide's direction for its field."""
        html = markdown_html(step.reveal)
        tension = self.tension_of(step)
        if html and step.capture == CaptureType.POLARITY_MAP and tension:
            item = self.content.item(TENSION_MODULE, tension)
            if item.direction:
                html += (f'<p class="wb-direction-title"><strong>{esc(item.title)}</strong></p>'
                         f"{markdown_html(item.direction)}")
        return html

    # -- how an answer is stored
    def kind_of(self, step) -> str:
        kind = str(step.capture)
        if kind == CaptureType.TEXT:
            kind = TEXT_KIND_BY_MODULE.get(self.exercise.module, kind)
        return kind

    def tags(self, step) -> dict[str, Any]:
        """What the entry of ``step`` is tagged with, besides the answer itself."""
        tension = self.chosen_tension if step.id == TENSION_STEP_ID else self.tension_of(step)
        return {
            "kind": self.kind_of(step),
            "module": self.exercise.module,
            "exercise": self.exercise.id,
            "step": step.id,
            "level": step.level,
            "tension": tension,
            "session_id": self.session_id,
            "case_id": self.case_id,
            "visibility": self.visibility,
        }

    @staticmethod
    def stored_fields(step, fields: dict[str, Any], value: Any) -> dict[str, Any]:
        """The answer's fields as stored; a choice among the leading principles also cites them."""
        if step.options_from != PRINCIPLE_MODULE:
            return fields
        cited = [value] if isinstance(value, str) else list(value or ())
        return {**fields, "principles": cited}

    # -- what a step says
    def step_html(self, step) -> str:
        """Title, prompt, help, the glossary's terms, what the options mean, and the time it takes."""
        minutes = (f'<p class="wb-minutes">Ongeveer {counted(step.minutes, "minuut", "minuten")}.</p>'
                   if step.minutes else "")
        help_html = f'<div class="wb-step-help">{markdown_html(step.help)}</div>' if step.help else ""
        return (
            f'<h3 class="wb-step-title">{esc(step.title)}</h3>'
            f'<div class="wb-step-prompt">{markdown_html(step.prompt)}</div>{help_html}'
            f"{terms_html(self.content, step.prompt, step.help)}"
            f"{self.options_explained(step)}{minutes}"
        )

    def options_explained(self, step) -> str:
        """For a choice among a module's items (the five profiles, the principles): what each
        choice means, folded open on request."""
        if not step.options_from or step.capture not in OPTION_LISTS:
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
