"""The one privacy notice every page shows when the casebook refuses a text.

Blocked (hard identifiers such as a phone number or BSN): the found parts are highlighted and
the version with placeholders is shown; nothing was saved and the writer must edit the text. Review (names, places): the writer
chooses "Gebruik de versie met schuilnamen" or "Dit is verzonnen", or edits the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import ipywidgets as w

from werkboek.markup import esc, highlight, paragraphs
from werkboek.ui.guard import guarded

ACCEPT_LABEL = "Gebruik de versie met schuilnamen"
FICTIONAL_LABEL = "Dit is verzonnen"
EDIT_HINT_BLOCKED = "Pas je tekst aan; bij de volgende keer opslaan kijken we opnieuw."
EDIT_HINT_REVIEW = "Je kunt ook je tekst aanpassen; bij de volgende keer opslaan kijken we opnieuw."


def found_spans(text: str, fragments: Iterable[str]) -> list[tuple[int, int]]:
    """Every place in ``text`` where one of the found fragments occurs."""
    spans = []
    for fragment in {f for f in fragments if f}:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(fragment), text)]
    return spans


def texts_in(fields: dict) -> list[str]:
    """The user-typed strings of an answer (its text and every string leaf of its value)."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            if value.strip():
                found.append(value)
        elif isinstance(value, dict):
            for leaf in value.values():
                walk(leaf)
        elif isinstance(value, (list, tuple)):
            for leaf in value:
                walk(leaf)

    walk(fields.get("text"))
    walk(fields.get("value"))
    return found


class PrivacyNotice:
    """Shows a refusal by the privacy guard; ``on_choice(mode)`` gets "accept" or "fictional"."""

    def __init__(self) -> None:
        self.message = w.HTML(layout=w.Layout(width="100%"))
        self.accept_button = w.Button(description=ACCEPT_LABEL, button_style="warning")
        self.accept_button.add_class("wb-privacy-accept")
        self.fictional_button = w.Button(description=FICTIONAL_LABEL)
        self.fictional_button.add_class("wb-privacy-fictional")
        self.accept_button.on_click(lambda _b: self._choose("accept"))
        self.fictional_button.on_click(lambda _b: self._choose("fictional"))
        self.buttons = w.HBox([self.accept_button, self.fictional_button])
        self.buttons.add_class("wb-row")
        self.widget = w.VBox([self.message, self.buttons], layout=w.Layout(width="100%", display="none"))
        self.widget.add_class("wb-privacy-notice")
        self._on_choice: Callable[[str], None] | None = None
        self.kind: str | None = None  # "blocked" / "review" while shown

    def show(self, exc: Exception, texts: list[str], on_choice: Callable[[str], None]) -> None:
        """Explain ``exc`` (PrivacyBlocked or PrivacyReview) for the answer's ``texts``."""
        # the privacy package (HTTP client) not before the frame
        from werkboek.casebook.privacy.errors import PrivacyBlocked

        result = exc.result
        fragments = [finding.text for finding in result.findings]
        marked = "".join(
            f"<p>{highlight(text, found_spans(text, fragments))}</p>" for text in texts
        )
        blocked = isinstance(exc, PrivacyBlocked)
        self.kind = "blocked" if blocked else "review"
        heading = "Niet opgeslagen." if blocked else "Nog niet opgeslagen: kijk even mee."
        self.message.value = (
            f'<div class="wb-privacy" role="alert"><strong>{heading}</strong> {esc(exc)}'
            f'<div class="wb-privacy-found">{marked}</div>'
            f"<p>Versie met schuilnamen:</p><blockquote>{paragraphs(result.suggestion)}</blockquote>"
            f"<p>{esc(EDIT_HINT_BLOCKED if blocked else EDIT_HINT_REVIEW)}</p></div>"
        )
        # Hard identifiers are refused in every mode: the writer has to take them out.
        self.buttons.layout.display = "none" if blocked else None
        self._on_choice = on_choice
        self.widget.layout.display = None

    def clear(self) -> None:
        self.kind = None
        self._on_choice = None
        self.message.value = ""
        self.widget.layout.display = "none"

    def _choose(self, mode: str) -> None:
        callback = self._on_choice
        if callback is not None:
            guarded(callback)(mode)
