"""A light scanner that asks the scanner service over HTTP (stdlib only, no deduce).

Each thread keeps one connection open to the service (HTTP/1.1 keep-alive): a save then
costs one request, not a new TCP connection and a new thread in the service. A kept
connection that the service has meanwhile closed (it restarted) is replaced once.

A service that is still loading deduce (`werkboek serve` starts it beside the pages) answers
503 "loading": the scan then waits until it is loaded (at most ``LOADING_WAIT`` seconds) and is
sent again, never refused for that. Whoever registered with ``when_loading`` hears when such a
wait starts and ends (the page shows a line about it).

A scanner a hub shares answers only a caller with the token the hub granted (``hub_access``):
with ``token`` set, every scan carries it.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable

from werkboek.casebook.privacy.model import ScanResult

MAX_BODY = 2 * 1024 * 1024  # bytes of JSON the service accepts
HEADERS = {"Content-Type": "application/json; charset=utf-8"}
LOADING_WAIT = 300.0  # seconds a scan waits for a service that is still loading deduce
LOADING_POLL = 0.2

_loading_listeners: list[Callable[[bool], None]] = []


def when_loading(listener: Callable[[bool], None]) -> None:
    """Call ``listener(True)`` when a scan starts waiting for the service to load, and
    ``listener(False)`` when that wait is over (once per listener, however often registered)."""
    if listener not in _loading_listeners:
        _loading_listeners.append(listener)


def _tell_loading(waiting: bool) -> None:
    for listener in list(_loading_listeners):
        with contextlib.suppress(Exception):  # a page that cannot show the line still saves
            listener(waiting)


class ScannerUnavailable(RuntimeError):
    """The scanner service did not answer; nothing may be stored unscanned."""

    # Pages show this message: the service's address and the reason stay out of it.
    message = ("De privacycontrole is niet bereikbaar, dus er is niets opgeslagen. "
               "Probeer het zo opnieuw of vraag de beheerder de server te herstarten.")

    def __init__(self, url: str, reason: object):
        super().__init__(self.message)
        self.url, self.reason = url, reason


class ScannerRefused(ScannerUnavailable):
    """The scanner a hub shares did not accept this server's token (none, revoked, or never
    granted): nothing may be stored unscanned, and trying again will not help."""

    message = ("De privacycontrole laat deze werkplek niet toe, dus er is niets opgeslagen. "
               "Start je werkplek opnieuw via de startpagina van de hub, of vraag de beheerder "
               "om hulp.")


class TextTooLong(ValueError):
    """The text is larger than the scanner service accepts."""

    def __init__(self) -> None:
        super().__init__("Deze tekst is te lang om te controleren. Splits hem in kleinere delen.")


class HttpScanner:
    def __init__(self, url: str, timeout: float = 30.0, token: str = ""):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._headers = {**HEADERS, **({"Authorization": f"token {token}"} if token else {})}
        parts = urllib.parse.urlsplit(self.url)
        self._address = (parts.hostname, parts.port)
        self._local = threading.local()  # this thread's open connection, if any
        self._open: set[http.client.HTTPConnection] = set()  # every thread's, for close()
        self._lock = threading.Lock()

    def scan(self, text: str, *, mapping: dict[str, str] | None = None) -> ScanResult:
        body = json.dumps({"text": text, "mapping": mapping or {}}).encode("utf-8")
        if len(body) > MAX_BODY:
            raise TextTooLong()
        kept = getattr(self._local, "connection", None)
        try:
            status, payload = self._post(kept, body) if kept else self._post_new(body)
        except TimeoutError as exc:  # the service is there but busy: no second wait
            self._forget()
            raise ScannerUnavailable(self.url, exc) from exc
        except (OSError, http.client.HTTPException) as exc:
            self._forget()
            if kept is None:
                raise ScannerUnavailable(self.url, exc) from exc
            try:  # the service closed the kept connection: once more on a new one
                status, payload = self._post_new(body)
            except (OSError, http.client.HTTPException) as again:
                self._forget()
                raise ScannerUnavailable(self.url, again) from again
        if status == 413:
            raise TextTooLong()
        if status in (401, 403):
            raise ScannerRefused(self.url, f"HTTP {status}")
        if status == 503 and _is_loading(payload):
            self._wait_until_loaded()
            return self.scan(text, mapping=mapping)
        if status != 200:
            raise ScannerUnavailable(self.url, f"HTTP {status}")
        return ScanResult.from_json(json.loads(payload))

    def _wait_until_loaded(self) -> None:
        """Wait until the service has loaded deduce (it said "loading")."""
        deadline = time.monotonic() + LOADING_WAIT
        _tell_loading(True)
        try:
            while time.monotonic() < deadline:
                time.sleep(LOADING_POLL)
                try:
                    if self._health() == "ok":
                        return
                except (OSError, http.client.HTTPException, ValueError) as exc:
                    raise ScannerUnavailable(self.url, exc) from exc
            raise ScannerUnavailable(self.url, "nog aan het laden")
        finally:
            _tell_loading(False)

    def _health(self) -> str:
        connection = http.client.HTTPConnection(*self._address, timeout=self.timeout)
        try:
            connection.request("GET", "/health")
            return json.loads(connection.getresponse().read()).get("status", "")
        finally:
            connection.close()

    def _post_new(self, body: bytes) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(*self._address, timeout=self.timeout)
        self._local.connection = connection
        with self._lock:
            self._open.add(connection)
        connection.connect()
        # A body over 2,000 bytes leaves after the headers, in a second write: send it at once
        # instead of waiting for the service's delayed acknowledgement (40 ms).
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self._post(connection, body)

    def _post(self, connection: http.client.HTTPConnection, body: bytes) -> tuple[int, bytes]:
        connection.request("POST", "/scan", body=body, headers=self._headers)
        response = connection.getresponse()
        payload = response.read()
        if response.will_close or response.status != 200:
            self._forget()
        return response.status, payload

    def _forget(self) -> None:
        connection = getattr(self._local, "connection", None)
        self._local.connection = None
        if connection is not None:
            connection.close()
            with self._lock:
                self._open.discard(connection)

    def close(self) -> None:
        """Close the connections of every thread (also done when the scanner is discarded)."""
        with self._lock:
            connections, self._open = list(self._open), set()
        for connection in connections:
            connection.close()

    __del__ = close


def _is_loading(payload: bytes) -> bool:
    try:
        return json.loads(payload).get("status") == "loading"
    except ValueError:
        return False
