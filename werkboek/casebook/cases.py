"""Cases: a pseudonymised title and summary, with life domains and tension fields."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from werkboek.casebook import schema as t
from werkboek.casebook.base import StoreBase, fetch_one, reads, writes
from werkboek.casebook.errors import InvalidInput
from werkboek.casebook.guard import clean_text
from werkboek.casebook.records import Case, Viewer


def case_record(row) -> Case:
    return Case(
        id=row.id,
        team_id=row.team_id,
        title=row.title,
        summary=row.summary,
        life_domains=tuple(row.life_domains),
        tension_fields=tuple(row.tension_fields),
        created_by=row.created_by,
        created_at=row.created_at,
    )


def _ids(values: Sequence[str], what: str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    return [clean_text(value, what) for value in values]


class CasesMixin(StoreBase):
    @writes
    def create_case(
        self,
        viewer,
        team_id: int,
        title: str,
        summary: str,
        life_domains: Sequence[str] = (),
        tension_fields: Sequence[str] = (),
        privacy: str = "check",
    ) -> Case:
        """A new case of the team; title and summary pass the privacy guard first."""
        self._require_team(viewer, team_id)
        title = clean_text(title, "De titel van de casus").strip()
        if not title:
            raise InvalidInput("Geef de casus een titel.")
        if len(title) > 300:
            raise InvalidInput("De titel van de casus is te lang (maximaal 300 tekens).")
        summary = clean_text(summary, "De samenvatting van de casus")
        vetted = self._vet([title, summary], privacy)
        with self._write() as conn:
            case_id = conn.execute(
                t.cases.insert()
                .values(
                    team_id=team_id,
                    title=vetted.texts[0],
                    summary=vetted.texts[1],
                    life_domains=_ids(life_domains, "Een leefgebied"),
                    tension_fields=_ids(tension_fields, "Een spanningsveld"),
                    privacy=privacy,
                    created_by=viewer.member_id,
                    created_at=t.utcnow(),
                )
                .returning(t.cases.c.id)
            ).scalar_one()
            self._store_pseudonyms(conn, case_id, vetted)
            self._audit(conn, viewer.member_id, "create", "case", case_id)
            if privacy == "fictional" and vetted.flagged:
                self._audit(conn, viewer.member_id, "fictional_text", "case", case_id)
            return case_record(conn.execute(sa.select(t.cases).where(t.cases.c.id == case_id)).one())

    @reads
    def cases(self, viewer: Viewer, team_id: int | None = None) -> list[Case]:
        """The cases of the viewer's teams (or of one of them), newest first."""
        visible = viewer.team_ids | viewer.cohort_ids
        if team_id is not None:
            visible = visible & {team_id}
        query = (
            sa.select(t.cases)
            .where(t.cases.c.team_id.in_(visible))
            .order_by(t.cases.c.created_at.desc(), t.cases.c.id.desc())
        )
        with self._read() as conn:
            return [case_record(row) for row in conn.execute(query)]

    @reads
    def case(self, viewer: Viewer, case_id: int) -> Case:
        query = sa.select(t.cases).where(
            t.cases.c.id == case_id, t.cases.c.team_id.in_(viewer.team_ids | viewer.cohort_ids)
        )
        with self._read() as conn:
            row = fetch_one(conn, query, "Deze casus bestaat niet of hoort niet bij jouw team.")
        return case_record(row)
