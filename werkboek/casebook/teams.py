"""Teams, course cohorts and their members (pseudonym + role), and who a viewer is."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from werkboek.casebook import schema as t
from werkboek.casebook.base import StoreBase, fetch_one, reads, writes
from werkboek.casebook.errors import InvalidInput
from werkboek.casebook.guard import clean_text
from werkboek.casebook.records import Member, Team, Viewer

TEAM_KINDS = ("team", "cohort")
PERSONAL_TEAM = ("Persoonlijk", "personal")
LOCAL_PSEUDONYM = "ik"
LOCAL_ROLE = "persoonlijk"
TRAINER_ROLE = "trainer"
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
        """The member ``pseudonym`` of the team (made on first join); the pseudonym is scanned."""
        pseudonym = _short(pseudonym, "Je schuilnaam", 100)
        role = _short(role, "De rol", 50)
        self._vet([pseudonym], "check")
        with self._write() as conn:
            fetch_one(conn, sa.select(t.teams.c.id).where(t.teams.c.id == team_id), TEAM_GONE)
            return self._get_or_create_member(conn, team_id, pseudonym, role)

    @staticmethod
    def _get_or_create_member(conn: Connection, team_id: int, pseudonym: str, role: str) -> Member:
        query = sa.select(t.members).where(
            t.members.c.team_id == team_id, t.members.c.pseudonym == pseudonym
        )
        row = conn.execute(query).first()
        if row is None:
            conn.execute(
                t.members.insert().values(
                    team_id=team_id, pseudonym=pseudonym, role=role, created_at=t.utcnow()
                )
            )
            row = conn.execute(query).one()
        elif row.role != role:
            conn.execute(t.members.update().where(t.members.c.id == row.id).values(role=role))
            row = conn.execute(query).one()
        return member_record(row)

    @reads
    def member(self, member_id: int) -> Member:
        query = sa.select(t.members).where(t.members.c.id == member_id)
        with self._read() as conn:
            row = fetch_one(conn, query, MEMBER_GONE)
        return member_record(row)

    @reads
    def members(self, team_id: int) -> list[Member]:
        query = (
            sa.select(t.members).where(t.members.c.team_id == team_id).order_by(t.members.c.pseudonym)
        )
        with self._read() as conn:
            return [member_record(row) for row in conn.execute(query)]

    @reads
    def viewer_for(self, member_id: int) -> Viewer:
        """What ``member_id`` may see, from the team or cohort they joined."""
        query = sa.select(t.members.c.team_id, t.members.c.role, t.teams.c.kind).join(t.teams)
        with self._read() as conn:
            row = fetch_one(conn, query.where(t.members.c.id == member_id), MEMBER_GONE)
        in_cohort = row.kind == "cohort"
        return Viewer(
            member_id=member_id,
            team_ids=frozenset() if in_cohort else frozenset({row.team_id}),
            cohort_ids=frozenset({row.team_id}) if in_cohort else frozenset(),
            trainer=row.role == TRAINER_ROLE,
        )

    @writes
    def local_viewer(self) -> Viewer:
        """Personal mode: the one local user of this casebook (made on first use)."""
        with self._write() as conn:
            team = self._get_or_create_team(conn, *PERSONAL_TEAM)
            member = self._get_or_create_member(conn, team.id, LOCAL_PSEUDONYM, LOCAL_ROLE)
        return Viewer(member_id=member.id, team_ids=frozenset({team.id}))
