"""What a participant does: join with code, pseudonym and role (or resume), contribute to the
current step, vote on revealed hypotheses, and keep a private note.

Joining twice with the same code and pseudonym is the same member, so a closed tab resumes.
Plain Python: the participant view calls this; saves go through the casebook's privacy guard.
"""

from __future__ import annotations

import uuid

from werkboek.ui.session.room import (
    HYPOTHESIS,
    NOTE,
    VOTES_PER_MEMBER,
    Phase,
    SessionRoom,
    control_entry_id,
)

# The item ids of module `rollen`. "casemanager" is the caseworker's role id (kept: casebooks
# store it); the role is labelled "Caseworker", as casemanager is a task some caseworkers take.
PARTICIPANT_ROLES = ("groepswerker", "casemanager", "nachtwacht", "gedragsdeskundige",
                     "kinderwerker", "teamleider", "trainer", "anders")


class JoinRefused(Exception):
    """Joining did not work; the message tells the person what to do (Dutch)."""


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def find_session(cb, code: str):
    """The open session with this join code, or JoinRefused with a clear Dutch message."""
    cleaned = normalise_code(code)
    if not cleaned:
        raise JoinRefused("Vul de code in die de gespreksleider laat zien of voorleest.")
    session = cb.session_by_code(cleaned)
    if session is None:
        raise JoinRefused(
            f"De code {cleaned} hoort niet bij een lopende bespreking. Kijk of je de code goed hebt "
            "overgenomen, of vraag de gespreksleider om de code van vandaag."
        )
    return session


def join_session(cb, code: str, pseudonym: str, role: str, *, content=None) -> Participation:
    """Join (or resume) the session with ``code`` as ``pseudonym`` in ``role``."""
    session = find_session(cb, code)
    pseudonym = (pseudonym or "").strip()
    if not pseudonym:
        raise JoinRefused("Vul een schuilnaam of je initialen in, bijvoorbeeld 'GW-2' of 'AB'.")
    if role not in PARTICIPANT_ROLES:
        raise JoinRefused("Kies je rol in het team.")
    member = cb.join_team(session.team_id, pseudonym, role)
    return Participation(cb, session, cb.viewer_for(member.id), member, content=content)


class EmptyContribution(Exception):
    def __init__(self) -> None:
        super().__init__("Er is nog niets ingevuld; lege bijdragen worden niet opgeslagen.")


class Participation:
    """One participant's handle on a session."""

    def __init__(self, cb, session, viewer, member, *, content=None, clock=None):
        kwargs = {"clock": clock} if clock else {}
        self.room = SessionRoom(cb, session, viewer, content=content, **kwargs)
        self.cb = cb
        self.viewer = viewer
        self.member = member
        self.room.refresh()

    @property
    def session_id(self) -> int:
        return self.room.session.id

    def _own_id(self, name: str) -> uuid.UUID:
        """A stable id for an entry this member has once per session (scale, note)."""
        return uuid.uuid5(control_entry_id(self.session_id), f"{self.member.id}:{name}")

    def entry_tags(self, phase: Phase, **extra) -> dict:
        """The keyword arguments of ``save_entry`` that file a contribution under ``phase``
        (and under the session's tension field, so the casebook's charts see it too)."""
        step = self.room.exercise.step(phase.id)
        return {
            "kind": phase.kind,
            "session_id": self.session_id,
            "case_id": self.room.session.case_id,
            "module": self.room.exercise.module,
            "exercise": self.room.exercise.id,
            "step": phase.id,
            "level": step.level,
            "tension": step.tension or self.room.tension,
            "visibility": "team",
            **extra,
        }

    def entry_id_for(self, phase: Phase) -> uuid.UUID:
        """Stable per member for one-per-member captures (a score, a position, a choice);
        fresh for the others."""
        if phase.one_per_member:
            return self._own_id(f"{phase.kind}:{phase.id}")
        return uuid.uuid4()

    def contribute(self, phase: Phase, *, text: str = "", value=None, entry_id=None,
                   privacy: str = "check", **tags):
        """Save a final contribution; EmptyContribution when there is nothing in it."""
        if not (text or "").strip() and value in (None, "", [], {}):
            raise EmptyContribution()
        return self.cb.save_entry(self.viewer, entry_id=entry_id or self.entry_id_for(phase),
                                  text=text, value=value, final=True, privacy=privacy,
                                  **self.entry_tags(phase, **tags))

    def drafts(self, phase_id: str) -> list:
        """This member's unfinished contributions in ``phase_id`` (to resume them)."""
        return [e for e in self.cb.entries(self.viewer, session_id=self.session_id,
                                           author_id=self.member.id, status="draft")
                if e.step == phase_id]

    def mine(self, phase_id: str) -> list:
        return [e for e in self.room.shown(phase_id=phase_id, for_member=self.member.id)
                if e.author_id == self.member.id]

    # -- votes
    def my_votes(self) -> dict[uuid.UUID, int]:
        return self.cb.member_votes(self.session_id, self.member.id)

    def votes_left(self) -> int:
        return VOTES_PER_MEMBER - sum(self.my_votes().values())

    def can_vote(self, entry) -> bool:
        return (entry.kind == HYPOTHESIS and not self.room.held_back(entry.step)
                and not self.room.closed)

    def vote(self, entry_id: uuid.UUID, change: int = 1) -> int:
        """Give one more vote (``change`` 1) or take one back (-1); returns the votes left.

        The store refuses (NotAllowed, Dutch) more than VOTES_PER_MEMBER votes in a session."""
        mine = self.my_votes().get(entry_id, 0)
        left = self.cb.vote(self.viewer, entry_id, max(0, mine + change))
        self.room.refresh()
        return left

    # -- private note
    @property
    def note_id(self) -> uuid.UUID:
        return self._own_id(NOTE)

    def note_tags(self) -> dict:
        return {"kind": NOTE, "session_id": self.session_id, "case_id": self.room.session.case_id,
                "exercise": self.room.exercise.id, "visibility": "private"}

    def note(self) -> str:
        found = [e for e in self.cb.entries(self.viewer, session_id=self.session_id,
                                            author_id=self.member.id, kind=NOTE)]
        return found[0].text if found else ""
