"""Shared fixtures: a fresh casebook on SQLite and on PostgreSQL, and the privacy scanner service.

``casebook_url`` is parametrised over both databases: every test that uses it runs twice.
On PostgreSQL each test gets its own database (``werkboek_t_<random>``) that is dropped
afterwards, on the server of ``pg_admin_url``: the one in ``WERKBOEK_TEST_PG_URL``, or the
session's own when none answers there (tests/postgres_fixture.py).

The one fake scheduler of the suite lives here too: ``ManualScheduler`` (the ``clock``
fixture; ``Immediate`` is the same fake running deferred calls at once), and ``Clock``, unix
seconds moved by hand for code that takes a ``clock()`` callable.

The run's first lines say which Chromium (here) and which PostgreSQL server (in
tests/postgres_fixture.py) the tests use.
"""

from __future__ import annotations

import heapq
import itertools
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


class ManualScheduler:
    """A scheduler whose time moves only when the test says so."""

    deferred = True

    def __init__(self) -> None:
        self.time = 0.0
        self._queue: list = []
        self._order = itertools.count()

    def now(self) -> float:
        return self.time

    def call_later(self, delay, callback):
        handle = _Handle(callback)
        heapq.heappush(self._queue, (self.time + delay, next(self._order), handle))
        return handle

    def advance(self, seconds: float) -> None:
        """Move the clock forward, running every callback that falls due, in order."""
        until = self.time + seconds
        while self._queue and self._queue[0][0] <= until:
            due, _n, handle = heapq.heappop(self._queue)
            self.time = due
            if not handle.cancelled:
                handle.callback()
        self.time = until

    @property
    def waiting(self) -> int:
        return sum(1 for *_x, h in self._queue if not h.cancelled)


class Immediate(ManualScheduler):
    """The same fake, running deferred calls at once: for tests that press buttons after
    typing has settled. Its time never moves."""

    deferred = False

    def call_later(self, _delay, callback):
        handle = _Handle(callback)
        callback()
        return handle


class _Handle:
    def __init__(self, callback):
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Clock:
    """Unix seconds that move only when the test says so, for code that reads a ``clock()``
    callable (session timers, the sign-in throttle, the kernel pools' demand)."""

    def __init__(self, start: float = 1_700_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture()
def clock() -> ManualScheduler:
    """A hand-driven scheduler (the session tests override this with a ``Clock``)."""
    return ManualScheduler()
