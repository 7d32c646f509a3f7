"""What every screen of one team session reads: the session, its phases, and the team's entries.

A session runs one exercise: the case discussion (``casusbespreking``) or any other exercise of the
content; each step becomes a phase with the entry kind its answers are stored under. Before the
first step comes the opening: in the case discussion (and the theme discussion a facilitator picks
instead of a case) a look back at the team's open follow-up actions, those of this case first; in
another exercise on a case the team discussed before, with an action step of its own, a look back
at that case's open actions only; otherwise a welcome with the exercise's introduction.

``SessionRoom`` is shared by the facilitator, participant and projector views. ``refresh()`` is the
poll tick: one query for the session's visible entries plus the votes; it reports whether anything
anyone can see has changed, so views only redraw when needed. No widgets here.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from werkboek.casebook.records import MAX_VOTES_PER_SESSION
from werkboek.content import load_content
from werkboek.content.models import CaptureType
from werkboek.content.step_number import step_counter
from werkboek.session.control import DEFAULT_MINUTES, OPENING, SessionControl
from werkboek.vocab import (  # the entry kinds of a session
    ACTION_PROPOSAL_KIND as ACTION_PROPOSAL,
    CONTRIBUTION_KIND as CONTRIBUTION,
    CONTROL_KIND as CONTROL,
    HYPOTHESIS_KIND as HYPOTHESIS,
    INTERVENTION_KIND as INTERVENTION,
    NOTE_KIND as NOTE,
    SAFETY_SCALE_KIND as SCALE,
    role_label,
)

CASE_DISCUSSION = "casusbespreking"  # the exercise a session runs unless the facilitator picks another
THEME_DISCUSSION = "themabespreking"  # the monthly discussion of a theme instead of a case
MONTHLY_DISCUSSIONS = frozenset({CASE_DISCUSSION, THEME_DISCUSSION})  # look back at the team's actions

# Other captures (scale, poles, choice, ...) are stored under their own name, as the runner does.
KIND_BY_CAPTURE = {CaptureType.TEXT: CONTRIBUTION, CaptureType.HYPOTHESES: HYPOTHESIS,
                   CaptureType.ACTION: ACTION_PROPOSAL}
# Captures a member gives more than once in a step; for all others a second save replaces the first.
MANY_PER_MEMBER = frozenset({CaptureType.TEXT, CaptureType.HYPOTHESES, CaptureType.ACTION})
# Steps collected hidden unless the facilitator switches it off: nobody anchors on the first answer.
HIDDEN_BY_DEFAULT = frozenset({CaptureType.HYPOTHESES, CaptureType.POLES, CaptureType.SCALE})
VOTES_PER_MEMBER = MAX_VOTES_PER_SESSION  # the store enforces it; views show what is left

# Signs of Safety's three columns: text contributions in a scale phase carry one of them.
COLUMNS = {"zorgen": "Zorgen", "gaat-goed": "Wat gaat goed", "moet-gebeuren": "Wat moet er gebeuren"}


def control_entry_id(session_id: int) -> uuid.UUID:
    """The one entry holding a session's control state (the same id in every kernel)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"werkboek:session:{session_id}:control")


@dataclass(frozen=True)
class Phase:
    """One phase of the session: the opening review, or a step of the exercise.

    ``kind`` is the entry kind of its answers; ``has_columns`` marks the case discussion's safety
    scale, which also collects the three Signs of Safety columns."""

    id: str
    title: str
    prompt: str
    capture: CaptureType | None  # None for the opening review
    minutes: int
    help: str | None = None
    kind: str = CONTRIBUTION
    has_columns: bool = False

    @property
    def one_per_member(self) -> bool:
        return self.capture is not None and self.capture not in MANY_PER_MEMBER


# Which open follow-up actions the opening looks back at (``SessionRoom.review``).
REVIEW_TEAM = "team"  # the case discussion: all the team's open actions of earlier sessions
REVIEW_CASE = "casus"  # another exercise on a case: the open actions of earlier sessions on it

OPENING_PHASE = Phase(
    id=OPENING,
    title="Terugblik op de acties van vorige keer",
    prompt="We doen wat we beloven: wat is er gebeurd met de afspraken van de vorige bespreking?",
    capture=None,
    minutes=5,
)
CASE_REVIEW_PHASE = Phase(
    id=OPENING,
    title="Terugblik op de acties over deze casus",
    prompt="We doen wat we beloven: wat is er gebeurd met de afspraken die we eerder over deze "
           "casus maakten?",
    capture=None,
    minutes=5,
)


def welcome_phase(exercise) -> Phase:
    """The opening of a session without a look back: what the exercise is about, while everyone
    joins."""
    return Phase(id=OPENING, title="Voordat we beginnen", prompt=exercise.intro, capture=None,
                 minutes=5)


def phases_of(exercise, review: str | None = REVIEW_TEAM) -> list[Phase]:
    """The session's phases: the opening (a look back at open actions when ``review`` says which,
    else a welcome), then the exercise's steps in order."""
    safety = exercise.id == CASE_DISCUSSION
    opening = {REVIEW_TEAM: OPENING_PHASE, REVIEW_CASE: CASE_REVIEW_PHASE}
    phases = [opening.get(review) or welcome_phase(exercise)]
    for step in exercise.steps:
        capture = str(step.capture)
        columns = safety and capture == CaptureType.SCALE
        phases.append(Phase(
            id=step.id,
            title=step.title,
            prompt=step.prompt,
            capture=capture,
            minutes=step.minutes or DEFAULT_MINUTES,
            help=step.help,
            kind=SCALE if columns else KIND_BY_CAPTURE.get(capture, capture),
            has_columns=columns,
        ))
    return phases


def hidden_by_default(phases: list[Phase]) -> frozenset[str]:
    return frozenset(p.id for p in phases if p.capture in HIDDEN_BY_DEFAULT)


class SessionRoom:
    """One kernel's view of a session: phases, control state, visible entries and votes."""

    def __init__(self, cb, session, viewer, *, content=None, clock: Callable[[], float] = time.time,
                 names: bool = True):
        self.names = names  # False: a screen that never shows names (the projector)
        self.cb = cb
        self.session = session
        self.viewer = viewer
        self.content = content or load_content()
        self.exercise = self.content.exercise(session.exercise_id)
        self.case_sessions = self._earlier_sessions_on_case()
        self.review = self._review()
        self.phases = phases_of(self.exercise, self.review)
        self.clock = clock
        self.planned = SessionControl.plan({p.id: p.minutes for p in self.phases},
                                           hidden=hidden_by_default(self.phases),
                                           named=session.named_mode)
        self.control = self.planned
        self.entries: list = []
        self.votes: dict[uuid.UUID, int] = {}
        self._fingerprint: tuple = ()
        self.case = self._load_case()

    @property
    def is_case_discussion(self) -> bool:
        return self.exercise.id == CASE_DISCUSSION

    @property
    def session_word(self) -> str:
        """What people call this session: a case discussion is a "bespreking", the rest a "sessie"."""
        return "bespreking" if self.is_case_discussion else "sessie"

    def _earlier_sessions_on_case(self) -> frozenset[int]:
        """The team's sessions before this one on the same case (none without a case)."""
        if self.session.case_id is None:
            return frozenset()
        return frozenset(s.id for s in self.cb.sessions(self.viewer, self.session.team_id)
                         if s.case_id == self.session.case_id and s.id < self.session.id)

    def _review(self) -> str | None:
        """Which open actions the opening looks back at. The case and the theme discussion: the
        team's, as always (this case's first, see ``about_this_case``). Another exercise only when it agrees actions itself (an action step) and works on
        a case the team discussed before: that case's. Without a case, or on a case new to the
        team (a practice case is copied anew for every session), it opens with a welcome. Depends
        only on the session as started, so every screen has the same phases."""
        if self.exercise.id in MONTHLY_DISCUSSIONS:
            return REVIEW_TEAM
        agrees_actions = any(step.capture == CaptureType.ACTION for step in self.exercise.steps)
        return REVIEW_CASE if agrees_actions and self.case_sessions else None

    def open_actions(self) -> list:
        """The open follow-up actions the opening looks back at: in the case and theme discussion
        the team's from earlier sessions, those about this session's case first; in another
        exercise on a case only those agreed about that case; none in a session that does not
        look back (see ``review``), and none for a guest, who sees only this session."""
        if self.review is None or self.viewer.guest_session is not None:
            return []
        found = [a for a in self.cb.actions(self.viewer, self.session.team_id, open_only=True)
                 if a.session_id != self.session.id]
        if self.review == REVIEW_CASE:
            return [a for a in found if self.about_this_case(a)]
        return sorted(found, key=lambda a: not self.about_this_case(a))  # stable: keeps the order

    def about_this_case(self, action) -> bool:
        """Whether ``action`` was agreed in an earlier session on this session's case."""
        return action.session_id in self.case_sessions

    # -- reading
    def _load_case(self):
        if self.session.case_id is None:
            return None
        return next((c for c in self.cb.cases(self.viewer, self.session.team_id)
                     if c.id == self.session.case_id), None)

    def refresh(self) -> bool:
        """The poll tick: reload session, entries and votes; True when something visible changed."""
        session = self.cb.session(self.viewer, self.session.id)
        entries = self.cb.entries(self.viewer, session_id=self.session.id)
        votes = self.cb.votes(self.viewer, self.session.id)
        fingerprint = (
            session.closed,
            session.phase,
            # drafts are nobody else's business: a colleague typing changes nothing on screen
            tuple(sorted((str(e.id), e.updated_at.isoformat()) for e in entries
                         if e.status == "final")),
            tuple(sorted((str(k), v) for k, v in votes.items())),
        )
        changed = fingerprint != self._fingerprint
        self.session, self.entries, self.votes, self._fingerprint = session, entries, votes, fingerprint
        control = next((e for e in entries if e.kind == CONTROL), None)
        if control is not None and control.value:
            self.control = SessionControl.from_value(control.value, planned=self.planned)
        return changed

    @property
    def closed(self) -> bool:
        return self.session.closed

    @property
    def phase(self) -> Phase:
        return self.phase_by_id(self.control.phase)

    def phase_by_id(self, phase_id: str) -> Phase:
        return next((p for p in self.phases if p.id == phase_id), self.phases[0])

    @property
    def step(self):
        """The exercise step of the current phase (None in the opening)."""
        phase = self.phase
        return None if phase.capture is None else self.exercise.step(phase.id)

    @property
    def tension(self) -> str | None:
        """The tension field the session works on (chosen at the start), if any."""
        return self.control.tension

    @property
    def named(self) -> bool:
        """Names on every screen: chosen at the start, switchable by the facilitator; never on a
        screen made without names."""
        return self.names and self.control.named

    def held_back(self, phase_id: str) -> bool:
        """Whether the answers of ``phase_id`` are still hidden (never once the session is closed)."""
        return not self.closed and self.control.is_hidden(phase_id)

    def _held_back(self, entry) -> bool:
        return self.held_back(entry.step) and entry.kind == self.phase_by_id(entry.step).kind

    def phase_number(self) -> str:
        """"Stap 2 van 3" for a step of the exercise (see ``step_counter``); the opening has no
        number."""
        if self.control.current == 0:
            return "Opening"
        return step_counter(self.exercise, self.control.current, len(self.phases) - 1)

    def remaining_seconds(self) -> float:
        return self.control.timer.remaining(self.clock())

    def shown(self, kind: str | None = None, phase_id: str | None = None,
              *, for_member: int | None = None, held_too: bool = False) -> list:
        """The team's entries for a phase as the views show them (answers collected hidden, until
        they are revealed: only their author's own; ``held_too``: those as well)."""
        found = []
        for entry in self.entries:
            if entry.kind in (CONTROL, NOTE) or entry.status != "final":
                continue
            if kind is not None and entry.kind != kind:
                continue
            if phase_id is not None and entry.step != phase_id:
                continue
            if not held_too and self._held_back(entry) and entry.author_id != for_member:
                continue
            found.append(entry)
        return sorted(found, key=lambda e: e.created_at)

    def waiting_hidden(self, phase_id: str) -> int:
        """How many answers wait to be revealed in ``phase_id``."""
        return sum(1 for e in self.entries if e.step == phase_id and e.status == "final"
                   and self._held_back(e))

    def by_role(self, entries: list) -> dict[str, list]:
        grouped: dict[str, list] = defaultdict(list)
        for entry in entries:
            grouped[entry.role].append(entry)
        return dict(grouped)

    def ranked_hypotheses(self, phase_id: str | None = None) -> list[tuple[object, int]]:
        """Revealed hypotheses with their votes, most votes first."""
        shown = [e for e in self.shown(HYPOTHESIS, phase_id) if not self.held_back(e.step)]
        return sorted(((e, self.votes.get(e.id, 0)) for e in shown), key=lambda p: -p[1])

    def scale_scores(self, phase_id: str | None = None, *, held_too: bool = False) -> list[int]:
        """The safety scores shown, of one phase (the case discussion asks at start and end);
        ``held_too``: also those still hidden (the start's, once the end's are shown)."""
        return [int(e.value) for e in self.shown(SCALE, phase_id, held_too=held_too)
                if isinstance(e.value, int | float)]

    def author_label(self, entry, *, named: bool | None = None) -> str:
        """Role, plus the pseudonym in named mode (or when ``named`` says so)."""
        named = self.named if named is None else named
        role = role_label(entry.role)
        return f"{entry.author} ({role})" if named else role

    def intervention(self):
        found = [e for e in self.shown(INTERVENTION)]
        return found[-1] if found else None


class SessionHandle:
    """A person's handle on one session: the room as their kernel reads it, and who they are in
    it. The facilitator's (``Facilitation``) and a participant's (``Participation``) build on it."""

    def __init__(self, cb, session, viewer, member, *, content=None, clock=None):
        kwargs = {"clock": clock} if clock else {}
        self.room = SessionRoom(cb, session, viewer, content=content, **kwargs)
        self.cb = cb
        self.viewer = viewer
        self.member = member
        self.room.refresh()
