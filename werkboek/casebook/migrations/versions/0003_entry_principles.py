"""Principles cited by an entry in a table of their own, indexed; entries indexed by creation.

Finding the entries that cite a principle scanned the JSON list of every entry; with
``entry_principles`` it is an index lookup. The table is filled from the existing entries.
``ix_entries_created_at`` serves every list of entries, which is ordered by ``created_at``.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FILL = {
    "sqlite": "INSERT INTO entry_principles (entry_id, principle) "
    "SELECT DISTINCT entries.id, p.value FROM entries, json_each(entries.principles) AS p "
    "WHERE p.type = 'text'",
    "postgresql": "INSERT INTO entry_principles (entry_id, principle) "
    "SELECT DISTINCT id, jsonb_array_elements_text(CASE jsonb_typeof(principles) "
    "WHEN 'array' THEN principles ELSE '[]' END) FROM entries",
}


def upgrade() -> None:
    op.create_table(
        "entry_principles",
        sa.Column(
            "entry_id",
            sa.Uuid,
            sa.ForeignKey("entries.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("principle", sa.String(100), primary_key=True),
    )
    op.create_index(
        "ix_entry_principles_principle", "entry_principles", ["principle", "entry_id"]
    )
    op.create_index("ix_entries_created_at", "entries", ["created_at"])
    op.execute(FILL[op.get_bind().dialect.name])


def downgrade() -> None:
    op.drop_index("ix_entries_created_at", "entries")
    op.drop_index("ix_entry_principles_principle", "entry_principles")
    op.drop_table("entry_principles")
