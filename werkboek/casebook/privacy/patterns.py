"""Pattern rules for identifiers that have a fixed shape: BSN and IBAN (checked with
python-stdnum), phone numbers (phonenumbers plus Dutch writing habits), e-mail, links,
postcodes, street addresses, dates of birth, other dates and ages.

Each rule yields ``(kind, start, end)`` spans; the engine decides overlaps. A rule first
checks for something every one of its matches contains (a digit, "@", "jaar"), with the
same regular-expression semantics, so a text without it costs almost nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from werkboek.casebook.privacy.lexicon import NAME_CUES

Span = tuple[str, int, int]

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|\d{{1,2}}\s(?:{MONTHS})\.?\s(?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})"
_DAY_MONTH = rf"\d{{1,2}}\s(?:{MONTHS})\b"

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|(?<![@\w.-])[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|info|nu)\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=\s?[A-Za-z0-9])")
BSN_SHAPE = re.compile(r"(?<![\d.,-])(?:\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{9})(?![\d])")
BSN_CONTEXT = re.compile(
    r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\b\W{0,6}(\d[\d .]{6,12}\d)",
    re.IGNORECASE,
)
NL_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?31[\s.-]?(?:\(0\)\s?)?|\(?0)(?:\d[\s.)/-]{0,2}){8}\d(?!\d)"
)
DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
POSTCODE = re.compile(
    r"(?<![\w-])[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?![\w-])"
)
_STREET_WORDS = (
    "straat|str|laan|weg|plein|gracht|kade|singel|dijk|dreef|steeg|pad|hof|park|markt|"
    "boulevard|allee|erf|plantsoen|wal|haven|baan|ring|kwartier|oord|promenade|dam|"
    "burcht|kamp|stede|zoom|dreef|hoven|akker|veld|straatweg|lei"
)
ADDRESS = re.compile(
    rf"(?:\b(?:[A-Z][\w'.-]*|van|de|der|den|het|'t|ter|ten)\s){{0,3}}"
    rf"\b[\w'-]*(?:{_STREET_WORDS})\.?\s(?:nr\.?\s|nummer\s)?(?!(?:19|20)\d\d\b)\d{{1,4}}"
    r"(?:\s?-?\s?[a-zA-Z](?![\w])|\s?-\s?\d{1,4}(?![\d-])|\s(?:hs|bis|zw|rd|bg)\b)?(?![\d:.,]\d)",
)
_LEADING_PARTICLE = re.compile(r"^(?:(?:van|de|der|den|het|'t|ter|ten)\s)+(?=[a-z])")
BIRTHDATE = re.compile(
    rf"\b(?:geboren|geb\.|geboortedatum|geboortedag|gebdat|geb\.\s?datum|jarig|verjaardag)"
    # up to three words between: "geboortedatum jongste kind: 4 juni 2019"
    rf"(?:\s+[^\W\d]+){{0,3}}?\s*:?\s*((?:{_DATE})|(?:{_DAY_MONTH})|(?:19|20)\d{{2}}\b)",
    re.IGNORECASE,
)
DATE = re.compile(rf"(?<!\d){_DATE}(?!\d)", re.IGNORECASE)

_UNITS = "een|twee|drie|vier|vijf|zes|zeven|acht|negen"
_TEENS = "tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien"
_TENS = "twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
NUMBER_WORD = rf"(?:(?:{_UNITS})(?:en|ën)(?:{_TENS})|{_TENS}|{_TEENS}|{_UNITS}|anderhalf)"
AGE_COMPOUND = re.compile(rf"\b(?:\d{{1,3}}-?|{NUMBER_WORD}-?)jarigen?\b", re.IGNORECASE)
AGE_YEARS = re.compile(
    rf"(?<![\w.,])(\d{{1,3}}|{NUMBER_WORD})[\s-](?:jaar|jr\.?)(?:\s+oud\b)?(?!\w)", re.IGNORECASE
)
# "tussen 0 en 10 jaar", "van 6 tot 9 jaar", "6-9 jaar", "vanaf 4 jaar", "ouder dan 12
# jaar": a range or bound of years describes a group, not one person's age.
_RANGE_BEFORE = re.compile(
    rf"(?:(?:\d{{1,3}}|{NUMBER_WORD})\s*(?:en|tot(?: en met)?|t/m|à|a|of|-|–)|vanaf|dan|onder de|boven de)\s*$",
    re.IGNORECASE,
)
# "Ze is 27", "haar zoon is 6", "Fatima was 34": a bare number after "is"/"was" with a
# person as subject, closing the clause (not "is 6 weken", "was 3 keer", "is 6,5").
_PERSONS = NAME_CUES | {"ze", "zij", "hij", "ik", "jij", "je", "u", "jongste", "oudste", "jongen"}
_CLAUSE_END = r"(?:[.,;:!?)](?!\d)|$|\s+(?:en|maar|of|toen|dus|nu|geworden|inmiddels|want)\b)"
AGE_AFTER_VERB = re.compile(
    rf"\s+(?:is|was|wordt|werd)\s+(?:(?:nu|pas|net|bijna)\s+)?(\d{{1,3}})(?=\s*{_CLAUSE_END})",
    re.IGNORECASE,
)
# Words around "6 jaar" that make it a duration or a period instead of someone's age.
_DURATION_BEFORE = frozenset(
    [
        "al",
        "sinds",
        "na",
        "over",
        "gedurende",
        "ruim",
        "bijna",
        "ongeveer",
        "elke",
        "iedere",
        "per",
        "voor",
        "afgelopen",
        "laatste",
        "komende",
        "binnen",
        "tot",
        "jaren",
        "om",
        "zo'n",
        "circa",
        "pakweg",
        "nog",
        "minstens",
        "maximaal",
        "hooguit",
        "eerste",
        "vorige",
    ]
)
_DURATION_AFTER = frozenset(
    [
        "geleden",
        "lang",
        "later",
        "terug",
        "eerder",
        "gewerkt",
        "getrouwd",
        "samen",
        "samengewoond",
        "in",
        "bij",
        "met",
        "op",
        "cel",
        "gevangenis",
        "celstraf",
        "werk",
        "ervaring",
        "daarna",
        "voordat",
        "gevolgd",
    ]
)


# Things every match of a rule contains: without them, the rule has nothing to find.
HAS_DIGIT = re.compile(r"\d")
URL_HINT = re.compile(r"://|www\.|\.(?:nl|com|org|net|eu|be|info|nu)\b", re.IGNORECASE)
AGE_WORD_HINT = re.compile(r"jarig", re.IGNORECASE)
YEARS_HINT = re.compile(r"jaar|jr", re.IGNORECASE)


def _word_before(text: str, start: int) -> str:
    words = text[max(0, start - 30) : start].split()
    return words[-1].casefold().strip("(,.") if words else ""


def _word_after(text: str, end: int) -> str:
    words = text[end : end + 30].split()
    return words[0].casefold().strip(".,;:)") if words else ""


def find_emails(text: str) -> Iterator[Span]:
    if "@" not in text:
        return
    for m in EMAIL.finditer(text):
        yield "email", m.start(), m.end()


def find_urls(text: str) -> Iterator[Span]:
    if not URL_HINT.search(text):
        return
    for m in URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        yield "url", m.start(), end


def find_ibans(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for m in IBAN_START.finditer(text):
        # IBANs are written in groups of four with single spaces: take the longest valid run.
        ends, i = [], m.start()
        while i < min(len(text), m.start() + 42):
            if text[i].isalnum():
                ends.append(i + 1)
            elif not (
                text[i] == " "
                and i + 1 < len(text)
                and text[i + 1].isalnum()
                and text[i - 1].isalnum()
            ):
                break
            i += 1
        for end in reversed(ends):
            candidate = text[m.start() : end]
            if len(candidate.replace(" ", "")) >= 15 and stdnum_iban.is_valid(candidate.upper()):
                yield "iban", m.start(), end
                break


def find_bsns(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for m in BSN_SHAPE.finditer(text):
        if stdnum_bsn.is_valid(re.sub(r"[ .]", "", m.group())):
            yield "bsn", m.start(), m.end()
    for m in BSN_CONTEXT.finditer(text):
        yield "bsn", m.start(1), m.end(1)


def find_phones(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    spans = [(m.start(), m.end()) for m in NL_PHONE.finditer(text)]
    if "+" in text or "00" in text:  # international numbers; the matcher is slow on long texts
        matcher = phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID)
        spans += [(match.start, match.end) for match in matcher]
    for start, end in spans:
        if not DATE_LIKE.match(text[start:end].lstrip("(")):
            yield "phone", start, end


def find_postcodes(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for m in POSTCODE.finditer(text):
        yield "postcode", m.start(), m.end()


def find_addresses(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for m in ADDRESS.finditer(text):
        lead = _LEADING_PARTICLE.match(m.group())
        yield "address", m.start() + (lead.end() if lead else 0), m.end()


def find_birthdates(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for m in BIRTHDATE.finditer(text):
        yield "birthdate", m.start(1), m.end(1)


def find_dates(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for m in DATE.finditer(text):
        yield "date", m.start(), m.end()


def find_ages(text: str) -> Iterator[Span]:
    compounds = AGE_COMPOUND.finditer(text) if AGE_WORD_HINT.search(text) else ()
    for m in compounds:
        yield "age", m.start(), m.end()
    for m in AGE_YEARS.finditer(text) if YEARS_HINT.search(text) else ():
        if _RANGE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        before, after = _word_before(text, m.start()), _word_after(text, m.end())
        if "oud" in m.group().casefold() or (
            before not in _DURATION_BEFORE and after not in _DURATION_AFTER
        ):
            yield "age", m.start(), m.end()
    for m in AGE_AFTER_VERB.finditer(text) if HAS_DIGIT.search(text) else ():
        if _word_before(text, m.start()) in _PERSONS:
            yield "age", m.start(1), m.end(1)


# In the order the engine claims text: earlier rules win overlaps.
RULES = (
    find_ibans,
    find_emails,
    find_urls,
    find_phones,
    find_bsns,
    find_postcodes,
    find_addresses,
    find_birthdates,
    find_dates,
    find_ages,
)
