"""What the facilitator (gespreksleider) does: start a session for an exercise, hold the lead, move
through the phases with timers, collect answers hidden and reveal them, switch named mode, hide
entries, review and agree actions, close.

Every change to the shared control state is saved at once as the session's control entry, so the
other screens pick it up on their next poll tick. Plain Python: the facilitator view calls this.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from werkboek.session.control import SessionControl
from werkboek.session.kernels import session_over
from werkboek.session.room import (
    CONTROL,
    INTERVENTION,
    SessionHandle,
    control_entry_id,
)
from werkboek.vocab import kind_seed


class LeadTaken(Exception):
    """Another screen leads this session right now; the message is Dutch."""

    def __init__(self) -> None:
        super().__init__(
            "Deze bespreking wordt al geleid vanaf een ander scherm. Je kijkt mee, maar je kunt "
            "niets veranderen. Leid je zelf en heb je de pagina opnieuw geladen? Kies dan 'Overnemen'."
        )


@dataclass(frozen=True)
class NewCase:
    """A case typed in by the facilitator; the privacy guard checks it when it is created."""

    title: str
    summary: str
    life_domains: tuple[str, ...] = ()
    tension_fields: tuple[str, ...] = ()
    privacy: str = "check"


def start_session(cb, *, team_id: int, principal, exercise_id: str,
                  case: int | NewCase | None, on: date | None = None, presenter: str | None = None,
                  named_mode: bool = False, tension: str | None = None, module_id: str | None = None,
                  content=None, clock=None) -> Facilitation:
    """Start a session of ``exercise_id`` for ``team_id`` led by the signed-in member; the case is
    an existing id, new, or None; ``tension`` is the field an exercise with ``choose_tension``
    is about. The store refuses a team the member is not in."""
    viewer = cb.viewer(principal, team_id)
    member = cb.member(viewer, viewer.member_id)
    if isinstance(case, NewCase):
        case_id = cb.create_case(viewer, team_id, case.title, case.summary,
                                 life_domains=case.life_domains,
                                 tension_fields=case.tension_fields, privacy=case.privacy).id
    else:
        case_id = case
    session = cb.start_session(viewer, team_id, case_id=case_id, exercise_id=exercise_id,
                               module_id=module_id, on=on, presenter=presenter,
                               named_mode=named_mode)
    lead = Facilitation(cb, session, viewer, member, content=content, clock=clock)
    lead.claim()
    lead.save_control(replace(lead.room.control, tension=tension))
    return lead


class Facilitation(SessionHandle):
    """The facilitator's handle on one session; ``has_lead`` is False while another screen leads."""

    def __init__(self, cb, session, viewer, member, *, content=None, clock=None):
        super().__init__(cb, session, viewer, member, content=content, clock=clock)
        self.token = uuid.uuid4().hex
        self.has_lead = False

    @property
    def session_id(self) -> int:
        return self.room.session.id

    # -- the lead
    def claim(self) -> bool:
        """Take or keep the lead (called on every poll tick as a heartbeat)."""
        self.has_lead = bool(self.cb.claim_facilitator(self.session_id, self.token))
        return self.has_lead

    def hand_over(self, member_id: int) -> None:
        """Give the lead to another member of the team; this screen follows from then on."""
        self.room.session = self.cb.hand_over(self.viewer, self.session_id, member_id)
        self.has_lead = False

    def successors(self) -> list[tuple[str, int]]:
        """Who the lead can go to: the team's other members with an account."""
        return [(member.pseudonym, member.id) for member, _account in
                self.cb.accounts_of_team(self.viewer, self.room.session.team_id)
                if member.id != self.member.id]

    def take_over(self) -> None:
        """Take the lead from another screen, which is told on its next heartbeat."""
        self.has_lead = bool(self.cb.claim_facilitator(self.session_id, self.token, take_over=True))

    def _require_lead(self) -> None:
        if not self.claim():
            raise LeadTaken()

    # -- phases and timers
    def save_control(self, control: SessionControl) -> None:
        self.cb.save_entry(self.viewer, entry_id=control_entry_id(self.session_id), kind=CONTROL,
                           value=control.to_value(), session_id=self.session_id,
                           case_id=self.room.session.case_id, exercise=self.room.exercise.id,
                           visibility="team", final=True)
        if self.room.session.phase != control.phase:
            self.room.session = self.cb.set_phase(self.viewer, self.session_id, control.phase)
        self.room.control = control

    def _change(self, how) -> SessionControl:
        self._require_lead()
        control = how(self.room.control)
        self.save_control(control)
        return control

    def next_phase(self) -> SessionControl:
        return self._change(lambda c: c.next(self.room.clock()))

    def previous_phase(self) -> SessionControl:
        return self._change(lambda c: c.back(self.room.clock()))

    def start_timer(self) -> SessionControl:
        return self._change(lambda c: c.start_timer(self.room.clock()))

    def pause_timer(self) -> SessionControl:
        return self._change(lambda c: c.pause_timer(self.room.clock()))

    def adjust_timer(self, delta_minutes: int) -> SessionControl:
        return self._change(lambda c: c.adjust_timer(delta_minutes))

    def reveal(self, phase_id: str | None = None) -> SessionControl:
        """Show everyone's hidden answers of ``phase_id`` (default: the current phase) at once."""
        return self._change(lambda c: c.reveal(phase_id or c.phase))

    def collect_hidden(self, on: bool, phase_id: str | None = None) -> SessionControl:
        """Collect the answers of ``phase_id`` (default: the current phase) hidden, or not."""
        return self._change(lambda c: c.collect_hidden(phase_id or c.phase, on))

    def show_names(self, on: bool) -> SessionControl:
        """Named mode for every screen, from the next poll tick on."""
        return self._change(lambda c: c.show_names(on))

    # -- moderation
    def hide(self, entry_id: uuid.UUID, reason: str = "verborgen door de gespreksleider") -> None:
        self._require_lead()
        self.cb.hide_entry(self.viewer, entry_id, reason)

    # -- actions
    def open_actions(self) -> list:
        """The open follow-up actions the opening looks back at (``SessionRoom.open_actions``)."""
        return self.room.open_actions()

    def review_action(self, action_id: int, status: str, note: str, *, privacy: str = "check"):
        self._require_lead()
        return self.cb.review_action(self.viewer, action_id, session_id=self.session_id,
                                     status=status, note=note, privacy=privacy)

    def add_action(self, what: str, owner: str, due: date, *, privacy: str = "check"):
        self._require_lead()
        return self.cb.add_action(self.viewer, session_id=self.session_id, what=what, owner=owner,
                                  due=due, privacy=privacy)

    def session_actions(self) -> list:
        return [a for a in self.cb.actions(self.viewer, self.room.session.team_id, open_only=False)
                if a.session_id == self.session_id]

    def agree_intervention(self, intervention: str, goal: str, needed: str, *,
                           privacy: str = "check"):
        """Record the agreed intervention (one per session; saving again replaces it)."""
        self._require_lead()
        entry_id = uuid.uuid5(control_entry_id(self.session_id), kind_seed(INTERVENTION))
        return self.cb.save_entry(
            self.viewer, entry_id=entry_id, kind=INTERVENTION, text=intervention,
            value={"goal": goal, "needed": needed}, session_id=self.session_id,
            case_id=self.room.session.case_id, exercise=self.room.exercise.id,
            step="betekenisvolle-interventie", visibility="team", final=True, privacy=privacy,
        )

    def close(self) -> None:
        self._require_lead()
        self.save_control(self.room.control.pause_timer(self.room.clock()))
        self.cb.close_session(self.viewer, self.session_id)
        self.room.refresh()
        session_over()  # the team's kernels waiting on the server are not needed any more
