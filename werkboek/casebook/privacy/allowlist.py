"""Terms that must never be flagged as names or places: the method's own words
(``data/allowed_terms.yaml``) and the titles of the course content."""

from __future__ import annotations

import functools
import re

import yaml

from werkboek.casebook.privacy.lexicon import DATA, lexicon
from werkboek.casebook.privacy.streets import STREET_END


def _content_titles() -> set[str]:
    """Titles of modules, items, poles and exercises; empty when the content layer is absent."""
    try:
        from werkboek.content import load_content  # in the try: the scanner works without content

        content = load_content()
    except Exception:  # no content package yet, or content that does not validate
        return set()
    titles = set()
    for module in content.modules.values():
        titles.add(module.title)
        for item in module.items:
            titles |= {t for t in (item.title, item.pole_a, item.pole_b) if t}
    titles |= {exercise.title for exercise in content.exercises.values()}
    # A one-word title that is also a first name would hide that name everywhere.
    return {t for t in titles if " " in t.strip() or t.casefold() not in lexicon().names}


@functools.cache
def allowed_terms() -> frozenset[str]:
    with (DATA / "allowed_terms.yaml").open(encoding="utf-8") as handle:
        terms = {str(t) for t in yaml.safe_load(handle)} | _content_titles()
    return frozenset(" ".join(t.casefold().split()) for t in terms if t.strip())


def _term_pattern(terms) -> re.Pattern:
    """The first of ``terms`` (longest first) at a word start, with the rest of its word."""
    alternatives = sorted((r"\s+".join(map(re.escape, t.split())) for t in terms), key=len, reverse=True)
    # A term may start a compound: "Oranje Huis-methodiek", "Krachtwerkmethode".
    return re.compile(rf"(?<!\w)(?P<term>{'|'.join(alternatives)})[\w-]*", re.IGNORECASE)


@functools.cache
def _patterns_by_start() -> dict[str, re.Pattern]:
    """The terms grouped by their first two characters, one pattern per group: a text is
    tried only where a word starts with two characters that some term starts with."""
    groups: dict[str, list[str]] = {}
    for term in allowed_terms():
        groups.setdefault(term[:2], []).append(term)
    return {start: _term_pattern(terms) for start, terms in groups.items()}


WORD_START = re.compile(r"(?<!\w)\S")


def _hides_a_name(word: str, term_length: int) -> bool:
    """A compound that begins with a first name longer than the term is that name's:
    "Julia", "Julianaschool" and "Maartje" start like the months "juli" and "maart"."""
    if len(word) == term_length:
        return False
    first_names = lexicon().first_names
    return any(word[:k] in first_names for k in range(term_length + 1, len(word) + 1))


def _names_a_street(word: str, term_length: int) -> bool:
    """A compound of a term that ends like a street is a street: "Oranjestraat", "Oranjelaan"."""
    return len(word) > term_length and STREET_END.search(word) is not None


def allowed_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` uses an allowed term, from left to right, without overlaps."""
    by_start = _patterns_by_start()
    spans, end = [], 0
    for start in WORD_START.finditer(text):
        position = start.start()
        if position < end:
            continue
        pattern = by_start.get(text[position : position + 2].lower())
        if pattern is not None and (m := pattern.match(text, position)) is not None:
            end = m.end()
            word, term_length = m.group().casefold(), len(m.group("term"))
            if not _hides_a_name(word, term_length) and not _names_a_street(word, term_length):
                spans.append((m.start(), end))
    return spans
