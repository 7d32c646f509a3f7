"""Case-consistent placeholders without keeping originals: a keyed hash stands in for each name.

The key lives in a file beside the casebook (never in the database), so a copy of the
database alone cannot be matched against lists of names.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from pathlib import Path

KEY_FILE = ".pseudoniem-sleutel"
# Mapping keys that stand for known placeholders whose original we do not have; they never
# occur in a text, but let the scanner see which placeholder numbers are taken.
OPAQUE_PREFIX = "\u2063#"


def load_key(directory: Path) -> bytes:
    """The casebook's pseudonym key, created (readable by the owner only) on first use."""
    path = directory / KEY_FILE
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        temporary = directory / f"{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(temporary, path)  # atomic: the first process to get here wins
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return bytes.fromhex(path.read_text().strip())


def normalise(original: str) -> str:
    return " ".join(unicodedata.normalize("NFC", original).split()).casefold()


def keyed_hash(key: bytes, original: str) -> str:
    return hmac.new(key, normalise(original).encode("utf-8"), hashlib.sha256).hexdigest()


def opaque_key(digest: str) -> str:
    return OPAQUE_PREFIX + digest[:16]


def is_opaque(key: str) -> bool:
    return key.startswith(OPAQUE_PREFIX)
