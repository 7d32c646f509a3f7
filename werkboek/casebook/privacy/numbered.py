"""Ordinary words that number a part of a course, a text or a plan: "Bijeenkomst 3", "Deel 2",
"Spanningsveld 4", "Antwoord 3". deduce's street list holds some of these words ("Bijeenkomst",
"Deel", "Blok"), and some end like a street ("antwoord", "spanningsveld"), so with a number after
them they looked like a street with its house number. Such a word with its number is no
address, and the capitalised word is no name or place either ("in Module 3").

Unless the sentence says it is an address: a word of living or address before it in the same
sentence ("ze woont in Blok 2", "adres: Deel 3") or a postcode right after it keeps it an
address. Buildings' parts ("Paviljoen 3", "Toren 2") are not on the list: in a shelter they can
tell where someone stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from werkboek.casebook.privacy.patterns import POSTCODE

# Words that number things in a course, a text or a plan (singular, lower case).
NUMBERING_WORDS = (
    "bijeenkomst", "cursusdag", "terugkomdag", "trainingsdag", "dagdeel", "les", "module",
    "blok", "deel", "onderdeel", "week", "dag", "ronde", "sessie", "stap", "fase", "periode",
    "kwartaal", "semester", "trimester", "leerjaar", "klas", "groep", "niveau", "training",
    "workshop", "intervisie", "casusbespreking", "hoofdstuk", "paragraaf", "bladzijde",
    "pagina", "blz", "artikel", "bijlage", "figuur", "tabel", "versie", "punt", "regel",
    "vraag", "antwoord", "opdracht", "oefening", "taak", "casus", "thema", "stelling",
    "situatie", "voorbeeld", "spel", "rol", "scène", "scene", "doel", "leerdoel", "leervraag",
    "competentie", "principe", "aanbeveling", "spanningsveld", "dialoogniveau", "video",
    "filmpje", "podcast",
)
# Of these, the ones that also number as the end of a compound: "Startbijeenkomst 1",
# "Oefenopdracht 2" (not "ronde": "Rotonde 3"; not "les", "deel", "dag": too many names end so).
COMPOUND_ENDS = ("bijeenkomst", "oefening", "opdracht", "sessie", "module", "training",
                 "casus", "vraag", "stelling", "workshop")
NUMBERED = re.compile(
    rf"(?<![\w-])(?:{'|'.join(NUMBERING_WORDS)}|[^\W\d_]+(?:{'|'.join(COMPOUND_ENDS)}))"
    r"\s(?:nr\.?\s|nummer\s)?\d{1,4}[a-z]?(?![\w])",
    re.IGNORECASE,
)
# A word about where someone lives, earlier in the same sentence.
ADDRESS_CUE = re.compile(
    r"\b(?:woon\w*|woont|wonen|woonde|adres\w*|verhuis\w*|ingeschreven|huisnummer|postcode)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?\n]\s")
CUE_REACH = 60  # characters back from the word
POSTCODE_REACH = 12  # characters after the number


def _said_to_be_an_address(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - CUE_REACH) : start]
    ends = list(SENTENCE_END.finditer(before))
    if ADDRESS_CUE.search(before[ends[-1].end() :] if ends else before):
        return True
    return POSTCODE.search(text[end : end + POSTCODE_REACH]) is not None


def numbered_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` numbers a part of something ("Bijeenkomst 3"), word and number."""
    if not any(ch.isdigit() for ch in text):
        return
    for m in NUMBERED.finditer(text):
        if not _said_to_be_an_address(text, m.start(), m.end()):
            yield m.start(), m.end()
