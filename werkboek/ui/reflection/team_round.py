"""A team round on one tension field: the facilitator picks the field, everyone places themselves,
and the spread is revealed to all at the same moment, without names.

The round is a casebook session (exercise ``spanningsveld-verkennen``). Its state is one entry of
kind ``round`` by the facilitator (the field in ``tension``, ``{"revealed": bool}`` as value), shared
with the team; each placement is a ``poles`` entry tagged with the session and the field, one per
member (a stable id, so placing again moves the dot). Screens poll the casebook every few seconds.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import ipywidgets as w

from werkboek.casebook.errors import NotAllowed
from werkboek.charts import tension_spread
from werkboek.content.models import CaptureType
from werkboek.markup import esc
from werkboek.session.participant_actions import member_in
from werkboek.ui.autosave import EntrySaver, StatusLine
from werkboek.ui.captures import CaptureSpec, PolesCapture
from werkboek.ui.charts import responsive_chart
from werkboek.ui.fields import labelled_text
from werkboek.ui.focus import focus_on
from werkboek.ui.guard import guarded
from werkboek.ui.identity import sign_in_note
from werkboek.ui.kit import full_width
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.ui.scheduling import LoopScheduler, Scheduler
from werkboek.vocab import ROUND_KIND, TENSION_MODULE

EXERCISE = "spanningsveld-verkennen"
MODULE = TENSION_MODULE
PLACE_STEP = "positie"
POLL_SECONDS = 3.0
_IDS = uuid.UUID("3b0c7a52-1f7e-4d1a-9a8e-6c2d9e4f1b70")


class RoundRefused(Exception):
    """Starting or joining did not work; the message tells the person what to do (Dutch)."""


def round_entry_id(session_id: int) -> uuid.UUID:
    return uuid.uuid5(_IDS, f"round/{session_id}")


def placement_id(session_id: int, member_id: int) -> uuid.UUID:
    return uuid.uuid5(_IDS, f"round/{session_id}/{member_id}")


def _member(cb, team_id: int, principal):
    try:
        return member_in(cb, team_id, principal)
    except NotAllowed as refused:
        raise RoundRefused(str(refused)) from None


class TensionRound:
    """One person's handle on a round; ``leads`` is True for the facilitator."""

    def __init__(self, cb, session, viewer, member, *, leads: bool):
        self.cb = cb
        self.session = session
        self.member = member
        self.viewer = viewer
        self.leads = leads

    @classmethod
    def start(cls, cb, *, team_id: int, principal, field: str) -> TensionRound:
        viewer, member = _member(cb, team_id, principal)
        session = cb.start_session(viewer, team_id, case_id=None, exercise_id=EXERCISE,
                                   module_id=MODULE)
        cb.save_entry(viewer, entry_id=round_entry_id(session.id), kind=ROUND_KIND,
                      session_id=session.id, module=MODULE, exercise=EXERCISE, tension=field,
                      value={"revealed": False}, visibility="team", final=True)
        return cls(cb, session, viewer, member, leads=True)

    @classmethod
    def join(cls, cb, *, code: str, principal) -> TensionRound:
        cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
        session = cb.session_by_code(cleaned) if cleaned else None
        if session is None or session.exercise_id != EXERCISE:
            raise RoundRefused(f"De code {cleaned or '(leeg)'} hoort niet bij een lopende ronde "
                               "over een spanningsveld. Vraag de gespreksleider om de code.")
        viewer, member = _member(cb, session.team_id, principal)
        return cls(cb, session, viewer, member, leads=viewer.member_id == session.facilitator_id)

    # -- shared state
    def _state(self):
        entries = self.cb.entries(self.viewer, session_id=self.session.id, kind=ROUND_KIND)
        if not entries:
            raise RoundRefused("Deze ronde bestaat niet (meer).")
        return entries[-1]

    @property
    def field(self) -> str:
        return self._state().tension

    @property
    def revealed(self) -> bool:
        return bool((self._state().value or {}).get("revealed"))

    def reveal(self, shown: bool) -> None:
        """Show (or hide again) the spread on every screen; only the facilitator can."""
        if not self.leads:
            raise RoundRefused("Alleen de gespreksleider kan de spreiding tonen.")
        self.cb.save_entry(self.viewer, entry_id=round_entry_id(self.session.id), kind=ROUND_KIND,
                           session_id=self.session.id, module=MODULE, exercise=EXERCISE,
                           tension=self.field, value={"revealed": shown}, visibility="team",
                           final=True)

    def positions(self) -> list[float]:
        """Every placed person's position (no names), once placed for good."""
        entries = self.cb.entries(self.viewer, session_id=self.session.id, kind=CaptureType.POLES,
                                  tension=self.field, status="final")
        return [e.position for e in entries if e.position is not None]

    def saver_tags(self) -> dict:
        return {"kind": CaptureType.POLES, "module": MODULE, "exercise": EXERCISE, "step": PLACE_STEP,
                "tension": self.field, "session_id": self.session.id, "visibility": "team"}


class RoundView:
    """The round on screen: the field's line to place yourself on, the count, and the spread."""

    def __init__(self, content, game: TensionRound, *, scheduler: Scheduler | None = None):
        self.content = content
        self.round = game
        self.scheduler = scheduler or LoopScheduler()
        item = content.item(MODULE, game.field)
        self.item = item
        self.capture = PolesCapture(CaptureSpec(pole_a=item.pole_a, pole_b=item.pole_b))
        self.status = StatusLine()
        self.notice = PrivacyNotice()
        stored = self._own_placement()
        if stored is not None:
            self.capture.load_entry(text=stored.text, position=stored.position)
        self.saver = EntrySaver(
            game.cb, game.viewer, fields=self.capture.entry_fields, tags=game.saver_tags(),
            is_empty=self.capture.is_empty, notice=self.notice, status=self.status,
            scheduler=self.scheduler,
            entry_id=placement_id(game.session.id, game.member.id),
        )
        self.saver.stored = stored is not None
        self.capture.observe_change(self.saver.changed)
        place = w.Button(description="Plaats mij", button_style="primary", icon="check")
        place.add_class("wb-round-place")
        place.on_click(guarded(lambda _b: self.place()))
        self.reveal_button = w.Button(icon="eye")
        self.reveal_button.add_class("wb-round-reveal")
        self.reveal_button.on_click(guarded(lambda _b: self.toggle_reveal()))
        self.reveal_button.layout.display = None if game.leads else "none"
        self.count = w.HTML(layout=full_width())
        self.count.add_class("wb-round-count")
        self.spread = w.VBox(layout=full_width())
        self.spread.add_class("wb-round-spread")
        self._shown: tuple | None = None
        header = w.HTML(self._header_html(), layout=full_width())
        header.add_class("wb-round-header")
        buttons = w.HBox([place, self.reveal_button], layout=full_width())
        buttons.add_class("wb-row")
        self.widget = w.VBox([header, self.capture.widget, self.status.widget, self.notice.widget,
                              buttons, self.count, self.spread], layout=full_width())
        self.widget.add_class("wb-round")
        self.refresh()
        self._poll_later()

    def _header_html(self) -> str:
        code = esc(self.round.session.join_code)
        who = ("Jij leidt deze ronde. Laat de anderen meedoen met de code "
               f'<strong class="wb-round-code">{code}</strong> op deze pagina, bij "Samen".'
               if self.round.leads else f"Je doet mee met ronde <strong>{code}</strong>.")
        return (f"<h3>{esc(self.item.title)}</h3><p>{who}</p><p>Zet de schuif waar jij staat en "
                "kies <em>Plaats mij</em>. De spreiding van het team zie je pas als de "
                "gespreksleider die laat zien; namen zie je nooit.</p>")

    def _own_placement(self):
        entries = self.round.cb.entries(self.round.viewer, session_id=self.round.session.id,
                                        kind=CaptureType.POLES, author_id=self.round.member.id)
        return entries[-1] if entries else None

    def place(self) -> None:
        if self.capture.is_empty():
            self.status.say("Zet eerst de schuif op de plek waar jij staat.")
            return
        if self.saver.save(final=True):
            self.refresh()

    def toggle_reveal(self) -> None:
        self.round.reveal(not self.round.revealed)
        self.refresh()

    def refresh(self) -> None:
        """Show the current count, and the spread when it is revealed."""
        positions = self.round.positions()
        revealed = self.round.revealed
        people = "1 persoon heeft" if len(positions) == 1 else f"{len(positions)} mensen hebben"
        self.count.value = f'<p class="wb-round-count">{people} zich geplaatst.</p>'
        self.reveal_button.description = "Verberg spreiding" if revealed else "Toon spreiding"
        shown = (revealed, tuple(sorted(positions)))
        if shown == self._shown:
            return
        self._shown = shown
        if not revealed:
            self.spread.children = (w.HTML("<p>De spreiding is nog verborgen.</p>"),)
            return
        fields = [(self.item.id, self.item.pole_a, self.item.pole_b)]
        figure = tension_spread(fields, {self.item.id: positions}, title="")
        self.spread.children = (w.HTML("<p><strong>De spreiding van het team</strong></p>"),
                                responsive_chart(figure))

    def _poll_later(self) -> None:
        def tick() -> None:
            guarded(self.refresh)()
            self._poll_later()

        if self.scheduler.deferred:
            self.scheduler.call_later(POLL_SECONDS, tick)


class RoundEntrance:
    """Start a round (facilitator) or join one with a code; ``on_round(view)`` shows it."""

    def __init__(self, content, cb, principal, *, on_round: Callable[[RoundView], None],
                 scheduler: Scheduler | None = None):
        self.content = content
        self.cb = cb
        self.principal = principal
        self.on_round = on_round
        self.scheduler = scheduler
        self.message = w.HTML(layout=full_width())
        self.message.add_class("wb-round-message")
        if principal.login_id is None:
            parts = [sign_in_note("Spanningsvelden", "Een ronde met je team")]
        else:
            parts = [self.message, self._join_form(), self._start_form()]
        self.widget = w.VBox(parts, layout=full_width())
        self.widget.add_class("wb-round-entrance")

    def say(self, text: str) -> None:
        self.message.value = f'<div class="wb-message" role="alert">{esc(text)}</div>'

    def _join_form(self) -> w.Widget:
        self.code = labelled_text("Code van de ronde", "wb-round-code-input",
                                  placeholder="bijvoorbeeld K7M4QX", continuous=False)
        join = w.Button(description="Doe mee", button_style="primary", icon="sign-in")
        join.add_class("wb-round-join")
        join.on_click(guarded(lambda _b: self._open(self._join)))
        return w.VBox([w.HTML("<h3>Meedoen met een ronde</h3><p>Vul de code in die de "
                              "gespreksleider laat zien. Je doet mee als jezelf.</p>"),
                       self.code, join], layout=full_width())

    def _start_form(self) -> w.Widget:
        mine = self.cb.viewer(self.principal)
        teams = [(t.name, t.id) for t in self.cb.teams()
                 if t.id in mine.team_ids | mine.cohort_ids]
        self.team = w.Dropdown(options=teams, layout=full_width(), description="Team",
                               style={"description_width": "initial"})
        self.team.add_class("wb-round-team")
        fields = [(i.title, i.id) for i in self.content.items(MODULE)]
        self.field = w.Dropdown(options=fields, layout=full_width(), description="Spanningsveld",
                                style={"description_width": "initial"})
        self.field.add_class("wb-round-field")
        start = w.Button(description="Start de ronde", icon="play")
        start.add_class("wb-round-start")
        start.on_click(guarded(lambda _b: self._open(self._start)))
        if not teams:
            return w.HTML("<h3>Een ronde starten</h3><p>Je bent nog geen lid van een team.</p>")
        return w.VBox([w.HTML("<h3>Een ronde starten (gespreksleider)</h3>"), self.team,
                       self.field, start], layout=full_width())

    def _join(self) -> TensionRound:
        return TensionRound.join(self.cb, code=self.code.value, principal=self.principal)

    def _start(self) -> TensionRound:
        return TensionRound.start(self.cb, team_id=self.team.value, principal=self.principal,
                                  field=self.field.value)

    def _open(self, make: Callable[[], TensionRound]) -> None:
        try:
            game = make()
        except RoundRefused as refused:
            self.say(str(refused))
            return
        self.message.value = ""
        view = RoundView(self.content, game, scheduler=self.scheduler)
        self.on_round(view)
        focus_on(view.widget)  # on the round just joined or started, not the page's top
