"""Care of the casebook as a whole: backups, retention (purge), AVG erasure, integrity check.

These are the administrator's operations (the `werkboek` command); they see every entry,
so they take no viewer. Every one of them writes an audit row without any content.
"""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from werkboek.casebook import schema as t
from werkboek.casebook.base import StoreBase, writes
from werkboek.casebook.engine import sqlite_file
from werkboek.casebook.errors import CasebookError, InvalidInput
from werkboek.vocab import CLOSED_STATUSES

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

    def purge(self, months: int) -> int:
        """Delete entries, finished actions, sessions held and cases made more than ``months``
        ago (a case or session that still has newer answers stays); returns the entries."""
        count = self._purge(months)
        self.scrub()
        return count

    @writes
    def _purge(self, months: int) -> int:
        before = months_ago(months)
        with self._write() as conn:
            old_entries = t.entries.c.updated_at < before
            count = conn.execute(t.entries.delete().where(old_entries)).rowcount
            old_actions = sa.and_(
                t.actions.c.updated_at < before, t.actions.c.status.in_(CLOSED_STATUSES)
            )
            count_actions = conn.execute(t.actions.delete().where(old_actions)).rowcount
            answered = sa.select(t.entries.c.session_id).where(t.entries.c.session_id.is_not(None))
            count_sessions = conn.execute(t.sessions.delete().where(
                t.sessions.c.held_on < before.date(), t.sessions.c.id.not_in(answered))).rowcount
            in_use = sa.union(
                sa.select(t.entries.c.case_id).where(t.entries.c.case_id.is_not(None)),
                sa.select(t.sessions.c.case_id).where(t.sessions.c.case_id.is_not(None)))
            count_cases = conn.execute(t.cases.delete().where(
                t.cases.c.created_at < before, t.cases.c.id.not_in(in_use))).rowcount
            self._audit(conn, None, "purge", "entries", count)
            self._audit(conn, None, "purge", "actions", count_actions)
            self._audit(conn, None, "purge", "sessions", count_sessions)
            self._audit(conn, None, "purge", "cases", count_cases)
        return count

    def erase(self, name: str) -> dict[str, int]:
        """AVG erasure (administrator, `werkboek erase --member`): everything of the member
        ``name`` (their account, in every team; a membership without an account by its
        pseudonym), the account and its sign-ins included. Leaves nothing readable in the file."""
        result = self._erase_by_name(name)
        self.scrub()
        return result

    @writes
    def _erase_by_name(self, name: str) -> dict[str, int]:
        with self._write() as conn:
            account_id = conn.execute(sa.select(t.accounts.c.id).where(
                t.accounts.c.name_key == name.strip().casefold())).scalar()
            whose = t.members.c.account_id == account_id if account_id is not None else sa.false()
            unlinked = sa.and_(t.members.c.account_id.is_(None), t.members.c.pseudonym == name)
            rows = conn.execute(sa.select(t.members.c.id, t.members.c.pseudonym)
                                .where(sa.or_(whose, unlinked))).all()
            result = self._erase_members(conn, [r.id for r in rows],
                                         {r.pseudonym for r in rows} | {name})
            if account_id is not None:
                conn.execute(t.accounts.delete().where(t.accounts.c.id == account_id))
                self._audit(conn, None, "erase", "account", account_id)
            return result

    def scrub(self) -> None:
        """Make what was deleted unreadable in a SQLite file: the full-text index is merged (its
        old segments held the words), freed pages are zeroed (``secure_delete``, on for every
        connection) and the write-ahead log is emptied into the file. PostgreSQL: ``VACUUM``
        is left to the server's autovacuum; its backups are the operator's (casebook/README)."""
        if self.dialect != "sqlite":
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("INSERT INTO entries_fts(entries_fts) VALUES ('optimize')")
            conn.commit()
        connection = self.engine.raw_connection()  # no transaction: a checkpoint needs none
        try:
            connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()

    def erase_member(self, viewer) -> dict[str, int]:
        """AVG erasure by the person themself: everything of the viewer's own membership only.
        A membership granted to their account stays (they remain in the team with their role);
        only a membership without an account goes too."""
        result = self._erase_own(viewer)
        self.scrub()
        return result

    @writes
    def _erase_own(self, viewer) -> dict[str, int]:
        member_id = self._require_member(viewer)
        with self._write() as conn:
            pseudonym = conn.execute(
                sa.select(t.members.c.pseudonym).where(t.members.c.id == member_id)
            ).scalar()
            if pseudonym is None:
                return {"members": 0, "entries": 0, "actions": 0}
            return self._erase_members(conn, [member_id], {pseudonym}, keep_granted=True)

    def _erase_members(self, conn, member_ids: list[int], pseudonyms: set[str], *,
                       keep_granted: bool = False) -> dict[str, int]:
        """Entries, votes (cascade) and memberships of ``member_ids`` (with ``keep_granted``
        not those an account holds); the actions they made; their name off the other actions
        and sessions; the texts of cases they wrote; the reasons they gave for hiding an answer;
        a text of theirs taken into a meeting's plan as its theme; their attendance marks
        (cascade, once the membership goes)."""
        teams = list(
            conn.execute(
                sa.select(t.members.c.team_id).where(t.members.c.id.in_(member_ids))
            ).scalars()
        )
        hidden_by_them = [uuid.UUID(i) for i in conn.execute(sa.select(t.audit.c.object_id).where(
            t.audit.c.event == "hide", t.audit.c.actor_id.in_(member_ids))).scalars()]
        conn.execute(t.entries.update().where(t.entries.c.id.in_(hidden_by_them))
                     .values(hidden_reason=None))
        # A text of theirs a trainer took into a meeting's plan (a proposed theme) goes as well.
        written = sa.select(sa.func.substr(t.entries.c.text, 1, 300)).where(
            t.entries.c.author_id.in_(member_ids), t.entries.c.text != "")
        conn.execute(t.meetings.update().where(t.meetings.c.team_id.in_(teams),
                                               t.meetings.c.theme.in_(written)).values(theme=""))
        entries = conn.execute(
            t.entries.delete().where(t.entries.c.author_id.in_(member_ids))
        ).rowcount
        conn.execute(t.actions.delete().where(t.actions.c.created_by.in_(member_ids)))
        in_their_teams = t.actions.c.team_id.in_(teams)
        actions = conn.execute(
            t.actions.update()
            .where(t.actions.c.owner.in_(pseudonyms), in_their_teams)
            .values(owner=ERASED_OWNER)
        ).rowcount
        conn.execute(
            t.sessions.update()
            .where(t.sessions.c.presenter.in_(pseudonyms), t.sessions.c.team_id.in_(teams))
            .values(presenter=None)
        )
        conn.execute(t.cases.update().where(t.cases.c.created_by.in_(member_ids))
                     .values(title=ERASED_OWNER, summary=ERASED_OWNER, created_by=None))
        gone = t.members.c.id.in_(member_ids)
        if keep_granted:
            gone = sa.and_(gone, t.members.c.account_id.is_(None))
        members = conn.execute(t.members.delete().where(gone)).rowcount
        for member_id in member_ids:
            self._audit(conn, None, "erase", "member", member_id)
        return {"members": members, "entries": entries, "actions": actions}

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
