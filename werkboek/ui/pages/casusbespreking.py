"""Page "Casusbespreking" (first version): the three steps of a case discussion."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.content_view import module_view

MODULE = "verdiepen"


def build() -> w.Widget:
    from werkboek.content import load_content

    return module_view(load_content(), MODULE)
