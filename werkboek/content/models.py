"""Pydantic models of the course content format: modules, their items, exercises and steps.

Each model checks the shape of one object; checks that span objects or files (duplicate
ids, an exercise naming a module, a step naming a tension field) live in
``werkboek.content.checks``, where each problem gets its own field path. Validation
messages raised here are Dutch: ``werkboek check-content`` shows them to trainers as is.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Source = Annotated[str, StringConstraints(pattern=r"^§\d+(\.\d+)*")]
Audience = Literal["persoonlijk", "team", "cursus"]


class CaptureType(StrEnum):
    """How a step captures its answer; the value each type stores is fixed (see exercises/README.md)."""

    TEXT = "text"
    SCALE = "scale"
    POLES = "poles"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    SCALES = "scales"
    HYPOTHESES = "hypotheses"
    ACTION = "action"
    POLARITY_MAP = "polarity_map"


OPTION_CAPTURES = frozenset({CaptureType.CHOICE, CaptureType.MULTI_CHOICE, CaptureType.SCALES})
TENSION_CAPTURES = frozenset({CaptureType.POLES, CaptureType.POLARITY_MAP})
SCALE_CAPTURES = frozenset({CaptureType.SCALE, CaptureType.SCALES})  # scales: optional range per option


class ContentModel(BaseModel):
    """Shared configuration: unknown fields are errors and loaded content is read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(ContentModel):
    """One answer a choice, multi_choice or scales step offers."""

    id: Identifier
    label: Text


class Scale(ContentModel):
    """The range of a scale step and the words at both ends."""

    min: int = 0
    max: int = 10
    low: Text
    high: Text

    @model_validator(mode="after")
    def _min_below_max(self) -> Scale:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) moet kleiner zijn dan max ({self.max})")
        return self


class TrainerNote(ContentModel):
    """What a trainer needs to run a module as it is: goal, work form, time, questions, pitfalls."""

    goal: Text
    work_form: Text
    minutes: Annotated[int, Field(ge=5, le=480)]
    group_questions: Annotated[list[Text], Field(min_length=1)]
    pitfalls: Annotated[list[Text], Field(min_length=1)]


class Reply(ContentModel):
    """A moment that can derail a step (``when``) and how the facilitator answers it."""

    when: Text
    reply: Text


class FacilitatorScript(ContentModel):
    """What the facilitator says to open a step, what to watch for, and replies to hard moments."""

    say: Text
    watch: list[Text] = []
    replies: list[Reply] = []


class Item(ContentModel):
    """One element of a module's model: a step, level, tension field, principle, case, ..."""

    id: Identifier
    title: Text
    source: Source
    text: Text
    pole_a: Text | None = None
    pole_b: Text | None = None
    direction: Text | None = None
    group: Identifier | None = None
    examples: list[Text] = []
    life_domains: list[Identifier] | None = None
    tension_fields: list[Identifier] | None = None

    @model_validator(mode="after")
    def _both_poles(self) -> Item:
        if (self.pole_a is None) != (self.pole_b is None):
            raise ValueError("een spanningsveld heeft twee polen: vul pole_a én pole_b in")
        return self


class Module(ContentModel):
    """A course module: an explanation of one model of the guide and its items."""

    id: Identifier
    title: Text
    source: Source
    summary: Text
    items: list[Item] = []
    exercises: list[Identifier] = []
    terms: list[Identifier] = []  # glossary terms the module uses (ids in modules/_begrippen.yaml)
    trainer_note: TrainerNote | None = None  # required by the checks, with a message of its own


class Step(ContentModel):
    """One question of an exercise and how its answer is captured."""

    id: Identifier
    title: Text
    prompt: Text
    help: Text | None = None
    capture: CaptureType
    minutes: Annotated[int, Field(ge=1, le=240)] | None = None
    level: Identifier | None = None
    tension: Identifier | None = None
    reveal: Text | None = None
    scale: Scale | None = None
    options_from: Identifier | None = None
    options: Annotated[list[Option], Field(min_length=1)] | None = None
    facilitator_script: FacilitatorScript | None = None

    @model_validator(mode="after")
    def _script_says_how_long(self) -> Step:
        if self.facilitator_script is not None and self.minutes is None:
            raise ValueError("een stap met facilitator_script heeft ook minutes nodig (hoe lang)")
        return self

    @model_validator(mode="after")
    def _fields_for_capture(self) -> Step:
        if self.capture is CaptureType.SCALE and self.scale is None:
            raise ValueError("capture 'scale' heeft een veld scale nodig (min, max, low, high)")
        if self.scale is not None and self.capture not in SCALE_CAPTURES:
            raise ValueError(
                f"scale hoort alleen bij capture 'scale' of 'scales', niet bij '{self.capture}'"
            )
        has_options = self.options_from is not None or self.options is not None
        if self.capture in OPTION_CAPTURES:
            if self.options_from is not None and self.options is not None:
                raise ValueError("kies óf options_from óf options, niet allebei")
            if not has_options:
                raise ValueError(
                    f"capture '{self.capture}' heeft options_from (een module) of options nodig"
                )
        elif has_options:
            raise ValueError(
                "options_from en options horen alleen bij choice, multi_choice of scales"
            )
        return self


class Exercise(ContentModel):
    """An exercise: ordered steps the runner renders from data."""

    id: Identifier
    title: Text
    module: Identifier
    source: Source
    intro: Text
    audience: Annotated[list[Audience], Field(min_length=1)]
    case: Identifier | None = None
    choose_tension: bool = False
    terms: list[Identifier] = []  # glossary terms the exercise uses
    steps: Annotated[list[Step], Field(min_length=1)]

    @property
    def minutes(self) -> int:
        """The steps' planned minutes added up (steps without minutes count as none)."""
        return sum(step.minutes or 0 for step in self.steps)

    def step(self, step_id: str) -> Step:
        """The step with this id; KeyError when the exercise has none."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"oefening '{self.id}' heeft geen stap '{step_id}'")


class CourseBlock(ContentModel):
    """One meeting of the course plan: the modules it treats, in order, and why."""

    id: Identifier
    title: Text
    modules: Annotated[list[Identifier], Field(min_length=1)]
    exercises: list[Identifier] = []
    minutes: Annotated[int, Field(ge=15, le=480)]
    text: Text


class CoursePlan(ContentModel):
    """A suggested order of the modules for a COMBINE cohort (``modules/_cursusplan.yaml``)."""

    title: Text
    source: Source
    intro: Text
    blocks: Annotated[list[CourseBlock], Field(min_length=1)]

    @property
    def module_order(self) -> list[str]:
        """Every module the plan names, in the order the cohort meets them."""
        return [module_id for block in self.blocks for module_id in block.modules]
