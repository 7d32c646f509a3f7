"""Signing a test's visitor in the way the server does, so pages get a proven principal.

The server proves who a visitor is (``werkboek.signin``) and hands the page kernel a signed grant
in ``HTTP_X_WERKBOEK_PRINCIPAL``; pages read it with ``werkboek.ui.visitor.principal()``. Here a
test does the same through the store's real doors: ``add_member`` (as the command line does)
makes the membership and an invite, ``accept_invite`` sets the passphrase and signs a browser in,
and the grant for that sign-in goes into the environment (with ``WERKBOEK_PAGE_SECRET``).

Argon2id makes each passphrase hash take 0.1-0.2 s, so one process hashes the test passphrase
once (the real hash, reused) and a test signs each account in once: asking again for the same
name gives the same sign-in, a member of another team as well as of this one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pytest

from werkboek.casebook import grants, passphrases
from werkboek.casebook.records import Login, Member, Principal, Viewer

PASSPHRASE = "drie fictieve woorden voor de test"
SECRET = "werkboek-test-page-secret"
PRACTICE_TEAM = "Team Oefen (fictief)"
DEFAULT_ROLE = "groepswerker"
_real_hash = passphrases.hash_passphrase


@functools.cache
def _test_hash() -> str:
    return _real_hash(PASSPHRASE)


def _hash_once(passphrase: str) -> str:
    """The real argon2id hash; the test passphrase's is made once per process."""
    return _test_hash() if passphrase == PASSPHRASE else _real_hash(passphrase)


@dataclass
class SignedIn:
    """One signed-in browser of a test: its principal, membership and the casebook it is in."""

    cb: object
    team_id: int
    member: Member
    token: str
    login: Login
    visits: SignIn = field(repr=False)

    @property
    def principal(self) -> Principal:
        return Principal(login_id=self.login.id)

    @property
    def name(self) -> str:
        return self.member.pseudonym

    def viewer(self, team_id: int | None = None) -> Viewer:
        """The sealed viewer the store gives this visitor in ``team_id`` (their team by default)."""
        return self.cb.viewer(self.principal, team_id or self.team_id)

    def personal_viewer(self) -> Viewer:
        return self.cb.personal_viewer(self.principal)

    def visit(self) -> SignedIn:
        """Make this the visitor of the pages the test builds next."""
        self.visits.visit(self.principal)
        return self


class SignIn:
    """The ``sign_in`` fixture: ``sign_in(cb, team_id, "GW-2", "groepswerker")``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.monkeypatch = monkeypatch
        self.done: dict[tuple[str, str], SignedIn] = {}
        monkeypatch.setenv(grants.SECRET_ENV, SECRET)
        monkeypatch.delenv(grants.HEADER_ENV, raising=False)
        monkeypatch.setattr(passphrases, "hash_passphrase", _hash_once)

    def __call__(self, cb, team_id: int | None = None, name: str = "GW-1",
                 role: str | None = None, *, visit: bool = True) -> SignedIn:
        """``name`` signed in, a member of ``team_id`` (made with ``role``, groepswerker unless
        said; an existing member keeps the role granted). ``team_id`` None: a practice team.
        The new sign-in becomes the pages' visitor unless ``visit`` is False."""
        if team_id is None:
            team_id = cb.create_team(PRACTICE_TEAM).id
        key = (cb.url, name.strip().casefold())  # the store's own key of an account's name
        known = self.done.get(key)
        if known is not None and known.team_id == team_id:
            member, invite = known.member, None
        else:
            member, invite = cb.add_member(team_id, name, role or DEFAULT_ROLE)
        assert role is None or member.role == role, (
            f"{name} is already {member.role} in team {team_id}, not {role}")
        if known is not None:
            token, login = known.token, known.login
        else:
            # An account that already chose a passphrase (the demo's) gets no invite from
            # add_member: the command line's reset gives one.
            invite = invite or cb.reset_member(team_id, name)
            token, login = cb.accept_invite(invite, PASSPHRASE)
        signed = SignedIn(cb, team_id, member, token, login, self)
        self.done[key] = signed
        return signed.visit() if visit else signed

    def again(self, cb, name: str) -> tuple[str, Login]:
        """A second browser of an account signed in before, by name and passphrase."""
        return cb.sign_in(name, PASSPHRASE)

    def visit(self, principal: Principal) -> None:
        self.monkeypatch.setenv(grants.HEADER_ENV, grants.issue(principal, SECRET))

    def local(self) -> Principal:
        """The laptop's owner on loopback: the personal journal, without signing in."""
        principal = Principal(local=True)
        self.visit(principal)
        return principal

    def anonymous(self) -> Principal:
        """Nobody signed in (no grant)."""
        self.monkeypatch.delenv(grants.HEADER_ENV, raising=False)
        return Principal()


def server_view(cb) -> Viewer:
    """The server's own reader of every team (as the command line and reports read), for a test
    that checks what was stored."""
    return cb.system_viewer(team.id for team in cb.teams())
