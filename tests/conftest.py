"""Shared fixtures: a fresh casebook on SQLite and on PostgreSQL, and the privacy scanner service.

``casebook_url`` is parametrised over both databases: every test that uses it runs twice.
On PostgreSQL each test gets its own database (``werkboek_t_<random>``, made from the
server in ``WERKBOEK_TEST_PG_URL``) that is dropped afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from benchmarks.casebooks import throwaway_database

# The session-wide privacy scanner service (`scanner_service`), shared by every test directory.
pytest_plugins = ["tests.scanner_fixture"]

PG_URL = os.environ.get(
    "WERKBOEK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres, id="postgres")]


@pytest.fixture(params=DATABASES)
def casebook_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty database (not yet a casebook), once on SQLite and once on PostgreSQL."""
    with throwaway_database(request.param, tmp_path, admin_url=PG_URL, prefix="werkboek_t_") as url:
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
