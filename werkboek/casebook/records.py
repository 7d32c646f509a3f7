"""The plain, frozen records the casebook returns; pages never see SQLAlchemy objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

Visibility = Literal["private", "team", "course"]
PrivacyMode = Literal["check", "accept", "fictional"]
VISIBILITIES: tuple[str, ...] = ("private", "team", "course")
PRIVACY_MODES: tuple[str, ...] = ("check", "accept", "fictional")
MAX_VOTES_PER_SESSION = 3  # votes each member may spread over a session's hypotheses


@dataclass(frozen=True)
class Principal:
    """Who the server proved a visitor to be; handed to a page kernel, never chosen by a page.

    ``login_id`` is a signed-in browser of an account (``logins``); ``local`` is the laptop's
    owner on loopback without signing in (the personal journal). Neither: an anonymous visitor,
    who may read the content but nothing of the casebook.
    """

    login_id: int | None = None
    local: bool = False
    guest: str | None = None  # the secret in a not signed-in browser's guest cookie

    @property
    def anonymous(self) -> bool:
        return self.login_id is None and not self.local


@dataclass(frozen=True)
class Viewer:
    """Who is looking and as which membership: decides what the store returns and accepts.

    Only the store makes viewers (``Casebook.viewer``, and ``viewer_for`` for the command line);
    each carries the store's seal, so a viewer put together elsewhere is refused. ``login_id``
    ties it to a signed-in browser: once that sign-in ends (sign-out, removal), so does the viewer.
    """

    member_id: int | None
    team_ids: frozenset[int]
    cohort_ids: frozenset[int] = frozenset()
    trainer: bool = False
    account_id: int | None = None
    login_id: int | None = None
    member_ids: frozenset[int] = frozenset()  # every membership of the account (its own entries)
    roles: tuple[tuple[int, str], ...] = ()  # (team id, role) per membership
    guest_session: int | None = None  # a guest: sees only what this session shows
    seal: str = field(default="", repr=False, compare=False)

    def role_in(self, team_id: int) -> str | None:
        return dict(self.roles).get(team_id)


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    has_passphrase: bool
    created_at: datetime


@dataclass(frozen=True)
class Login:
    """One signed-in browser of an account."""

    id: int
    account_id: int
    account_name: str
    label: str
    remember: bool
    created_at: datetime
    seen_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class Team:
    id: int
    name: str
    kind: str  # "team", "cohort", or "personal" for the local journal user
    created_at: datetime


@dataclass(frozen=True)
class Member:
    id: int
    team_id: int
    pseudonym: str
    role: str
    created_at: datetime


@dataclass(frozen=True)
class Case:
    id: int
    team_id: int
    title: str
    summary: str
    life_domains: tuple[str, ...]
    tension_fields: tuple[str, ...]
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class Session:
    id: int
    team_id: int
    case_id: int | None
    module_id: str | None
    exercise_id: str
    held_on: date
    facilitator_id: int | None
    presenter: str | None
    named_mode: bool
    join_code: str
    phase: str
    closed: bool
    created_at: datetime
    guests_allowed: bool = False


@dataclass(frozen=True)
class Entry:
    id: UUID
    author_id: int
    author: str
    role: str
    team_id: int | None
    session_id: int | None
    case_id: int | None
    module: str | None
    exercise: str | None
    step: str | None
    kind: str
    text: str
    value: Any
    level: str | None
    tension: str | None
    position: float | None
    principles: tuple[str, ...]
    visibility: str
    status: str
    hidden: bool
    privacy: str  # how the text passed the privacy guard: "check", "accept" or "fictional"
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Action:
    id: int
    team_id: int
    session_id: int
    what: str
    owner: str
    due: date
    status: str
    reviewed_session_id: int | None
    review_note: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Meeting:
    """One meeting of a course group's plan; ``modules`` and ``exercises`` are content ids."""

    id: int
    team_id: int
    number: int
    held_on: date
    title: str
    modules: tuple[str, ...]
    exercises: tuple[str, ...]
    work_form: str
    minutes: int
    opened: bool
    theme: str = ""  # a case or theme a participant proposed, taken into the plan


@dataclass(frozen=True)
class EntryFilter:
    """Which entries to return; every field left None does not filter.

    ``text`` is a full-text search (every word must occur, as the start of a word);
    ``since``/``until`` bound ``created_at`` (until is exclusive); oldest first unless
    ``newest_first``.
    """

    team_id: int | None = None
    case_id: int | None = None
    session_id: int | None = None
    exercise: str | None = None
    module: str | None = None
    step: str | None = None
    author_id: int | None = None
    role: str | None = None
    kind: str | None = None
    level: str | None = None
    tension: str | None = None
    principle: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None
    status: str | None = None
    include_hidden: bool = False
    newest_first: bool = False
    limit: int | None = None
    offset: int | None = None
