"""Accounts, invites, signed-in browsers, and the viewer a proven principal gets.

Rights are granted here, never chosen: ``add_member`` (a beheerder or the command line) makes
the account and its membership with a role and returns a one-time invite; the person chooses a
passphrase through it (``accept_invite``) and signs in (``sign_in``), which returns the token of
a signed-in browser. ``viewer`` turns the principal the server proved into the sealed viewer
every other store method takes. Failures of signing in all say the same, whatever failed.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from werkboek.casebook import passphrases, schema as t
from werkboek.casebook.base import StoreBase, fetch_one, reads, writes
from werkboek.casebook.errors import InvalidInput, NotAllowed, NotFound
from werkboek.casebook.records import Account, Login, Member, Principal, Viewer
from werkboek.casebook.teams import MEMBER_GONE, TEAM_GONE, _short, member_record
from werkboek.vocab import ADMIN_ROLE, ROLES, TRAINER_ROLE, TRAINING_ROLES

INVITE_DAYS = 7
LOGIN_HOURS = 12  # a browser not remembered stays signed in for a working day
REMEMBER_DAYS = 30
SIGN_IN_FAILED = "Deze combinatie van naam en wachtzin klopt niet, of je mag nu even niet inloggen."
INVITE_INVALID = "Deze uitnodiging is verlopen of al gebruikt. Vraag je beheerder om een nieuwe."
NOT_SIGNED_IN = "Meld je eerst aan; daarna kun je dit zien en opslaan."
ACCOUNT_GONE = "Dit account bestaat niet (meer)."


class SignInFailed(NotAllowed):
    """Name, passphrase, invite or throttle: one message for every failure."""


def account_record(row) -> Account:
    return Account(id=row.id, name=row.name, has_passphrase=row.passphrase_hash is not None,
                   created_at=row.created_at)


def login_record(row) -> Login:
    return Login(id=row.id, account_id=row.account_id, account_name=row.name, label=row.label,
                 remember=row.remember, created_at=row.created_at, seen_at=row.seen_at,
                 expires_at=row.expires_at)


LOGIN_SELECT = sa.select(t.logins, t.accounts.c.name).join(t.accounts)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"Onbekende rol {role!r}; kies uit: {', '.join(ROLES)}.")
    return role


class AccountsMixin(StoreBase):
    # -- granting (beheerder or command line) ------------------------------------------------

    @writes
    def add_member(self, team_id: int, name: str, role: str, *, by: Viewer | None = None
                   ) -> tuple[Member, str | None]:
        """Make ``name`` a member of the team with ``role``; returns the member and a one-time
        invite token (valid 7 days). An account that exists joins with its own name; it gets an
        invite only while it has no passphrase yet, and from a beheerder on a page only when
        that beheerder manages every team it is in (else None: the person signs in with what
        they have, or the command line's ``reset_member`` gives a new invite). ``by`` is the
        beheerder doing it on a page (None: the server's command line)."""
        name = _short(name, "De schuilnaam", 100)
        check_role(role)
        self._require_admin(by, team_id)
        self._vet([name], "check")
        with self._write() as conn:
            fetch_one(conn, sa.select(t.teams.c.id).where(t.teams.c.id == team_id), TEAM_GONE)
            account = conn.execute(sa.select(t.accounts).where(
                t.accounts.c.name_key == name.casefold())).first()
            account_id = account.id if account is not None else conn.execute(
                t.accounts.insert().values(name=name, name_key=name.casefold(),
                                           created_at=t.utcnow()).returning(t.accounts.c.id)
            ).scalar_one()
            name = account.name if account is not None else name
            query = sa.select(t.members).where(t.members.c.team_id == team_id,
                                               t.members.c.account_id == account_id)
            existing = conn.execute(query).first()
            if existing is None:
                self._name_free(conn, team_id, name)
                conn.execute(t.members.insert().values(
                    team_id=team_id, pseudonym=name, role=role, account_id=account_id,
                    created_at=t.utcnow()))
            elif existing.hub_granted:  # the beheerder now holds it too: leaving the group keeps it
                conn.execute(t.members.update().where(t.members.c.id == existing.id)
                             .values(hub_granted=False))
            member = member_record(conn.execute(query).one())
            token = None
            if account is None or (account.passphrase_hash is None
                                   and self._manages_account(conn, by, account_id)):
                token = self._new_invite(conn, account_id)
            self._audit(conn, by.account_id if by else None,
                        "invite" if token else "add_member", "account", account_id)
            return member, token

    @staticmethod
    def _name_free(conn: Connection, team_id: int, name: str) -> None:
        """Refuse a name a former member of the team wrote under: their answers stay theirs."""
        taken = conn.execute(sa.select(t.members.c.account_id, t.accounts.c.name).outerjoin(
            t.accounts, t.accounts.c.id == t.members.c.account_id).where(
            t.members.c.team_id == team_id, t.members.c.pseudonym == name)).first()
        if taken is not None and taken.account_id is not None:
            raise InvalidInput(f"In dit team is al iemand lid als '{name}'; die meldt zich aan "
                               f"als '{taken.name}'. Kies een andere schuilnaam.")
        if taken is not None:
            raise InvalidInput(
                f"In dit team schreef eerder iemand als '{name}'. Kies een andere schuilnaam "
                "(bijvoorbeeld met een extra cijfer), of wis eerst wat onder deze naam staat "
                "(werkboek erase).")

    @staticmethod
    def _manages_account(conn: Connection, by: Viewer | None, account_id: int) -> bool:
        """Whether ``by`` may hand out a way into the account: the command line (None), or a
        beheerder of every team and course group the account is in."""
        if by is None:
            return True
        teams = conn.execute(sa.select(t.members.c.team_id).join(t.teams).where(
            t.members.c.account_id == account_id, t.teams.c.kind != "personal")).scalars()
        return all(by.role_in(team) == ADMIN_ROLE for team in teams)

    @staticmethod
    def _account_id(conn: Connection, name: str) -> int | None:
        return conn.execute(sa.select(t.accounts.c.id).where(
            t.accounts.c.name_key == name.strip().casefold())).scalar()

    @staticmethod
    def _new_invite(conn: Connection, account_id: int) -> str:
        token = passphrases.new_token()
        now = t.utcnow()
        conn.execute(t.invites.update().where(t.invites.c.account_id == account_id,
                                              t.invites.c.used_at.is_(None)).values(used_at=now))
        conn.execute(t.invites.insert().values(
            account_id=account_id, token_digest=passphrases.digest(token), created_at=now,
            expires_at=now + timedelta(days=INVITE_DAYS)))
        return token

    def _require_admin(self, by: Viewer | None, team_id: int) -> None:
        if by is not None and by.role_in(team_id) != ADMIN_ROLE:
            raise NotAllowed("Alleen een beheerder van dit team kan leden en rollen beheren.")

    def _member_in(self, conn: Connection, team_id: int, name: str) -> sa.Row:
        account_id = self._account_id(conn, name)
        return fetch_one(conn, sa.select(t.members).where(
            t.members.c.team_id == team_id, t.members.c.account_id == account_id,
            t.members.c.account_id.is_not(None)), MEMBER_GONE)

    @writes
    def reset_member(self, team_id: int, name: str, *, by: Viewer | None = None) -> str:
        """A new invite for the member (their old passphrase and sign-ins stop working). A
        beheerder on a page may do it only for someone in no team they do not manage."""
        self._require_admin(by, team_id)
        with self._write() as conn:
            account_id = self._member_in(conn, team_id, name).account_id
            if not self._manages_account(conn, by, account_id):
                raise NotAllowed("Deze persoon is ook lid van een team dat je niet beheert. "
                                 "Vraag de beheerder van de server om de wachtzin opnieuw in te "
                                 "stellen (werkboek member reset).")
            conn.execute(t.accounts.update().where(t.accounts.c.id == account_id)
                         .values(passphrase_hash=None))
            self._end_logins(conn, account_id)
            self._audit(conn, by.account_id if by else None, "reset", "account", account_id)
            return self._new_invite(conn, account_id)

    @writes
    def set_role(self, team_id: int, name: str, role: str, *, by: Viewer | None = None) -> Member:
        check_role(role)
        self._require_admin(by, team_id)
        with self._write() as conn:
            row = self._member_in(conn, team_id, name)
            conn.execute(t.members.update().where(t.members.c.id == row.id).values(role=role))
            self._audit(conn, by.account_id if by else None, f"role:{role}", "member", row.id)
            return member_record(conn.execute(sa.select(t.members).where(
                t.members.c.id == row.id)).one())

    @writes
    def remove_member(self, team_id: int, name: str, *, by: Viewer | None = None) -> None:
        """End the membership at once: its signed-in browsers stop, open pages included. What the
        person wrote stays (erase it with ``erase_member``). The account goes with its last team."""
        self._require_admin(by, team_id)
        with self._write() as conn:
            row = self._member_in(conn, team_id, name)
            conn.execute(t.members.update().where(t.members.c.id == row.id)
                         .values(account_id=None))
            self._end_logins(conn, row.account_id)
            left = conn.execute(sa.select(sa.func.count()).select_from(t.members).where(
                t.members.c.account_id == row.account_id)).scalar_one()
            if not left:
                conn.execute(t.accounts.delete().where(t.accounts.c.id == row.account_id))
            self._audit(conn, by.account_id if by else None, "remove", "member", row.id)

    @writes
    def create_cohort(self, by: Viewer, name: str, privacy: str = "check"):
        """A new course group with ``by`` (a trainer or beheerder somewhere) as its trainer."""
        if not any(role in TRAINING_ROLES for _team, role in by.roles):
            raise NotAllowed("Alleen een trainer kan een cursusgroep maken.")
        name = _short(name, "De naam van het team", 200)
        vetted = self._vet([name], privacy)
        with self._write() as conn:
            taken = conn.execute(sa.select(t.teams.c.id).where(
                t.teams.c.name == vetted.texts[0], t.teams.c.kind == "cohort")).first()
            if taken is not None:
                raise InvalidInput("Er is al een cursusgroep met deze naam; kies een andere naam.")
            cohort = self._get_or_create_team(conn, vetted.texts[0], "cohort")
            account = conn.execute(sa.select(t.accounts.c.name).where(
                t.accounts.c.id == by.account_id)).scalar_one()
            conn.execute(t.members.insert().values(
                team_id=cohort.id, pseudonym=account, role=TRAINER_ROLE,
                account_id=by.account_id, created_at=t.utcnow()))
            self._audit(conn, by.account_id, "create_cohort", "team", cohort.id)
            return cohort

    @reads
    def accounts_of_team(self, viewer: Viewer, team_id: int) -> list[tuple[Member, Account]]:
        """A team's members with their accounts, for a member of that team."""
        self._require_team(viewer, team_id)
        query = (sa.select(t.members, t.accounts.c.name.label("account_name"),
                           t.accounts.c.passphrase_hash, t.accounts.c.created_at.label("since"))
                 .join(t.accounts, t.accounts.c.id == t.members.c.account_id)
                 .where(t.members.c.team_id == team_id).order_by(t.members.c.pseudonym))
        with self._read() as conn:
            return [(member_record(r), Account(r.account_id, r.account_name,
                                               r.passphrase_hash is not None, r.since))
                    for r in conn.execute(query)]

    @writes
    def set_demo_passphrase(self, names: list[str], passphrase: str) -> int:
        """Give the accounts ``names`` that have no passphrase this one (the fictional demo's
        accounts only: `werkboek demo`); how many were set."""
        hashed = passphrases.hash_passphrase(passphrase)
        with self._write() as conn:
            done = conn.execute(t.accounts.update().where(
                t.accounts.c.name_key.in_([n.casefold() for n in names]),
                t.accounts.c.passphrase_hash.is_(None)).values(passphrase_hash=hashed))
            return done.rowcount

    @reads
    def has_accounts(self) -> bool:
        with self._read() as conn:
            return conn.execute(sa.select(t.accounts.c.id).limit(1)).first() is not None

    # -- the person ------------------------------------------------------------------------

    @reads
    def invite_name(self, token: str) -> str | None:
        """The name an unused, unexpired invite is for; None otherwise."""
        with self._read() as conn:
            row = self._invite_row(conn, token)
        return row.name if row is not None else None

    @staticmethod
    def _invite_row(conn: Connection, token: str):
        return conn.execute(
            sa.select(t.invites.c.id, t.invites.c.account_id, t.accounts.c.name)
            .join(t.accounts)
            .where(t.invites.c.token_digest == passphrases.digest(token or ""),
                   t.invites.c.used_at.is_(None), t.invites.c.expires_at > t.utcnow())
        ).first()

    @writes
    def accept_invite(self, token: str, passphrase: str, *, label: str = "browser",
                      remember: bool = False) -> tuple[str, Login]:
        """Set the passphrase through an invite (once) and sign this browser in."""
        problem = passphrases.weakness(passphrase)
        if problem:
            raise InvalidInput(problem)
        hashed = passphrases.hash_passphrase(passphrase)
        with self._write() as conn:
            row = self._invite_row(conn, token)
            if row is None:
                raise SignInFailed(INVITE_INVALID)
            conn.execute(t.invites.update().where(t.invites.c.id == row.id)
                         .values(used_at=t.utcnow()))
            conn.execute(t.accounts.update().where(t.accounts.c.id == row.account_id)
                         .values(passphrase_hash=hashed))
            self._audit(conn, row.account_id, "invite_accepted", "account", row.account_id)
            return self._new_login(conn, row.account_id, label, remember)

    def sign_in(self, name: str, passphrase: str, *, label: str = "browser",
                remember: bool = False) -> tuple[str, Login]:
        """A signed-in browser for the account ``name``; ``SignInFailed`` (one message) otherwise.
        The hash check runs outside the write, so a slow check holds no lock."""
        key = (name or "").strip().casefold()[:100]
        with self._read() as conn:
            row = conn.execute(sa.select(t.accounts).where(t.accounts.c.name_key == key)).first()
        if not passphrases.matches(row.passphrase_hash if row else None, passphrase or ""):
            self.record_failed_sign_in(row.id if row else None)
            raise SignInFailed(SIGN_IN_FAILED)
        return self._sign_in_account(row.id, label, remember)

    @writes
    def _sign_in_account(self, account_id: int, label: str, remember: bool) -> tuple[str, Login]:
        with self._write() as conn:
            self._audit(conn, account_id, "sign_in", "account", account_id)
            return self._new_login(conn, account_id, label, remember)

    @writes
    def record_failed_sign_in(self, account_id: int | None) -> None:
        with self._write() as conn:
            self._audit(conn, None, "sign_in_failed", "account", account_id)

    def _new_login(self, conn: Connection, account_id: int, label: str, remember: bool
                   ) -> tuple[str, Login]:
        token = passphrases.new_token()
        now = t.utcnow()
        lifetime = timedelta(days=REMEMBER_DAYS) if remember else timedelta(hours=LOGIN_HOURS)
        login_id = conn.execute(t.logins.insert().values(
            account_id=account_id, token_digest=passphrases.digest(token), label=label[:100],
            remember=remember, created_at=now, seen_at=now, expires_at=now + lifetime,
        ).returning(t.logins.c.id)).scalar_one()
        row = conn.execute(LOGIN_SELECT.where(t.logins.c.id == login_id)).one()
        return token, login_record(row)

    @reads
    def login_by_token(self, token: str) -> Login | None:
        """The live signed-in browser holding ``token``; None when unknown, ended or expired."""
        if not token:
            return None
        with self._read() as conn:
            row = conn.execute(LOGIN_SELECT.where(
                t.logins.c.token_digest == passphrases.digest(token),
                t.logins.c.ended_at.is_(None), t.logins.c.expires_at > t.utcnow())).first()
        return login_record(row) if row is not None else None

    @writes
    def end_login(self, viewer: Viewer, login_id: int) -> None:
        """Sign one of the viewer's own browsers out (this one or another device)."""
        with self._write() as conn:
            ended = conn.execute(t.logins.update().where(
                t.logins.c.id == login_id, t.logins.c.account_id == viewer.account_id,
                t.logins.c.ended_at.is_(None)).values(ended_at=t.utcnow()))
            if ended.rowcount:
                self._audit(conn, viewer.account_id, "sign_out", "login", login_id)

    @writes
    def end_login_by_token(self, token: str) -> None:
        with self._write() as conn:
            conn.execute(t.logins.update().where(
                t.logins.c.token_digest == passphrases.digest(token or ""),
                t.logins.c.ended_at.is_(None)).values(ended_at=t.utcnow()))

    @reads
    def logins(self, viewer: Viewer) -> list[Login]:
        """The viewer's signed-in browsers, newest first."""
        with self._read() as conn:
            rows = conn.execute(LOGIN_SELECT.where(
                t.logins.c.account_id == viewer.account_id, t.logins.c.ended_at.is_(None),
                t.logins.c.expires_at > t.utcnow()).order_by(t.logins.c.created_at.desc()))
            return [login_record(row) for row in rows]

    @staticmethod
    def _end_logins(conn: Connection, account_id: int) -> None:
        conn.execute(t.logins.update().where(t.logins.c.account_id == account_id,
                                             t.logins.c.ended_at.is_(None))
                     .values(ended_at=t.utcnow()))

    # -- the viewer of a principal ----------------------------------------------------------

    def viewer(self, principal: Principal, team_id: int | None = None) -> Viewer:
        """The sealed viewer of what the server proved: a signed-in account acting in
        ``team_id`` (its first team when None), or the laptop owner's personal journal.
        An anonymous principal, an ended sign-in or a team the account is not in is refused."""
        if principal.local and principal.login_id is None:
            return self.local_viewer()
        if principal.login_id is None:
            raise NotAllowed(NOT_SIGNED_IN)
        return self._account_viewer(principal.login_id, team_id)

    @reads
    def _account_viewer(self, login_id: int, team_id: int | None) -> Viewer:
        with self._read() as conn:
            login = conn.execute(sa.select(t.logins.c.account_id).where(
                t.logins.c.id == login_id, t.logins.c.ended_at.is_(None),
                t.logins.c.expires_at > t.utcnow())).first()
            if login is None:
                raise NotAllowed(NOT_SIGNED_IN)
            rows = conn.execute(
                sa.select(t.members.c.id, t.members.c.team_id, t.members.c.role, t.teams.c.kind)
                .join(t.teams).where(t.members.c.account_id == login.account_id)
                .order_by(t.members.c.id)).all()
        teams = [row for row in rows if row.kind != "personal"]
        acting = next((row for row in teams if team_id is None or row.team_id == team_id), None)
        if acting is None and team_id is not None:
            raise NotAllowed("Dit hoort bij een team of groep waar je geen lid van bent.")
        return self._seal(Viewer(
            member_id=acting.id if acting else None,
            team_ids=frozenset(r.team_id for r in teams if r.kind == "team"),
            cohort_ids=frozenset(r.team_id for r in teams if r.kind == "cohort"),
            trainer=acting is not None and acting.role == TRAINER_ROLE,
            account_id=login.account_id,
            login_id=login_id,
            member_ids=frozenset(r.id for r in rows),
            roles=tuple((r.team_id, r.role) for r in teams),
        ))

    @writes
    def personal_viewer(self, principal: Principal) -> Viewer:
        """The viewer for the personal pages: the laptop owner's journal on loopback, or the
        signed-in account's own journal (made on first use; every later page only reads)."""
        if principal.login_id is None:
            return self.viewer(principal)
        base = self._account_viewer(principal.login_id, None)
        query = (sa.select(t.members).join(t.teams)
                 .where(t.members.c.account_id == base.account_id, t.teams.c.kind == "personal"))
        with self._read() as conn:
            row = conn.execute(query).first()
        if row is None:
            with self._write() as conn:
                team = self._get_or_create_team(conn, f"persoonlijk-{base.account_id}", "personal")
                name = conn.execute(sa.select(t.accounts.c.name).where(
                    t.accounts.c.id == base.account_id)).scalar_one()
                if conn.execute(query).first() is None:
                    conn.execute(t.members.insert().values(
                        team_id=team.id, pseudonym=name, role="persoonlijk",
                        account_id=base.account_id, created_at=t.utcnow()))
                row = conn.execute(query).one()
        return self._seal(Viewer(
            member_id=row.id, team_ids=frozenset({row.team_id}), account_id=base.account_id,
            login_id=principal.login_id, member_ids=base.member_ids | {row.id},
            roles=base.roles))

    @reads
    def account(self, viewer: Viewer) -> Account:
        with self._read() as conn:
            row = fetch_one(conn, sa.select(t.accounts).where(t.accounts.c.id == viewer.account_id),
                            ACCOUNT_GONE)
        return account_record(row)

    @writes
    def audit_event(self, viewer: Viewer | None, event: str, object_type: str,
                    object_id=None) -> None:
        """One line in the audit trail (exports, shares): who, what, on what; never content.
        ``viewer`` None: the server's command line."""
        with self._write() as conn:
            actor = None if viewer is None else viewer.account_id or viewer.member_id
            self._audit(conn, actor, event[:50], object_type[:30], object_id)

    @reads
    def audit_log(self, since: datetime | None = None) -> list[dict]:
        """The audit trail (no content): when, who (account or member id), what, on what."""
        query = sa.select(t.audit).order_by(t.audit.c.id)
        if since is not None:
            query = query.where(t.audit.c.at >= since)
        with self._read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]


__all__ = ["AccountsMixin", "SignInFailed", "NotFound"]
