"""A membership records whether only a hub group holds it (``hub_granted``), so leaving that
group ends it and being put back in the group links the same membership again.

Existing memberships are held by a beheerder (false): nothing ends that a beheerder granted.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN on both databases (no batch copy of the table on SQLite: dropping the
    # old copy would cascade to the entries).
    op.add_column("members", sa.Column("hub_granted", sa.Boolean, nullable=False,
                                       server_default=sa.false()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE members DROP COLUMN hub_granted")
    else:
        op.drop_column("members", "hub_granted")
