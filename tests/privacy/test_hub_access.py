"""A scanner a hub shares (`werkboek scanner --hub`) scans only for a caller holding a token the
hub granted it. The hub here is a small stand-in that answers ``GET /hub/api/user`` as JupyterHub
does (a token's own model and scopes); tests/browser/test_hub.py runs the real hub."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.served import free_port
from werkboek.casebook.privacy import (
    ScannerRefused,
    ScannerUnavailable,
    get_scanner,
    hub_access,
)
from werkboek.casebook.privacy.hub_access import SERVICE_NAME, HubTokenCheck, token_of
from werkboek.casebook.privacy.model import ScanResult
from werkboek.casebook.privacy.service import ONLY_LOOPBACK, make_server, serve
from werkboek.settings import get_settings

GRANTED = "token-met-toegang-tot-de-scanner"
OTHER_SCOPE = "token-van-dezelfde-persoon-zonder-toegang"
ADMIN = "token-van-een-beheerder-met-toegang-tot-alle-diensten"
TOKENS = {GRANTED: [f"access:services!service={SERVICE_NAME}"],
          OTHER_SCOPE: ["read:users:name!user=gw-oost-1"],
          ADMIN: ["access:services", "admin:users"]}


class _Echo:
    """Stands in for deduce: gives every text back unchanged."""

    def scan(self, text: str, *, mapping=None) -> ScanResult:
        return ScanResult([], text, dict(mapping or {}))


class _Hub(ThreadingHTTPServer):
    daemon_threads = True
    asked: int = 0
    redirect_to: str = ""  # answer every question with a redirect there
    tokens_seen: list[str]

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.tokens_seen = []


class _HubHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self.server.asked += 1
        token = token_of(self.headers.get("Authorization"))
        self.server.tokens_seen.append(token)
        if self.server.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.server.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        scopes = TOKENS.get(token)
        if self.path != "/hub/api/user" or scopes is None:
            self.send_error(403)
            return
        body = json.dumps({"kind": "user", "name": "gw-oost-1", "scopes": scopes}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


@contextmanager
def serving(server) -> Iterator[None]:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def stand_in_hub() -> Iterator[_Hub]:
    server = _Hub(("127.0.0.1", 0), _HubHandler)
    with serving(server):
        yield server


@pytest.fixture
def hub() -> Iterator[_Hub]:
    with stand_in_hub() as server:
        yield server


def api_of(hub: _Hub) -> str:
    return f"http://127.0.0.1:{hub.server_address[1]}/hub/api"


def shared_scanner(api_url: str):
    """A scanner service that asks the hub at ``api_url`` who may scan; yields its URL."""
    server = make_server(_Echo(), access=HubTokenCheck(api_url))
    return f"http://127.0.0.1:{server.server_address[1]}", serving(server)


def scan_with(url: str, token: str) -> str:
    """Scan as a page kernel does, with the token its server was given (WERKBOEK_SCANNER_TOKEN)."""
    settings = get_settings(scanner_url=url, scanner_token=token or None)
    return get_scanner(settings).scan("Rustige avond op de groep.").suggestion


def test_only_a_token_the_hub_granted_for_the_scanner_gets_a_scan(hub):
    url, running = shared_scanner(f"http://127.0.0.1:{hub.server_address[1]}/hub/api")
    with running:
        assert scan_with(url, GRANTED) == "Rustige avond op de groep."
        assert scan_with(url, ADMIN) == "Rustige avond op de groep."
        for token in ("", "een-geraden-token", OTHER_SCOPE):
            with pytest.raises(ScannerRefused) as refused:
                scan_with(url, token)
            assert "laat deze werkplek niet toe" in str(refused.value)
            assert "er is niets opgeslagen" in str(refused.value)


def test_the_hub_is_asked_once_per_token_not_once_per_save(hub):
    url, running = shared_scanner(f"http://127.0.0.1:{hub.server_address[1]}/hub/api")
    with running:
        for _ in range(5):
            scan_with(url, GRANTED)
        with pytest.raises(ScannerRefused):
            scan_with(url, "een-geraden-token")
        with pytest.raises(ScannerRefused):
            scan_with(url, "een-geraden-token")
    assert hub.asked == 2


def test_when_the_hub_does_not_answer_nothing_is_scanned_and_trying_again_later_may_help():
    url, running = shared_scanner(f"http://127.0.0.1:{free_port()}/hub/api")
    with running, pytest.raises(ScannerUnavailable) as unavailable:
        scan_with(url, GRANTED)
    assert not isinstance(unavailable.value, ScannerRefused)
    assert "niet bereikbaar" in str(unavailable.value)


def test_a_scanner_on_another_address_than_this_computer_needs_the_hub(monkeypatch):
    with pytest.raises(SystemExit, match="alleen op 127.0.0.1"):
        serve(0, host="0.0.0.0")
    assert "--hub" in ONLY_LOOPBACK
    monkeypatch.delenv("JUPYTERHUB_API_URL", raising=False)
    with pytest.raises(SystemExit, match="JUPYTERHUB_API_URL"):
        serve(0, host="0.0.0.0", hub=True)


def granted_then_hub_gone(grace: float, monkeypatch):
    """A shared scanner (its URL and server) whose hub granted GRANTED and then stopped
    answering. The hub's "yes" is asked again after a minute (here at once); ``grace``:
    HUB_DOWN_GRACE."""
    monkeypatch.setattr(hub_access, "ALLOWED_SECONDS", 0.0)
    monkeypatch.setattr(hub_access, "HUB_DOWN_GRACE", grace)
    with stand_in_hub() as hub:
        server = make_server(_Echo(), access=HubTokenCheck(api_of(hub)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        scan_with(url, GRANTED)
    return url, server


def test_while_the_hub_restarts_a_server_it_granted_keeps_saving_for_a_while(monkeypatch):
    url, server = granted_then_hub_gone(600.0, monkeypatch)
    try:
        assert scan_with(url, GRANTED) == "Rustige avond op de groep."
        with pytest.raises(ScannerUnavailable, match="niet bereikbaar"):
            scan_with(url, ADMIN)  # never granted while the hub answered
    finally:
        server.shutdown()
        server.server_close()


def test_after_the_grace_a_hub_that_stays_away_stops_every_scan(monkeypatch):
    url, server = granted_then_hub_gone(0.0, monkeypatch)
    try:
        with pytest.raises(ScannerUnavailable, match="niet bereikbaar") as unavailable:
            scan_with(url, GRANTED)
        assert not isinstance(unavailable.value, ScannerRefused)
    finally:
        server.shutdown()
        server.server_close()


def test_the_token_goes_to_the_hub_only_not_to_a_proxy_or_a_redirect(monkeypatch, hub):
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{free_port()}")  # nobody listens there
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{free_port()}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    url, running = shared_scanner(api_of(hub))
    with running:
        assert scan_with(url, GRANTED) == "Rustige avond op de groep."
    with stand_in_hub() as elsewhere:
        hub.redirect_to = f"{api_of(elsewhere)}/user"
        url, running = shared_scanner(api_of(hub))
        with running, pytest.raises(ScannerUnavailable, match="niet bereikbaar"):
            scan_with(url, ADMIN)
        assert elsewhere.tokens_seen == []


@pytest.mark.parametrize(("header", "token"), [
    ("token abc", "abc"), ("Bearer abc", "abc"), ("bearer  abc ", "abc"),
    ("Basic abc", ""), ("", ""), (None, "")])
def test_the_token_is_read_from_the_authorization_header(header, token):
    assert token_of(header) == token
