"""Teams, course cohorts and their members (pseudonym + role), and who a viewer is."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from werkboek.casebook import schema as t
from werkboek.casebook.base import StoreBase, fetch_one, reads, writes
from werkboek.casebook.errors import InvalidInput
from werkboek.casebook.guard import clean_text
from werkboek.casebook.records import Member, Team, Viewer
from werkboek.vocab import TRAINER_ROLE

TEAM_KINDS = ("team", "cohort")
PERSONAL_TEAM = ("Persoonlijk", "personal")
LOCAL_PSEUDONYM = "ik"
LOCAL_ROLE = "persoonlijk"
TEAM_GONE = "Dit team bestaat niet (meer)."
MEMBER_GONE = "Deze deelnemer bestaat niet (meer)."


def team_record(row) -> Team:
    return Team(id=row.id, name=row.name, kind=row.kind, created_at=row.created_at)


def member_record(row) -> Member:
    return Member(
        id=row.id,
        team_id=row.team_id,
        pseudonym=row.pseudonym,
        role=row.role,
        created_at=row.created_at,
    )


def _short(text: str, what: str, limit: int) -> str:
    text = clean_text(text, what).strip()
    if not text:
        raise InvalidInput(f"{what} mag niet leeg zijn.")
    if len(text) > limit:
        raise InvalidInput(f"{what} is te lang (maximaal {limit} tekens).")
    return text


class TeamsMixin(StoreBase):
    @writes
    def create_team(self, name: str, kind: str = "team", privacy: str = "check") -> Team:
        """The team or cohort called ``name``; made when it does not exist yet."""
        if kind not in TEAM_KINDS:
            raise InvalidInput(f"Onbekend soort groep: {kind!r} (kies team of cohort).")
        name = _short(name, "De naam van het team", 200)
        vetted = self._vet([name], privacy)
        with self._write() as conn:
            team = self._get_or_create_team(conn, vetted.texts[0], kind)
            if privacy == "fictional" and vetted.flagged:
                self._audit(conn, None, "fictional_text", "team", team.id)
            return team

    @staticmethod
    def _get_or_create_team(conn: Connection, name: str, kind: str) -> Team:
        query = sa.select(t.teams).where(t.teams.c.name == name, t.teams.c.kind == kind)
        row = conn.execute(query).first()
        if row is None:
            conn.execute(t.teams.insert().values(name=name, kind=kind, created_at=t.utcnow()))
            row = conn.execute(query).one()
        return team_record(row)

    @reads
    def teams(self, kind: str | None = None) -> list[Team]:
        query = sa.select(t.teams).order_by(t.teams.c.name)
        query = query.where(
            t.teams.c.kind == kind if kind else t.teams.c.kind.in_(TEAM_KINDS)
        )
        with self._read() as conn:
            return [team_record(row) for row in conn.execute(query)]

    @reads
    def team(self, team_id: int) -> Team:
        with self._read() as conn:
            row = fetch_one(conn, sa.select(t.teams).where(t.teams.c.id == team_id), TEAM_GONE)
        return team_record(row)

    @writes
    def join_team(self, team_id: int, pseudonym: str, role: str) -> Member:
        """The member ``pseudonym`` of the team, made with ``role`` and an account (without a
        passphrase) on first join; an existing member keeps the role it was granted. For the
        server's own use (command line, import, demo): pages never call it."""
        pseudonym = _short(pseudonym, "Je schuilnaam", 100)
        role = _short(role, "De rol", 50)
        self._vet([pseudonym], "check")
        with self._write() as conn:
            fetch_one(conn, sa.select(t.teams.c.id).where(t.teams.c.id == team_id), TEAM_GONE)
            return self._get_or_create_member(conn, team_id, pseudonym, role, with_account=True)

    @staticmethod
    def _get_or_create_member(conn: Connection, team_id: int, pseudonym: str, role: str,
                              *, with_account: bool = False) -> Member:
        query = sa.select(t.members).where(
            t.members.c.team_id == team_id, t.members.c.pseudonym == pseudonym
        )
        row = conn.execute(query).first()
        if row is None:
            account_id = None
            if with_account:
                key = pseudonym.casefold()
                account_id = conn.execute(sa.select(t.accounts.c.id).where(
                    t.accounts.c.name_key == key)).scalar() or conn.execute(
                    t.accounts.insert().values(name=pseudonym, name_key=key,
                                               created_at=t.utcnow()).returning(t.accounts.c.id)
                ).scalar_one()
            conn.execute(
                t.members.insert().values(
                    team_id=team_id, pseudonym=pseudonym, role=role, account_id=account_id,
                    created_at=t.utcnow()
                )
            )
            row = conn.execute(query).one()
        return member_record(row)

    @reads
    def member(self, viewer: Viewer, member_id: int) -> Member:
        """One membership: the viewer's own, or one of a team the viewer is in."""
        query = sa.select(t.members).where(t.members.c.id == member_id)
        with self._read() as conn:
            row = fetch_one(conn, query, MEMBER_GONE)
        if member_id not in viewer.member_ids | {viewer.member_id}:
            self._require_team(viewer, row.team_id)
        return member_record(row)

    @reads
    def members(self, viewer: Viewer, team_id: int) -> list[Member]:
        """The members of a team or course group the viewer is in."""
        self._require_team(viewer, team_id)
        query = (
            sa.select(t.members).where(t.members.c.team_id == team_id).order_by(t.members.c.pseudonym)
        )
        with self._read() as conn:
            return [member_record(row) for row in conn.execute(query)]

    @reads
    def viewer_for(self, member_id: int) -> Viewer:
        """What ``member_id`` may see, acting in the team or cohort of that membership.
        The server's own door (command line, reports, tests); pages get theirs from
        ``viewer(principal)``."""
        with self._read() as conn:
            row = fetch_one(conn, sa.select(t.members.c.account_id).where(
                t.members.c.id == member_id), MEMBER_GONE)
            query = sa.select(t.members.c.id, t.members.c.team_id, t.members.c.role,
                              t.teams.c.kind).join(t.teams)
            query = query.where(t.members.c.account_id == row.account_id
                                if row.account_id is not None else t.members.c.id == member_id)
            rows = conn.execute(query).all()
        acting = next(r for r in rows if r.id == member_id)
        shared = [r for r in rows if r.kind != "personal"] or [acting]
        return self._seal(Viewer(
            member_id=member_id,
            team_ids=frozenset(r.team_id for r in shared if r.kind != "cohort"),
            cohort_ids=frozenset(r.team_id for r in shared if r.kind == "cohort"),
            trainer=acting.role == TRAINER_ROLE,
            account_id=row.account_id,
            member_ids=frozenset(r.id for r in rows),
            roles=tuple((r.team_id, r.role) for r in shared),
        ))

    def system_viewer(self, team_ids) -> Viewer:
        """A nameless reader of what was shared in ``team_ids``: for the server's command line
        (reports, exports), never for a page."""
        return self._seal(Viewer(member_id=None, team_ids=frozenset(team_ids)))

    @writes
    def local_viewer(self) -> Viewer:
        """Personal mode: the laptop owner's journal on loopback (made on first use). Pages get
        it through ``viewer(Principal(local=True))``, which only the server can hand them."""
        with self._write() as conn:
            team = self._get_or_create_team(conn, *PERSONAL_TEAM)
            member = self._get_or_create_member(conn, team.id, LOCAL_PSEUDONYM, LOCAL_ROLE)
        return self._seal(Viewer(member_id=member.id, team_ids=frozenset({team.id}),
                                 member_ids=frozenset({member.id})))
