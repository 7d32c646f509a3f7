"""What the Dialoog, Spanningsvelden and Principes pages share: a row of sections, exercises of
the content embedded as sections, and the read-back charts that load once on screen and are
redrawn after an exercise is finished or another team is picked.

A page subclasses ``ReflectionPage``, names its sections in ``parts()`` (using ``exercise()`` for
an exercise section) and draws its charts in ``chart_widgets()``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

import ipywidgets as w

from werkboek.ui.reflection.exercise import EmbeddedExercise
from werkboek.ui.reflection.lazy import LazyPanel
from werkboek.ui.reflection.scope import ScopePicker
from werkboek.ui.reflection.sections import Sections
from werkboek.ui.reflection.views import page_root


class ReflectionPage(ABC):
    def __init__(self, content, cb, viewer, *, scheduler=None):
        self.content = content
        self.cb = cb
        self.viewer = viewer
        self.scheduler = scheduler
        self.runners: dict = {}  # exercise id → its runner, once its section was opened
        self.charts = LazyPanel(self.chart_widgets, scheduler=scheduler)
        self.sections = Sections(self.parts())
        self.widget = page_root(self.sections.widget)

    @abstractmethod
    def parts(self) -> Sequence[tuple[str, str, Callable[[], w.Widget]]]:
        """(key, button label, build function) per section, as ``Sections`` takes them."""

    @abstractmethod
    def chart_widgets(self) -> list[w.Widget]:
        """The "Wat zie ik terug?" panel: headings, notes and charts."""

    def exercise(self, exercise_id: str, *,
                 on_finish: Callable[[], None] | None = None) -> Callable[[], w.Widget]:
        """A section's build function: the exercise embedded; after "Afronden" ``on_finish``
        runs, by default the charts are redrawn with the new answers."""
        def build() -> w.Widget:
            embedded = EmbeddedExercise(self.content, self.cb, self.viewer, exercise_id,
                                        on_finish=on_finish or self.charts.refresh,
                                        scheduler=self.scheduler)
            self.runners[exercise_id] = embedded.runner
            return embedded.widget

        return build

    def team_review(self) -> w.Widget:
        """The read-back section with a team picker (``self.team``) above the charts."""
        self.team = ScopePicker(self.cb, self.viewer, mine=False, description="Team")
        self.team.on_change(self.charts.refresh)
        return self.charts.widget
