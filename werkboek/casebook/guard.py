"""Everything a person typed passes here before it is stored: cleaning, then the privacy guard.

Cleaning: NUL characters are removed (PostgreSQL cannot store them, so SQLite does not
either), text that is not valid Unicode or longer than ``MAX_TEXT_CHARS`` is refused.
Privacy (``werkboek.casebook.privacy``), by mode:
- "check": anything found is refused (``PrivacyBlocked`` for hard identifiers, else ``PrivacyReview``);
- "accept": the scanner's suggestion is stored: every finding, hard identifiers included,
  replaced by a placeholder, the same one for the same name within a case;
- "fictional": stored as typed (the caller audits that), but hard identifiers are still refused.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from werkboek.casebook.errors import CasebookUnavailable, InvalidInput
from werkboek.casebook.privacy import (
    PrivacyBlocked,
    PrivacyReview,
    ScannerRefused,
    ScannerUnavailable,
)
from werkboek.casebook.privacy.client import TextTooLong
from werkboek.casebook.pseudonyms import is_opaque, keyed_hash, opaque_key

MAX_TEXT_CHARS = 1_000_000
# A value that is exactly an ISO date comes from a date picker (an action's due date), not
# from typing; the scanner would flag it as a date.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def needs_scan(text: str) -> bool:
    return bool(text.strip()) and not ISO_DATE.fullmatch(text)


def clean_text(text: Any, what: str = "De tekst") -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise InvalidInput(f"{what} moet tekst zijn.")
    text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(
            f"{what} bevat tekens die geen geldige tekst zijn. Typ of plak de tekst opnieuw."
        ) from exc
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(
            f"{what} is te lang ({len(text):,} tekens; het maximum is {MAX_TEXT_CHARS:,}). "
            "Maak de tekst korter.".replace(",", ".")
        )
    return text


def clean_value(value: Any) -> Any:
    """A JSON-able copy of ``value`` with every string cleaned; tuples become lists."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInput("Een getal in het antwoord is ongeldig.")
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [clean_value(item) for item in value]
    if isinstance(value, Mapping):
        return {clean_text(str(k)): clean_value(v) for k, v in value.items()}
    raise InvalidInput(f"Dit soort antwoord kan niet worden opgeslagen ({type(value).__name__}).")


def string_leaves(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [leaf for item in value for leaf in string_leaves(item)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in string_leaves(item)]
    return []


def replace_leaves(value: Any, replacements: Iterator[str]) -> Any:
    """``value`` with its string leaves replaced, in ``string_leaves`` order."""
    if isinstance(value, str):
        return next(replacements)
    if isinstance(value, list):
        return [replace_leaves(item, replacements) for item in value]
    if isinstance(value, dict):
        return {k: replace_leaves(v, replacements) for k, v in value.items()}
    return value


@dataclass
class Vetted:
    """Texts as they may be stored, plus placeholders newly assigned within the case."""

    texts: list[str]
    new_pseudonyms: dict[str, str] = field(default_factory=dict)  # keyed hash -> placeholder
    flagged: bool = False  # names/places were found (kept as typed only in fictional mode)


SCAN_ATTEMPTS = 4


def scan(scanner, text: str, mapping: dict[str, str] | None = None):
    """``scanner.scan``, tried again a few times when the scanner service did not answer (not
    when it refused this server: that lasts)."""

    for attempt in range(1, SCAN_ATTEMPTS + 1):
        try:
            return scanner.scan(text, mapping=mapping)
        except ScannerRefused:
            raise
        except ScannerUnavailable:
            if attempt == SCAN_ATTEMPTS:
                raise
            time.sleep(0.25 * attempt)
    raise AssertionError("unreachable")


class PrivacyGate:
    """Applies the privacy guard to a set of texts that are stored together."""

    def __init__(self, scanner_factory: Callable[[], Any], key_factory: Callable[[], bytes]):
        self._scanner_factory = scanner_factory
        self._key_factory = key_factory

    def vet(self, texts: list[str], mode: str, known: dict[str, str] | None = None) -> Vetted:
        """Scan ``texts``; ``known`` is the case's keyed-hash -> placeholder mapping."""

        if mode not in ("check", "accept", "fictional"):
            raise InvalidInput(f"Onbekende privacykeuze: {mode!r}.")
        try:
            return self._vet(texts, mode, known or {})
        except TextTooLong as exc:
            raise InvalidInput(str(exc)) from exc
        except ScannerUnavailable as exc:
            raise CasebookUnavailable(str(exc)) from exc

    def _vet(self, texts: list[str], mode: str, known: dict[str, str]) -> Vetted:
        scanner = self._scanner_factory()
        if mode == "accept":
            return self._pseudonymise(scanner, texts, known)
        results = [scan(scanner, text) for text in texts if needs_scan(text)]
        for result in results:
            if result.blocked:
                raise PrivacyBlocked(result)
        flagged = any(result.flagged for result in results)
        if flagged and mode == "check":
            raise PrivacyReview(next(result for result in results if result.flagged))
        return Vetted(texts=list(texts), flagged=flagged)

    def _pseudonymise(self, scanner, texts: list[str], known: dict[str, str]) -> Vetted:
        key = self._key_factory()
        mapping = {opaque_key(digest): placeholder for digest, placeholder in known.items()}
        stored: list[str] = []
        for text in texts:
            if not needs_scan(text):
                stored.append(text)
                continue
            result = scan(scanner, text, mapping)
            # Names already seen in this case get their earlier placeholder back.
            recalled = {
                finding.text: known[digest]
                for finding in result.findings
                if (digest := keyed_hash(key, finding.text)) in known
                and finding.text not in mapping
            }
            if recalled:
                mapping = {**mapping, **recalled}
                result = scan(scanner, text, mapping)
            mapping = dict(result.mapping)
            stored.append(result.suggestion)
        new = {}
        for original, placeholder in mapping.items():
            if is_opaque(original):
                continue
            digest = keyed_hash(key, original)
            if digest not in known:
                new[digest] = placeholder
        return Vetted(texts=stored, new_pseudonyms=new, flagged=bool(new))
