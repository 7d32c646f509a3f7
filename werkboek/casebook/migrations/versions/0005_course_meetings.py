"""A course group's meetings (the trainer's plan: date, modules, exercises, work form) and who
attended each one.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from werkboek.casebook.schema import UTCDateTime, json_type

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("modules", json_type(), nullable=False),
        sa.Column("exercises", json_type(), nullable=False),
        sa.Column("work_form", sa.String(300), nullable=False),
        sa.Column("theme", sa.String(300), nullable=False, server_default=""),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("opened", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_meetings_team_id", "meetings", ["team_id"])
    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("present", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("attendance")
    op.drop_index("ix_meetings_team_id", "meetings")
    op.drop_table("meetings")
