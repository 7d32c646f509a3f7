"""One SQLAlchemy engine per casebook URL per process, tuned for many concurrent writers.

SQLite: WAL journal, foreign keys on, a busy timeout, and writes that start with
``BEGIN IMMEDIATE`` so two writers never deadlock upgrading a read lock. PostgreSQL:
psycopg 3 with a lock timeout. ``transient`` tells which errors are worth a retry, a connection
the server dropped among them. ``write_transaction`` is the one way to write.

SQLite lets one writer in at a time, and a writer that finds the file locked sleeps in its
busy handler (1, 2, 5, 10 … up to 100 ms) before it looks again: with thirty page kernels
saving at once, the unlucky ones slept through many turns. Writers therefore queue for their
turn on an advisory lock of a file beside the database (``<casebook>-writers``): the kernel
wakes the next one the moment the lock is free. The busy handler stays for other programs.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url

BUSY_TIMEOUT_SECONDS = 30
_engines: dict[str, Engine] = {}
_queues: dict[Path, WriterQueue] = {}
_lock = threading.Lock()


class WriterQueue:
    """Turns for the writers of one SQLite file, across threads and processes."""

    def __init__(self, database: Path):
        self.path = Path(f"{database}-writers")
        self._threads = threading.Lock()  # the file lock is per process: threads queue here
        self._fd: int | None = None
        self._pid = 0

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        with self._threads:
            fd = self._file()
            if fd is None:  # read-only folder: the write will fail and say so
                yield
                return
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)

    def _file(self) -> int | None:
        if self._fd is None or self._pid != os.getpid():  # a forked child needs its own
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:
                return None
            self._pid = os.getpid()
        return self._fd


def sqlite_file(url: str | sa.URL) -> Path | None:
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


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction: committed when the block ends, rolled back on error."""
    database = sqlite_file(engine.url)
    turn = _writer_queue(database).turn() if database else contextlib.nullcontext()
    with (
        turn,
        engine.connect().execution_options(werkboek_write=True) as connection,
        connection.begin(),
    ):
        yield connection


def _writer_queue(database: Path) -> WriterQueue:
    with _lock:
        queue = _queues.get(database)
        if queue is None:
            queue = _queues[database] = WriterQueue(database)
        return queue


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
            hide_parameters=True,  # a database error never writes case text to the log
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
    return sa.create_engine(url, hide_parameters=True, connect_args={"options": options})


def _sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # Deleted text is overwritten, not left in free pages of the file (erasure, purge).
    cursor.execute("PRAGMA secure_delete = ON")
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
