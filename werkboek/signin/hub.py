"""Who the visitor is when JupyterHub runs werkboek (`werkboek serve --hub`, *Organisatie*).

The hub starts this server for one of its users, with its OAuth client in the environment
(``JUPYTERHUB_*``, set by the hub's spawner, never by a page). A browser gets the hub's cookie for
this server through the OAuth callback; on every page and kernel request the hub says whose it is
(remembered for a few seconds only, so a logout at the hub soon closes the server's pages). Only
the server's owner (``JUPYTERHUB_USER``) gets in: not another user, not a hub administrator who
may open every server. No header, cookie or field a page controls names the visitor; werkboek's
own sign-in is not offered.

Two things ``jupyterhub-singleuser`` does for the hub, this server does too: it reports its
owner's activity (page and kernel requests, and the messages of their kernels' websockets) to the
hub's activity API, so the idle culler can tell a used server from a forgotten one; and a page
left open after a logout at the hub stops working: every open kernel websocket asks the hub again
every few seconds whether its browser is still signed in, and closes (code 4001, the page says so
in Dutch) and stops its kernel once it is not.

The hub, not werkboek's 12 hours, decides how long the owner stays signed in: while it keeps
proving them (a page request, an open page's check), their one sign-in in the casebook is renewed,
so a page open through a night shift keeps working.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import tornado.web
from tornado.httpclient import AsyncHTTPClient
from tornado.httputil import url_concat
from tornado.ioloop import PeriodicCallback

from werkboek.casebook.records import Login
from werkboek.hub_env import OWNER_ENV, hub_logout_url, hub_url
from werkboek.signin.html import page

CALLBACK = "oauth_callback"
CACHE_SECONDS = 10
NOT_YOUR_SERVER = ("Deze werkplek hoort bij iemand anders. Open je eigen werkplek via de "
                   "startpagina van de hub.")


TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
ACTIVITY_URL_ENV = "JUPYTERHUB_ACTIVITY_URL"  # set by the hub's spawner
ACTIVITY_INTERVAL_ENV = "JUPYTERHUB_ACTIVITY_INTERVAL"  # seconds; singleuser's default is 300
ACTIVITY_INTERVAL = 300
RECHECK_SECONDS = 5  # an open kernel websocket asks the hub this often (answers cached 10 s)
LOGGED_OUT = 4001  # websocket close code: the hub no longer knows this browser
LOGGED_OUT_REASON = "Afgemeld bij de hub"
# The hub proves the owner on every page request and every 5 s per open page; their sign-in is
# renewed at most once an hour (one write), long before its 12 hours run out.
RENEW_EVERY = 3600  # seconds

log = logging.getLogger(__name__)


def hub_address() -> dict:
    """``{"ip", "port"}`` this server listens on, as the hub chose (``JUPYTERHUB_SERVICE_URL``)."""
    url = urlsplit(os.environ["JUPYTERHUB_SERVICE_URL"])
    return {"ip": url.hostname or "127.0.0.1", "port": url.port or 8888}


class NotYourServer(tornado.web.HTTPError):
    """Someone the hub knows, but not this server's owner."""

    def __init__(self) -> None:
        super().__init__(403, NOT_YOUR_SERVER)


def refusal_page() -> str:
    """The Dutch page for ``NotYourServer``, linking to the hub's home (their own server)."""

    return page("Niet jouw werkplek", "", home=hub_url("hub/home"), status=NOT_YOUR_SERVER)


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class HubActivity:
    """When this server last did something for its owner, sent to the hub's activity API as
    ``jupyterhub-singleuser`` sends it (``POST {"last_activity", "servers": {name: …}}`` with the
    server's token, every ``interval`` seconds when there was something new). Without it the hub
    knows only what its proxy saw, and the idle culler could stop a server in use."""

    url: str = ""  # JUPYTERHUB_ACTIVITY_URL; empty: nothing is reported
    token: str = ""
    server_name: str = ""
    interval: float = ACTIVITY_INTERVAL
    last: datetime | None = None
    sent: datetime | None = None

    @classmethod
    def from_environment(cls, token: str) -> HubActivity:
        return cls(url=os.environ.get(ACTIVITY_URL_ENV, ""), token=token,
                   server_name=os.environ.get("JUPYTERHUB_SERVER_NAME", ""),
                   interval=float(os.environ.get(ACTIVITY_INTERVAL_ENV) or ACTIVITY_INTERVAL))

    def touch(self) -> None:
        self.last = datetime.now(UTC)

    async def report(self) -> bool:
        """Send the latest activity when it is newer than what the hub has; True when sent."""
        last = self.last
        if not self.url or last is None or (self.sent is not None and last <= self.sent):
            return False
        stamp = _timestamp(last)
        await AsyncHTTPClient().fetch(
            self.url, method="POST", request_timeout=30,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
            body=json.dumps({"servers": {self.server_name: {"last_activity": stamp}},
                             "last_activity": stamp}))
        self.sent = last
        return True

    async def keep_reporting(self) -> None:
        """Report every ``interval`` seconds (with singleuser's 20 % jitter), for as long as the
        server runs; a failed report is logged and tried again next time."""
        if not self.url:
            log.warning("The hub gave no activity address: the idle culler sees only the proxy.")
            return
        self.touch()  # the start counts, as in singleuser
        while True:
            try:
                await self.report()
            except Exception as exc:  # noqa: BLE001 (the hub may be restarting; try again later)
                log.warning("Could not report activity to the hub: %s", exc)
            await asyncio.sleep(self.interval * (1 + 0.2 * (random.random() - 0.5)))


@dataclass
class HubIdentity:
    owner: str
    auth: object  # jupyterhub.services.auth.HubOAuth
    token: str = ""  # the owner's one sign-in in the casebook (its kernels are claimed by it)
    groups: tuple | None = None  # (name, groups) the hub last said, as applied to the casebook
    activity: HubActivity = field(default_factory=HubActivity)
    clock: Callable[[], float] = time.time
    seen: float | None = None  # when the sign-in was last made or renewed (unix seconds)

    @classmethod
    def from_environment(cls) -> HubIdentity:
        """The owner and the hub's OAuth client from the environment the hub gave this server.
        The server's hub token is then taken out of the environment, so page kernels (which
        inherit it) never hold it."""
        from jupyterhub.services.auth import HubOAuth

        auth = HubOAuth.instance(cache_max_age=CACHE_SECONDS)
        token = auth.api_token  # read now, before it leaves the environment
        os.environ.pop(TOKEN_ENV, None)
        return cls(owner=os.environ[OWNER_ENV], auth=auth,
                   activity=HubActivity.from_environment(token))

    async def owner_model(self, handler) -> dict | None:
        """The hub's user model of this request: None without a (live) hub cookie;
        ``NotYourServer`` for anyone but the owner."""
        model = await self.auth.get_user(handler, sync=False)
        if not model:
            return None
        if model.get("kind", "user") != "user" or model.get("name") != self.owner:
            raise NotYourServer
        return model

    async def current_model(self, handler) -> dict | None:
        """The hub's user model of the browser behind ``handler`` (a kernel websocket) now,
        not as it was when the handler began: None once the hub forgot its token (a logout)
        or it is not the owner's."""
        token = self.auth.get_token(handler)
        if not token:
            return None
        model = await self.auth.user_for_token(
            token, session_id=self.auth.get_session_id(handler), sync=False)
        if not model or model.get("kind", "user") != "user" or model.get("name") != self.owner:
            return None
        return model

    @staticmethod
    def _key(model: dict) -> tuple:
        return model["name"], tuple(sorted(model.get("groups") or ()))

    def groups_changed(self, model: dict) -> bool:
        return self._key(model) != self.groups

    def renewal_due(self) -> bool:
        """Whether the sign-in is an hour past its last renewal (known without the casebook)."""
        return self.seen is not None and self.clock() - self.seen >= RENEW_EVERY

    def login(self, model: dict, casebook) -> Login:
        """The owner's signed-in browser in the casebook, which the hub just proved: made (with
        their hub groups granted) on the first visit, kept when their groups change (then only
        the memberships follow), and renewed when due: a new sign-in would orphan the kernels
        the old one claimed."""
        key = self._key(model)
        login = casebook.login_by_token(self.token)
        if login is None or key != self.groups:
            self.token, login = casebook.hub_sign_in(model["name"], key[1], keep=self.token)
            self.groups = key
        self.seen = login.seen_at.timestamp()
        if self.renewal_due():
            # None only when it ended just now: the next request then signs in anew.
            login = casebook.renew_hub_login(model["name"], self.token) or login
            self.seen = login.seen_at.timestamp()
        return login

    def sign_in_url(self, handler) -> str:
        """The hub's login (OAuth), coming back to this request's page."""
        state = self.auth.set_state_cookie(handler, next_url=handler.request.uri)
        return url_concat(self.auth.login_url, {"state": state})


class SignInHandler(tornado.web.RequestHandler):
    """werkboek's sign-in address under the hub: the start page (the hub signs people in)."""

    def get(self) -> None:
        self.redirect(self.settings.get("base_url", "/"))


class SignOutHandler(tornado.web.RequestHandler):
    """Signing out is the hub's: its logout ends this server's cookie too."""

    def get(self) -> None:
        self.redirect(hub_logout_url())

    post = get

    def check_xsrf_cookie(self) -> None:
        """Signing out needs no form token: it only sends the browser to the hub's logout."""


def watched(handler_class: type) -> type:
    """A kernel websocket (already ``owned``) that, under a hub, counts its messages as the
    owner's activity and closes once the hub no longer knows its browser (a logout there),
    stopping its kernel: a page left open stops working."""

    class Watched(handler_class):
        _recheck: PeriodicCallback | None = None

        @property
        def _hub(self) -> HubIdentity | None:
            return self.settings["werkboek_gate"].hub

        async def open(self, *args, **kwargs):
            await super().open(*args, **kwargs)
            if self._hub is not None and self.ws_connection is not None:
                self._hub.activity.touch()
                self._recheck = PeriodicCallback(self._check_signed_in, RECHECK_SECONDS * 1000)
                self._recheck.start()

        async def on_message(self, message):
            hub = self._hub
            if hub is not None:
                if not await self._check_signed_in():
                    return
                hub.activity.touch()
            return super().on_message(message)

        def write_message(self, message, binary: bool = False):
            if self._hub is not None:
                self._hub.activity.touch()
            return super().write_message(message, binary)

        async def _check_signed_in(self) -> bool:
            """True while the hub still knows this browser as the owner; else the socket closes
            and the kernel stops. A new set of hub groups is applied at once, and the sign-in
            renewed when due."""
            hub, gate = self._hub, self.settings["werkboek_gate"]
            if self.ws_connection is None:
                return False
            try:
                model = await hub.current_model(self)
            except Exception as exc:  # noqa: BLE001 (hub unreachable: keep the page, try again)
                log.warning("Could not ask the hub who this browser is: %s", exc)
                return True
            if model is None:
                self._stop_watching()
                self.close(LOGGED_OUT, LOGGED_OUT_REASON)
                kernel_id = getattr(self, "kernel_id", None)
                if kernel_id and kernel_id in self.kernel_manager:
                    await self.kernel_manager.shutdown_kernel(kernel_id)
                return False
            if hub.groups_changed(model) or hub.renewal_due():
                casebook = gate.open_casebook()
                if casebook is not None:
                    hub.login(model, casebook)  # the groups apply; a due sign-in renews
            return True

        def _stop_watching(self) -> None:
            if self._recheck is not None:
                self._recheck.stop()
                self._recheck = None

        def on_close(self):
            self._stop_watching()
            return super().on_close()

    Watched.__name__ = f"Watched{handler_class.__name__}"
    return Watched


def routes(base: str, sign_in_path: str) -> list[tuple]:
    from jupyterhub.services.auth import HubOAuthCallbackHandler

    return [
        (f"{base}/{CALLBACK}", HubOAuthCallbackHandler),
        (f"{base}/{sign_in_path}", SignInHandler),
        (f"{base}/werkboek/afmelden", SignOutHandler),
    ]
