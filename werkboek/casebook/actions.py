"""Follow-up actions agreed in a session (what, who, when) and their review in a later session."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from werkboek.casebook import schema as t
from werkboek.casebook.base import StoreBase, fetch_one, reads, writes
from werkboek.casebook.errors import InvalidInput
from werkboek.casebook.guard import clean_text
from werkboek.casebook.records import Action, Viewer
from werkboek.casebook.sessions import SESSION_GONE
from werkboek.vocab import OPEN_STATUSES, REVIEW_STATUSES


def action_record(row) -> Action:
    return Action(
        id=row.id,
        team_id=row.team_id,
        session_id=row.session_id,
        what=row.what,
        owner=row.owner,
        due=row.due,
        status=row.status,
        reviewed_session_id=row.reviewed_session_id,
        review_note=row.review_note,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _due(due) -> date:
    if isinstance(due, str):
        try:
            return date.fromisoformat(due)
        except ValueError as exc:
            raise InvalidInput("De datum moet er zo uitzien: 2026-03-31.") from exc
    if not isinstance(due, date):
        raise InvalidInput("Geef een datum op waarvoor de actie klaar moet zijn.")
    return due


class ActionsMixin(StoreBase):
    def _session_team(self, conn: Connection, session_id: int) -> tuple[int, int | None]:
        row = fetch_one(
            conn,
            sa.select(t.sessions.c.team_id, t.sessions.c.case_id).where(
                t.sessions.c.id == session_id
            ),
            SESSION_GONE,
        )
        return row.team_id, row.case_id

    @writes
    def add_action(
        self,
        viewer: Viewer,
        *,
        session_id: int,
        what: str,
        owner: str,
        due: date | str,
        privacy: str = "check",
    ) -> Action:
        """A follow-up action agreed in the session; ``what`` and ``owner`` pass the privacy guard."""
        what = clean_text(what, "De actie").strip()
        owner = clean_text(owner, "Wie het doet").strip()
        if not what or not owner:
            raise InvalidInput("Een actie heeft een omschrijving en iemand die het doet.")
        if len(owner) > 100:
            raise InvalidInput("De naam van wie het doet is te lang (maximaal 100 tekens).")
        due = _due(due)
        with self._read() as conn:
            team_id, case_id = self._session_team(conn, session_id)
        self._require_team(viewer, team_id)
        vetted = self._vet([what, owner], privacy, case_id)
        now = t.utcnow()
        with self._write() as conn:
            self._store_pseudonyms(conn, case_id, vetted)
            action_id = conn.execute(
                t.actions.insert()
                .values(
                    team_id=team_id,
                    session_id=session_id,
                    what=vetted.texts[0],
                    owner=vetted.texts[1],
                    due=due,
                    status="open",
                    created_by=viewer.member_id,
                    created_at=now,
                    updated_at=now,
                )
                .returning(t.actions.c.id)
            ).scalar_one()
            self._audit(conn, viewer.member_id, "create", "action", action_id)
            if privacy == "fictional" and vetted.flagged:
                self._audit(conn, viewer.member_id, "fictional_text", "action", action_id)
            return self._action_row(conn, action_id)

    @staticmethod
    def _action_row(conn: Connection, action_id: int) -> Action:
        query = sa.select(t.actions).where(t.actions.c.id == action_id)
        return action_record(fetch_one(conn, query, "Deze actie bestaat niet (meer)."))

    @reads
    def actions(self, viewer: Viewer, team_id: int, *, open_only: bool = True) -> list[Action]:
        """The team's follow-up actions, soonest due first (only open ones unless asked)."""
        self._require_team(viewer, team_id)
        query = sa.select(t.actions).where(t.actions.c.team_id == team_id)
        if open_only:
            query = query.where(t.actions.c.status.in_(OPEN_STATUSES))
        query = query.order_by(t.actions.c.due, t.actions.c.id)
        with self._read() as conn:
            return [action_record(row) for row in conn.execute(query)]

    @writes
    def review_action(
        self,
        viewer: Viewer,
        action_id: int,
        *,
        session_id: int,
        status: str,
        note: str,
        privacy: str = "check",
    ) -> Action:
        """Record how an action went, reviewed in ``session_id``: klaar, loopt or vervallen."""
        if status not in REVIEW_STATUSES:
            raise InvalidInput("Kies klaar, loopt of vervallen.")
        note = clean_text(note, "De toelichting")
        with self._read() as conn:
            action = self._action_row(conn, action_id)
            team_id, case_id = self._session_team(conn, session_id)
        self._require_team(viewer, action.team_id)
        if team_id != action.team_id:
            raise InvalidInput("Deze actie hoort bij een ander team dan deze sessie.")
        vetted = self._vet([note], privacy, case_id)
        with self._write() as conn:
            self._store_pseudonyms(conn, case_id, vetted)
            conn.execute(
                t.actions.update()
                .where(t.actions.c.id == action_id)
                .values(
                    status=status,
                    reviewed_session_id=session_id,
                    review_note=vetted.texts[0],
                    updated_at=t.utcnow(),
                )
            )
            self._audit(conn, viewer.member_id, f"review:{status}", "action", action_id)
            return self._action_row(conn, action_id)
