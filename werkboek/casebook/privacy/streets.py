"""Street names without a house number: "aan de Lindenlaan", "op de Kerkweg", "in de Van
Ostadestraat". With a number they are addresses (``patterns.find_addresses``, a hard
identifier); alone they still tell where a woman lives or is waited for, so they are places.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from werkboek.casebook.privacy.lexicon import is_sentence_start, zipf

_SUFFIXES = (
    "straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|hof|markt|boulevard|allee|"
    "plantsoen|straatweg|pad|wal|haven|erf|zoom|hoven|akker|lei"
)
# Capitalised words in front belong to the name: "Burgemeester Roosstraat", "Van Ostadestraat".
STREET = re.compile(
    rf"\b(?:(?:[A-Z][\w'.-]*|van|de|der|den|het|'t|ter|ten)\s){{0,3}}"
    rf"[A-Z][a-zà-ÿ'-]{{2,}}(?:{_SUFFIXES})\b(?!\s?\d)"
)
STREET_END = re.compile(rf"(?:{_SUFFIXES})$")
_LEADING_LOWER = re.compile(r"^(?:(?:van|de|der|den|het|'t|ter|ten)\s)+")
_FIRST_WORD = re.compile(r"\S+\s")
# A street is a rare word: "snelweg" (4.3) is a word, "Oranjestraat" (2.5) a street; at the
# start of a sentence the bar is lower ("Fietspad langs…").
STREET_ZIPF = 3.8
SENTENCE_START_STREET_ZIPF = 3.0
STREET_HINT = re.compile(rf"[a-z](?:{_SUFFIXES})\b")


def find_streets(text: str) -> Iterator[tuple[str, int, int]]:
    if not STREET_HINT.search(text):
        return
    for m in STREET.finditer(text):
        start = m.start() + (lead.end() if (lead := _LEADING_LOWER.match(m.group())) else 0)
        words = text[start : m.end()].split()
        first = is_sentence_start(text, start)
        if zipf(words[-1].casefold()) >= (SENTENCE_START_STREET_ZIPF if first else STREET_ZIPF):
            continue
        if len(words) > 1 and first:
            start += _FIRST_WORD.match(text, start).end() - start  # "Ze Lindenlaan…": not "Ze"
            if len(words) == 2 and not text[start].isupper():
                continue
        yield "place", start, m.end()
