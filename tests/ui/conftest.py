"""Shared fixtures for the UI tests: a fresh casebook the pages find, on the real privacy scanner.

The hand-driven ``clock`` for debounce timers is the suite's one fake scheduler (tests/conftest.py)."""

from __future__ import annotations

import pytest


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
