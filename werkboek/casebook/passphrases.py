"""Passphrases and sign-in tokens: argon2id hashes (``argon2-cffi``) and random tokens kept as digests.

A passphrase is stored only as its argon2id hash, with OWASP's minimum parameters for argon2id
(19 MiB, 2 passes, 1 lane: about 50-250 ms a check on a 2-core box; ``benchmarks/signin.py``).
A check against an unknown name still runs one hash, so a failure takes as long whether or not
the name exists. Tokens (invites, signed-in devices) are random and stored as SHA-256 digests:
a copy of the database signs nobody in.
"""

from __future__ import annotations

import functools
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 200
TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1


@functools.cache
def hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)


@functools.cache
def _decoy() -> str:
    """A hash to check against when the name is unknown (same work, same answer time)."""
    return hasher().hash(secrets.token_urlsafe(16))


def weakness(passphrase: str) -> str | None:
    """Why ``passphrase`` may not be used (Dutch), or None when it is good enough."""
    if len(passphrase) < MIN_LENGTH:
        return f"Kies een wachtzin van minstens {MIN_LENGTH} tekens, bijvoorbeeld een paar woorden."
    if len(passphrase) > MAX_LENGTH:
        return f"Je wachtzin is te lang (maximaal {MAX_LENGTH} tekens)."
    if len(set(passphrase)) < 5:
        return "Je wachtzin is te eenvoudig: gebruik verschillende woorden of tekens."
    return None


def hash_passphrase(passphrase: str) -> str:
    return hasher().hash(passphrase)


def matches(stored: str | None, passphrase: str) -> bool:
    """Whether ``passphrase`` fits the stored hash; an absent hash costs the same time and fails."""
    try:
        return hasher().verify(stored or _decoy(), passphrase[:MAX_LENGTH]) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
