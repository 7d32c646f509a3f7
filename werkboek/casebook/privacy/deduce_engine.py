"""The one deduce instance of this process: loaded lazily, once, under a lock.

deduce's own lookup tries need about 1 GB and several seconds to load; they are loaded in
compact form instead (``compact_lookup``: the same entries, the same answers, a process of about
150 MB loaded in 1–2 s), from a cache beside deduce's, made from deduce's own tries the first
time. Still only the scanner service (or a process that scans in-process on purpose) imports it.
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
            _deduce = _with_compact_lookups(Deduce)
    return _deduce


def _with_compact_lookups(deduce_class):
    """A deduce instance whose lookup tries are ``CompactTrie``s.

    deduce builds its lookup structures in ``get_lookup_structs`` (from its cache); while it is
    made here, that function hands it the compact ones instead. Without a valid compact cache,
    deduce loads its own first, they are compacted and saved, and that large instance is
    dropped (once, at `werkboek warmup`)."""
    import gc

    import deduce.deduce as deduce_module
    from docdeid.ds import DsCollection

    # docdeid (~90 ms) with deduce: the scanner service listens before it loads
    from werkboek.casebook.privacy import compact_lookup

    source = deduce_module._LOOKUP_LIST_PATH
    structs = compact_lookup.load_cached(source, deduce_module.__version__)
    if structs is None:
        full = deduce_class()
        structs = DsCollection({**full.lookup_structs,
                                **compact_lookup.compact(full.lookup_structs)})
        compact_lookup.save_cached(structs, source, deduce_module.__version__)
        del full
        gc.collect()
    original = deduce_module.get_lookup_structs
    deduce_module.get_lookup_structs = lambda **_kwargs: structs
    try:
        return deduce_class()
    finally:
        deduce_module.get_lookup_structs = original


def deduce_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(kind, start, end)`` for each annotation deduce makes in ``text``."""
    document = load().deidentify(text, disabled=DISABLED)
    for annotation in document.annotations:
        kind = TAG_KINDS.get(annotation.tag)
        if kind is not None:
            yield kind, annotation.start_char, annotation.end_char
