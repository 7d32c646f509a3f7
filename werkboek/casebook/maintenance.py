"""Care of the casebook as a whole: backups, retention (purge), AVG erasure, integrity check.

These are the administrator's operations (the `werkboek` command); they see every entry,
so they take no viewer. Every one of them writes an audit row without any content.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from werkboek.casebook import schema as t
from werkboek.casebook.base import StoreBase, writes
from werkboek.casebook.engine import sqlite_file
from werkboek.casebook.errors import CasebookError, InvalidInput

ERASED_OWNER = "[gewist]"
PG_DUMP_ADVICE = (
    "Dit casebook staat in PostgreSQL; daar maakt werkboek zelf geen kopie van.\n"
    "Maak een reservekopie met pg_dump, bijvoorbeeld:\n"
    "  pg_dump --format=custom --file=casebook.dump <databasenaam>\n"
    "en zet hem terug met pg_restore. Bewaar de kopie op een beveiligde plek."
)


def months_ago(months: int, now: datetime | None = None) -> datetime:
    """The same day-of-month ``months`` back (clamped to the month's last day)."""
    now = now or t.utcnow()
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    for day in range(now.day, 0, -1):
        try:
            return now.replace(year=year, month=month + 1, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def parse_months(text: str) -> int:
    """'24m', '24' or '2y' -> months."""
    value = text.strip().lower()
    factor = 12 if value.endswith(("y", "j")) else 1
    value = value.rstrip("myj")
    if not value.isdigit() or int(value) < 1:
        raise InvalidInput(f"Onbekende termijn {text!r}: schrijf bijvoorbeeld 24m of 2j.")
    return int(value) * factor


def backup(url: str, destination: Path) -> Path:
    """Copy a SQLite casebook with SQLite's online backup API (safe while others write)."""
    source = sqlite_file(url)
    if source is None:
        raise CasebookError(PG_DUMP_ADVICE)
    if not source.exists():
        raise CasebookError(f"Er is nog geen casebook op {source}; er is niets om te bewaren.")
    destination = Path(destination)
    if destination.is_dir() or not destination.suffix:  # a folder: name the copy by its time
        destination.mkdir(parents=True, exist_ok=True)
        stamp = t.utcnow().strftime("%Y%m%d-%H%M%S")
        destination = destination / f"casebook-{stamp}.sqlite"
    if destination.exists():
        raise CasebookError(f"{destination} bestaat al; kies een andere naam.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(destination)) as dst:
        src.backup(dst)
    return destination


class MaintenanceMixin(StoreBase):
    """Administrator operations on the whole casebook."""

    @writes
    def purge(self, months: int) -> int:
        """Delete entries (and finished actions) last changed more than ``months`` ago."""
        before = months_ago(months)
        with self._write() as conn:
            old_entries = t.entries.c.updated_at < before
            count = conn.execute(t.entries.delete().where(old_entries)).rowcount
            old_actions = sa.and_(
                t.actions.c.updated_at < before, t.actions.c.status.in_(("klaar", "vervallen"))
            )
            count_actions = conn.execute(t.actions.delete().where(old_actions)).rowcount
            self._audit(conn, None, "purge", "entries", count)
            self._audit(conn, None, "purge", "actions", count_actions)
        return count

    @writes
    def erase(self, pseudonym: str) -> dict[str, int]:
        """AVG erasure (administrator): everything of ``pseudonym`` in every team."""
        with self._write() as conn:
            member_ids = list(
                conn.execute(
                    sa.select(t.members.c.id).where(t.members.c.pseudonym == pseudonym)
                ).scalars()
            )
            erased = self._erase_members(conn, member_ids, pseudonym)
        self._forget_erased()
        return erased

    @writes
    def erase_member(self, viewer) -> dict[str, int]:
        """AVG erasure by the person themself: everything of the viewer's own membership only."""
        member_id = self._require_member(viewer)
        with self._write() as conn:
            pseudonym = conn.execute(
                sa.select(t.members.c.pseudonym).where(t.members.c.id == member_id)
            ).scalar()
            if pseudonym is None:
                return {"members": 0, "entries": 0, "actions": 0}
            erased = self._erase_members(conn, [member_id], pseudonym)
        self._forget_erased()
        return erased

    def _erase_members(self, conn, member_ids: list[int], pseudonym: str) -> dict[str, int]:
        """Entries, votes (cascade) and memberships of ``member_ids``; their name off actions."""
        if self.dialect == "sqlite":  # what is deleted is overwritten, not only marked free
            conn.exec_driver_sql("PRAGMA secure_delete = ON")
        teams = list(
            conn.execute(
                sa.select(t.members.c.team_id).where(t.members.c.id.in_(member_ids))
            ).scalars()
        )
        entries = conn.execute(
            t.entries.delete().where(t.entries.c.author_id.in_(member_ids))
        ).rowcount
        in_their_teams = t.actions.c.team_id.in_(teams)
        actions = conn.execute(
            t.actions.update()
            .where(t.actions.c.owner == pseudonym, in_their_teams)
            .values(owner=ERASED_OWNER)
        ).rowcount
        conn.execute(
            t.sessions.update()
            .where(t.sessions.c.presenter == pseudonym, t.sessions.c.team_id.in_(teams))
            .values(presenter=None)
        )
        conn.execute(t.members.delete().where(t.members.c.id.in_(member_ids)))
        for member_id in member_ids:
            self._audit(conn, None, "erase", "member", member_id)
        if self.dialect == "sqlite":
            # The search index keeps a deleted entry's words in its older segments until they
            # are merged: merge them now (their freed pages are overwritten, see above).
            conn.exec_driver_sql("INSERT INTO entries_fts(entries_fts) VALUES('optimize')")
        return {"members": len(member_ids), "entries": entries, "actions": actions}

    def _forget_erased(self) -> None:
        """After an erasure on SQLite: write everything back into the database file and empty
        its write-ahead log, which still holds the pages as they were before the erasure.
        Readers still busy are waited for."""
        if self.dialect != "sqlite":
            return
        connection = self.engine.raw_connection()  # no transaction: a checkpoint needs none
        try:
            connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()

    def integrity_problems(self) -> list[str]:
        """Empty when the database's own integrity and foreign-key checks pass."""
        with self._read() as conn:
            if self.dialect != "sqlite":
                conn.execute(sa.select(sa.func.count()).select_from(t.entries)).scalar_one()
                return []
            problems = [
                row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check") if row[0] != "ok"
            ]
            problems += [
                f"verwijzing klopt niet: {row}" for row in conn.exec_driver_sql("PRAGMA foreign_key_check")
            ]
            return problems
