"""The casebook's tables as SQLAlchemy Core metadata, matching the newest migration.

Queries use these tables; only the migrations in ``migrations/versions`` create or change
them in a database (``tests/casebook/test_migrations.py`` checks that both agree).
"""

from __future__ import annotations

from datetime import UTC, datetime, time

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB


class UTCDateTime(sa.types.TypeDecorator):
    """A moment in time, stored as naive UTC on both databases and returned timezone-aware."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, datetime):  # a plain date means its first moment (UTC)
            value = datetime.combine(value, time.min)
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):  # raw SQL on SQLite returns text
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC)


def json_type() -> sa.types.TypeEngine:
    """JSON everywhere; JSONB on PostgreSQL so a principle can be found inside a list."""
    return sa.JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


metadata = sa.MetaData()

teams = sa.Table(
    "teams",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("name", "kind", name="uq_teams_name_kind"),
)

# A person who signs in: a display name (their pseudonym) and a passphrase hash (argon2id).
# ``name_key`` is the name case-folded, so "gw-2" and "GW-2" are one account.
accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("name_key", sa.String(100), nullable=False, unique=True),
    sa.Column("passphrase_hash", sa.String(200), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

# A membership of a team or cohort, with the role granted there. ``account_id`` is None only
# for the laptop owner's personal journal (no sign-in on loopback).
members = sa.Table(
    "members",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    sa.Column("pseudonym", sa.String(100), nullable=False),
    sa.Column("role", sa.String(50), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column(
        "account_id", sa.Integer, sa.ForeignKey("accounts.id"), nullable=True
    ),  # no ON DELETE: SQLite's reflection misses it on an added column; removal unlinks first
    # Only a hub group (``werkboek:<team>:<role>``) holds this membership: leaving the group
    # ends it. False once a beheerder grants it too (werkboek.casebook.hub).
    sa.Column("hub_granted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.UniqueConstraint("team_id", "pseudonym", name="uq_members_team_pseudonym"),
    sa.Index("ix_members_account_id", "account_id"),
)

# A signed-in browser: the digest of its cookie's token; ended at sign-out, removal or expiry.
logins = sa.Table(
    "logins",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("token_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("label", sa.String(100), nullable=False),
    sa.Column("remember", sa.Boolean, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("seen_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("ended_at", UTCDateTime, nullable=True),
    sa.Index("ix_logins_account_id", "account_id"),
)

# A one-time link to choose a passphrase: the digest of its token, valid until ``expires_at``.
invites = sa.Table(
    "invites",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("token_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("used_at", UTCDateTime, nullable=True),
)

cases = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("life_domains", json_type(), nullable=False),
    sa.Column("tension_fields", json_type(), nullable=False),
    sa.Column("privacy", sa.String(10), nullable=False),
    sa.Column(
        "created_by", sa.Integer, sa.ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    ),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

# Per case: keyed hash of an original name/place -> the placeholder used for it. Never the original.
case_pseudonyms = sa.Table(
    "case_pseudonyms",
    metadata,
    sa.Column(
        "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("original_hash", sa.String(64), primary_key=True),
    sa.Column("placeholder", sa.String(100), nullable=False),
    sa.UniqueConstraint("case_id", "placeholder", name="uq_case_pseudonyms_placeholder"),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="SET NULL"), nullable=True),
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
    # Digest of the projector's read-only link (unguessable; the join code is not enough).
    sa.Column("projector_digest", sa.String(64), nullable=True),
    # The facilitator let guests join (a chain partner, an intern): this session only.
    sa.Column("guests_allowed", sa.Boolean, nullable=False, server_default=sa.false()),
)

# A guest of one session: the member they write as, bound to their browser by the digest of a
# secret in its cookie (another browser never becomes the same guest).
guests = sa.Table(
    "guests",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column(
        "member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("token_digest", sa.String(64), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.UniqueConstraint("session_id", "token_digest", name="uq_guests_session_token"),
)

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("id", sa.Uuid, primary_key=True),
    sa.Column(
        "author_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("role", sa.String(50), nullable=False),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    sa.Column(
        "session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True
    ),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="SET NULL"), nullable=True),
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
    sa.Column("hidden", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("hidden_reason", sa.Text, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_entries_team_id", "team_id"),
    sa.Index("ix_entries_session_id", "session_id"),
    sa.Index("ix_entries_case_id", "case_id"),
    sa.Index("ix_entries_author_id", "author_id"),
    sa.Index("ix_entries_updated_at", "updated_at"),
    sa.Index("ix_entries_created_at", "created_at"),
)

# The principles an entry cites (also in ``entries.principles``), one row each, so that the
# entries citing one principle are found through an index instead of reading every list.
entry_principles = sa.Table(
    "entry_principles",
    metadata,
    sa.Column(
        "entry_id", sa.Uuid, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("principle", sa.String(100), primary_key=True),
    sa.Index("ix_entry_principles_principle", "principle", "entry_id"),
)

votes = sa.Table(
    "votes",
    metadata,
    sa.Column(
        "entry_id", sa.Uuid, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("votes", sa.Integer, nullable=False),
    sa.Index("ix_votes_session_id", "session_id"),
)

actions = sa.Table(
    "actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    sa.Column(
        "session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
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
        "created_by", sa.Integer, sa.ForeignKey("members.id", ondelete="SET NULL"), nullable=True
    ),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_actions_team_id", "team_id"),
)

# A course group's meeting as its trainer planned it: its place in the plan (``number``), date,
# title, modules and exercises (ids, in order), work form and length; ``opened``: its exercises
# are open for the group.
meetings = sa.Table(
    "meetings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
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
    sa.Index("ix_meetings_team_id", "team_id"),
)

# Who was at a meeting, as its trainer marked it (accreditation needs it).
attendance = sa.Table(
    "attendance",
    metadata,
    sa.Column(
        "meeting_id", sa.Integer, sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "member_id", sa.Integer, sa.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("present", sa.Boolean, nullable=False),
)

# Who did what, when: never any text a person wrote.
audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor_id", sa.Integer, nullable=True),  # no FK: survives erasure of the member
    sa.Column("event", sa.String(50), nullable=False),
    sa.Column("object_type", sa.String(30), nullable=False),
    sa.Column("object_id", sa.String(40), nullable=True),
)
