"""Numbers and names that lead to a person without being hard identifiers: Dutch licence
plates in every side code, file and case numbers (Veilig Thuis, the court, youth care),
client and policy numbers (nine digits that fail the BSN check are still an id), and
accounts on Telegram, Instagram and the like.

Each rule yields ``(kind, start, end)`` spans like those in ``patterns``; hard identifiers
(phone, BSN, IBAN, postcode) are claimed before these, so a number is never both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Span = tuple[str, int, int]

_L, _D = "[A-Z]", r"\d"
# The side codes of Dutch licence plates since 1951 (letters, digits, groups of 1-3).
_SIDE_CODES = (
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
)  # fmt: skip
_PLATE = "|".join(code.replace("L", _L).replace("D", _D) for code in _SIDE_CODES)
PLATE = re.compile(rf"(?<![\w-])(?:{_PLATE})(?![\w-])")
PLATE_LOWER = re.compile(rf"(?<![\w-])(?:{_PLATE.replace('[A-Z]', '[a-z]')})(?![\w-])")
# Without hyphens only after a cue: "kenteken GX123K".
PLATE_CUE = re.compile(r"\b(?i:kenteken|nummerbord|kentekenplaat)\W{0,3}([A-Za-z0-9]{6})\b")
# Groups of digits and letters, with a capital: "VT-2024-013377", "C/09/654321",
# "JB/23/0815", "RvdK-2023-55120", "2024-JB-0092" (not "14.00u" or "10-15min").
FILE_NUMBER = re.compile(
    r"(?<![\w./-])(?=[\w./-]*\d)(?=[\w./-]*[A-Z])[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+(?![\w/-])"
)
# Only digits with slashes or dots and a slash: "24/1234", "200.345.678/01".
SLASHED_NUMBER = re.compile(r"(?<![\w./-])\d{2,}(?:[./]\d{2,})*/\d{2,}(?![\w/-])")
# Seven or more digits in a row: a client, policy or case number.
LONG_NUMBER = re.compile(r"(?<![\w.,/-])\d{7,12}(?![\w.,/-]?\d)")
NUMBER_CUE = re.compile(
    r"\b(?i:dossiernummer|dossier|zaaknummer|zaak|kenmerk|referentie|registratienummer|"
    r"cliëntnummer|clientnummer|klantnummer|relatienummer|polisnummer|lidnummer|rolnummer|"
    r"meldingsnummer|verzekeringsnummer|personeelsnummer|leerlingnummer|debiteurnummer)"
    # up to four words between: "klantnummer bij de energieleverancier: 5510-2291"
    r"(?:\s+[^\W\d]+){0,4}?\W{0,12}([A-Za-z0-9][\w./-]{2,}\d[\w/-]*|\d[\w./-]{3,})"
)
# "@zwartevalk_88", and after a platform "lena.fictief_23", "sn4pper_fictief".
HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.)")
PLATFORM_HANDLE = re.compile(
    r"\b(?i:telegram|instagram|insta|snapchat|snap|tiktok|facebook|fb|twitter|signal|discord|"
    r"account|gebruikersnaam|username|profiel)\b"
    r"(?:\s+(?:is|was|heet|als|:|=|naam|onder|de|het))*\s*:?\s*"
    r"([A-Za-z0-9_][A-Za-z0-9_.]{2,29})(?<!\.)"
)
PLATFORMS = ("telegram", "insta", "snap", "tiktok", "facebook", "fb", "twitter", "signal",
             "discord", "account", "gebruikersnaam", "username", "profiel")  # fmt: skip
HAS_DIGIT = re.compile(r"\d")
# Two years ("2023/2024") or a word and a year ("Jaarplan-2024") are no file numbers.
YEARS = re.compile(
    r"(?:19|20)\d\d/(?:19|20)?\d\d|[A-Za-z]+[-/.](?:19|20)\d\d|(?:19|20)\d\d[-/.][A-Za-z]+"
)


def find_plates(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for pattern in (PLATE, PLATE_LOWER):
        for m in pattern.finditer(text):
            yield "plate", m.start(), m.end()
    for m in PLATE_CUE.finditer(text):
        if HAS_DIGIT.search(m.group(1)) and not m.group(1).isdigit():
            yield "plate", m.start(1), m.end(1)


def find_file_numbers(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for m in NUMBER_CUE.finditer(text):
        yield "id", m.start(1), m.end(1)
    # "COVID-19" and "50/50" have too few digits for a file number; "2023/2024" is two years.
    for pattern, digits in ((FILE_NUMBER, 4), (SLASHED_NUMBER, 5)):
        for m in pattern.finditer(text):
            number = m.group()
            if sum(ch.isdigit() for ch in number) >= digits and not YEARS.fullmatch(number):
                yield "id", m.start(), m.end()
    for m in LONG_NUMBER.finditer(text):
        yield "id", m.start(), m.end()


def find_handles(text: str) -> Iterator[Span]:
    if "@" in text:
        for m in HANDLE.finditer(text):
            yield "handle", m.start(), m.end()
    lowered = text.casefold()
    if not any(platform in lowered for platform in PLATFORMS):
        return
    for m in PLATFORM_HANDLE.finditer(text):
        handle = m.group(1)
        # A made-up account name has digits, "_" or ".": "is lena.fictief_23", not "is leuk".
        if any(ch.isdigit() or ch in "_." for ch in handle):
            yield "handle", m.start(1), m.end(1)


RULES = (find_plates, find_handles, find_file_numbers)
