"""Runs the scanner service as a child process for the length of a ``with`` block.

Kept apart from ``service`` so that importing the privacy package never imports the
service module that ``python -m`` is about to run.

The socket is made here (127.0.0.1, listening) and handed to the child, so its address is known
at once and a scan sent while the child still starts waits in the socket's queue instead of
being refused. ``wait_ready=False`` returns without waiting for deduce to load: the service
answers "loading" until then, and the client waits (``client.HttpScanner``).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

READY_TIMEOUT = 240.0  # the very first start builds deduce's cache (about a minute)


def wait_until_loaded(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Wait until the service at ``url`` has loaded deduce (``/health`` says ok)."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"De privacyscanner is gestopt (code {process.returncode}).")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=5) as response:
                if json.loads(response.read()).get("status") == "ok":
                    return
        except (OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"De privacyscanner was niet binnen {timeout:.0f} s klaar.")
        time.sleep(0.1)


@contextlib.contextmanager
def start_scanner_service(port: int = 0, *, wait_ready: bool = True) -> Iterator[str]:
    """Run the scanner service as a child process; yield its URL (once deduce is loaded, or at
    once with ``wait_ready=False``); stop it afterwards."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listening.bind(("127.0.0.1", port))
        listening.listen(128)
        url = f"http://127.0.0.1:{listening.getsockname()[1]}"
        process = subprocess.Popen(
            [sys.executable, "-m", "werkboek.casebook.privacy.service",
             "--fd", str(listening.fileno()), "--parent", str(os.getpid())],
            stdout=subprocess.DEVNULL,
            pass_fds=(listening.fileno(),),
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    finally:
        listening.close()  # the child holds it now
    try:
        if wait_ready:
            wait_until_loaded(url, READY_TIMEOUT, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
