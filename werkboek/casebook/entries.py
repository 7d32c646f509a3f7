"""Entries (one per answer): saving drafts and final answers, reading them back, hiding, voting."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from werkboek.casebook import schema as t
from werkboek.casebook.base import StoreBase, fetch_one, reads, writes
from werkboek.casebook.course import ONLY_TRAINER_ASSIGNS, TRAINER_KINDS
from werkboek.casebook.errors import InvalidInput, NotAllowed, NotFound
from werkboek.casebook.guard import clean_text, clean_value, replace_leaves, string_leaves
from werkboek.casebook.queries import entry_conditions, visible_to
from werkboek.casebook.records import (
    MAX_VOTES_PER_SESSION,
    PRIVACY_MODES,
    VISIBILITIES,
    Entry,
    EntryFilter,
    Viewer,
)
from werkboek.casebook.sessions import SESSION_GONE
from werkboek.casebook.teams import TRAINER_ROLE

TAG_FIELDS = ("module", "exercise", "step", "level", "tension")

# The columns of an ``Entry``, in its order: a row of ``entry_select()`` is an entry.
ENTRY_FIELDS = tuple(field.name for field in dataclasses.fields(Entry))
ENTRY_COLUMNS = tuple(
    t.members.c.pseudonym.label("author") if name == "author" else t.entries.c[name]
    for name in ENTRY_FIELDS
)


def entry_record(row) -> Entry:
    return Entry(**{**row._mapping, "principles": tuple(row.principles)})


# Statements of the save path, built once and given their values as parameters: SQLAlchemy then
# reuses their compiled form, where building ``.values(**row)`` on every save cost more CPU
# than the database's own work (benchmarks/store_save.py).
_STORED_COLUMNS = tuple(c for c in ENTRY_COLUMNS if c.name != "author")
_INSERT_ENTRY = t.entries.insert().returning(*_STORED_COLUMNS)
_UPDATE_ENTRY = (
    t.entries.update().where(t.entries.c.id == sa.bindparam("entry_key")).returning(*_STORED_COLUMNS)
)
_EXISTING_ENTRY = sa.select(t.entries).where(t.entries.c.id == sa.bindparam("entry_key"))
_session_key = sa.bindparam("session_key", type_=sa.Integer)
_case_key = sa.bindparam("case_key", type_=sa.Integer)
# The author, the session and the case of a new answer in one query; a missing session or case
# comes back as NULLs, so the checks below can tell "gone" from "someone else's".
_CONTEXT = (
    sa.select(
        t.members.c.team_id,
        t.members.c.role,
        t.members.c.pseudonym,
        t.sessions.c.id.label("session_found"),
        t.sessions.c.team_id.label("session_team_id"),
        t.sessions.c.case_id.label("session_case_id"),
        t.cases.c.id.label("case_found"),
        t.cases.c.team_id.label("case_team_id"),
    )
    .select_from(t.members)
    .outerjoin(t.sessions, t.sessions.c.id == _session_key)
    .outerjoin(t.cases, t.cases.c.id == sa.func.coalesce(_case_key, t.sessions.c.case_id))
    .where(t.members.c.id == sa.bindparam("author_key"))
)


def entry_select() -> sa.Select:
    return sa.select(*ENTRY_COLUMNS).join(t.members, t.members.c.id == t.entries.c.author_id)


def _tag(value: Any, what: str) -> str | None:
    if value is None:
        return None
    value = clean_text(str(value), what).strip()
    if len(value) > 100:
        raise InvalidInput(f"{what} is te lang (maximaal 100 tekens).")
    return value or None


def _position(position: float | None) -> float | None:
    if position is None:
        return None
    try:
        position = float(position)
    except (TypeError, ValueError) as exc:
        raise InvalidInput("De positie moet een getal zijn.") from exc
    if not math.isfinite(position):
        raise InvalidInput("De positie moet een gewoon getal zijn.")
    return position


def merge_filters(filters: EntryFilter | None, overrides: dict[str, Any]) -> EntryFilter:
    try:
        return dataclasses.replace(filters or EntryFilter(), **overrides)
    except TypeError as exc:
        raise InvalidInput(f"Onbekend filter: {exc}") from exc


class EntriesMixin(StoreBase):
    @writes
    def save_entry(
        self,
        viewer: Viewer,
        *,
        entry_id: UUID | None = None,
        kind: str,
        text: str = "",
        value: Any = None,
        session_id: int | None = None,
        case_id: int | None = None,
        module: str | None = None,
        exercise: str | None = None,
        step: str | None = None,
        level: str | None = None,
        tension: str | None = None,
        position: float | None = None,
        principles: Sequence[str] = (),
        visibility: str = "private",
        final: bool = False,
        privacy: str = "check",
        created_at: datetime | None = None,
        updated_at: datetime | None = None,
    ) -> Entry:
        """Save (or update, by ``entry_id``) one answer of the viewer, after the privacy guard.

        A draft saved again with the same id is updated in place; ``final=True`` finalises it
        (a final entry stays final). ``created_at``/``updated_at`` are for imports and the
        demo loader (default: now).
        """
        author_id = self._require_member(viewer)
        known_id = entry_id is not None
        entry_id = UUID(str(entry_id)) if known_id else uuid4()
        kind = _tag(kind, "Het soort antwoord")
        if not kind:
            raise InvalidInput("Geef aan wat voor antwoord dit is (kind).")
        if visibility not in VISIBILITIES:
            raise InvalidInput(f"Onbekende zichtbaarheid {visibility!r}: kies private, team of course.")
        if privacy not in PRIVACY_MODES:
            raise InvalidInput(f"Onbekende privacykeuze {privacy!r}.")
        tags = {name: _tag(value_, name) for name, value_ in zip(
            TAG_FIELDS, (module, exercise, step, level, tension), strict=True
        )}
        if isinstance(principles, str):
            principles = [principles]
        fields = {
            "kind": kind,
            "text": clean_text(text),
            "value": clean_value(value),
            "position": _position(position),
            "principles": [_tag(p, "Een principe") for p in principles if p],
            "visibility": visibility,
            **tags,
        }
        with self._read() as conn:
            context, author = self._entry_context(conn, author_id, session_id, case_id)
            existing = (  # a new id is new
                conn.execute(_EXISTING_ENTRY, {"entry_key": entry_id}).first() if known_id else None
            )
        if existing is not None and existing.author_id != author_id:
            raise NotAllowed("Dit antwoord is van iemand anders en kan niet worden gewijzigd.")
        if kind in TRAINER_KINDS and context["role"] != TRAINER_ROLE:
            raise NotAllowed(ONLY_TRAINER_ASSIGNS)  # the membership's role now, not the page's
        status = "final" if final or (existing is not None and existing.status == "final") else "draft"
        if existing is not None and self._unchanged(existing, fields, context, status):
            with self._read() as conn:
                return self._entry_row(conn, entry_id)

        leaves = string_leaves(fields["value"])
        vetted = self._vet([fields["text"], *leaves], privacy, context["case_id"])
        fields["text"] = vetted.texts[0]
        fields["value"] = replace_leaves(fields["value"], iter(vetted.texts[1:]))
        now = t.utcnow()
        row = {
            **fields,
            **context,
            "status": status,
            "privacy": privacy,
            "updated_at": updated_at or now,
        }
        with self._write() as conn:
            self._store_pseudonyms(conn, context["case_id"], vetted)
            if existing is None:
                row.update(id=entry_id, author_id=author_id, created_at=created_at or now)
                stored = conn.execute(_INSERT_ENTRY, row).one()
            else:
                stored = conn.execute(_UPDATE_ENTRY, {**row, "entry_key": entry_id}).one()
            if existing is None or list(existing.principles) != fields["principles"]:
                self._store_principles(conn, entry_id, fields["principles"], existing is None)
            if privacy == "fictional" and vetted.flagged:
                self._audit(conn, author_id, "fictional_text", "entry", entry_id)
            if status == "final" and (existing is None or existing.status != "final"):
                self._audit(conn, author_id, "finalise", "entry", entry_id)
        return Entry(**{**stored._mapping, "author": author, "principles": tuple(stored.principles)})

    @staticmethod
    def _store_principles(
        conn: Connection, entry_id: UUID, principles: list[str], new: bool
    ) -> None:
        """Keep ``entry_principles`` (the index of cited principles) equal to the entry's list."""
        table = t.entry_principles
        if not new:
            conn.execute(table.delete().where(table.c.entry_id == entry_id))
        rows = [{"entry_id": entry_id, "principle": p} for p in dict.fromkeys(principles)]
        if rows:
            conn.execute(table.insert(), rows)

    @staticmethod
    def _unchanged(existing, fields: dict, context: dict, status: str) -> bool:
        """True when saving again would store exactly what is there (autosave repeats)."""
        same = all(getattr(existing, name) == value for name, value in {**fields, **context}.items())
        return same and existing.status == status

    @staticmethod
    def _entry_context(
        conn: Connection, author_id: int, session_id: int | None, case_id: int | None
    ) -> tuple[dict, str]:
        """Team, role, session and case of a new answer, checked to belong together; and the
        author's pseudonym."""
        found = fetch_one(
            conn,
            _CONTEXT,
            "Deze deelnemer bestaat niet (meer); meld je opnieuw aan.",
            {"author_key": author_id, "session_key": session_id, "case_key": case_id},
        )
        if session_id is not None:
            if found.session_found is None:
                raise NotFound(SESSION_GONE)
            if found.session_team_id != found.team_id:
                raise NotAllowed("Je bent geen deelnemer van deze sessie.")
            case_id = case_id if case_id is not None else found.session_case_id
        if case_id is not None:
            if found.case_found is None:
                raise NotFound("Deze casus bestaat niet (meer).")
            if found.case_team_id != found.team_id:
                raise NotAllowed("Deze casus hoort niet bij jouw team.")
        context = {
            "team_id": found.team_id,
            "role": found.role,
            "session_id": session_id,
            "case_id": case_id,
        }
        return context, found.pseudonym

    @staticmethod
    def _entry_row(conn: Connection, entry_id: UUID) -> Entry:
        query = entry_select().where(t.entries.c.id == entry_id)
        return entry_record(fetch_one(conn, query, "Dit antwoord bestaat niet (meer)."))

    @reads
    def entries(self, viewer: Viewer, filters: EntryFilter | None = None, **kwargs) -> list[Entry]:
        """The entries the viewer may see that match the filters (see ``EntryFilter``)."""
        return self._entries(viewer, merge_filters(filters, kwargs))

    def _entries_query(self, viewer: Viewer | None, filters: EntryFilter) -> sa.Select:
        order = (t.entries.c.created_at, t.entries.c.id)
        if filters.newest_first:
            order = tuple(column.desc() for column in order)
        return (
            entry_select()
            .where(*entry_conditions(self.dialect, viewer, filters))
            .order_by(*order)
            .limit(filters.limit)
            .offset(filters.offset)
        )

    def _entries(self, viewer: Viewer | None, filters: EntryFilter) -> list[Entry]:
        with self._read() as conn:
            return [entry_record(row) for row in conn.execute(self._entries_query(viewer, filters))]

    @reads
    def entry(self, viewer: Viewer, entry_id: UUID) -> Entry:
        query = entry_select().where(t.entries.c.id == UUID(str(entry_id)), visible_to(viewer))
        with self._read() as conn:
            row = fetch_one(conn, query, "Dit antwoord bestaat niet of is niet voor jou zichtbaar.")
        return entry_record(row)

    @writes
    def hide_entry(self, viewer: Viewer, entry_id: UUID, reason: str) -> Entry:
        """Stop showing an entry (kept, audited): its author, the session's facilitator or a trainer."""
        entry = self.entry(viewer, entry_id)
        reason = clean_text(reason, "De reden")
        vetted = self._vet([reason], "check")
        with self._write() as conn:
            facilitator = None
            if entry.session_id is not None:
                facilitator = conn.execute(
                    sa.select(t.sessions.c.facilitator_id).where(
                        t.sessions.c.id == entry.session_id
                    )
                ).scalar()
            allowed = viewer.member_id in (entry.author_id, facilitator) or viewer.trainer
            if not allowed:
                raise NotAllowed("Alleen de gespreksleider kan een antwoord verbergen.")
            conn.execute(
                t.entries.update()
                .where(t.entries.c.id == entry.id)
                .values(hidden=True, hidden_reason=vetted.texts[0])
            )
            self._audit(conn, viewer.member_id, "hide", "entry", entry.id)
            return self._entry_row(conn, entry.id)

    @writes
    def vote(self, viewer: Viewer, entry_id: UUID, votes: int = 1) -> int:
        """Give an entry of a session ``votes`` of your votes (0 takes them back).

        Each member has ``MAX_VOTES_PER_SESSION`` votes per session. Returns the votes you
        have left in that session.
        """
        member_id = self._require_member(viewer)
        if not isinstance(votes, int) or votes < 0:
            raise InvalidInput("Het aantal stemmen moet 0 of meer zijn.")
        entry = self.entry(viewer, entry_id)
        if entry.session_id is None:
            raise InvalidInput("Alleen antwoorden in een sessie kun je stemmen geven.")
        table = t.votes
        with self._write() as conn:
            session = self._session_state(conn, entry.session_id)
            if session.closed_at is not None:
                raise NotAllowed("Deze sessie is afgesloten; stemmen kan niet meer.")
            used_elsewhere = conn.execute(
                sa.select(sa.func.coalesce(sa.func.sum(table.c.votes), 0)).where(
                    table.c.session_id == entry.session_id,
                    table.c.member_id == member_id,
                    table.c.entry_id != entry.id,
                )
            ).scalar_one()
            if used_elsewhere + votes > MAX_VOTES_PER_SESSION:
                raise NotAllowed(
                    f"Je hebt in deze sessie {MAX_VOTES_PER_SESSION} stemmen; "
                    f"er zijn er nog {MAX_VOTES_PER_SESSION - used_elsewhere} over."
                )
            mine = (table.c.entry_id == entry.id) & (table.c.member_id == member_id)
            conn.execute(table.delete().where(mine))
            if votes:
                conn.execute(
                    table.insert().values(
                        entry_id=entry.id,
                        member_id=member_id,
                        session_id=entry.session_id,
                        votes=votes,
                    )
                )
            return MAX_VOTES_PER_SESSION - used_elsewhere - votes

    @staticmethod
    def _session_state(conn: Connection, session_id: int):
        return conn.execute(
            sa.select(t.sessions.c.closed_at).where(t.sessions.c.id == session_id)
        ).one()

    @reads
    def member_votes(self, viewer: Viewer, session_id: int) -> dict[UUID, int]:
        """The votes the viewer gave per entry in ``session_id`` (entries without votes left out)."""
        member_id = self._require_member(viewer)
        query = sa.select(t.votes.c.entry_id, t.votes.c.votes).where(
            t.votes.c.session_id == session_id, t.votes.c.member_id == member_id
        )
        with self._read() as conn:
            return {entry_id: int(votes) for entry_id, votes in conn.execute(query)}

    @reads
    def votes(self, viewer: Viewer, session_id: int) -> dict[UUID, int]:
        """Total votes per entry of a session of the viewer's (entries without votes left out)."""
        with self._read() as conn:
            team_id = fetch_one(conn, sa.select(t.sessions.c.team_id).where(
                t.sessions.c.id == session_id), SESSION_GONE).team_id
        self._require_session_reader(viewer, session_id, team_id)
        query = (
            sa.select(t.votes.c.entry_id, sa.func.sum(t.votes.c.votes))
            .join(t.entries, t.entries.c.id == t.votes.c.entry_id)
            .where(t.votes.c.session_id == session_id, t.entries.c.hidden == sa.false())
            .group_by(t.votes.c.entry_id)
        )
        with self._read() as conn:
            return {entry_id: int(total) for entry_id, total in conn.execute(query)}
