"""What a participant does: join with the code as the signed-in member (or resume), contribute to
the current step, vote on revealed hypotheses, and keep a private note.

A member joins as themselves, with the role their membership gives; joining again resumes.
Plain Python (no widgets): the participant view calls this; saves go through the casebook's privacy guard.
"""

from __future__ import annotations

import uuid

from werkboek.casebook.errors import GUESTS_CLOSED, NotAllowed
from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview
from werkboek.session.room import (
    HYPOTHESIS,
    NOTE,
    VOTES_PER_MEMBER,
    Phase,
    SessionHandle,
    control_entry_id,
)
from werkboek.vocab import ROLES, kind_seed

# The roles a beheerder grants ("casemanager" is the caseworker's role id, kept: casebooks
# store it; labelled "Caseworker", as casemanager is a task some caseworkers take).
PARTICIPANT_ROLES = ROLES


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


NOT_IN_TEAM = ("Dit is van een team waar je geen lid van bent. Vraag de gespreksleider of de "
               "beheerder van dat team om je toe te voegen.")
SIGN_IN_FIRST = "Meld je eerst aan; daarna doe je mee als jezelf."


def member_in(cb, team_id: int, who):
    """(viewer, member) of ``who`` (the principal the server proved) in ``team_id``; NotAllowed
    with a Dutch message when they are not signed in or not a member there."""
    if who.login_id is None:
        raise NotAllowed(SIGN_IN_FIRST)
    try:
        viewer = cb.viewer(who, team_id)
    except NotAllowed:
        raise NotAllowed(NOT_IN_TEAM) from None
    return viewer, cb.member(viewer, viewer.member_id)


def member_of_session(cb, session, principal):
    """The signed-in visitor's viewer and membership in the session's team (JoinRefused else)."""
    try:
        return member_in(cb, session.team_id, principal)
    except NotAllowed as refused:
        raise JoinRefused(str(refused)) from None


def join_as_guest(cb, code: str, principal, name: str = "", *, content=None) -> Participation:
    """Join (or, from the same browser, resume) the session with ``code`` as a guest; ``name``
    is needed the first time. JoinRefused when the session lets no guests in."""
    session = find_session(cb, code)
    if not principal.guest:
        raise JoinRefused(GUESTS_CLOSED)
    viewer = cb.guest_viewer(session.id, principal.guest)
    if viewer is None:
        if not (name or "").strip():
            raise JoinRefused("Vul een schuilnaam in waarmee je als gast meedoet, bijvoorbeeld "
                              "Wijkteam of je initialen.")
        try:
            cb.join_as_guest(session.id, name, principal.guest)
        except NotAllowed as refused:
            raise JoinRefused(str(refused)) from None
        except (PrivacyBlocked, PrivacyReview):
            raise JoinRefused("Gebruik een schuilnaam of initialen, geen echte naam.") from None
        viewer = cb.guest_viewer(session.id, principal.guest)
    return Participation(cb, session, viewer, cb.member(viewer, viewer.member_id), content=content)


def join_session(cb, code: str, principal, *, content=None) -> Participation:
    """Join (or resume) the session with ``code`` as the signed-in member."""
    session = find_session(cb, code)
    viewer, member = member_of_session(cb, session, principal)
    return Participation(cb, session, viewer, member, content=content)


class EmptyContribution(Exception):
    def __init__(self) -> None:
        super().__init__("Er is nog niets ingevuld; lege bijdragen worden niet opgeslagen.")


class Participation(SessionHandle):
    """One participant's handle on a session."""

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
            return self._own_id(f"{kind_seed(phase.kind)}:{phase.id}")
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
        return self.cb.member_votes(self.viewer, self.session_id)

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
        return self._own_id(kind_seed(NOTE))

    def note_tags(self) -> dict:
        return {"kind": NOTE, "session_id": self.session_id, "case_id": self.room.session.case_id,
                "exercise": self.room.exercise.id, "visibility": "private"}

    def note(self) -> str:
        found = [e for e in self.cb.entries(self.viewer, session_id=self.session_id,
                                            author_id=self.member.id, kind=NOTE)]
        return found[0].text if found else ""
