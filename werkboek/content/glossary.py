"""The plain-language glossary (``modules/_begrippen.yaml``) and finding its terms in a text.

``Glossary.find(text)`` returns where each term occurs (whole words, any case, the longest form
first, never overlapping), so a page can link a word to its explanation; ``terms_in`` gives the
term ids a text uses. Checks that a module or exercise only lists defined terms live in
``werkboek.content.checks``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated

from pydantic import Field

from werkboek.content.models import ContentModel, Identifier, Source, Text


class Term(ContentModel):
    """One glossary entry: the word as shown, other word forms to find it by, and the explanation."""

    id: Identifier
    term: Text
    forms: list[Text] = []  # plural, other spellings: how the term appears in running text
    source: Source | None = None  # where the guide uses or explains it, when it does
    text: Text

    @property
    def words(self) -> list[str]:
        """Every form the finder looks for: the term itself and its other forms."""
        return [self.term, *self.forms]


@dataclass(frozen=True)
class TermMatch:
    """One place a glossary term occurs in a text: ``text[start:end]`` is the word as written."""

    term_id: str
    start: int
    end: int
    text: str


class Glossary(ContentModel):
    """The glossary: terms in the order a reader meets them in the file."""

    title: Text
    intro: Text
    terms: Annotated[list[Term], Field(min_length=1)]

    def term(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(f"begrip '{term_id}' staat niet in de begrippenlijst")

    @property
    def ids(self) -> set[str]:
        return {term.id for term in self.terms}

    @cached_property
    def _finder(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        by_word: dict[str, str] = {}
        for term in self.terms:
            for word in term.words:
                by_word.setdefault(word.casefold(), term.id)
        if not by_word:
            return None, by_word
        # Longest first, so "dialooggestuurd werken" wins over "dialoog"; whole words only.
        words = sorted(by_word, key=len, reverse=True)
        pattern = r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)"
        return re.compile(pattern, re.IGNORECASE), by_word

    def find(self, text: str) -> list[TermMatch]:
        """Every occurrence of a glossary term in ``text``, left to right."""
        pattern, by_word = self._finder
        if pattern is None or not text:
            return []
        return [TermMatch(by_word[m.group(0).casefold()], m.start(), m.end(), m.group(0))
                for m in pattern.finditer(text)]

    def terms_in(self, text: str) -> list[str]:
        """The ids of the terms ``text`` uses, each once, in the order they first occur."""
        return list(dict.fromkeys(match.term_id for match in self.find(text)))
