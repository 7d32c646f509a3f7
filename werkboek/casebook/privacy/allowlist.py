"""Terms that must never be flagged as names or places: the method's own words
(``data/allowed_terms.yaml``) and the titles of the course content."""

from __future__ import annotations

import functools
import re

import yaml

from werkboek.casebook.privacy.lexicon import DATA, lexicon


def _content_titles() -> set[str]:
    """Titles of modules, items, poles and exercises; empty when the content layer is absent."""
    try:
        from werkboek.content import load_content

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


@functools.cache
def allowed_pattern() -> re.Pattern:
    alternatives = sorted(
        (r"\s+".join(map(re.escape, t.split())) for t in allowed_terms()), key=len, reverse=True
    )
    # A term may start a compound: "Oranje Huis-methodiek", "Krachtwerkmethode".
    return re.compile(rf"(?<!\w)(?P<term>{'|'.join(alternatives)})[\w-]*", re.IGNORECASE)


def _hides_a_name(word: str, term_length: int) -> bool:
    """A compound that begins with a first name longer than the term is that name's:
    "Julia", "Julianaschool" and "Maartje" start like the months "juli" and "maart"."""
    if len(word) == term_length:
        return False
    first_names = lexicon().first_names
    return any(word[:k] in first_names for k in range(term_length + 1, len(word) + 1))


def allowed_spans(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in allowed_pattern().finditer(text)
        if not _hides_a_name(m.group().casefold(), len(m.group("term")))
    ]
