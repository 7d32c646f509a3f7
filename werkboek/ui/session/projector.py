"""The projector screen: large type, one step at a time, the exercise (unless the case
discussion), the join code and timer always visible, in the opening the open actions looked back
at, what came in per step (or how many answers wait hidden), and no participant names (nor who
does an action) unless named mode is on. Read-only; it follows the session."""

from __future__ import annotations

import ipywidgets as w

from werkboek.session import display
from werkboek.session.room import HYPOTHESIS, SessionRoom
from werkboek.ui.kit import full_width
from werkboek.ui.session.live import LivePoller
from werkboek.ui.session.participant import html_box
from werkboek.ui.session.style import STYLE


class ProjectorView:
    def __init__(self, room: SessionRoom):
        self.room = room
        self.top = html_box("wb-projector-top")
        self.body = html_box("wb-projector-body")
        self.widget = w.VBox([w.HTML(STYLE), self.top, self.body], layout=full_width())
        self.widget.add_class("wb-projector")
        self.poller = LivePoller(room.refresh, self.render, on_idle=self.render_top,
                                 is_closed=lambda: room.closed)
        self.render()

    def render_top(self) -> None:
        timer = "" if self.room.closed else display.timer_html(self.room)
        self.top.value = (f'{display.exercise_html(self.room)}<div class="wb-projector-bar">'
                          f"{display.code_html(self.room)}{timer}</div>")

    def render(self) -> None:
        room = self.room
        self.render_top()
        phase = room.phase
        parts = [display.phase_html(room, with_help=False)]
        if room.closed:
            parts = [f"<h2>De {room.session_word} is afgesloten</h2>",
                     display.intervention_html(room)]
        elif phase.capture is None:
            parts += [display.case_html(room), display.review_html(room)]
        elif phase.kind == HYPOTHESIS:
            parts.append(display.hypotheses_html(room, phase.id))
        elif room.held_back(phase.id):
            parts.append(display.hidden_html(room, phase))
        else:
            parts.append(display.step_summary_html(room, phase))
            parts.append(display.contributions_html(room, phase.id))
        if phase.has_columns and not room.closed:
            parts.append(display.columns_html(room, phase.id))
        self.body.value = "".join(parts)
