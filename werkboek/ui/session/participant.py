"""The participant's screen: which exercise (unless the case discussion), a word to the presenter,
in the opening the open actions looked back at, the current step, a form to contribute (any capture type), the team's answers updating live (or
how many wait hidden), votes on revealed hypotheses, and a private note.
Works at 360 px wide. A poll redraws the timer label only, unless something on screen changed."""

from __future__ import annotations

import ipywidgets as w

from werkboek.markup import esc
from werkboek.session import display
from werkboek.session.participant_actions import Participation
from werkboek.session.room import (
    CASE_DISCUSSION,
    HYPOTHESIS,
    REVIEW_CASE,
    REVIEW_TEAM,
    THEME_DISCUSSION,
)
from werkboek.ui.autosave import EntrySaver, StatusLine
from werkboek.ui.fields import labelled_area
from werkboek.ui.focus import TARGET
from werkboek.ui.kit import full_width
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.ui.replace import replace_children
from werkboek.ui.session.forms import ContributionForm
from werkboek.ui.session.live import LivePoller
from werkboek.ui.session.style import STYLE
from werkboek.ui.session.voting import VoteBoard
from werkboek.vocab import role_label

# What a participant reads during the opening, by what it looks back at (SessionRoom.review).
OPENING_TEXT = {
    REVIEW_TEAM: "<p>De gespreksleider blikt terug op de acties van vorige keer. "
                 "Zo meteen begint de eerste stap.</p>",
    REVIEW_CASE: "<p>De gespreksleider blikt terug op de acties over deze casus. "
                 "Zo meteen begint de eerste stap.</p>",
    None: "<p>We wachten tot iedereen meedoet. Lees alvast waar de oefening over gaat. "
          "Zo meteen begint de eerste stap.</p>",
}


# What the presenter of a monthly discussion reads under her name.
PRESENTER_TEXT = {
    CASE_DISCUSSION: '<p class="wb-presenter">Jij brengt vandaag de casus in. In stap 0 vertel je '
                     "kort wat er speelt en schrijf je je vraag aan het team op.</p>",
    THEME_DISCUSSION: '<p class="wb-presenter">Jij brengt vandaag het thema in. In stap 0 kies je '
                      "het thema en zeg je waarom het nu speelt.</p>",
}


def html_box(css_class: str) -> w.HTML:
    box = w.HTML(layout=full_width())
    box.add_class(css_class)
    return box


class ParticipantView:
    """Thin widgets over a ``Participation``; ``render()`` redraws, the poller calls it."""

    def __init__(self, participation: Participation, *, scheduler=None):
        self.participation = participation
        self.room = participation.room
        self.scheduler = scheduler
        member = participation.member
        self.who = html_box("wb-who")
        self.who.value = (f'<p class="{TARGET}" tabindex="-1">Je doet mee als '
                          f"<strong>{esc(member.pseudonym)}</strong> "
                          f"({esc(role_label(member.role))}).</p>")
        self.presenter_note = html_box("wb-presenter-note")
        if self.room.session.presenter == member.pseudonym:
            self.presenter_note.value = PRESENTER_TEXT.get(self.room.exercise.id, "")
        self.header = html_box("wb-session-header")
        self.timer = html_box("wb-timer-box")
        self.phase = html_box("wb-phase-box")
        self.case = html_box("wb-case-box")
        self.notice = PrivacyNotice()
        self.form_box = w.VBox(layout=full_width())
        self.form_box.add_class("wb-form-box")
        self.team = html_box("wb-team")
        self.votes_box = w.VBox(layout=full_width())  # the vote board, once there is a vote
        self.board: VoteBoard | None = None
        self.closed = html_box("wb-closed")
        self.note_box = self._note_box()
        self._form_phase: str | None = None
        self._votes_key: tuple | None = None
        self.forms: list[ContributionForm] = []
        self.widget = w.VBox(
            [w.HTML(STYLE), self.who, self.presenter_note, self.header, self.timer,
             self.phase, self.case, self.form_box, self.notice.widget, self.team, self.votes_box,
             self.closed, self.note_box],
            layout=full_width(),
        )
        self.widget.add_class("wb-participant")
        self.poller = LivePoller(self.room.refresh, self.render, on_idle=self.render_timer,
                                 is_closed=lambda: self.room.closed)
        self.render()

    def _note_box(self) -> w.Widget:
        area = labelled_area("Alleen voor jezelf: wat neem je mee?", "wb-own-note")
        area.value = self.participation.note()
        status = StatusLine()
        kwargs = {"scheduler": self.scheduler} if self.scheduler else {}
        self.note_saver = EntrySaver(
            self.participation.cb, self.participation.viewer,
            fields=lambda: {"text": area.value}, tags=self.participation.note_tags(),
            is_empty=lambda: not area.value.strip(), notice=self.notice, status=status,
            entry_id=self.participation.note_id if area.value else None, **kwargs,
        )
        self.note_saver.entry_id = self.participation.note_id
        area.observe(lambda _c: self.note_saver.changed(), names="value")
        self.note_area = area
        box = w.VBox([w.HTML("<h3>Mijn notitie (privé)</h3>"), area, status.widget],
                     layout=full_width())
        box.add_class("wb-private-note")
        return box

    # -- drawing
    def render_timer(self) -> None:
        self.timer.value = "" if self.room.closed else display.timer_html(self.room)

    def render(self) -> None:
        room = self.room
        self.header.value = display.exercise_html(room) + display.code_html(room)
        self.render_timer()
        self.phase.value = display.phase_html(room)
        self.case.value = display.case_html(room)
        if room.closed:
            replace_children(self.form_box, ())
            self.closed.value = (f'<div class="wb-message">De {room.session_word} is afgesloten. '
                                 "Dank je wel voor je bijdrage! Je notitie blijft voor jou bewaard."
                                 "</div>")
        elif self._form_phase != room.phase.id:
            self._build_forms()
        self._render_team()

    def _build_forms(self) -> None:
        phase = self.room.phase
        self._form_phase = phase.id
        self.notice.clear()
        if phase.capture is None:
            self.forms = []
            opening = OPENING_TEXT[self.room.review] + display.review_html(self.room, named=True)
            replace_children(self.form_box, (w.HTML(opening, layout=full_width()),))
            return
        self.forms = [ContributionForm(self.participation, phase, self.notice,
                                       scheduler=self.scheduler, on_saved=self._saved)]
        if phase.has_columns:
            self.forms.append(ContributionForm(self.participation, phase, self.notice, column=True,
                                               scheduler=self.scheduler, on_saved=self._saved))
        children = [self.forms[0].widget]
        if len(self.forms) > 1:
            children += [w.HTML("<h3>Zorgen, wat gaat goed, wat moet er gebeuren?</h3>"),
                         self.forms[1].widget]
        replace_children(self.form_box, tuple(children))

    def _saved(self) -> None:
        self.room.refresh()
        self._render_team()

    def _render_team(self) -> None:
        room, phase = self.room, self.room.phase
        me = self.participation.member.id
        parts = []
        if phase.capture is None:
            parts = []  # the opening: the form box says what happens
        elif room.held_back(phase.id):
            mine = [e for e in self.participation.mine(phase.id) if e.kind == phase.kind]
            if mine:
                what = "Jouw hypothesen" if phase.kind == HYPOTHESIS else "Jouw antwoord"
                own = "".join(display.entry_html(room, e, by_line=False) for e in mine)
                parts.append(f"<h3>{what} (nog alleen voor jou)</h3><ul>{own}</ul>")
            parts.append(display.hidden_html(room, phase))
        elif phase.kind != HYPOTHESIS:  # shown hypotheses are in the vote box
            parts += ["<h3>Wat het team inbrengt</h3>", display.step_summary_html(room, phase),
                      display.contributions_html(room, phase.id, for_member=me)]
        if phase.has_columns:
            parts.append(display.columns_html(room, phase.id))
        self.team.value = "".join(parts)
        self._render_votes()

    def _render_votes(self) -> None:
        phase = self.room.phase
        if phase.kind != HYPOTHESIS or self.room.held_back(phase.id):
            self._votes_key = None
            if self.board is not None:
                self.board.widget.layout.display = "none"
            return
        mine = self.participation.my_votes()
        left = self.participation.votes_left()
        ranked = self.room.ranked_hypotheses(phase.id)
        key = (phase.id, self.room.closed, self.room.named, tuple(mine.items()),
               tuple((e.id, e.updated_at, v) for e, v in ranked))
        if key == self._votes_key:
            return  # nothing new: leave the board as it is
        self._votes_key = key
        if self.board is None:  # built at the first vote: joining stays light
            self.board = VoteBoard(self.room, self._vote)
            self.votes_box.children = (self.board.widget,)
        self.board.show(ranked, mine, left)
        self.board.widget.layout.display = None

    def _vote(self, entry_id, votes: int) -> None:
        self.participation.vote(entry_id, votes)
        self._render_team()
