"""A page kernel asks `werkboek serve` to keep preheated kernels ready for a page (stdlib only).

`werkboek serve` puts the address of its pool door (a listener on 127.0.0.1 only) and a secret
into the environment of its page kernels; the secret never reaches a browser. Without them
(plain Voilà, ``--no-preheat``, a test that builds a page in process) asking does nothing.
The server caps what it grants (``MAX_KERNELS`` per page) and lets a request go when the kernel
that made it stops, when it is given back (size 0), or after an hour.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import threading
import urllib.parse

URL_ENV = "WERKBOEK_POOL_URL"
SECRET_ENV = "WERKBOEK_POOL_SECRET"
MAX_KERNELS = 30  # per page, whatever is asked
TIMEOUT = 5.0

log = logging.getLogger("werkboek.pools")


def ask_for_kernels(page: str, size: int, *, wait: bool = False) -> int | None:
    """Ask for ``size`` preheated kernels of ``page`` (file name without .ipynb); 0 gives back
    what this kernel asked for. In the background unless ``wait``: then the size the server
    now keeps, or None when there is no server to ask or it refused."""
    url, secret = os.environ.get(URL_ENV), os.environ.get(SECRET_ENV)
    if not url or not secret:
        return None
    body = json.dumps({"size": int(size), "kernel": os.environ.get("VOILA_KERNEL_ID", "")})

    def send() -> int | None:
        try:
            return _post(url, secret, page, body)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            log.info("asking for kernels of %s failed: %s", page, type(exc).__name__)
            return None

    if wait:
        return send()
    threading.Thread(target=send, daemon=True, name="werkboek-pool-request").start()
    return None


def _post(url: str, secret: str, page: str, body: str) -> int | None:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.request("POST", f"{parts.path.rstrip('/')}/{urllib.parse.quote(page)}",
                           body=body.encode("utf-8"),
                           headers={"Authorization": f"Bearer {secret}",
                                    "Content-Type": "application/json"})
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    if response.status != 200:
        log.info("the server refused kernels for %s (HTTP %s)", page, response.status)
        return None
    return int(json.loads(payload)["size"])
