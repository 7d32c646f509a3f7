"""Full-text search (SQLite FTS5 / PostgreSQL tsvector 'dutch'), votes, hidden entries.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# SQLite keeps its own copy of the text in an FTS5 table (entries has no stable integer rowid
# to use as external content), kept in sync by triggers.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE entries_fts USING fts5("
    "entry_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO entries_fts (entry_id, text) SELECT id, text FROM entries",
    "CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN "
    "INSERT INTO entries_fts (entry_id, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN "
    "DELETE FROM entries_fts WHERE entry_id = old.id; END",
    "CREATE TRIGGER entries_fts_update AFTER UPDATE OF text ON entries BEGIN "
    "UPDATE entries_fts SET text = new.text WHERE entry_id = old.id; END",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER entries_fts_update",
    "DROP TRIGGER entries_fts_delete",
    "DROP TRIGGER entries_fts_insert",
    "DROP TABLE entries_fts",
]
# PostgreSQL: Dutch stems (so "kinderen" finds "kind") plus the words as written (so a word
# start such as "boos" finds "boosheid", which the stemmer would turn into "bos").
POSTGRES_FTS = [
    "ALTER TABLE entries ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('dutch', text) || to_tsvector('simple', text)) STORED",
    "CREATE INDEX ix_entries_search ON entries USING gin (search)",
]
POSTGRES_FTS_DROP = ["DROP INDEX ix_entries_search", "ALTER TABLE entries DROP COLUMN search"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("hidden_reason", sa.Text, nullable=True))
    op.create_table(
        "votes",
        sa.Column(
            "entry_id",
            sa.Uuid,
            sa.ForeignKey("entries.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "member_id",
            sa.Integer,
            sa.ForeignKey("members.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("votes", sa.Integer, nullable=False),
    )
    op.create_index("ix_votes_session_id", "votes", ["session_id"])
    dialect = op.get_bind().dialect.name
    _run(SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _run(SQLITE_FTS_DROP if dialect == "sqlite" else POSTGRES_FTS_DROP)
    op.drop_index("ix_votes_session_id", "votes")
    op.drop_table("votes")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("hidden_reason")
        batch.drop_column("hidden")
