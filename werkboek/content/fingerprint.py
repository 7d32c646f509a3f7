"""A fingerprint of the practice guide, to find course text copied from it without the guide itself.

The content must be written in our own words. A run of eight words in a row that the guide
also has counts as copied. The guide's text is not part of this repository; what is kept is
``guide_fingerprint.bin``: a short hash of every run of eight words of the guide, sorted.
Text is compared by the same hashes, so the check needs only that file.

Build it again when the guide changes (the guide's text itself is never committed):

    python -m werkboek.content.fingerprint handreiking-achter-de-voordeur.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

RUN = 8  # words in a row that count as copied
DIGEST_SIZE = 6  # bytes per run: a chance of about 1 in 10^6 that the whole content has a false match
PERSON = b"werkboek-run8"
GUIDE_FINGERPRINT = Path(__file__).with_name("guide_fingerprint.bin")


def words(text: str) -> list[str]:
    """``text`` as lower-case words, without punctuation."""
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFC", text).lower()).split()


def runs(text: str) -> Iterator[str]:
    """Every run of ``RUN`` words in ``text``, words separated by one space."""
    tokens = words(text)
    for start in range(len(tokens) - RUN + 1):
        yield " ".join(tokens[start : start + RUN])


def digest(run: str) -> bytes:
    return hashlib.blake2b(run.encode("utf-8"), digest_size=DIGEST_SIZE, person=PERSON).digest()


def build(text: str) -> bytes:
    """The fingerprint of ``text``: the sorted, distinct digests of its runs."""
    return b"".join(sorted({digest(run) for run in runs(text)}))


def read(data: bytes) -> frozenset[bytes]:
    if len(data) % DIGEST_SIZE:
        raise ValueError(f"a fingerprint is a sequence of {DIGEST_SIZE}-byte digests")
    return frozenset(data[i : i + DIGEST_SIZE] for i in range(0, len(data), DIGEST_SIZE))


@cache
def guide_fingerprint() -> frozenset[bytes]:
    """The digests of the guide's runs, from ``guide_fingerprint.bin``."""
    return read(GUIDE_FINGERPRINT.read_bytes())


def copied_runs(text: str, fingerprint: frozenset[bytes] | None = None) -> list[str]:
    """The runs of ``text`` that the guide (or ``fingerprint``) has too, in the order of ``text``."""
    known = guide_fingerprint() if fingerprint is None else fingerprint
    return [run for run in runs(text) if digest(run) in known]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m werkboek.content.fingerprint GUIDE.txt", file=sys.stderr)
        return 2
    data = build(Path(argv[0]).read_text(encoding="utf-8"))
    GUIDE_FINGERPRINT.write_bytes(data)
    print(f"{GUIDE_FINGERPRINT}: {len(data) // DIGEST_SIZE} runs of {RUN} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
