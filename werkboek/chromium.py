"""Which Chromium prints PDFs (reports, reflections) and runs the browser tests and benchmarks.

Debian's ``/usr/bin/chromium`` where it exists; else the Chromium that Playwright installed
(``playwright install chromium``, which ``make test`` runs on a machine without the former).
Nothing is downloaded here.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
HOW_TO_GET = (
    "installeer het pakket chromium (apt-get install chromium) of laat Playwright er een "
    "downloaden (.venv/bin/playwright install chromium)"
)


@cache
def chromium_path() -> str | None:
    """The Chromium to use, or None when this machine has neither."""
    if SYSTEM_CHROMIUM.is_file():
        return str(SYSTEM_CHROMIUM)
    return _playwright_chromium()


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # Playwright comes with the `test` extra only
        return None

    def ask() -> str:
        with sync_playwright() as playwright:
            return playwright.chromium.executable_path

    # Its own thread: Playwright's sync API refuses to start inside a running event loop (a
    # page's kernel, an async benchmark).
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            path = Path(pool.submit(ask).result(timeout=60))
    except Exception:
        return None
    return str(path) if path.is_file() else None
