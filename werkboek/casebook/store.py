"""The ``Casebook``: one object with every store operation, and ``open_casebook`` to get one."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from werkboek.casebook import schema as t
from werkboek.casebook.accounts import AccountsMixin
from werkboek.casebook.actions import ActionsMixin
from werkboek.casebook.base import reads, translate
from werkboek.casebook.cases import CasesMixin
from werkboek.casebook.course import CourseMixin
from werkboek.casebook.engine import get_engine, sqlite_file
from werkboek.casebook.entries import EntriesMixin
from werkboek.casebook.errors import SchemaOutdated
from werkboek.casebook.frames import FramesMixin
from werkboek.casebook.hub import HubAccountsMixin
from werkboek.casebook.maintenance import MaintenanceMixin
from werkboek.casebook.migrate import check_revision, head_revision, revision_of, upgrade
from werkboek.casebook.sessions import SessionsMixin
from werkboek.casebook.teams import TeamsMixin
from werkboek.settings import get_settings

COUNTED = {
    "teams": t.teams,
    "members": t.members,
    "cases": t.cases,
    "sessions": t.sessions,
    "entries": t.entries,
    "actions": t.actions,
}


class Casebook(
    HubAccountsMixin,
    AccountsMixin,
    TeamsMixin,
    CasesMixin,
    CourseMixin,
    SessionsMixin,
    EntriesMixin,
    ActionsMixin,
    FramesMixin,
    MaintenanceMixin,
):
    """The shared casebook. Every method returns plain frozen records (see ``records``)."""

    @reads
    def counts(self) -> dict[str, int]:
        """How many teams, members, cases, sessions, entries and actions the casebook holds."""
        with self._read() as conn:
            return {
                name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in COUNTED.items()
            }

    def is_empty(self) -> bool:
        return self.counts()["entries"] == 0

    @property
    def location(self) -> str:
        """Where the casebook lives, for the operator's messages (password hidden); never shown
        on a page."""
        return location_of(self.url)


def location_of(url: str) -> str:
    path = sqlite_file(url)
    return str(path) if path is not None else sa.make_url(url).render_as_string(hide_password=True)


_checked: set[str] = set()


def open_casebook(
    url: str | None = None, *, scanner=None, upgrade: bool = False, settings=None
) -> Casebook:
    """The casebook at ``url`` (default: the configured one), checked against this code's schema.

    A casebook made by an older werkboek (or not made yet) raises ``SchemaOutdated`` unless
    ``upgrade=True`` (what `werkboek init` does); one made by a newer werkboek raises
    ``SchemaTooNew`` and is left untouched. Cheap to call again: the engine and the schema
    check are kept per URL per process.
    """

    settings = settings or get_settings()
    url = url or settings.url
    path = sqlite_file(url)
    if path is not None and not path.exists() and not upgrade:
        # No path in the message: pages show it to visitors (the CLI adds the location).
        raise SchemaOutdated(
            "Er is nog geen casebook. Start werkboek opnieuw met `werkboek serve` of draai "
            "`werkboek init`: dat maakt het aan."
        )
    if path is not None and upgrade:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = get_engine(url)
    if url not in _checked:
        try:
            if upgrade:
                migrate_to_head(engine)
            else:
                check_revision(revision_of(engine))
        except sa.exc.DBAPIError as exc:
            raise translate(exc) from exc
        _checked.add(url)
    key_dir = path.parent if path is not None else Path(settings.casebook_dir)
    return Casebook(engine, scanner=scanner, key_dir=key_dir, settings=settings)


def create_missing_casebook(url: str | None = None, *, settings=None) -> str | None:
    """Make the casebook at ``url`` (default: the configured one) when there is none yet, as
    `werkboek init` does; an existing one is left as it is. Returns a Dutch line for the
    operator when it made one or when the existing one needs `werkboek init`, else None."""

    settings = settings or get_settings()
    url = url or settings.url
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = get_engine(url)
    try:
        revision = revision_of(engine)
        if revision is None:
            migrate_to_head(engine)
            return f"Nieuw casebook aangemaakt: {location_of(url)}."
        check_revision(revision)
    except sa.exc.DBAPIError as exc:
        raise translate(exc) from exc
    except SchemaOutdated as exc:
        return str(exc)
    return None


def migrate_to_head(engine) -> tuple[str | None, str]:
    """Create or upgrade the casebook; returns (revision before, revision after)."""
    before = revision_of(engine)
    if before == head_revision():
        return before, before
    try:
        return upgrade(engine)
    except sa.exc.OperationalError as exc:
        raise translate(exc) from exc


def forget_checks() -> None:
    """Check the schema again on the next open (after an upgrade by another process)."""
    _checked.clear()



