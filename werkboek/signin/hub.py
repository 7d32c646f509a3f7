"""Who the visitor is when JupyterHub runs werkboek (`werkboek serve --hub`, *Organisatie*).

The hub starts this server for one of its users, with its OAuth client in the environment
(``JUPYTERHUB_*``, set by the hub's spawner, never by a page). A browser gets the hub's cookie for
this server through the OAuth callback; on every page and kernel request the hub says whose it is
(remembered for a few seconds only, so a logout at the hub soon closes the server's pages). Only
the server's owner (``JUPYTERHUB_USER``) gets in: not another user, not a hub administrator who
may open every server. No header, cookie or field a page controls names the visitor; werkboek's
own sign-in is not offered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import tornado.web
from tornado.httputil import url_concat

from werkboek.casebook.records import Login
from werkboek.hub_env import OWNER_ENV, hub_logout_url, hub_url

CALLBACK = "oauth_callback"
CACHE_SECONDS = 10
NOT_YOUR_SERVER = ("Deze werkplek hoort bij iemand anders. Open je eigen werkplek via de "
                   "startpagina van de hub.")


TOKEN_ENV = "JUPYTERHUB_API_TOKEN"


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
    from werkboek.signin.html import page

    return page("Niet jouw werkplek", "", home=hub_url("hub/home"), status=NOT_YOUR_SERVER)


@dataclass
class HubIdentity:
    owner: str
    auth: object  # jupyterhub.services.auth.HubOAuth
    tokens: dict[tuple, str] = field(default_factory=dict)  # (name, groups) -> login token

    @classmethod
    def from_environment(cls) -> HubIdentity:
        """The owner and the hub's OAuth client from the environment the hub gave this server.
        The server's hub token is then taken out of the environment, so page kernels (which
        inherit it) never hold it."""
        from jupyterhub.services.auth import HubOAuth

        auth = HubOAuth.instance(cache_max_age=CACHE_SECONDS)
        auth.api_token  # noqa: B018 (read now, before it leaves the environment)
        os.environ.pop(TOKEN_ENV, None)
        return cls(owner=os.environ[OWNER_ENV], auth=auth)

    async def owner_model(self, handler) -> dict | None:
        """The hub's user model of this request: None without a (live) hub cookie;
        ``NotYourServer`` for anyone but the owner."""
        model = await self.auth.get_user(handler, sync=False)
        if not model:
            return None
        if model.get("kind", "user") != "user" or model.get("name") != self.owner:
            raise NotYourServer
        return model

    def login(self, model: dict, casebook) -> Login:
        """The owner's signed-in browser in the casebook, made (and their hub groups granted)
        on the first visit and whenever their groups change."""
        key = (model["name"], tuple(sorted(model.get("groups") or ())))
        login = casebook.login_by_token(self.tokens.get(key, ""))
        if login is None:
            token, login = casebook.hub_sign_in(model["name"], key[1])
            self.tokens[key] = token
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


def routes(base: str, sign_in_path: str) -> list[tuple]:
    from jupyterhub.services.auth import HubOAuthCallbackHandler

    return [
        (f"{base}/{CALLBACK}", HubOAuthCallbackHandler),
        (f"{base}/{sign_in_path}", SignInHandler),
        (f"{base}/werkboek/afmelden", SignOutHandler),
    ]
