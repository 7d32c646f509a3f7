"""One SQLAlchemy engine per casebook URL per process, tuned for many concurrent writers.

SQLite: WAL journal, foreign keys on, a busy timeout, and writes that start with
``BEGIN IMMEDIATE`` so two writers never deadlock upgrading a read lock. PostgreSQL:
psycopg 3 with a lock timeout. ``transient`` tells which errors are worth a retry, a connection
the server dropped among them.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

BUSY_TIMEOUT_SECONDS = 30
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def get_engine(url: str) -> Engine:
    """The process-wide engine for ``url`` (created on first use)."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _create(url)
            _engines[url] = engine
        return engine


def dispose_engine(url: str) -> None:
    """Close every pooled connection of ``url`` (tests drop databases; erase/backup may want it)."""
    with _lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


def _create(url: str) -> Engine:
    if make_url(url).get_backend_name() == "sqlite":
        engine = sa.create_engine(
            url,
            connect_args={
                "timeout": BUSY_TIMEOUT_SECONDS,
                "check_same_thread": False,
                # The driver must not open transactions itself: "begin" below does it.
                "isolation_level": None,
            },
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # Waiting for a lock ends with an error (retried by the store) instead of hanging a page.
    options = f"-c lock_timeout={BUSY_TIMEOUT_SECONDS * 1000}"
    # No pre-ping: it costs a round trip on every checkout, and a save checks out twice. A
    # connection the server dropped fails once, SQLAlchemy then renews the pool, and the store
    # runs the call again (``transient``; ``base.reads``).
    return sa.create_engine(url, connect_args={"options": options})


def _sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # A read-only file keeps its journal mode; reading it still works.
    with contextlib.suppress(Exception):
        cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_begin(connection) -> None:
    writing = connection.get_execution_options().get("werkboek_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def transient(exc: BaseException) -> bool:
    """True for errors that go away when the same transaction is simply tried again."""
    if not isinstance(exc, sa.exc.DBAPIError):
        return False
    if exc.connection_invalidated:  # the server closed it (restart, idle timeout): reconnect
        return True
    message = str(exc.orig).lower()
    if "database is locked" in message or "database is busy" in message:
        return True
    # Two writers made the same get-or-create row (or drew the same join code): the retry
    # finds the row (or draws another code).
    if "unique constraint failed" in message:
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None)
    # PostgreSQL: unique violation (as above), serialization failure, deadlock, lock timeout
    return sqlstate in {"23505", "40001", "40P01", "55P03"}
