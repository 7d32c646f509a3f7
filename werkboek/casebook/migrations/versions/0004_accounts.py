"""Accounts that sign in, their signed-in devices and invites; members belong to an account;
a session's projector has a link of its own; a session may let guests join.

Every existing member of a team or cohort becomes an account without a passphrase (nobody can
sign in as it until a beheerder sends an invite: `werkboek member reset`). A pseudonym used in
several teams becomes one account per team, named "<pseudonym> (<team>)" after the first, since
nothing in an old casebook proves they are one person. The laptop owner's personal journal
("ik" in the team "Persoonlijk") gets no account: it needs no sign-in on loopback.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from werkboek.casebook.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(100), nullable=False, unique=True),
        sa.Column("passphrase_hash", sa.String(200), nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its reference in one statement (no ALTER of constraints);
        # batch mode would copy the table, and dropping the old copy would cascade to entries.
        op.execute("ALTER TABLE members ADD COLUMN account_id INTEGER "
                   "REFERENCES accounts (id)")
    else:
        op.add_column(
            "members",
            sa.Column(
                "account_id",
                sa.Integer,
                sa.ForeignKey("accounts.id"),
                nullable=True,
            ),
        )
    op.create_index("ix_members_account_id", "members", ["account_id"])
    op.create_table(
        "logins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("remember", sa.Boolean, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("seen_at", UTCDateTime, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.Column("ended_at", UTCDateTime, nullable=True),
    )
    op.create_index("ix_logins_account_id", "logins", ["account_id"])
    op.create_table(
        "invites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer,
            sa.ForeignKey("accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False),
        sa.Column("used_at", UTCDateTime, nullable=True),
    )
    op.add_column("sessions", sa.Column("projector_digest", sa.String(64), nullable=True))
    op.add_column("sessions", sa.Column("guests_allowed", sa.Boolean, nullable=False,
                                        server_default=sa.false()))
    op.create_table(
        "guests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer,
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "member_id",
            sa.Integer,
            sa.ForeignKey("members.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("token_digest", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.UniqueConstraint("session_id", "token_digest", name="uq_guests_session_token"),
    )
    # The role is spelled as the guide does (issue 16); stored answers keep their role too.
    op.execute("UPDATE members SET role = 'kinderwerker' WHERE role = 'kindwerker'")
    op.execute("UPDATE entries SET role = 'kinderwerker' WHERE role = 'kindwerker'")
    give_members_accounts(op.get_bind())


def give_members_accounts(conn) -> None:
    rows = conn.execute(
        sa.text(
            "SELECT members.id, members.pseudonym, members.created_at, teams.name AS team "
            "FROM members JOIN teams ON teams.id = members.team_id "
            "WHERE teams.kind <> 'personal' ORDER BY members.id"
        )
    ).all()
    taken: set[str] = set()
    for row in rows:
        name = row.pseudonym if row.pseudonym.casefold() not in taken else f"{row.pseudonym} ({row.team})"
        name = name[:100]
        taken.add(name.casefold())
        account_id = conn.execute(
            sa.text(
                "INSERT INTO accounts (name, name_key, created_at) "
                "VALUES (:name, :key, :at) RETURNING id"
            ),
            {"name": name, "key": name.casefold(), "at": row.created_at},
        ).scalar_one()
        conn.execute(
            sa.text("UPDATE members SET account_id = :account WHERE id = :id"),
            {"account": account_id, "id": row.id},
        )


def downgrade() -> None:
    op.drop_table("guests")
    op.drop_column("sessions", "guests_allowed")
    op.drop_column("sessions", "projector_digest")
    op.drop_table("invites")
    op.drop_table("logins")
    op.drop_index("ix_members_account_id", "members")
    op.drop_column("members", "account_id")
    op.drop_table("accounts")
