"""Create or upgrade a casebook through Alembic, and tell whether its schema fits this code.

No table is ever made another way: ``upgrade`` runs the scripts in ``migrations/versions``.
Checking a casebook's revision needs no Alembic: every page kernel does it, and importing
Alembic costs a page about half a second.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from werkboek.casebook.engine import write_transaction
from werkboek.casebook.errors import SchemaOutdated, SchemaTooNew

MIGRATIONS = Path(__file__).parent / "migrations"
# The scripts in migrations/versions, oldest first; tests/casebook/test_migrations.py checks
# this against Alembic's own reading of that folder.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)


def current_revision(connection: Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def check_revision(revision: str | None) -> None:
    """Raise a Dutch error when a casebook at ``revision`` cannot be used by this code as is."""
    if revision == head_revision():
        return
    if revision is not None and revision not in known_revisions():
        raise SchemaTooNew(
            f"Dit casebook is gemaakt met een nieuwere versie van werkboek (schema {revision}). "
            "Werk werkboek bij voordat je dit casebook gebruikt; er is niets veranderd."
        )
    raise SchemaOutdated(
        "Het casebook is nog niet klaar voor deze versie van werkboek. "
        "Draai eerst `werkboek init` om het aan te maken of bij te werken."
    )


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Bring the casebook to ``target`` in one transaction; returns (revision before, after)."""
    with write_transaction(engine) as connection:
        before = current_revision(connection)
        if before is not None and before not in known_revisions():
            check_revision(before)  # newer than this code: refuse, change nothing
        from alembic import command

        command.upgrade(alembic_config(connection), target)
        after = current_revision(connection)
    return before, after


def revision_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return current_revision(connection)
