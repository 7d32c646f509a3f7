"""deduce's lookup tries (streets, institutions, names, places) in a fraction of the memory.

deduce keeps each word list as a ``LookupTrie``: one Python object with its own dict per token
of every entry, 1.9 million of them (streets 0.93 M, healthcare institutions 0.90 M), about 600 MB
of Python objects after loading and 1.1 GB of process memory (tracemalloc and RSS; the
unpickling peaks at 1 GB). ``CompactTrie`` answers the same questions from the entries alone:
each entry's tokens joined by NUL and ended by NUL, UTF-8 encoded, sorted, in one ``bytes``
blob with an offset table. A node of the old trie exists exactly when some entry starts with its
tokens, and is terminal exactly when an entry equals them; both are one binary search.

The compact form is built from deduce's own trie (so it holds exactly what deduce loaded,
quirks included: deduce applies a trie's matching pipeline to the first token only when it
adds an entry, and to every token when it looks one up) and kept in a cache file beside
deduce's. ``tests/privacy/test_compact_lookup.py`` checks that scans give the same findings.
"""

from __future__ import annotations

import os
import pickle
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path

from docdeid.ds.lookup import LookupStructure, LookupTrie

SEP = "\x00"
_SEP = b"\x00"
FORMAT = 2  # bump when the cache's layout changes
CACHE_NAME = "werkboek_compact_lookup.pickle"


def _encode(tokens: Sequence[str]) -> bytes:
    return b"".join(t.encode("utf-8", "surrogatepass") + _SEP for t in tokens)


class CompactTrie(LookupTrie):
    """A ``LookupTrie`` that cannot grow, answering from sorted, NUL-joined entries.

    ``children`` maps each first token to the range of entries that start with it (packed
    into one int), so a lookup only searches that token's entries; deduce itself reads
    ``children.keys()`` (the first tokens) and nothing else of it."""

    def __init__(self, entries: Sequence[bytes], root_terminal: bool, matching_pipeline=None):
        LookupStructure.__init__(self, matching_pipeline)
        ordered = sorted(set(entries))
        self._blob = b"".join(ordered)
        offsets = array("Q", [0])
        for entry in ordered:
            offsets.append(offsets[-1] + len(entry))
        self._offsets = offsets
        self._count = len(ordered)
        ranges: dict[str, list[int]] = {}  # first token -> [first entry, one past its last]
        for n, entry in enumerate(ordered):
            word = entry[:entry.index(_SEP)].decode("utf-8", "surrogatepass")
            ranges.setdefault(word, [n, n])[1] = n + 1
        self.children = {word: lo << 32 | hi for word, (lo, hi) in ranges.items()}
        self.is_terminal = root_terminal

    @classmethod
    def from_trie(cls, trie: LookupTrie) -> CompactTrie:
        entries = [_encode(path) for path in _terminal_paths(trie)]
        return cls(entries, trie.is_terminal, trie.matching_pipeline)

    def __len__(self) -> int:
        return self._count

    def entries(self) -> Iterator[list[str]]:
        """Every entry as its tokens, in sorted order."""
        blob, offsets = self._blob, self._offsets
        for n in range(self._count):
            entry = blob[offsets[n]:offsets[n + 1]].decode("utf-8", "surrogatepass")
            yield entry.split(SEP)[:-1]

    def add_item(self, item: list[str]) -> None:
        raise TypeError("CompactTrie is read-only")

    def _find(self, key: bytes, lo: int, hi: int) -> tuple[int, bool, bool]:
        """The first entry ``>= key`` among entries ``lo:hi``; whether it starts with ``key``
        (some entry does) and whether it is ``key`` (an entry is)."""
        blob, offsets = self._blob, self._offsets
        while lo < hi:
            mid = (lo + hi) // 2
            if blob[offsets[mid]:offsets[mid + 1]] < key:
                lo = mid + 1
            else:
                hi = mid
        if lo == self._count:
            return lo, False, False
        found = blob[offsets[lo]:offsets[lo + 1]]
        return lo, found.startswith(key), len(found) == len(key) and found == key

    def __contains__(self, item) -> bool:
        tokens = list(item)
        if not tokens:
            return self.is_terminal
        # deduce's trie applies its pipeline to the first token only (its children have none)
        tokens[0] = self._apply_matching_pipeline(tokens[0])
        if not all(isinstance(t, str) and SEP not in t for t in tokens):
            return False  # no entry holds such a token
        packed = self.children.get(tokens[0])
        if packed is None:
            return False
        return self._find(_encode(tokens), packed >> 32, packed & 0xFFFFFFFF)[2]

    def longest_matching_prefix(self, item: list[str], start_i: int = 0) -> list[str] | None:
        if start_i >= len(item):
            return None
        pipe = self._apply_matching_pipeline
        packed = self.children.get(pipe(item[start_i]))
        if packed is None:
            return None
        lo, hi = packed >> 32, packed & 0xFFFFFFFF
        offsets = self._offsets
        key = pipe(item[start_i]).encode("utf-8", "surrogatepass") + _SEP
        # the first entry of the word's range is the word alone, if that is an entry
        longest = 1 if offsets[lo + 1] - offsets[lo] == len(key) else 0
        if hi - lo == longest:  # the word alone is its only entry
            return [pipe(item[start_i])]
        depth = 1
        while start_i + depth < len(item):
            token = pipe(item[start_i + depth])
            if SEP in token:
                break
            key += token.encode("utf-8", "surrogatepass") + _SEP
            lo, exists, terminal = self._find(key, lo, hi)
            if not exists:
                break
            depth += 1
            if terminal:
                longest = depth
        return [pipe(x) for x in item[start_i : start_i + longest]] if longest else None


def _terminal_paths(trie: LookupTrie) -> Iterator[list[str]]:
    """Every entry of ``trie`` as its list of tokens (the root's own entry, if any, excluded:
    ``is_terminal`` of the root keeps it)."""
    stack: list[tuple[LookupTrie, list[str]]] = [(trie, [])]
    while stack:
        node, path = stack.pop()
        if node.is_terminal and path:
            yield path
        for token, child in node.children.items():
            if SEP in token:
                raise ValueError("a lookup token holds NUL; the compact form cannot keep it")
            stack.append((child, [*path, token]))


def compact(structs) -> dict:
    """Every ``LookupTrie`` of deduce's lookup structures, as ``CompactTrie``."""
    return {name: CompactTrie.from_trie(struct) for name, struct in structs.items()
            if isinstance(struct, LookupTrie) and not isinstance(struct, CompactTrie)}


def cache_file(lookup_dir: Path) -> Path:
    """Beside deduce's own cache (``<lookup_dir>/cache/lookup_structs.pickle``)."""
    return lookup_dir / "cache" / CACHE_NAME


def _stamp(lookup_dir: Path, deduce_version: str) -> dict:
    """What the compact cache was made from: deduce's version, its cache file, and the newest
    of its source lists (deduce rebuilds its cache when one is newer than the cache)."""
    stat = (lookup_dir / "cache" / "lookup_structs.pickle").stat()
    newest = max((p.stat().st_mtime_ns for p in (lookup_dir / "src").rglob("*")), default=0)
    return {"format": FORMAT, "deduce_version": deduce_version, "cache_size": stat.st_size,
            "cache_mtime_ns": stat.st_mtime_ns, "sources_mtime_ns": newest}


def load_cached(lookup_dir: Path, deduce_version: str):
    """The compact lookup structures saved for deduce's current cache, or None."""
    try:
        stamp = _stamp(lookup_dir, deduce_version)
        with cache_file(lookup_dir).open("rb") as handle:
            # the stamp comes first: a stale cache is not unpickled any further
            if pickle.load(handle) != stamp or stamp["sources_mtime_ns"] > stamp["cache_mtime_ns"]:
                return None
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 (missing, partial or from an older layout: rebuild)
        return None


def save_cached(structs, lookup_dir: Path, deduce_version: str) -> bool:
    """Save ``structs`` (sets and compact tries) beside deduce's cache; False when it cannot
    (a read-only install: then every start compacts again)."""
    target = cache_file(lookup_dir)
    part = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        stamp = _stamp(lookup_dir, deduce_version)
        with part.open("wb") as handle:
            pickle.dump(stamp, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(structs, handle, protocol=pickle.HIGHEST_PROTOCOL)
        part.replace(target)
    except OSError:
        part.unlink(missing_ok=True)
        return False
    return True
