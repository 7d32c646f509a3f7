"""Reads a case discussion needs that the store's API does not offer yet.

``member_votes`` answers "which hypotheses did I vote for?", so a participant who closes the tab
and comes back sees their own votes again. Meant to move into ``EntriesMixin`` as
``Casebook.member_votes(session_id, member_id)``; until then it reads through the store's engine.
"""

from __future__ import annotations

from uuid import UUID

import sqlalchemy as sa

from werkboek.casebook import schema as t


def member_votes(cb, session_id: int, member_id: int) -> dict[UUID, int]:
    """The votes ``member_id`` gave per entry in ``session_id`` (entries without votes left out)."""
    query = sa.select(t.votes.c.entry_id, t.votes.c.votes).where(
        t.votes.c.session_id == session_id, t.votes.c.member_id == member_id
    )
    with cb.engine.connect() as conn:
        return {entry_id: int(votes) for entry_id, votes in conn.execute(query)}
