"""Query pieces that differ per database or carry a rule: visibility, full-text search, principles.

Visibility is enforced here, in SQL, for every read of entries:
private -> only its author; team/course -> members of the entry's team or cohort
(a cohort's trainers are its members); drafts -> only their author.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from werkboek.casebook import schema as t
from werkboek.casebook.records import EntryFilter, Viewer

SHARED = ("team", "course")


def _no_index(column: sa.ColumnElement[int]) -> sa.ColumnElement[int]:
    """``+column``: the same integer, but the database will not use an index on it to find rows."""
    return sa.UnaryExpression(column, operator=sa.sql.operators.custom_op("+"), type_=column.type)


def visible_to(viewer: Viewer) -> sa.ColumnElement[bool]:
    """The rule above as a condition. Its columns are only checked, never used to find rows:
    otherwise SQLite (which keeps no statistics) reads every row of the viewer's teams
    through two indexes and sorts them, even for a page of 30 of one principle."""
    entries = t.entries
    mine = viewer.member_ids or ({viewer.member_id} - {None})
    own = _no_index(entries.c.author_id).in_(mine) if mine else sa.false()
    where = (_no_index(entries.c.session_id) == viewer.guest_session
             if viewer.guest_session is not None  # a guest: only this session's answers
             else _no_index(entries.c.team_id).in_(viewer.team_ids | viewer.cohort_ids))
    shared = sa.and_(entries.c.status == "final", entries.c.visibility.in_(SHARED), where)
    return sa.or_(own, shared)


def search_words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def full_text(dialect: str, text: str) -> sa.ColumnElement[bool] | None:
    """Entries whose text contains every word of ``text`` (as a word start); None: no words."""
    words = search_words(text)
    if not words:
        return None
    if dialect == "sqlite":
        match = " ".join(f'"{word}"*' for word in words)
        ids = (
            sa.select(sa.column("entry_id"))
            .select_from(sa.table("entries_fts"))
            .where(sa.text("entries_fts MATCH :fts_query").bindparams(fts_query=match))
        )
        return t.entries.c.id.in_(ids)
    params = {f"fts_{i}": f"{word}:*" for i, word in enumerate(words)}
    query = " && ".join(
        f"(to_tsquery('dutch', :{name}) || to_tsquery('simple', :{name}))" for name in params
    )
    return sa.text(f"entries.search @@ ({query})").bindparams(**params)


def cites(principle: str) -> sa.ColumnElement[bool]:
    """Entries citing ``principle``, found through the ``entry_principles`` index."""
    cited = t.entry_principles
    return sa.exists().where(cited.c.entry_id == t.entries.c.id, cited.c.principle == principle)


EQUALS = (
    "team_id",
    "case_id",
    "session_id",
    "exercise",
    "module",
    "step",
    "author_id",
    "role",
    "kind",
    "level",
    "tension",
    "status",
)


def entry_conditions(
    dialect: str, viewer: Viewer | None, filters: EntryFilter
) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions for ``filters``; ``viewer`` None only for the administrator's commands."""
    entries = t.entries
    conditions = [] if viewer is None else [visible_to(viewer)]
    for name in EQUALS:
        value = getattr(filters, name)
        if value is not None:
            conditions.append(entries.c[name] == value)
    if filters.principle is not None:
        conditions.append(cites(filters.principle))
    if filters.since is not None:
        conditions.append(entries.c.created_at >= filters.since)
    if filters.until is not None:
        conditions.append(entries.c.created_at < filters.until)
    if filters.text:
        condition = full_text(dialect, filters.text)
        if condition is not None:
            conditions.append(condition)
    if not filters.include_hidden:
        conditions.append(entries.c.hidden == sa.false())
    return conditions
