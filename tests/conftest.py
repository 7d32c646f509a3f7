"""Shared fixtures: a fresh casebook on SQLite and on PostgreSQL, and the privacy scanner service.

``casebook_url`` is parametrised over both databases: every test that uses it runs twice.
On PostgreSQL each test gets its own database (``werkboek_t_<random>``, made from the
server in ``WERKBOEK_TEST_PG_URL``) that is dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

# The session-wide privacy scanner service (`scanner_service`), shared by every test directory.
pytest_plugins = ["tests.scanner_fixture"]

PG_URL = os.environ.get(
    "WERKBOEK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def fresh_database_url(kind: str, directory: Path) -> Iterator[str]:
    """The URL of a new, empty database of ``kind``; a PostgreSQL one is dropped afterwards."""
    from werkboek.casebook.engine import dispose_engine

    if kind == "sqlite":
        url = f"sqlite:///{directory / 'casebook.sqlite'}"
        try:
            yield url
        finally:
            dispose_engine(url)
        return

    name = f"werkboek_t_{secrets.token_hex(6)}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        dispose_engine(url)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=DATABASES)
def casebook_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty database (not yet a casebook), once on SQLite and once on PostgreSQL."""
    with fresh_database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def casebook_settings(tmp_path, scanner_service):
    """Settings pointing at this test's folder and the shared scanner service."""
    from werkboek.settings import get_settings

    return get_settings(casebook_dir=tmp_path / "casebook", scanner_url=scanner_service)


@pytest.fixture
def casebook(casebook_url, casebook_settings):
    """A new casebook at the newest schema, scanning through the scanner service."""
    from werkboek.casebook import open_casebook

    return open_casebook(casebook_url, upgrade=True, settings=casebook_settings)
