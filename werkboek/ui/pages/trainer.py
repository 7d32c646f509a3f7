"""Page "Trainer": course mode for a cohort. A trainer sees the members and modules, gives
exercises as assignments and sees per assignment how many answered (no names) and the
group's learning questions; a participant sees their assignments and adds learning questions.
"""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.course.entrance import CohortEntrance
from werkboek.ui.course.views import ParticipantView, TrainerView, button
from werkboek.ui.markup import esc
from werkboek.ui.session.room import role_label
from werkboek.ui.shell import guarded


class TrainerPage:
    """The cohort form, and after it the trainer's or the participant's view."""

    def __init__(self, cb, content, *, scheduler=None):
        self.cb = cb
        self.content = content
        self.scheduler = scheduler  # for the exercise runner (tests pass a hand-driven clock)
        self.view: TrainerView | ParticipantView | None = None
        self.entrance = CohortEntrance(cb, self.show)
        self.body = w.VBox(layout=full_width())
        self.widget = w.VBox([self.entrance.widget, self.body], layout=full_width())
        self.widget.add_class("wb-course")

    def show(self, member) -> None:
        viewer = self.cb.viewer_for(member.id)
        if viewer.trainer:
            self.view = TrainerView(self.cb, self.content, viewer, member.team_id)
        else:
            self.view = ParticipantView(self.cb, self.content, viewer, member.team_id,
                                        scheduler=self.scheduler)
        cohort = self.cb.team(member.team_id)
        who = w.HTML(f'<p class="wb-who">Je bent <strong>{esc(member.pseudonym)}</strong> '
                     f"({esc(role_label(member.role))}) in {esc(cohort.name)}.</p>",
                     layout=full_width())
        again = button("Iemand anders", "wb-course-switch", icon="user")
        again.on_click(guarded(lambda _b: self.leave()))
        self.entrance.widget.layout.display = "none"
        who.layout.flex = "1 1 14rem"
        # on a phone the button goes under the sentence instead of growing beside it
        row = w.HBox([who, again], layout=full_width(flex_flow="row wrap", align_items="center"))
        self.body.children = (row, self.view.widget)

    def leave(self) -> None:
        """Back to the form: the next person sees nothing of the previous one."""
        self.view = None
        self.body.children = ()
        self.entrance.reset()
        self.entrance.widget.layout.display = None


def build() -> w.Widget:
    from werkboek.casebook import open_casebook
    from werkboek.content import load_content

    return TrainerPage(open_casebook(), load_content()).widget
