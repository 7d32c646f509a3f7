"""Per request: may this visitor reach this page or kernel, and as whom.

Three ways to run (``../README.md``, "Aanmelden"): *persoonlijk* on loopback, where the laptop's
owner uses the personal pages without signing in and the team pages ask for sign-in;
*teamserver* (another address, or behind a proxy), where every page asks for sign-in first; and
*organisatie*, a user's server under JupyterHub, where the hub proves who the visitor is
(``werkboek.signin.hub``) and werkboek asks nothing. ``login_of`` is the one place that decides.
On loopback a request whose ``Host`` is not a loopback name is refused, so a web page elsewhere
cannot reach the workbook by pointing its own name at 127.0.0.1 (DNS rebinding).
A kernel belongs to whoever's visit started it (or was handed it from the pool); the kernel's
websocket and API refuse anyone else, even with its id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tornado.escape import url_escape
from tornado.httputil import split_host_and_port

from werkboek.casebook.passphrases import digest
from werkboek.casebook.records import Login, Principal
from werkboek.signin.hub import HubIdentity
from werkboek.signin.throttle import Throttle

COOKIE = "werkboek_login"
GUEST_COOKIE = "werkboek_gast"  # a not signed-in browser's secret, for guests of one session
GUEST_PAGE = "Casusbespreking"
SIGN_IN_PATH = "werkboek/aanmelden"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
# Pages the laptop's owner uses without signing in on loopback (notebook names).
PERSONAL_PAGES = {"Start", "Oefeningen", "Dialoog", "Spanningsvelden", "Principes",
                  "Mijn-reflecties"}
FOREIGN_HOST = ("Dit adres hoort niet bij werkboek op deze computer. Open werkboek via "
                "http://127.0.0.1 of http://localhost.")
NOT_YOUR_PAGE = "Deze pagina hoort bij iemand anders. Open werkboek opnieuw vanaf de startpagina."


@dataclass
class Gate:
    personal: bool  # loopback, no proxy in front: the personal pages need no sign-in
    secure: bool  # served over HTTPS (directly or by the proxy): cookies only over HTTPS
    open_casebook: callable  # () -> Casebook | None (None: no casebook yet)
    throttle: Throttle = field(default_factory=Throttle)
    owners: dict[str, str] = field(default_factory=dict)  # kernel id -> owner key
    hub: HubIdentity | None = None  # organisatie: the hub says who the visitor is

    def host_allowed(self, host: str) -> bool:
        if not self.personal:
            return True
        name, _ = split_host_and_port(host.lower())
        return name in LOOPBACK_NAMES or f"[{name}]" in LOOPBACK_NAMES

    def needs_sign_in(self, notebook: str) -> bool:
        return not (self.personal and notebook in PERSONAL_PAGES)

    def login(self, token: str | None) -> Login | None:
        cb = self.open_casebook()
        return cb.login_by_token(token) if cb is not None and token else None

    def principal(self, login: Login | None, guest: str | None = None) -> Principal:
        return Principal(login_id=login.id if login else None, local=self.personal,
                         guest=guest if login is None else None)

    async def login_of(self, handler) -> Login | None:
        """The signed-in account of this request: under a hub, the hub's user (this server's
        owner); else the browser's sign-in cookie."""
        if self.hub is None:
            return self.login(handler.get_cookie(COOKIE))
        model = await self.hub.owner_model(handler)
        if model:
            self.hub.activity.touch()  # the owner used their server (reported to the hub)
        cb = self.open_casebook() if model else None
        return self.hub.login(model, cb) if cb is not None else None

    async def principal_of(self, handler) -> Principal:
        """Who sent this request: their signed-in account, else their guest secret."""
        guest = handler.get_cookie(GUEST_COOKIE) if self.hub is None else None
        return self.principal(await self.login_of(handler), guest)

    def sign_in_url(self, handler, base: str) -> str:
        """Where a visitor who must sign in goes: the hub's login, or werkboek's sign-in."""
        if self.hub is not None:
            return self.hub.sign_in_url(handler)
        return f"{base}{SIGN_IN_PATH}?next={url_escape(handler.request.uri)}"

    def guests_welcome(self, notebook: str, code: str) -> bool:
        """A not signed-in visitor may open the session page of ``code`` as a guest (not under
        a hub: there everyone comes through the hub's login)."""
        if self.hub is not None or notebook != GUEST_PAGE or not code:
            return False
        cb = self.open_casebook()
        session = cb.session_by_code(code) if cb is not None else None
        return session is not None and session.guests_allowed

    @staticmethod
    def owner_key(principal: Principal) -> str:
        if principal.login_id is not None:
            return f"login:{principal.login_id}"
        if principal.guest:
            return f"guest:{digest(principal.guest)}"
        return "local" if principal.local else "anonymous"

    def claim(self, kernel_id: str, principal: Principal) -> None:
        self.owners[kernel_id] = self.owner_key(principal)

    def may_use_kernel(self, kernel_id: str, principal: Principal) -> bool:
        """Only the visitor a kernel was started for or handed to; a pool kernel nobody was
        handed is nobody's."""
        return self.owners.get(kernel_id) == self.owner_key(principal)

    def forget(self, kernel_id: str) -> None:
        self.owners.pop(kernel_id, None)


def notebook_of(path: str) -> str:
    """``/voila/render/Casebook.ipynb`` -> ``Casebook``."""
    last = urlsplit(path).path.rstrip("/").rsplit("/", 1)[-1]
    return last.removesuffix(".ipynb")


def safe_next(next_url: str, home: str) -> str:
    """Where to go after signing in: a path on this server, never another site."""
    parts = urlsplit(next_url or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or "//" in parts.path:
        return home
    return next_url
