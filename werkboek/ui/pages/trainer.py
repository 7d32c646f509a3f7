"""Page "Trainer": course mode for a cohort. A trainer sees the members and modules, gives
exercises as assignments and sees per assignment how many answered (no names) and the
group's learning questions, kept up to date while the page is open; a participant sees their
assignments and adds learning questions.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.content import load_content
from werkboek.markup import esc
from werkboek.ui import visitor
from werkboek.ui.course.entrance import CohortEntrance
from werkboek.ui.course.group import CohortFile
from werkboek.ui.course.views import ParticipantView, TrainerView
from werkboek.ui.kit import full_width
from werkboek.vocab import role_label


class TrainerPage:
    """The visitor's course groups, and after choosing one the trainer's or participant's view
    (by the role granted in that group)."""

    def __init__(self, cb, content, principal, *, scheduler=None,
                 cohort_file: CohortFile | None = None):
        self.cb = cb
        self.content = content
        self.cohort_file = cohort_file  # the accreditation file's maker (werkboek.report.cohort)
        self.scheduler = scheduler  # for the exercise runner (tests pass a hand-driven clock)
        self.view: TrainerView | ParticipantView | None = None
        self.entrance = CohortEntrance(cb, principal, self.show)
        self.body = w.VBox(layout=full_width())
        self.widget = w.VBox([self.entrance.widget, self.body], layout=full_width())
        self.widget.add_class("wb-course")

    def show(self, viewer, cohort_id: int) -> None:
        if isinstance(self.view, TrainerView):
            self.view.poller.stop()  # another group chosen: the old overview is done with
        if viewer.trainer:
            self.view = TrainerView(self.cb, self.content, viewer, cohort_id,
                                    cohort_file=self.cohort_file)
            self.view.poller.start()  # new answers and questions show up without a reload
        else:
            self.view = ParticipantView(self.cb, self.content, viewer, cohort_id,
                                        scheduler=self.scheduler)
        cohort = self.cb.team(cohort_id)
        role = viewer.role_in(cohort_id) or ""
        self.body.children = (w.HTML(f'<p class="wb-who">Je bent <strong>{esc(role_label(role))}'
                                     f"</strong> in {esc(cohort.name)}.</p>", layout=full_width()),
                              self.view.widget)


def build(cohort_file: CohortFile | None = None) -> w.Widget:
    """The page; the trainer downloads the accreditation file made by ``cohort_file``."""
    from werkboek.casebook import open_casebook  # the store (SQLAlchemy) after the frame

    return TrainerPage(open_casebook(), load_content(), visitor.principal(),
                       cohort_file=cohort_file).widget


def build_with(cohort_file: CohortFile) -> Callable[[], w.Widget]:
    """``build`` with the accreditation file wired in: the notebook passes
    ``werkboek.report.cohort.cohort_file`` (the layer above the pages, which they never import)."""

    def build_page() -> w.Widget:
        return build(cohort_file)

    return build_page
