"""Shared fixtures: a fresh casebook on SQLite and on PostgreSQL, and the privacy scanner service.

``casebook_url`` is parametrised over both databases: every test that uses it runs twice.
On PostgreSQL each test gets its own database (``werkboek_t_<random>``) that is dropped
afterwards, on the server of ``pg_admin_url``: the one in ``WERKBOEK_TEST_PG_URL``, or the
session's own when none answers there (tests/postgres_fixture.py).

The run's first lines say which Chromium (here) and which PostgreSQL server (in
tests/postgres_fixture.py) the tests use.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.casebooks import throwaway_database
from werkboek.chromium import HOW_TO_GET, chromium_path

# Session-wide services shared by every test directory: the privacy scanner
# (`scanner_service`) and the PostgreSQL server (`pg_admin_url`).
pytest_plugins = ["tests.scanner_fixture", "tests.postgres_fixture"]

DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres, id="postgres")]


def pytest_report_header(config) -> str:
    chromium = chromium_path()
    if chromium:
        return f"Browsertests: Chromium {chromium}"
    return f"Browsertests: geen Chromium gevonden; {HOW_TO_GET}"


@pytest.fixture(params=DATABASES)
def casebook_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty database (not yet a casebook), once on SQLite and once on PostgreSQL."""
    admin_url = request.getfixturevalue("pg_admin_url") if request.param == "postgresql" else ""
    with throwaway_database(request.param, tmp_path, admin_url=admin_url,
                            prefix="werkboek_t_") as url:
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


@pytest.fixture
def sign_in(monkeypatch):
    """Sign a visitor in as the server does: ``sign_in(cb, team_id, "GW-2", "groepswerker")``
    makes the member (``add_member``), chooses a passphrase through the invite, and puts the
    signed grant of that sign-in where pages read their visitor (tests/signin.py)."""
    from tests.signin import SignIn

    return SignIn(monkeypatch)
