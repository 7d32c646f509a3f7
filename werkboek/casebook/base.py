"""What every part of the store shares: transactions with retry, error translation, audit, guard.

Write methods are wrapped in ``@writes``: the whole method runs again when the database
was busy (SQLite lock, PostgreSQL serialization failure), and database errors a user can
act on become Dutch ``CasebookError``s. Nothing is half-written: each write is one transaction.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import random
import secrets
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from werkboek.casebook import schema as t
from werkboek.casebook.engine import transient, write_transaction
from werkboek.casebook.errors import CasebookUnavailable, NotAllowed, NotFound
from werkboek.casebook.guard import PrivacyGate, Vetted
from werkboek.casebook.privacy import get_scanner
from werkboek.casebook.pseudonyms import load_key
from werkboek.casebook.records import Viewer

MAX_ATTEMPTS = 12
# Viewers are sealed with a key of this process: a page kernel's store accepts only the viewers
# it made itself from the principal the server proved, never one put together by a page.
_SEAL_KEY = secrets.token_bytes(32)
LOGIN_RECHECK = 5.0  # seconds a live sign-in is trusted before the store looks again
_live_logins: dict[tuple[str, int], float] = {}
VIEWER_REFUSED = "Je bent niet (meer) aangemeld. Laad de pagina opnieuw en meld je aan."


class Retry(Exception):
    """Raised inside a write to start it again from the top (e.g. a placeholder race)."""


AUDIT_INSERT = t.audit.insert()


def translate(exc: sa.exc.DBAPIError) -> CasebookUnavailable:
    message = str(exc.orig).lower()
    if "readonly" in message or "read-only" in message:
        return CasebookUnavailable(
            "Het casebook is alleen-lezen: er is niets opgeslagen. Vraag de beheerder om "
            "schrijfrechten op het casebook-bestand en de map eromheen."
        )
    if "locked" in message or "busy" in message or "lock timeout" in message:
        return CasebookUnavailable(
            "Het casebook is nu bezet door een ander programma: er is niets opgeslagen. "
            "Probeer het over een minuut opnieuw."
        )
    if "unable to open" in message or "connection" in message or "connect" in message:
        return CasebookUnavailable(
            "Het casebook is niet bereikbaar: er is niets opgeslagen. Controleer of de "
            "database draait en of het pad of adres klopt."
        )
    if "foreign key" in message:
        return CasebookUnavailable(
            "Dit verwijst naar iets dat niet (meer) bestaat; er is niets opgeslagen."
        )
    if "disk" in message and ("full" in message or "i/o" in message):
        return CasebookUnavailable(
            "De schijf van het casebook is vol of onbruikbaar: er is niets opgeslagen."
        )
    return CasebookUnavailable(
        "Het casebook kon dit niet opslaan door een databasefout; er is niets veranderd. "
        f"(technisch: {type(exc.orig).__name__})"
    )


def fetch_one(
    conn: Connection, query: sa.Select, missing: str, params: dict | None = None
) -> sa.Row:
    """The first row of ``query``; ``NotFound(missing)`` (a Dutch sentence) when there is none."""
    row = conn.execute(query, params).first()
    if row is None:
        raise NotFound(missing)
    return row


def seal_of(viewer: Viewer) -> str:
    fields = tuple(getattr(viewer, f.name) for f in dataclasses.fields(viewer) if f.name != "seal")
    return hmac.new(_SEAL_KEY, repr(fields).encode(), hashlib.sha256).hexdigest()


def _viewers_in(args: tuple, kwargs: dict) -> Iterator[Viewer]:
    for value in (*args, *kwargs.values()):
        if isinstance(value, Viewer):
            yield value


def writes(method):
    """Run a write method as a whole again on transient errors; translate the rest."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        for viewer in _viewers_in(args, kwargs):
            self._check_viewer(viewer)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                return method(self, *args, **kwargs)
            except Retry:
                pass
            except sa.exc.DBAPIError as exc:
                if not transient(exc) or attempt == MAX_ATTEMPTS:
                    raise translate(exc) from exc
            time.sleep(min(2.0, 0.01 * 2**attempt) * random.random())
        raise CasebookUnavailable(
            "Het casebook bleef bezet; er is niets opgeslagen. Probeer het opnieuw."
        )

    return wrapper


def reads(method):
    """Translate database errors of a read method into Dutch ``CasebookError``s; a read on a
    connection the server had dropped is tried once more on a new one."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        for viewer in _viewers_in(args, kwargs):
            self._check_viewer(viewer)
        try:
            return method(self, *args, **kwargs)
        except sa.exc.DBAPIError as exc:
            if not exc.connection_invalidated:
                raise translate(exc) from exc
        try:
            return method(self, *args, **kwargs)
        except sa.exc.DBAPIError as exc:
            raise translate(exc) from exc

    return wrapper


class StoreBase:
    """Engine, privacy guard and the small helpers every store part uses."""

    def __init__(self, engine: Engine, *, scanner: Any = None, key_dir: Path, settings=None):
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self._scanner = scanner
        self._settings = settings
        self._key_dir = key_dir
        self._key: bytes | None = None
        self.guard = PrivacyGate(self._get_scanner, self._get_key)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _get_scanner(self):
        if self._scanner is None:
            self._scanner = get_scanner(self._settings)
        return self._scanner

    def _get_key(self) -> bytes:
        if self._key is None:
            self._key = load_key(self._key_dir)
        return self._key

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            if self.dialect == "postgresql":
                # Each statement of READ COMMITTED sees its own snapshot anyway; without
                # BEGIN and COMMIT a read is one round trip instead of three.
                connection.execution_options(isolation_level="AUTOCOMMIT")
            with connection.begin():
                yield connection

    def _write(self) -> AbstractContextManager[Connection]:
        return write_transaction(self.engine)

    @staticmethod
    def _audit(
        conn: Connection, actor_id: int | None, event: str, object_type: str, object_id: Any
    ) -> None:
        conn.execute(
            AUDIT_INSERT,
            {
                "at": t.utcnow(),
                "actor_id": actor_id,
                "event": event,
                "object_type": object_type,
                "object_id": None if object_id is None else str(object_id),
            },
        )

    @staticmethod
    def _seal(viewer: Viewer) -> Viewer:
        return dataclasses.replace(viewer, seal=seal_of(viewer))

    def _check_viewer(self, viewer: Viewer) -> None:
        """Refuse a viewer this store did not make, or whose sign-in has ended since."""
        if not hmac.compare_digest(viewer.seal, seal_of(viewer)):
            raise NotAllowed(VIEWER_REFUSED)
        if viewer.login_id is None:
            return
        key = (self.url, viewer.login_id)
        if _live_logins.get(key, 0.0) > time.monotonic():
            return
        with self._read() as conn:
            live = conn.execute(sa.select(t.logins.c.id).where(
                t.logins.c.id == viewer.login_id, t.logins.c.ended_at.is_(None),
                t.logins.c.expires_at > t.utcnow())).first()
        if live is None:
            _live_logins.pop(key, None)
            raise NotAllowed(VIEWER_REFUSED)
        _live_logins[key] = time.monotonic() + LOGIN_RECHECK

    @staticmethod
    def _require_member(viewer: Viewer) -> int:
        if viewer.member_id is None:
            raise NotAllowed("Meld je eerst aan met een schuilnaam; daarna kun je iets opslaan.")
        return viewer.member_id

    @staticmethod
    def _require_team(viewer: Viewer, team_id: int) -> None:
        if team_id not in viewer.team_ids | viewer.cohort_ids:
            raise NotAllowed("Dit hoort bij een team of groep waar je geen lid van bent.")

    @classmethod
    def _require_session_reader(cls, viewer: Viewer, session_id: int, team_id: int) -> None:
        """A member of the session's team, or a guest of this very session."""
        if viewer.guest_session != session_id:
            cls._require_team(viewer, team_id)

    def _known_pseudonyms(self, case_id: int | None) -> dict[str, str]:
        if case_id is None:
            return {}
        with self._read() as conn:
            rows = conn.execute(
                sa.select(t.case_pseudonyms.c.original_hash, t.case_pseudonyms.c.placeholder).where(
                    t.case_pseudonyms.c.case_id == case_id
                )
            )
            return dict(rows.all())

    def _vet(self, texts: list[str], privacy: str, case_id: int | None = None) -> Vetted:
        known = self._known_pseudonyms(case_id) if privacy == "accept" else None
        return self.guard.vet(texts, privacy, known)

    @staticmethod
    def _store_pseudonyms(conn: Connection, case_id: int | None, vetted: Vetted) -> None:
        """Persist newly assigned placeholders; start over if another writer raced us."""
        if case_id is None or not vetted.new_pseudonyms:
            return
        table = t.case_pseudonyms
        # Serialises mapping writers of one case on PostgreSQL (SQLite writes are serial anyway).
        conn.execute(sa.select(t.cases.c.id).where(t.cases.c.id == case_id).with_for_update())
        taken = conn.execute(
            sa.select(table.c.original_hash, table.c.placeholder).where(table.c.case_id == case_id)
        ).all()
        hashes = {h for h, _ in taken}
        placeholders = {p for _, p in taken}
        for digest, placeholder in vetted.new_pseudonyms.items():
            if digest in hashes or placeholder in placeholders:
                raise Retry
        conn.execute(
            table.insert(),
            [
                {"case_id": case_id, "original_hash": d, "placeholder": p}
                for d, p in vetted.new_pseudonyms.items()
            ],
        )
