"""The scanner service: one process that holds deduce and scans for every kernel.

Run it as ``python -m werkboek.casebook.privacy.service --port N`` (or ``--fd N``: a listening
socket handed over by the parent); it prints its URL on one line at once and loads deduce beside
it. It listens on 127.0.0.1 and answers whoever runs there, unless the hub says who may use it
(``--hub``, ``hub_access``): then it may listen on another address too, for the users' servers
of a hub on other machines, and scans only for a caller holding a token the hub granted.
Until deduce is loaded, ``/health`` says ``loading`` and a scan is answered with 503
``loading``: the client waits and asks again (and tells the page why).
``launcher.start_scanner_service()`` runs it as a child process.

Requests arrive on many threads (one per kept connection) but are scanned one at a time, in
the order they came, on one worker thread: scanning is pure Python, so threads that take
turns on the interpreter lock only stretch every scan to the length of the whole queue.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from werkboek.casebook.privacy.client import MAX_BODY
from werkboek.casebook.privacy.engine import LocalScanner
from werkboek.casebook.privacy.hub_access import HubTokenCheck, HubUnreachable, token_of

DRAIN_LIMIT = 64 * 1024 * 1024
LOOPBACK = "127.0.0.1"
ONLY_LOOPBACK = ("De privacyscanner luistert alleen op 127.0.0.1, tenzij de hub zegt wie hem mag "
                 "gebruiken (--hub).")
PARENT_CHECK_S = 1.0


class _Handler(BaseHTTPRequestHandler):
    scanner = None  # set by make_server()
    queue: ThreadPoolExecutor  # one worker: scans in arrival order
    ready: threading.Event  # set once the scanner is loaded
    access: HubTokenCheck | None = None  # None: whoever reaches 127.0.0.1 may scan
    protocol_version = "HTTP/1.1"  # clients keep their connection open between scans
    # Headers and body leave in two writes: without this, the body of an answer on a kept
    # connection waits for the client's delayed acknowledgement (40 ms).
    disable_nagle_algorithm = True

    def _reply(self, status: int, payload: dict) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/health":
            self._reply(200, {"status": "ok" if self.ready.is_set() else "loading"})
        else:
            self._reply(404, {"error": "onbekend adres"})

    def do_POST(self) -> None:  # noqa: N802
        if self.path != "/scan":
            self._reply(404, {"error": "onbekend adres"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        refusal = self._refusal()
        if refusal is not None:
            self._drain(length)
            self._reply(*refusal)
            return
        if length > MAX_BODY:
            self._drain(length)
            self._reply(413, {"error": "tekst te lang"})
            return
        try:
            request = json.loads(self.rfile.read(length))
            text, mapping = request["text"], request.get("mapping") or {}
            if not isinstance(text, str) or not isinstance(mapping, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            self._reply(400, {"error": "verwacht JSON met 'text' en 'mapping'"})
            return
        if not self.ready.is_set():
            self._reply(503, {"status": "loading"})
            return
        result = self.queue.submit(self.scanner.scan, text, mapping=mapping).result()
        self._reply(200, {**result.to_json(), "mapping": result.mapping})

    def _refusal(self) -> tuple[int, dict] | None:
        """Why this request may not scan (status and answer); None when it may."""
        if self.access is None:
            return None
        token = token_of(self.headers.get("Authorization"))
        if not token:
            return 401, {"error": "aanmelding via de hub nodig"}
        try:
            allowed = self.access.allows(token)
        except HubUnreachable:
            return 503, {"status": "hub", "error": "de hub antwoordt niet"}
        return None if allowed else (403, {"error": "geen toegang"})

    def _drain(self, length: int) -> None:
        """Read what the client sends (up to a limit) so it gets the answer, not a broken pipe;
        the connection then closes."""
        self.close_connection = True
        remaining = min(length, DRAIN_LIMIT)
        while remaining > 0 and (chunk := self.rfile.read(min(remaining, 65536))):
            remaining -= len(chunk)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass  # requests carry case texts: keep them out of logs


class _Server(ThreadingHTTPServer):
    # Every page kernel and writer process may call at once; the default backlog of 5
    # reset connections when 30 writers saved together.
    request_queue_size = 128
    daemon_threads = True


def make_server(scanner, port: int = 0, *, listening: socket.socket | None = None,
                load: bool = False, host: str = LOOPBACK,
                access: HubTokenCheck | None = None) -> _Server:
    """A server on host:port (0: a free one), or on the ``listening`` socket, that answers
    with ``scanner``, to the callers ``access`` allows (None: anyone). With ``load`` it answers
    at once and loads the scanner (``warm``) on a thread of its own, at a lower CPU priority so
    pages starting beside it go first."""
    ready = threading.Event()
    handler = type("Handler", (_Handler,), {
        "scanner": scanner, "queue": ThreadPoolExecutor(1, thread_name_prefix="scan"),
        "ready": ready, "access": access})
    if listening is None:
        server = _Server((host, port), handler)
    else:
        server = _Server(listening.getsockname(), handler, bind_and_activate=False)
        server.socket.close()
        server.socket = listening
    if load:
        threading.Thread(target=_load, args=(scanner, ready, server), daemon=True,
                         name="scanner-load").start()
    else:
        ready.set()
    return server


def _load(scanner, ready: threading.Event, server: _Server) -> None:
    # Linux: the priority of this thread only; the scans run on another one
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    try:
        scanner.warm()
    except Exception as exc:  # a service that cannot scan must not look alive
        print(f"De privacyscanner kon niet laden: {exc!r}", file=sys.stderr, flush=True)
        threading.Thread(target=server.shutdown, daemon=True).start()
        return
    ready.set()


def _stop_with(parent: int, server: _Server) -> None:
    """Stop serving once process ``parent`` is gone (however it stopped: a SIGTERM or SIGKILL of
    `werkboek serve` would otherwise leave this process running on its own)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    server.shutdown()


def serve(port: int = 0, fd: int | None = None, parent: int | None = None, *,
          host: str = LOOPBACK, hub: bool = False) -> None:
    """Listen on host:port (or the handed-over socket ``fd``), print the URL, load deduce
    beside it, serve until stopped (or until process ``parent`` stops). With ``hub``, only
    callers holding a token the hub granted may scan; without, it listens on 127.0.0.1 only."""
    listening = None if fd is None else socket.socket(fileno=fd)
    address = host if listening is None else listening.getsockname()[0]
    if address != LOOPBACK and not hub:
        raise SystemExit(ONLY_LOOPBACK)
    access = HubTokenCheck.from_environment() if hub else None
    server = make_server(LocalScanner(), port, listening=listening, load=True, host=host,
                         access=access)
    if parent is not None:
        threading.Thread(target=_stop_with, args=(parent, server), daemon=True).start()
    print(f"http://{address}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Privacyscanner van werkboek.")
    parser.add_argument("--port", type=int, default=0, help="poort; 0 kiest een vrije poort")
    parser.add_argument("--host", default=LOOPBACK,
                        help="adres om op te luisteren; alleen met --hub iets anders dan 127.0.0.1")
    parser.add_argument("--hub", action="store_true",
                        help="alleen wie een token van de hub met toegang heeft, mag scannen")
    parser.add_argument("--fd", type=int, default=None,
                        help="een luisterende socket die de aanroeper doorgeeft "
                             "(op 127.0.0.1, behalve met --hub)")
    parser.add_argument("--parent", type=int, default=None,
                        help="stop zodra dit proces (de aanroeper) gestopt is")
    args = parser.parse_args(argv)
    serve(args.port, args.fd, args.parent, host=args.host, hub=args.hub)


if __name__ == "__main__":
    main()
