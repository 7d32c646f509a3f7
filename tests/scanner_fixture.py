"""The scanner service for a whole test session: import ``scanner_service`` into a conftest.

One service process (deduce loaded once) serves every test that scans over HTTP.
"""

from __future__ import annotations

import pytest

from werkboek.casebook.privacy import start_scanner_service


@pytest.fixture(scope="session")
def scanner_service() -> str:
    """URL of a running scanner service, e.g. ``http://127.0.0.1:40123``."""
    with start_scanner_service() as url:
        yield url
