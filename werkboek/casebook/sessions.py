"""Sessions of a team or cohort: join codes, phases, closing, and the facilitator's claim."""

from __future__ import annotations

import hmac
import secrets
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from werkboek.casebook import passphrases, schema as t
from werkboek.casebook.base import StoreBase, fetch_one, reads, writes
from werkboek.casebook.errors import GUESTS_CLOSED, InvalidInput, NotAllowed
from werkboek.casebook.guard import clean_text
from werkboek.casebook.records import Session, Viewer
from werkboek.casebook.teams import _short, member_record
from werkboek.vocab import ADMIN_ROLE

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud or from a projector is not misread.
JOIN_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
JOIN_CODE_LENGTH = 6
# A join code works from the session's day until the day after (sessions run past midnight).
JOIN_CODE_DAYS = 1
# A facilitator who has not been heard from for this long may be replaced by another claim.
FACILITATOR_LEASE = timedelta(seconds=60)
FIRST_PHASE = "start"
SESSION_GONE = "Deze sessie bestaat niet (meer)."
GUEST_ROLE = "gast"


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


def session_record(row) -> Session:
    return Session(
        id=row.id,
        team_id=row.team_id,
        case_id=row.case_id,
        module_id=row.module_id,
        exercise_id=row.exercise_id,
        held_on=row.held_on,
        facilitator_id=row.facilitator_id,
        presenter=row.presenter,
        named_mode=row.named_mode,
        join_code=row.join_code,
        phase=row.phase,
        closed=row.closed_at is not None,
        created_at=row.created_at,
        guests_allowed=bool(row.guests_allowed),
    )


class SessionsMixin(StoreBase):
    @writes
    def start_session(
        self,
        viewer: Viewer,
        team_id: int,
        *,
        case_id: int | None,
        exercise_id: str,
        module_id: str | None = None,
        on: date | None = None,
        presenter: str | None = None,
        named_mode: bool = False,
    ) -> Session:
        """A new session led by the viewer, with a fresh 6-character join code."""
        self._require_member(viewer)
        self._require_team(viewer, team_id)
        exercise_id = clean_text(exercise_id, "De oefening").strip()
        if not exercise_id:
            raise InvalidInput("Kies een oefening voor de sessie.")
        if presenter:
            presenter = clean_text(presenter, "De inbrenger").strip()
            self._vet([presenter], "check")
        with self._write() as conn:
            if case_id is not None:
                self._case_of_team(conn, case_id, team_id)
            session_id = conn.execute(
                t.sessions.insert()
                .values(
                    team_id=team_id,
                    case_id=case_id,
                    module_id=module_id,
                    exercise_id=exercise_id,
                    held_on=on or date.today(),
                    facilitator_id=viewer.member_id,
                    presenter=presenter or None,
                    named_mode=named_mode,
                    join_code=new_join_code(),  # a clash is a unique violation: retried
                    phase=FIRST_PHASE,
                    created_at=t.utcnow(),
                )
                .returning(t.sessions.c.id)
            ).scalar_one()
            self._audit(conn, viewer.member_id, "start", "session", session_id)
            return self._session_row(conn, session_id)

    @staticmethod
    def _case_of_team(conn: Connection, case_id: int, team_id: int) -> None:
        query = sa.select(t.cases.c.id).where(t.cases.c.id == case_id, t.cases.c.team_id == team_id)
        fetch_one(conn, query, "Deze casus bestaat niet of hoort niet bij dit team.")

    @staticmethod
    def _session_row(conn: Connection, session_id: int) -> Session:
        query = sa.select(t.sessions).where(t.sessions.c.id == session_id)
        return session_record(fetch_one(conn, query, SESSION_GONE))

    @reads
    def session_by_code(self, code: str) -> Session | None:
        """The open session with this join code; None when unknown, closed or expired."""
        code = normalise_code(code or "")
        if len(code) != JOIN_CODE_LENGTH:
            return None
        with self._read() as conn:
            row = conn.execute(sa.select(t.sessions).where(t.sessions.c.join_code == code)).first()
        if row is None or row.closed_at is not None:
            return None
        if row.held_on + timedelta(days=JOIN_CODE_DAYS) < date.today():
            return None
        return session_record(row)

    @reads
    def session(self, viewer: Viewer, session_id: int) -> Session:
        """A session of one of the viewer's teams (or the one a guest is in)."""
        with self._read() as conn:
            session = self._session_row(conn, session_id)
        self._require_session_reader(viewer, session_id, session.team_id)
        return session

    @reads
    def sessions(self, viewer: Viewer, team_id: int | None = None) -> list[Session]:
        """Sessions of the viewer's teams, newest first."""
        visible = viewer.team_ids | viewer.cohort_ids
        if team_id is not None:
            visible = visible & {team_id}
        query = (
            sa.select(t.sessions)
            .where(t.sessions.c.team_id.in_(visible))
            .order_by(t.sessions.c.held_on.desc(), t.sessions.c.id.desc())
        )
        with self._read() as conn:
            return [session_record(row) for row in conn.execute(query)]

    def _require_facilitator(self, conn: Connection, viewer: Viewer, session_id: int) -> Session:
        session = self._session_row(conn, session_id)
        leads = viewer.member_id is not None and viewer.member_id == session.facilitator_id
        trains = viewer.trainer and session.team_id in viewer.team_ids | viewer.cohort_ids
        if not (leads or trains):
            raise NotAllowed("Alleen de gespreksleider van deze sessie kan dit doen.")
        return session

    @writes
    def hand_over(self, viewer: Viewer, session_id: int, member_id: int) -> Session:
        """Give the lead to another member of the session's team: the lead or a beheerder."""
        with self._write() as conn:
            session = self._session_row(conn, session_id)
            admin = viewer.role_in(session.team_id) == ADMIN_ROLE
            if not admin:
                self._require_facilitator(conn, viewer, session_id)
            fetch_one(conn, sa.select(t.members.c.id).where(
                t.members.c.id == member_id, t.members.c.team_id == session.team_id,
                t.members.c.account_id.is_not(None)),
                "Die persoon is geen lid van het team van deze bespreking.")
            conn.execute(t.sessions.update().where(t.sessions.c.id == session_id).values(
                facilitator_id=member_id, facilitator_token=None))
            self._audit(conn, viewer.account_id or viewer.member_id, "handover", "session",
                        session_id)
            return self._session_row(conn, session_id)

    @writes
    def allow_guests(self, viewer: Viewer, session_id: int, allowed: bool) -> Session:
        """Let guests join this session (or stop new ones): the facilitator's choice."""
        with self._write() as conn:
            self._require_facilitator(conn, viewer, session_id)
            conn.execute(t.sessions.update().where(t.sessions.c.id == session_id)
                         .values(guests_allowed=allowed))
            self._audit(conn, viewer.account_id or viewer.member_id,
                        "guests:on" if allowed else "guests:off", "session", session_id)
            return self._session_row(conn, session_id)

    @writes
    def join_as_guest(self, session_id: int, name: str, secret: str):
        """A guest of this session, bound to the browser holding ``secret``: the same secret is
        the same guest again; another browser is another guest. Refused unless the session is
        open and lets guests in. The guest writes in this session only and sees nothing else."""

        if len(secret or "") < 20:
            raise NotAllowed(GUESTS_CLOSED)
        with self._read() as conn:
            session = self._session_row(conn, session_id)
        if session.closed or not session.guests_allowed:
            raise NotAllowed(GUESTS_CLOSED)
        name = _short(name, "Je naam als gast", 60)
        self._vet([name], "check")
        digest = passphrases.digest(secret)
        with self._write() as conn:
            session = self._session_row(conn, session_id)
            if session.closed or not session.guests_allowed:
                raise NotAllowed(GUESTS_CLOSED)
            known = conn.execute(sa.select(t.members).join(
                t.guests, t.guests.c.member_id == t.members.c.id).where(
                t.guests.c.session_id == session_id, t.guests.c.token_digest == digest)).first()
            if known is not None:
                return member_record(known)
            taken = set(conn.execute(sa.select(t.members.c.pseudonym).where(
                t.members.c.team_id == session.team_id)).scalars())
            pseudonym = next(candidate for n in range(1, 1000)
                             if (candidate := f"Gast {name}" + (f" ({n})" if n > 1 else ""))
                             not in taken)
            member_id = conn.execute(t.members.insert().values(
                team_id=session.team_id, pseudonym=pseudonym, role=GUEST_ROLE,
                created_at=t.utcnow()).returning(t.members.c.id)).scalar_one()
            conn.execute(t.guests.insert().values(session_id=session_id, member_id=member_id,
                                                  token_digest=digest, created_at=t.utcnow()))
            self._audit(conn, None, "guest_join", "session", session_id)
            return member_record(conn.execute(sa.select(t.members).where(
                t.members.c.id == member_id)).one())

    @reads
    def guest_viewer(self, session_id: int, secret: str) -> Viewer | None:
        """The viewer of the guest this browser's ``secret`` made in this session; None: none."""
        with self._read() as conn:
            member_id = conn.execute(sa.select(t.guests.c.member_id).where(
                t.guests.c.session_id == session_id,
                t.guests.c.token_digest == passphrases.digest(secret or ""))).scalar()
        if member_id is None:
            return None
        return self._seal(Viewer(member_id=member_id, team_ids=frozenset(),
                                 member_ids=frozenset({member_id}), guest_session=session_id))

    @writes
    def projector_link(self, viewer: Viewer, session_id: int) -> str:
        """A new token for the session's read-only projector screen (the old one stops)."""
        token = passphrases.new_token()
        with self._write() as conn:
            self._require_facilitator(conn, viewer, session_id)
            conn.execute(t.sessions.update().where(t.sessions.c.id == session_id)
                         .values(projector_digest=passphrases.digest(token)))
        return token

    @reads
    def projector_viewer(self, session_id: int, token: str) -> Viewer:
        """The read-only viewer of a session's projector screen; NotAllowed for a wrong token."""
        with self._read() as conn:
            row = conn.execute(sa.select(t.sessions.c.team_id, t.sessions.c.projector_digest)
                               .where(t.sessions.c.id == session_id)).first()
        if row is None or row.projector_digest is None or not hmac.compare_digest(
                row.projector_digest, passphrases.digest(token or "")):
            raise NotAllowed("Deze beamerlink klopt niet of is vervangen. Vraag de "
                             "gespreksleider om de nieuwe link.")
        return self._seal(Viewer(member_id=None, team_ids=frozenset({row.team_id})))

    @writes
    def set_phase(self, viewer: Viewer, session_id: int, phase: str) -> Session:
        phase = clean_text(phase, "De fase").strip()
        if not phase or len(phase) > 50:
            raise InvalidInput("Geef een fase op (maximaal 50 tekens).")
        with self._write() as conn:
            session = self._require_facilitator(conn, viewer, session_id)
            if session.closed:
                raise NotAllowed("Deze sessie is al afgesloten.")
            conn.execute(
                t.sessions.update().where(t.sessions.c.id == session_id).values(phase=phase)
            )
            self._audit(conn, viewer.member_id, f"phase:{phase}"[:50], "session", session_id)
            return self._session_row(conn, session_id)

    @writes
    def close_session(self, viewer: Viewer, session_id: int) -> Session:
        with self._write() as conn:
            session = self._require_facilitator(conn, viewer, session_id)
            if not session.closed:
                conn.execute(
                    t.sessions.update()
                    .where(t.sessions.c.id == session_id)
                    .values(closed_at=t.utcnow(), facilitator_token=None)
                )
                self._audit(conn, viewer.member_id, "close", "session", session_id)
            return self._session_row(conn, session_id)

    @writes
    def claim_facilitator(self, session_id: int, claim_token: str, *, take_over: bool = False) -> bool:
        """Hold (or keep holding) the facilitator screen; False while another live one holds it.

        Call it again every ~20 s as a heartbeat; a holder silent for a minute loses the claim.
        ``take_over=True`` takes it from a live holder (the facilitator who reloaded the page:
        Voilà keeps the old tab's kernel, and its heartbeat, alive until it is culled); the
        other screen learns it on its next heartbeat.
        """
        now = t.utcnow()
        with self._write() as conn:
            row = fetch_one(
                conn,
                sa.select(t.sessions).where(t.sessions.c.id == session_id).with_for_update(),
                SESSION_GONE,
            )
            if row.closed_at is not None:
                return False
            held_by_other = (
                row.facilitator_token not in (None, claim_token)
                and row.facilitator_seen_at is not None
                and now - row.facilitator_seen_at < FACILITATOR_LEASE
            )
            if held_by_other and not take_over:
                return False
            conn.execute(
                t.sessions.update()
                .where(t.sessions.c.id == session_id)
                .values(facilitator_token=claim_token, facilitator_seen_at=now)
            )
            return True
