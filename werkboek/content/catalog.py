"""``Content``: the validated course content and the look-ups pages and the casebook use."""

from __future__ import annotations

from dataclasses import dataclass

from werkboek.content.glossary import Glossary, TermMatch
from werkboek.content.models import (
    OPTION_CAPTURES,
    TENSION_CAPTURES,
    CoursePlan,
    Exercise,
    Item,
    Module,
    Option,
    Step,
)
from werkboek.vocab import TENSION_MODULE


@dataclass(frozen=True)
class Content:
    """All modules and exercises by id, in file-name order; every reference in them resolves.

    ``glossary`` and ``course`` are None when their optional files are not in ``modules/``."""

    modules: dict[str, Module]
    exercises: dict[str, Exercise]
    glossary: Glossary | None = None
    course: CoursePlan | None = None

    def find_terms(self, text: str) -> list[TermMatch]:
        """Where glossary terms occur in ``text`` (none without a glossary), to link them."""
        return self.glossary.find(text) if self.glossary is not None else []

    def course_modules(self) -> list[Module]:
        """The modules in the course plan's order (none without a plan)."""
        if self.course is None:
            return []
        return [self.modules[module_id] for module_id in self.course.module_order]

    def module(self, module_id: str) -> Module:
        try:
            return self.modules[module_id]
        except KeyError:
            raise KeyError(f"module '{module_id}' bestaat niet") from None

    def exercise(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise KeyError(f"oefening '{exercise_id}' bestaat niet") from None

    def items(self, module_id: str) -> list[Item]:
        return list(self.module(module_id).items)

    def item(self, module_id: str, item_id: str) -> Item:
        for item in self.module(module_id).items:
            if item.id == item_id:
                return item
        raise KeyError(f"module '{module_id}' heeft geen item '{item_id}'")

    def exercises_of(self, module_id: str) -> list[Exercise]:
        """The module's exercises: those it lists, in its order, then others that name it."""
        listed = self.module(module_id).exercises
        others = [e for e in self.exercises if self.exercises[e].module == module_id and e not in listed]
        return [self.exercises[exercise_id] for exercise_id in [*listed, *others]]

    def options_for(self, step: Step, exercise: Exercise | None = None) -> list[Option]:
        """What the user picks from at ``step``.

        Choice-like steps: their explicit options or the items of ``options_from``.
        A poles or polarity_map step without its own tension in an exercise with
        ``choose_tension``: the tension fields, which the runner asks for first.
        Any other step: nothing.
        """
        if step.capture in OPTION_CAPTURES:
            if step.options is not None:
                return list(step.options)
            return self._item_options(step.options_from)
        if (
            step.capture in TENSION_CAPTURES
            and step.tension is None
            and exercise is not None
            and exercise.choose_tension
        ):
            return self._item_options(TENSION_MODULE)
        return []

    def _item_options(self, module_id: str) -> list[Option]:
        return [Option(id=item.id, label=item.title) for item in self.module(module_id).items]
