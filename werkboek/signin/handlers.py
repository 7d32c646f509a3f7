"""The sign-in pages of `werkboek serve`: aanmelden, uitnodiging, afmelden, apparaten.

Every failure of signing in shows one message, whatever failed (name, passphrase, throttle), so
nobody learns which pseudonyms exist. The passphrase check runs off the server's event loop.
"""

from __future__ import annotations

import asyncio

import tornado.web

from werkboek.casebook.accounts import INVITE_INVALID, SIGN_IN_FAILED, SignInFailed
from werkboek.casebook.errors import CasebookError
from werkboek.signin import html
from werkboek.signin.gate import COOKIE, SIGN_IN_PATH, Gate, safe_next
from werkboek.signin.throttle import address_key, name_key

SIGN_IN = SIGN_IN_PATH


def device_label(user_agent: str) -> str:
    """"Chrome op Android" from a User-Agent; no version numbers, no address."""
    agent = user_agent or ""
    browser = next((name for key, name in (("Edg/", "Edge"), ("Firefox/", "Firefox"),
                                           ("Chrome/", "Chrome"), ("Safari/", "Safari"))
                    if key in agent), "Browser")
    system = next((name for key, name in (("Android", "Android"), ("iPhone", "iPhone"),
                                          ("iPad", "iPad"), ("Windows", "Windows"),
                                          ("Mac OS", "Mac"), ("Linux", "Linux")) if key in agent),
                  "onbekend apparaat")
    return f"{browser} op {system}"


class SignInBase(tornado.web.RequestHandler):
    @property
    def gate(self) -> Gate:
        return self.settings["werkboek_gate"]

    @property
    def home(self) -> str:
        return self.settings.get("base_url", "/")

    def render_page(self, title: str, body: str, *, status: str = "", code: int = 200) -> None:
        self.set_status(code)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(html.page(title, body, home=self.home, status=status))

    def start_login(self, token: str, remember: bool) -> None:
        self.set_cookie(COOKIE, token, path=self.home, httponly=True, samesite="Lax",
                        secure=self.gate.secure, expires_days=30 if remember else None)

    def current_login(self):
        return self.gate.login(self.get_cookie(COOKIE))

    def casebook(self):
        cb = self.gate.open_casebook()
        if cb is None:
            raise tornado.web.HTTPError(503, "no casebook")
        return cb

    def write_error(self, status_code: int, **kwargs) -> None:
        self.render_page("Er ging iets mis", "<p>Probeer het opnieuw vanaf de startpagina.</p>",
                         code=status_code)


class SignInHandler(SignInBase):
    def get(self) -> None:
        cb = self.gate.open_casebook()
        no_accounts = cb is None or not cb.has_accounts()
        self.render_page("Aanmelden", html.sign_in_form(
            self.xsrf_form_html(), self.get_argument("next", self.home), no_accounts=no_accounts))

    async def post(self) -> None:
        self.check_xsrf_cookie()
        name = self.get_body_argument("naam", "")[:100]
        passphrase = self.get_body_argument("wachtzin", "")
        remember = self.get_body_argument("onthoud", "") == "1"
        next_url = safe_next(self.get_body_argument("next", ""), self.home)
        keys = (name_key(name), address_key(self.request.remote_ip))
        if not self.gate.throttle.blocked(*keys):
            try:
                token, _ = await asyncio.get_running_loop().run_in_executor(
                    None, lambda: self.casebook().sign_in(
                        name, passphrase, remember=remember,
                        label=device_label(self.request.headers.get("User-Agent", ""))))
            except SignInFailed:
                self.gate.throttle.failed(*keys)
            else:
                self.gate.throttle.succeeded(name)
                self.start_login(token, remember)
                self.redirect(next_url)
                return
        self.render_page("Aanmelden", html.sign_in_form(self.xsrf_form_html(), next_url, name),
                         status=SIGN_IN_FAILED, code=403)


class InviteHandler(SignInBase):
    def get(self, token: str) -> None:
        name = self.casebook().invite_name(token)
        if name is None:
            self.render_page("Uitnodiging", "", status=INVITE_INVALID, code=404)
            return
        self.render_page("Uitnodiging", html.invite_form(self.xsrf_form_html(), token, name))

    async def post(self, token: str) -> None:
        self.check_xsrf_cookie()
        passphrase = self.get_body_argument("wachtzin", "")
        name = self.casebook().invite_name(token)
        if name is None:
            self.render_page("Uitnodiging", "", status=INVITE_INVALID, code=404)
            return
        if passphrase != self.get_body_argument("nogmaals", ""):
            self.render_page("Uitnodiging", html.invite_form(self.xsrf_form_html(), token, name),
                             status="De twee wachtzinnen zijn niet gelijk. Probeer het opnieuw.")
            return
        try:
            login_token, _ = await asyncio.get_running_loop().run_in_executor(
                None, lambda: self.casebook().accept_invite(
                    token, passphrase, label=device_label(self.request.headers.get("User-Agent", ""))))
        except CasebookError as refusal:
            self.render_page("Uitnodiging", html.invite_form(self.xsrf_form_html(), token, name),
                             status=str(refusal))
            return
        self.start_login(login_token, False)
        self.redirect(self.home)


class SignOutHandler(SignInBase):
    def post(self) -> None:
        self.check_xsrf_cookie()
        token = self.get_cookie(COOKIE)
        if token:
            self.casebook().end_login_by_token(token)
        self.clear_cookie(COOKIE, path=self.home)
        self.redirect(f"{self.home}{SIGN_IN}")


class DevicesHandler(SignInBase):
    def _viewer(self):
        login = self.current_login()
        if login is None:
            self.redirect(f"{self.home}{SIGN_IN}?next={self.request.path}")
            return None, None
        return login, self.casebook().viewer(self.gate.principal(login))

    def get(self) -> None:
        login, viewer = self._viewer()
        if login is None:
            return
        cb = self.casebook()
        self.render_page("Mijn apparaten", html.devices_page(
            self.xsrf_form_html(), login.account_name, cb.logins(viewer), login.id, self.home))

    def post(self) -> None:
        self.check_xsrf_cookie()
        login, viewer = self._viewer()
        if login is None:
            return
        chosen = self.get_body_argument("login", "")
        if chosen.isdigit():
            self.casebook().end_login(viewer, int(chosen))
        if chosen == str(login.id):
            self.clear_cookie(COOKIE, path=self.home)
            self.redirect(f"{self.home}{SIGN_IN}")
            return
        self.redirect(self.request.path)


def routes(base: str) -> list[tuple]:
    return [
        (f"{base}/{SIGN_IN}", SignInHandler),
        (f"{base}/werkboek/uitnodiging/([A-Za-z0-9_-]{{20,100}})", InviteHandler),
        (f"{base}/werkboek/afmelden", SignOutHandler),
        (f"{base}/werkboek/apparaten", DevicesHandler),
    ]
