"""Typed settings for every layer, read from ``WERKBOEK_*`` environment variables.

Each field's description is its help text; README.md documents every one of them
(tests/test_docs.py fails when one is missing there).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field, SecretStr

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "WERKBOEK_"


class Settings(BaseModel):
    """Where werkboek finds its content, its casebook and its privacy scanner."""

    database_url: str = Field(
        default="",
        description="SQLAlchemy URL of the casebook; empty means the SQLite file "
        "casebook/casebook.sqlite. For PostgreSQL: postgresql+psycopg://user@host/db.",
    )
    casebook_dir: Path = Field(
        default=REPO_ROOT / "casebook",
        description="Folder of the default SQLite casebook and its backups.",
    )
    content_dir: Path = Field(
        default=REPO_ROOT,
        description="Folder that holds modules/ and exercises/ (the course content as YAML).",
    )
    scanner_url: str = Field(
        default="",
        description="URL of the privacy scanner service that `werkboek serve` starts; "
        "empty means scan in this process (loads deduce: about 150 MB and 1–2 s).",
    )
    scanner_token: SecretStr = Field(
        default=SecretStr(""),
        description="Token that a privacy scanner shared by a JupyterHub asks for (`werkboek "
        "scanner --hub`); the hub gives each user's server its own "
        "(deploy/hub/scanner_token.py). Empty for a scanner on 127.0.0.1.",
    )
    retention_months: int = Field(
        default=24,
        ge=1,
        description="Entries older than this many months are removed by `werkboek purge`.",
    )

    @property
    def sqlite_path(self) -> Path:
        return self.casebook_dir / "casebook.sqlite"

    @property
    def url(self) -> str:
        """The casebook URL actually used: the configured one or the default SQLite file."""
        return self.database_url or f"sqlite:///{self.sqlite_path}"


def get_settings(**overrides) -> Settings:
    """Settings from the environment, with explicit keyword overrides on top."""
    values = {}
    for name in Settings.model_fields:
        env_value = os.environ.get(ENV_PREFIX + name.upper())
        if env_value not in (None, ""):
            values[name] = env_value
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
