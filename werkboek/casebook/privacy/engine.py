"""The in-process scanner: pattern rules, word lists and deduce, combined into one set
of non-overlapping findings, with a small cache because drafts repeat the same text."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from werkboek.casebook.privacy import deduce_engine
from werkboek.casebook.privacy.allowlist import allowed_spans
from werkboek.casebook.privacy.ids import RULES as ID_RULES
from werkboek.casebook.privacy.institutions import find_institutions
from werkboek.casebook.privacy.lexicon import (
    find_names_and_places,
    is_sentence_start,
    is_word_at_start,
    lexicon,
    strip_title,
    zipf,
)
from werkboek.casebook.privacy.model import HARD_KINDS, Finding, ScanResult
from werkboek.casebook.privacy.name_context import MID_SENTENCE_WORD_ZIPF, NOT_PERSONS
from werkboek.casebook.privacy.numbered import numbered_spans
from werkboek.casebook.privacy.patterns import AGE_AFTER_VERB, POSTCODE, RULES as PATTERN_RULES
from werkboek.casebook.privacy.placeholders import pseudonymise
from werkboek.casebook.privacy.streets import find_streets

# Kinds the allow-list can silence (a BSN is never allowed), and that merge when adjacent.
ALLOWABLE_KINDS = frozenset({"name", "place", "institution"})
# Kinds a numbered part of something ("Bijeenkomst 3", ``numbered``) is never taken for.
NOT_NUMBERED_KINDS = ALLOWABLE_KINDS | {"address"}
CHUNK = 4000  # deduce's work grows faster than linearly on very long texts
CACHE_ENTRIES = 512
CACHE_MAX_TEXT = 100_000
_EDGE = " \t\r\n.,;:!?()[]{}\"'“”‘’-–—/"
_GAP = re.compile(r"[ \t-]*")
_WORDS = re.compile(r"\S+")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
AGE_AFTER_NAME = re.compile(r"\s?\((\d{1,3})(?:\s?(?:jaar|jr\.?))?\)|,\s(\d{1,2})(?=,)")
RULES = PATTERN_RULES + ID_RULES  # earlier rules win overlaps


def _chunks(text: str):
    """Pieces of at most CHUNK characters, cut at line or sentence ends where possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK)
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(". ", start, end))
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def _deduce_candidates(text: str):
    lex = lexicon()
    for offset, piece in _chunks(text):
        for kind, start, end in deduce_engine.deduce_spans(piece):
            found = piece[start:end]
            if (
                kind in ("name", "place")
                and " " not in found
                and (
                    found.casefold() in NOT_PERSONS  # "spreekt Engels"
                    or (found.isupper() and len(found) > 1)  # an acronym such as LIMA
                    or (
                        is_sentence_start(piece, start)
                        and (lex.is_ordinary(found.casefold()) or is_word_at_start(piece, end))
                    )
                )
            ):
                continue
            if (
                kind == "place"
                and " " in found
                and lex.is_ordinary_phrase(found.casefold().split(), lower_case=found.islower())
            ):
                continue  # "de Bocht", "de waarden": an article and ordinary words
            if kind == "name" and " " in found:
                start += _leading_words(found, lex)  # "Volgens Jan Bakker": "Jan Bakker"
                found = piece[start:end]
            if kind == "name" and _only_dutch_words(found, lex):
                continue  # "Team Slot", "Vos": our own finder judges such words by context
            if kind == "place" and any(ch.isdigit() for ch in found) and not POSTCODE.search(found):
                if YEAR.search(found):
                    continue  # "Halverwege 2016": a word and a year, no street
                kind = "address"  # deduce tags a street with its house number as a place
            yield kind, offset + start, offset + end


def _leading_words(found: str, lex) -> int:
    """Length of the ordinary words deduce took into a name in front of it: "Volgens "."""
    cut = 0
    for word in _WORDS.finditer(found):
        lower = word.group().casefold().strip(_EDGE)
        if word.end() == len(found) or lex.is_any_name(lower) or not lex.is_common_word(lower):
            break
        cut = word.end() + 1
    return min(cut, len(found))


def _only_dutch_words(found: str, lex) -> bool:
    """Every word of a name deduce found is a frequent Dutch word and none a first name, the
    last one very frequent: "Team Slot" (but "Hoop Molenaar", "Vos" stay names)."""
    words = [w.casefold() for w in _WORDS.findall(found)]
    return zipf(words[-1]) >= MID_SENTENCE_WORD_ZIPF and all(
        lex.is_common_word(w) and not lex.is_first_name(w) for w in words
    )


class _Claims:
    """Which characters already belong to a finding, so every character is found once."""

    def __init__(self, text: str):
        self.text = text
        self.taken = bytearray(len(text))
        self.allowed = bytearray(len(text))
        for start, end in allowed_spans(text):
            self.allowed[start:end] = b"\x01" * (end - start)
        self.numbered = bytearray(len(text))
        for start, end in numbered_spans(text):
            self.numbered[start:end] = b"\x01" * (end - start)
        self.findings: list[Finding] = []

    def claim(self, kind: str, start: int, end: int) -> None:
        """Record the parts of ``start:end`` that no earlier (or allowed) span covers."""
        check_allowed = kind in ALLOWABLE_KINDS
        check_numbered = kind in NOT_NUMBERED_KINDS
        if kind == "address" and any(self.numbered[start:end]):
            return  # "Mijn Antwoord 3": not "Mijn" either
        piece_start = None
        for i in range(start, end + 1):
            free = (i < end and not self.taken[i] and not (check_allowed and self.allowed[i])
                    and not (check_numbered and self.numbered[i]))
            if free and piece_start is None:
                piece_start = i
            elif not free and piece_start is not None:
                self._add(kind, piece_start, i)
                piece_start = None

    def _add(self, kind: str, start: int, end: int) -> None:
        text = self.text
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if kind == "name":
            start += strip_title(text[start:end])
        if kind in ALLOWABLE_KINDS:  # "Kompaan en" once "de Bocht" was taken: drop "en"
            words = list(_WORDS.finditer(text, start, end))
            while words and words[-1].group() in lexicon().stop:  # lower case only: not "Wil"
                words.pop()
            end = words[-1].end() if words else start
        piece = text[start:end]
        if not any(ch.isalnum() for ch in piece):
            return
        self.taken[start:end] = b"\x01" * (end - start)
        self.findings.append(Finding(kind, start, end, piece))

    def result(self) -> list[Finding]:
        merged: list[Finding] = []
        for f in sorted(self.findings, key=lambda f: f.start):
            last = merged[-1] if merged else None
            if (
                last
                and last.kind == f.kind
                and f.kind in ALLOWABLE_KINDS
                and _GAP.fullmatch(self.text[last.end : f.start])
            ):
                merged[-1] = Finding(f.kind, last.start, f.end, self.text[last.start : f.end])
            else:
                merged.append(f)
        return merged


def find(text: str) -> list[Finding]:
    """All identifying details in ``text``, in reading order, without overlaps."""
    claims = _Claims(text)
    from_deduce = list(_deduce_candidates(text))
    ordered = [span for rule in RULES for span in rule(text)]
    # Hard identifiers first (ours, then deduce's), then the softer kinds in order of trust.
    ordered = (
        [s for s in ordered if s[0] in HARD_KINDS]
        + [s for s in from_deduce if s[0] in HARD_KINDS]
        + [s for s in ordered if s[0] not in HARD_KINDS]
        + list(find_institutions(text))
        + list(find_streets(text))
        + list(find_names_and_places(text))
        + [s for s in from_deduce if s[0] not in HARD_KINDS]
    )
    for kind, start, end in ordered:
        claims.claim(kind, start, end)
    for finding in list(claims.findings):  # "Fatima (34)", "Fatima is 34": her age
        if finding.kind != "name":
            continue
        if m := AGE_AFTER_NAME.match(text, finding.end):
            group = 1 if m.group(1) else 2  # "Fatima (34)", "Mila, 7, wil…"
            claims.claim("age", m.start(group), m.end(group))
        elif m := AGE_AFTER_VERB.match(text, finding.end):
            claims.claim("age", m.start(1), m.end(1))
    return claims.result()


class LocalScanner:
    """Scans in this process. deduce is loaded on first use (or by ``warm``), once."""

    def __init__(self) -> None:
        self._cache: OrderedDict[tuple, ScanResult] = OrderedDict()
        self._lock = threading.Lock()

    def warm(self) -> None:
        deduce_engine.load()
        self.scan("Fictief: Fatima woont in Zwolle.")

    def scan(self, text: str, *, mapping: dict[str, str] | None = None) -> ScanResult:
        mapping = dict(mapping or {})
        key = (text, tuple(sorted(mapping.items())))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                cached = self._cache[key]
                return ScanResult(list(cached.findings), cached.suggestion, dict(cached.mapping))
        findings = find(text)
        suggestion, new_mapping = pseudonymise(text, findings, mapping)
        result = ScanResult(findings, suggestion, new_mapping)
        if len(text) <= CACHE_MAX_TEXT:
            with self._lock:
                self._cache[key] = ScanResult(list(findings), suggestion, dict(new_mapping))
                while len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return result
