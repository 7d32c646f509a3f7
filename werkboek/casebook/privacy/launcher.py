"""Runs the scanner service as a child process for the length of a ``with`` block.

Kept apart from ``service`` so that importing the privacy package never imports the
service module that ``python -m`` is about to run.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator

READY_TIMEOUT = 240.0  # the very first start builds deduce's cache (about a minute)


def _read_url(process: subprocess.Popen, timeout: float) -> str:
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    url = found[0].strip() if found else ""
    if not url.startswith("http://127.0.0.1:"):
        raise RuntimeError(f"De privacyscanner is niet gestart (antwoord: {url!r}).")
    return url


def _wait_healthy(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)


@contextlib.contextmanager
def start_scanner_service(port: int = 0) -> Iterator[str]:
    """Run the scanner service as a child process; yield its URL; stop it afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "werkboek.casebook.privacy.service", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = _read_url(process, READY_TIMEOUT)
        _wait_healthy(url, 30.0)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
