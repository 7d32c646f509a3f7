"""Shared fixtures for the UI tests: a hand-driven clock for debounce timers."""

from __future__ import annotations

import heapq
import itertools

import pytest


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


class _Handle:
    def __init__(self, callback):
        self.callback = callback
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


@pytest.fixture()
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture(scope="session")
def scanner_url(request):
    """The real privacy scanner service (the shared fixture when the suite provides one)."""
    try:
        yield request.getfixturevalue("scanner_service")
    except pytest.FixtureLookupError:
        from werkboek.casebook.privacy import start_scanner_service

        with start_scanner_service() as url:
            yield url


@pytest.fixture()
def casebook(tmp_path, monkeypatch, scanner_url):
    """A fresh SQLite casebook that the pages' own ``open_casebook()`` also finds."""
    from werkboek.casebook import open_casebook

    url = f"sqlite:///{tmp_path / 'casebook.sqlite'}"
    monkeypatch.setenv("WERKBOEK_DATABASE_URL", url)
    monkeypatch.setenv("WERKBOEK_CASEBOOK_DIR", str(tmp_path / "casebook"))
    monkeypatch.setenv("WERKBOEK_SCANNER_URL", scanner_url)
    return open_casebook(url, upgrade=True)
