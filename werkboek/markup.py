"""Safe HTML for pages: Markdown from the content, escaped user text, highlighted privacy spans.

Content Markdown is rendered with raw HTML escaped; user text is always passed through ``esc``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=1)
def _renderer():
    import mistune  # nbconvert's Markdown engine; imported on first use only

    return mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


def markdown_html(text: str | None) -> str:
    """Markdown (content, or anything a user may have typed) as HTML; raw HTML is shown as text."""
    if not text:
        return ""
    return _renderer()(text)


@lru_cache(maxsize=1)
def _text_only_renderer():
    import mistune

    class TextOnly(mistune.HTMLRenderer):
        """No images and no links: a picture or link in a case would be fetched from, or lead
        to, a server outside werkboek (telling it who reads the case, and when)."""

        def image(self, text: str, url: str, title=None) -> str:
            return text

        def link(self, text: str, url: str, title=None) -> str:
            return text

    return mistune.create_markdown(escape=True, renderer=TextOnly(escape=True),
                                   plugins=["table", "strikethrough"])


def user_markdown_html(text: str | None) -> str:
    """Markdown a person typed (a case summary) as HTML, without images or links."""
    if not text:
        return ""
    return _text_only_renderer()(text)


def counted(number: int, one: str, many: str) -> str:
    """"1 minuut", "3 minuten": a number with the Dutch singular or plural after it."""
    return f"{number} {one if number == 1 else many}"


def esc(text: object) -> str:
    """User text as HTML text, quotes included."""
    return html.escape("" if text is None else str(text), quote=True)


def paragraphs(text: str | None) -> str:
    """Plain user text with line breaks kept, escaped."""
    return esc(text).replace("\n", "<br>")


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` escaped, with each (start, end) span wrapped in ``<mark>``; overlaps are merged."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif start < end:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(esc(text[pos:start]))
        out.append(f'<mark class="wb-found">{esc(text[start:end])}</mark>')
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out).replace("\n", "<br>")
