"""Plain-language explanations where a glossary word appears: the one helper every page uses.

``terms_html(content, text, ...)`` gives a folded "Wat betekent dit?" block naming the glossary
terms (``modules/_begrippen.yaml``) the texts use, each with its explanation; '' when they use
none. It is a ``<details>`` element: it opens with Enter or Space and its list wraps at 360 px.
``glossary_html(content)`` is the whole list, folded the same way, for the Start page.
"""

from __future__ import annotations

from werkboek.markup import esc, markdown_html


def terms_html(content, *texts: str | None) -> str:
    """The glossary terms ``texts`` use, in the order they first occur, explained in a folded
    block under the text ('' without a glossary or when no term occurs)."""
    found: dict[str, None] = {}
    for text in texts:
        found.update(dict.fromkeys(match.term_id for match in content.find_terms(text or "")))
    if not found:
        return ""
    terms = [content.glossary.term(term_id) for term_id in found]
    words = ", ".join(term.term for term in terms)
    return (f'<details class="wb-terms"><summary>Wat betekent dit? <span class="wb-terms-words">'
            f"{esc(words)}</span></summary>{explained_html(terms)}</details>")


def glossary_html(content) -> str:
    """Every glossary term with its explanation, folded ('' without a glossary)."""
    glossary = content.glossary
    if glossary is None:
        return ""
    return (f'<details class="wb-terms wb-glossary"><summary>{esc(glossary.title)}: '
            f'<span class="wb-terms-words">alle moeilijke woorden in gewone taal</span></summary>'
            f"{markdown_html(glossary.intro)}{explained_html(glossary.terms)}</details>")


def explained_html(terms) -> str:
    rows = "".join(f"<dt>{esc(term.term)}</dt><dd>{markdown_html(term.text)}</dd>" for term in terms)
    return f"<dl>{rows}</dl>"
