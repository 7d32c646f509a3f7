"""Errors the casebook raises; every message is Dutch and meant for the person using werkboek."""

from __future__ import annotations

GUESTS_CLOSED = ("Bij deze bespreking kun je niet als gast meedoen. Vraag de gespreksleider om "
                 "gasten toe te laten, of meld je aan.")


class CasebookError(Exception):
    """Something the user can act on: the message says what happened and what to do."""


class SchemaOutdated(CasebookError):
    """The casebook was made by an older werkboek and needs `werkboek init`."""


class SchemaTooNew(CasebookError):
    """The casebook was made by a newer werkboek than the one running."""


class CasebookUnavailable(CasebookError):
    """The database cannot be written right now: read-only, locked too long, or unreachable."""


class NotAllowed(CasebookError):
    """The viewer may not see or change this item."""


class NotFound(CasebookError):
    """The item does not exist (or is not visible to the viewer)."""


class InvalidInput(CasebookError):
    """A value the casebook cannot store as given."""
