"""Which Chromium prints PDFs (reports, reflections) and runs the browser tests and benchmarks,
and ``print_pdf``: the one place that drives it to print (the reports and the pages both use it).

Debian's ``/usr/bin/chromium`` where it exists; else the Chromium that Playwright installed
(``playwright install chromium``, which ``make test`` runs on a machine without the former).
Nothing is downloaded here.
"""

from __future__ import annotations

import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
HOW_TO_GET = (
    "installeer het pakket chromium (apt-get install chromium) of laat Playwright er een "
    "downloaden (.venv/bin/playwright install chromium)"
)


class PrintFailed(Exception):
    """Chromium could not print the PDF; the message is Dutch."""


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


def print_pdf(html: str, *, chromium: str | None = None, budget_ms: int = 5000) -> bytes:
    """``html`` printed to PDF by headless Chromium (default: ``chromium_path()``);
    ``--virtual-time-budget`` gives a figure time to draw."""
    chromium = chromium or chromium_path() or "chromium"
    with tempfile.TemporaryDirectory(prefix="werkboek-report-") as folder:
        source = Path(folder) / "verslag.html"
        target = Path(folder) / "verslag.pdf"
        source.write_text(html, encoding="utf-8")
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--no-pdf-header-footer",
                   f"--user-data-dir={Path(folder) / 'profile'}",
                   f"--virtual-time-budget={budget_ms}", f"--print-to-pdf={target}",
                   source.as_uri()]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=120)
        except FileNotFoundError as exc:
            raise PrintFailed("Voor een PDF is Chromium nodig; maak een HTML-verslag "
                              "of installeer het pakket chromium.") from exc
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise PrintFailed("Chromium kon het verslag niet als PDF afdrukken.") from exc
        if not target.is_file() or target.stat().st_size == 0:
            raise PrintFailed("Chromium maakte geen PDF van het verslag.")
        return target.read_bytes()
