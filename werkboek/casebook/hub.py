"""Accounts proven by JupyterHub (the *Organisatie* mode): the hub says who someone is.

The hub's user becomes the account of the same name (made on first visit, without a passphrase,
so werkboek's own sign-in never opens it) and gets a signed-in browser like any other account.
Rights come from whoever holds them: the hub's administrator through groups named
``werkboek:<team>:<role>`` (the team is made when it does not exist; the role is set on every
sign-in), or a team's beheerder in the casebook (``werkboek member add`` with the hub's user name).
A membership only a group holds (``members.hub_granted``) ends when the user is no longer in that
group, at their next sign-in or page request; what they wrote stays, under their name, and being
put back in the group links the same membership again. A membership a beheerder granted stays
when the group goes (with the role it last had). A beheerder who removes a membership a group
still grants ends it only until the next sign-in: the group grants it again (take the person out
of the group at the hub instead).

The hub decides how long someone stays signed in: when it proves the user again, the server
renews their hub sign-in to ``LOGIN_HOURS`` from then (``renew_hub_login``), so a page open
through a night shift keeps working. A sign-in that ended (signed out, erased) stays ended; a
passphrase sign-in keeps its own lifetime.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import sqlalchemy as sa

from werkboek.casebook import passphrases, schema as t
from werkboek.casebook.accounts import (
    LOGIN_HOURS,
    LOGIN_SELECT,
    AccountsMixin,
    check_role,
    login_record,
)
from werkboek.casebook.base import writes
from werkboek.casebook.errors import InvalidInput
from werkboek.casebook.records import Login
from werkboek.casebook.teams import _short

GROUP_PREFIX = "werkboek:"
HUB_LOGIN_LABEL = "JupyterHub"


def memberships_from_groups(groups: Iterable[str]) -> dict[str, str]:
    """``{team name: role}`` from the hub's groups ``werkboek:<team>:<role>``. Other groups, and
    ones with an unknown role or no team name, grant nothing. Two roles in one team: the group
    sorted last wins, so the outcome does not depend on the hub's order."""
    granted: dict[str, str] = {}
    for group in sorted(groups):
        if not group.startswith(GROUP_PREFIX):
            continue
        team, _, role = group.removeprefix(GROUP_PREFIX).rpartition(":")
        try:
            granted[_short(team, "De naam van het team", 200)] = check_role(role.strip())
        except InvalidInput:
            continue
    return granted


class HubAccountsMixin(AccountsMixin):
    @writes
    def hub_sign_in(self, hub_user: str, groups: Iterable[str] = (), *, keep: str = ""
                    ) -> tuple[str, Login]:
        """A signed-in browser for the hub's user ``hub_user``, with the memberships its
        ``groups`` grant (and without those of groups it left). With ``keep``, the token of a
        live sign-in of this account, that sign-in goes on (the pages and kernels it opened
        keep working) and only the groups are applied. Only the server calls this, after the hub
        proved the user."""
        name = _short(hub_user, "De naam in de hub", 100)
        granted = memberships_from_groups(groups)
        new_teams = [team for team in granted if not self._team_exists(team)]
        # The hub's administrator chose these names, as on the command line: hard identifiers are
        # refused, a flagged word (a team called after a place) is let through with an audit line.
        flagged = bool(new_teams) and self._vet(new_teams, "fictional").flagged
        with self._write() as conn:
            account_id = self._account_id(conn, name) or conn.execute(
                t.accounts.insert().values(name=name, name_key=name.casefold(),
                                           created_at=t.utcnow()).returning(t.accounts.c.id)
            ).scalar_one()
            for team_name, role in granted.items():
                self._grant_from_hub(conn, account_id, team_name, role)
            self._end_left_groups(conn, account_id, set(granted))
            if flagged:
                self._audit(conn, None, "fictional_text", "account", account_id)
            kept = conn.execute(LOGIN_SELECT.where(
                t.logins.c.token_digest == passphrases.digest(keep or ""),
                t.logins.c.account_id == account_id, t.logins.c.ended_at.is_(None),
                t.logins.c.expires_at > t.utcnow())).first() if keep else None
            if kept is not None:
                return keep, login_record(kept)
            self._audit(conn, account_id, "hub_sign_in", "account", account_id)
            return self._new_login(conn, account_id, HUB_LOGIN_LABEL, False)

    @writes
    def renew_hub_login(self, hub_user: str, token: str) -> Login | None:
        """The hub proved ``hub_user`` again: their hub sign-in ``token`` is seen now and lasts
        ``LOGIN_HOURS`` from now. None, and nothing changes, when ``token`` is not a live hub
        sign-in of that account (ended, expired, someone else's, or a passphrase sign-in). Only
        the server calls this, after the hub proved the user."""
        with self._write() as conn:
            account_id = self._account_id(conn, hub_user)
            if account_id is None:
                return None
            now = t.utcnow()
            mine = (t.logins.c.token_digest == passphrases.digest(token or ""),
                    t.logins.c.account_id == account_id)
            renewed = conn.execute(t.logins.update().where(
                *mine, t.logins.c.label == HUB_LOGIN_LABEL, t.logins.c.remember.is_(False),
                t.logins.c.ended_at.is_(None), t.logins.c.expires_at > now,
            ).values(seen_at=now, expires_at=now + timedelta(hours=LOGIN_HOURS)))
            if not renewed.rowcount:
                return None
            return login_record(conn.execute(LOGIN_SELECT.where(*mine)).one())

    def _team_exists(self, name: str) -> bool:
        with self._read() as conn:
            return conn.execute(sa.select(t.teams.c.id).where(
                t.teams.c.name == name, t.teams.c.kind == "team")).first() is not None

    def _grant_from_hub(self, conn, account_id: int, team_name: str, role: str) -> None:
        team = self._get_or_create_team(conn, team_name, "team")
        row = conn.execute(sa.select(t.members).where(
            t.members.c.team_id == team.id, t.members.c.account_id == account_id)).first()
        if row is not None:
            if row.role != role:
                conn.execute(t.members.update().where(t.members.c.id == row.id).values(role=role))
                self._audit(conn, None, f"role:{role}", "member", row.id)
            return
        name = conn.execute(sa.select(t.accounts.c.name).where(
            t.accounts.c.id == account_id)).scalar_one()
        former = conn.execute(sa.select(t.members).where(
            t.members.c.team_id == team.id, t.members.c.pseudonym == name,
            t.members.c.account_id.is_(None))).first()
        if former is not None and former.hub_granted:
            # Back in the group: the membership the group held before, with what they wrote.
            conn.execute(t.members.update().where(t.members.c.id == former.id)
                         .values(account_id=account_id, role=role))
            self._audit(conn, None, "hub_grant", "member", former.id)
            return
        try:
            self._name_free(conn, team.id, name)
        except InvalidInput:
            # Someone else wrote under this name in the team (a beheerder's former member): the
            # group cannot give it to this user. Their other teams still open; the audit says why.
            self._audit(conn, account_id, "hub_grant_refused", "team", team.id)
            return
        member_id = conn.execute(t.members.insert().values(
            team_id=team.id, pseudonym=name, role=role, account_id=account_id, hub_granted=True,
            created_at=t.utcnow()).returning(t.members.c.id)).scalar_one()
        self._audit(conn, None, "hub_grant", "member", member_id)

    def _end_left_groups(self, conn, account_id: int, granted: set[str]) -> None:
        """End the memberships only a hub group held, of groups the user is no longer in: the
        row stays (what they wrote stays theirs), without the account."""
        rows = conn.execute(sa.select(t.members.c.id, t.teams.c.name).join(t.teams).where(
            t.members.c.account_id == account_id, t.members.c.hub_granted.is_(True),
            t.teams.c.kind == "team")).all()
        for row in rows:
            if row.name not in granted:
                conn.execute(t.members.update().where(t.members.c.id == row.id)
                             .values(account_id=None))
                self._audit(conn, None, "hub_leave", "member", row.id)
