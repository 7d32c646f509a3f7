"""The one deduce instance of this process: loaded lazily, once, under a lock.

deduce needs about 1 GB and several seconds to load, so only the scanner service (or a
process that scans in-process on purpose) ever imports it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_deduce = None

# deduce tags → our kinds.
TAG_KINDS = {
    "persoon": "name",
    "patient": "name",
    "locatie": "place",
    "ziekenhuis": "institution",
    "zorginstelling": "institution",
    "datum": "date",
    "bsn": "bsn",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "url": "url",
    "id": "id",
}
# Our own pattern rules cover these groups (with checksums), so deduce skips them: that
# halves its time. Names, places, institutions and its overlap handling stay on.
DISABLED = {"ages", "dates", "identifiers", "phone_numbers", "email_addresses", "urls", "redactor"}


def load():
    """Return the process-wide deduce instance, building it on first use."""
    global _deduce
    with _lock:
        if _deduce is None:
            root = logging.getLogger()
            handlers, level = list(root.handlers), root.level
            from deduce import Deduce  # heavy; deduce also configures logging on import

            # deduce calls logging.basicConfig(stream=stdout, DEBUG): keep our stdout clean.
            root.handlers[:], root.level = handlers, level
            _deduce = Deduce()
    return _deduce


def deduce_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(kind, start, end)`` for each annotation deduce makes in ``text``."""
    document = load().deidentify(text, disabled=DISABLED)
    for annotation in document.annotations:
        kind = TAG_KINDS.get(annotation.tag)
        if kind is not None:
            yield kind, annotation.start_char, annotation.end_char
