"""One message area per form: what the last action did, or why it could not.

Every action replaces the message (an old one never stays beside a newer one). Place the area
right under the button that causes it. A success is announced politely to screen readers
(``role="status"``), a problem at once (``role="alert"``). The area takes no room while empty.
"""

from __future__ import annotations

import ipywidgets as w

from werkboek.markup import esc

KINDS = {"done": "status", "problem": "alert"}


class Message:
    """The message area of one form; ``done(text)``, ``problem(text)``, ``clear()``."""

    def __init__(self, css_class: str | None = None) -> None:
        self.widget = w.HTML(layout=w.Layout(width="100%", max_width="100%", display="none"))
        self.widget.add_class("wb-message-area")
        if css_class:
            self.widget.add_class(css_class)
        self.kind: str | None = None
        self.text = ""

    def done(self, text: str, *, html: str = "") -> None:
        """Say what just worked (``html``: extra markup after the text, e.g. a link)."""
        self._show("done", text, html)

    def problem(self, text: str, *, html: str = "") -> None:
        """Say what stopped the action and what to do about it."""
        self._show("problem", text, html)

    def clear(self) -> None:
        self.kind, self.text = None, ""
        self.widget.value = ""
        self.widget.layout.display = "none"

    def _show(self, kind: str, text: str, html: str) -> None:
        self.kind, self.text = kind, text
        self.widget.value = (f'<div class="wb-message wb-message-{kind}" role="{KINDS[kind]}">'
                             f"{esc(text)}{html}</div>")
        self.widget.layout.display = None
