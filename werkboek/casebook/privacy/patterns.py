"""Pattern rules for identifiers that have a fixed shape: BSN and IBAN (checked with
python-stdnum), phone numbers (phonenumbers plus Dutch writing habits), e-mail, links
(short links too: bit.ly, t.me), postcodes, street addresses, dates of birth, other dates
(also a day and month without a year: "op 14 februari") and ages ("zoon (9)", "een dochter
van 2", "8 maanden oud", "van anderhalf").

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

from werkboek.casebook.privacy.lexicon import NAME_CUES, is_sentence_start, lexicon
from werkboek.casebook.privacy.name_context import FINITE_VERBS

Span = tuple[str, int, int]

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|\d{{1,2}}\s(?:{MONTHS})\.?\s(?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})"
_DAY_MONTH = rf"\d{{1,2}}\s(?:{MONTHS})\b"

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|(?<![@\w.-])[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|info|nu)\b(?:/[^\s<>\"']*)?"
    # Short links and link pages: "bit.ly/3Fx9kQz", "t.me/kanaal", "linktr.ee/naam".
    r"|(?<![@\w.-])[\w-]+\.(?:ly|me|ee|gd|co|cc|io|app|link|to|gl|be|at)/[^\s<>\"']+",
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
# The word with the street suffix, right before the house number.
STREET_WORD = re.compile(rf"[\w'-]*(?:{_STREET_WORDS})(?=\.?\s(?:nr\.?\s|nummer\s)?\d)")
_LEADING_PARTICLE = re.compile(r"^(?:(?:van|de|der|den|het|'t|ter|ten)\s)+(?=[a-z])")
BIRTHDATE = re.compile(
    rf"\b(?:geboren|geb\.|geboortedatum|geboortedag|gebdat|geb\.\s?datum|jarig|verjaardag)"
    # up to three words between: "geboortedatum jongste kind: 4 juni 2019"
    rf"(?:\s+[^\W\d]+){{0,3}}?\s*:?\s*((?:{_DATE})|(?:{_DAY_MONTH})|(?:19|20)\d{{2}}\b)",
    re.IGNORECASE,
)
DATE = re.compile(rf"(?<!\d){_DATE}(?!\d)", re.IGNORECASE)
# A day and month without a year ("op 14 februari kwam ze binnen"), and in digits after a
# word of time ("op 30-9", "sinds 3/4").
DAY_MONTH = re.compile(rf"(?<![\d,.]){_DAY_MONTH}", re.IGNORECASE)
DAY_MONTH_DIGITS = re.compile(
    r"\b(?:op|sinds|vanaf|tot|per|voor|na|rond|t/m|datum)\s+((\d{1,2})[-/](\d{1,2}))(?![-/.,]?\d)",
    re.IGNORECASE,
)

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
    rf"\s+(?:is|was|wordt|werd)\s+(?:(?:nu|pas|net|bijna|al|ruim|nog\s+maar|nog\s+geen)\s+)?"
    rf"(\d{{1,3}})(?=\s*{_CLAUSE_END})",
    re.IGNORECASE,
)
# People whose age stands in brackets or after "van": "zoon (9)", "een meisje van 11",
# "haar baby van 8 maanden", "het zoontje van anderhalf".
PERSON_NOUNS = NAME_CUES | frozenset(
    ["meisje", "jongen", "jongetje", "kindje", "babytje", "peuter", "kleuter", "tweeling",
     "tiener", "puber", "jongste", "oudste", "middelste", "vrouw", "zoons", "dochters"]
)  # fmt: skip
_AGE_UNIT = r"(?:jaar|jr\.?|maanden|maand|mnd|weken|week)"
AGE_IN_BRACKETS = re.compile(
    r"\b([^\W\d_]+)(?:\s?\((\d{1,2}(?:(?:,\s?|\s(?:en|&)\s)\d{1,2})*)"
    r"(?:\s?(?:jaar|jr\.?|mnd|maanden))?\)|,\s(\d{1,2}),\s)"
)  # "zoon (9)", "dochters (5 en 7)", "Nina, 5, slaapt"
AGE_OF_PERSON = re.compile(
    rf"\b([^\W\d_]+)\s+van\s+((?:\d{{1,2}}|{NUMBER_WORD})(?:\s+{_AGE_UNIT})?(?:\s+oud)?)(?![\w,])",
    re.IGNORECASE,
)
# What may follow such an age: a verb or a conjunction, not a counted noun ("een moeder
# van 3 kinderen").
_AFTER_AGE = frozenset(["en", "of", "maar", "die", "dat", "toen", "met", "nu", "sinds"])
AGE_IN_MONTHS = re.compile(
    rf"(?<![\w.,])(?:\d{{1,2}}|{NUMBER_WORD})\s(?:maanden|maand|mnd|weken|week)(\s+oud\b)?",
    re.IGNORECASE,
)
_BABY_IS = re.compile(
    r"\b([^\W\d_]+)\s+(?:is|was|wordt|werd)\s+(?:(?:pas|net|bijna|nog maar)\s+)?$", re.IGNORECASE
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
        "vast",
    ]
)
# "Hij zat 2 jaar vast", "woonde 6 jaar in": a verb other than "is" before the years.
_VERBS_OF_DURATION = FINITE_VERBS - {"is", "was", "wordt", "werd"}


# Things every match of a rule contains: without them, the rule has nothing to find.
HAS_DIGIT = re.compile(r"\d")
URL_HINT = re.compile(
    r"://|www\.|\.(?:nl|com|org|net|eu|be|info|nu)\b|\.(?:ly|me|ee|gd|co|cc|io|app|link|to|gl|at)/",
    re.IGNORECASE,
)
AGE_WORD_HINT = re.compile(r"jarig", re.IGNORECASE)
YEARS_HINT = re.compile(r"jaar|jr", re.IGNORECASE)
MONTHS_HINT = re.compile(r"maand|mnd|week", re.IGNORECASE)


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
        street = STREET_WORD.search(m.group())
        if street and _is_word_not_street(text, m.start() + street.start(), street.group()):
            continue
        yield "address", m.start() + (lead.end() if lead else 0), m.end()


def _is_word_not_street(text: str, start: int, word: str) -> bool:
    """A frequent Dutch word before a number is no street ("Mijn antwoord 2 was kort"), unless
    it has a capital in mid-sentence ("op de Markt 5")."""
    if not lexicon().is_common_word(word.casefold()):
        return False
    return not word[0].isupper() or is_sentence_start(text, start)


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


def find_days_and_months(text: str) -> Iterator[Span]:
    if not HAS_DIGIT.search(text):
        return
    for m in DAY_MONTH.finditer(text):
        yield "date", m.start(), m.end()
    for m in DAY_MONTH_DIGITS.finditer(text):
        if 1 <= int(m.group(2)) <= 31 and 1 <= int(m.group(3)) <= 12:
            yield "date", m.start(1), m.end(1)


def find_ages(text: str) -> Iterator[Span]:
    compounds = AGE_COMPOUND.finditer(text) if AGE_WORD_HINT.search(text) else ()
    for m in compounds:
        yield "age", m.start(), m.end()
    for m in AGE_YEARS.finditer(text) if YEARS_HINT.search(text) else ():
        if _RANGE_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        before, after = _word_before(text, m.start()), _word_after(text, m.end())
        if "oud" in m.group().casefold() or (
            before not in _DURATION_BEFORE
            and before not in _VERBS_OF_DURATION
            and after not in _DURATION_AFTER
        ):
            yield "age", m.start(), m.end()
    for m in AGE_AFTER_VERB.finditer(text) if HAS_DIGIT.search(text) else ():
        if _word_before(text, m.start()) in _PERSONS:
            yield "age", m.start(1), m.end(1)
    for m in AGE_IN_BRACKETS.finditer(text) if HAS_DIGIT.search(text) else ():
        if m.group(1).casefold() in PERSON_NOUNS or m.group(1)[0].isupper():
            group = 2 if m.group(2) else 3
            yield "age", m.start(group), m.end(group)
    for m in AGE_OF_PERSON.finditer(text) if "van " in text else ():
        after = _word_after(text, m.end())
        if m.group(1).casefold() in PERSON_NOUNS and (
            after in FINITE_VERBS or after in _AFTER_AGE or not after[:1].isalpha()
        ):
            yield "age", m.start(2), m.end(2)
    for m in AGE_IN_MONTHS.finditer(text) if MONTHS_HINT.search(text) else ():
        before = _BABY_IS.search(text[max(0, m.start() - 40) : m.start()])
        if m.group(1) or (before and before.group(1).casefold() in _PERSONS | PERSON_NOUNS):
            yield "age", m.start(), m.end()


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
    find_days_and_months,
    find_ages,
)
