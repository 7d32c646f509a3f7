"""A row of buttons that switches between the parts of a page; each part is built when first opened.

Building on first open keeps the first view of a page fast: a runner or a chart panel costs
nothing until someone asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width


class Sections:
    """``parts``: (key, button label, build function). The first part is shown at once."""

    def __init__(self, parts: Sequence[tuple[str, str, Callable[[], w.Widget]]]):
        self._builders = {key: build for key, _label, build in parts}
        self.built: dict[str, w.Widget] = {}
        self.buttons: dict[str, w.Button] = {}
        for key, label, _build in parts:
            button = w.Button(description=label)
            button.add_class("wb-section-button")
            button.add_class(f"wb-section-{key}")
            button.on_click(guarded(lambda _b, k=key: self.show(k)))
            self.buttons[key] = button
        row = w.HBox(list(self.buttons.values()), layout=full_width())
        row.add_class("wb-row")
        row.add_class("wb-sections")
        self.body = w.VBox(layout=full_width())
        self.widget = w.VBox([row, self.body], layout=full_width())
        self.current = ""
        self.show(parts[0][0])

    def part(self, key: str) -> w.Widget:
        """The part's widget, built on first use."""
        if key not in self.built:
            self.built[key] = self._builders[key]()
        return self.built[key]

    def show(self, key: str) -> None:
        self.body.children = (self.part(key),)
        self.current = key
        for other, button in self.buttons.items():
            button.button_style = "primary" if other == key else ""
