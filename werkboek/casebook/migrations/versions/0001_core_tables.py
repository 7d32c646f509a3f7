"""Core tables: teams, members, cases (with pseudonym mapping), sessions, entries, actions, audit.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from werkboek.casebook.schema import UTCDateTime, json_type

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("name", "kind", name="uq_teams_name_kind"),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("pseudonym", sa.String(100), nullable=False),
        sa.Column("role", sa.String(50), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("team_id", "pseudonym", name="uq_members_team_pseudonym"),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("life_domains", json_type(), nullable=False),
        sa.Column("tension_fields", json_type(), nullable=False),
        sa.Column("privacy", sa.String(10), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer,
            sa.ForeignKey("members.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "case_pseudonyms",
        sa.Column(
            "case_id",
            sa.Integer,
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("original_hash", sa.String(64), primary_key=True),
        sa.Column("placeholder", sa.String(100), nullable=False),
        sa.UniqueConstraint("case_id", "placeholder", name="uq_case_pseudonyms_placeholder"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("module_id", sa.String(100), nullable=True),
        sa.Column("exercise_id", sa.String(100), nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column(
            "facilitator_id",
            sa.Integer,
            sa.ForeignKey("members.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("presenter", sa.String(100), nullable=True),
        sa.Column("named_mode", sa.Boolean, nullable=False),
        sa.Column("join_code", sa.String(6), nullable=False, unique=True),
        sa.Column("phase", sa.String(50), nullable=False),
        sa.Column("closed_at", UTCDateTime, nullable=True),
        sa.Column("facilitator_token", sa.String(100), nullable=True),
        sa.Column("facilitator_seen_at", UTCDateTime, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column(
            "author_id",
            sa.Integer,
            sa.ForeignKey("members.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("role", sa.String(50), nullable=False),
        sa.Column(
            "team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("module", sa.String(100), nullable=True),
        sa.Column("exercise", sa.String(100), nullable=True),
        sa.Column("step", sa.String(100), nullable=True),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", json_type(), nullable=True),
        sa.Column("level", sa.String(100), nullable=True),
        sa.Column("tension", sa.String(100), nullable=True),
        sa.Column("position", sa.Float, nullable=True),
        sa.Column("principles", json_type(), nullable=False),
        sa.Column("visibility", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("privacy", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    for column in ("team_id", "session_id", "case_id", "author_id", "updated_at"):
        op.create_index(f"ix_entries_{column}", "entries", [column])
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("what", sa.Text, nullable=False),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column(
            "reviewed_session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("review_note", sa.Text, nullable=True),
        sa.Column(
            "created_by",
            sa.Integer,
            sa.ForeignKey("members.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_actions_team_id", "actions", ["team_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("actor_id", sa.Integer, nullable=True),
        sa.Column("event", sa.String(50), nullable=False),
        sa.Column("object_type", sa.String(30), nullable=False),
        sa.Column("object_id", sa.String(40), nullable=True),
    )


def downgrade() -> None:
    for table in (
        "audit",
        "actions",
        "entries",
        "sessions",
        "case_pseudonyms",
        "cases",
        "members",
        "teams",
    ):
        op.drop_table(table)
