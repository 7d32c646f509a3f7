"""The casebook: one shared store of teams, cases, sessions, entries and follow-up actions.

Pages and commands use only what is exported here. Every text passes the privacy guard
before it is stored, visibility is enforced in the store's own queries, and the schema
changes only through the Alembic migrations in ``migrations/``. Importing this package
does not import pandas (``entries_frame`` and friends load it when called).
"""

from werkboek.casebook.errors import (
    CasebookError,
    CasebookUnavailable,
    InvalidInput,
    NotAllowed,
    NotFound,
    SchemaOutdated,
    SchemaTooNew,
)
from werkboek.casebook.records import (
    Account,
    Action,
    Case,
    Entry,
    EntryFilter,
    Login,
    Meeting,
    Member,
    Principal,
    Session,
    Team,
    Viewer,
)

__all__ = [
    "Account",
    "Action",
    "Case",
    "Casebook",
    "CasebookError",
    "CasebookUnavailable",
    "Entry",
    "EntryFilter",
    "InvalidInput",
    "Login",
    "Meeting",
    "Member",
    "NotAllowed",
    "NotFound",
    "Principal",
    "SchemaOutdated",
    "SchemaTooNew",
    "Session",
    "Team",
    "Viewer",
    "open_casebook",
]


def __getattr__(name: str):
    # The store pulls in SQLAlchemy; a page that only needs records or errors should not pay for it.
    if name in ("Casebook", "open_casebook"):
        from werkboek.casebook import store  # SQLAlchemy only when a casebook is opened

        return getattr(store, name)
    raise AttributeError(f"module 'werkboek.casebook' has no attribute {name!r}")
