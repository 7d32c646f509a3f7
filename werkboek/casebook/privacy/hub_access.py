"""Who may use a scanner that a JupyterHub shares: a caller holding a hub token granted access.

On one machine the scanner listens on 127.0.0.1 and answers whoever runs there. Shared by every
user's server of a hub (on Kubernetes: its own pod, reachable over the cluster's network), it
answers only a request that carries a hub token with the scope
``access:services!service=<its name>``. The hub grants such a token to each user's server when it
starts and revokes it when it stops (deploy/hub/scanner_token.py); the server's page kernels send
it (``WERKBOEK_SCANNER_TOKEN``). The scanner asks the hub about a token it has not seen
(``GET /hub/api/user`` with that token: any token may read its own model and scopes) and
remembers the answer for a minute (a refusal for ten seconds), so a save costs no extra round
trip. While the hub restarts (an upgrade), a token it granted in the last ten minutes keeps
working. The hub is asked directly: never through a proxy from the environment, never following
a redirect (either would carry the token elsewhere).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

SERVICE_NAME = "werkboek-scanner"  # the scanner's name as a hub service (JUPYTERHUB_SERVICE_NAME)
ALLOWED_SECONDS = 60.0
REFUSED_SECONDS = 10.0
HUB_DOWN_GRACE = 600.0  # seconds a granted token keeps working while the hub does not answer
HUB_TIMEOUT = 5.0
KEPT_VERDICTS = 10_000  # past this, expired verdicts are dropped


class HubUnreachable(RuntimeError):
    """The hub did not say whether a token may scan: nothing is scanned (and so nothing stored)."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect becomes an HTTPError: the hub did not answer


_HUB = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)


def token_of(header: str | None) -> str:
    """The token in an ``Authorization: token X`` (or ``Bearer X``) header; empty without one."""
    scheme, _, token = (header or "").strip().partition(" ")
    return token.strip() if scheme.lower() in ("token", "bearer") else ""


@dataclass
class HubTokenCheck:
    """Asks the hub at ``api_url`` (``…/hub/api``) whether a token may use ``service``."""

    api_url: str
    service: str = SERVICE_NAME
    # sha256 of a token -> (allowed, answer valid until, granted: usable while the hub is down until)
    _verdicts: dict[str, tuple[bool, float, float]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def from_environment(cls) -> HubTokenCheck:
        """The hub's API and this service's name, as the hub gives them to a service it starts
        (``JUPYTERHUB_API_URL``, ``JUPYTERHUB_SERVICE_NAME``); set them by hand elsewhere."""
        api_url = os.environ.get("JUPYTERHUB_API_URL", "")
        if not api_url:
            raise SystemExit("Met --hub heeft de privacyscanner het adres van de hub nodig: "
                             "zet JUPYTERHUB_API_URL, bijvoorbeeld http://hub:8081/hub/api.")
        return cls(api_url.rstrip("/"), os.environ.get("JUPYTERHUB_SERVICE_NAME") or SERVICE_NAME)

    @property
    def scopes(self) -> frozenset[str]:
        """A token with any of these scopes may scan."""
        return frozenset({"access:services", f"access:services!service={self.service}"})

    def allows(self, token: str) -> bool:
        """True when the hub granted ``token`` access to this service; ``HubUnreachable`` when
        the hub cannot say."""
        if not token:
            return False
        key = hashlib.sha256(token.encode()).hexdigest()  # the tokens themselves are not kept
        now = time.monotonic()
        with self._lock:
            verdict = self._verdicts.get(key)
        if verdict is not None and verdict[1] > now:
            return verdict[0]
        try:
            allowed = self._ask_hub(token)
        except HubUnreachable:
            if verdict is not None and verdict[0] and verdict[2] > now:
                return True
            raise
        with self._lock:
            if len(self._verdicts) >= KEPT_VERDICTS:
                self._verdicts = {k: v for k, v in self._verdicts.items() if max(v[1:]) > now}
            self._verdicts[key] = (
                allowed, now + (ALLOWED_SECONDS if allowed else REFUSED_SECONDS),
                now + HUB_DOWN_GRACE if allowed else now)
        return allowed

    def _ask_hub(self, token: str) -> bool:
        request = urllib.request.Request(f"{self.api_url}/user",
                                         headers={"Authorization": f"token {token}"})
        try:
            with _HUB.open(request, timeout=HUB_TIMEOUT) as answer:
                model = json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            if refused.code in (401, 403, 404):  # an unknown, expired or revoked token
                return False
            raise HubUnreachable(f"HTTP {refused.code}") from refused
        except (OSError, ValueError) as exc:
            raise HubUnreachable(str(exc)) from exc
        if not isinstance(model, dict):
            raise HubUnreachable("not a user model")
        return bool(self.scopes & set(model.get("scopes") or ()))
