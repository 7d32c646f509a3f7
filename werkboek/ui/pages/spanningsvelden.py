"""Page "Spanningsvelden" (first version): the seven tension fields with both poles."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.content_view import module_view

MODULE = "spanningsvelden"


def build() -> w.Widget:
    from werkboek.content import load_content

    return module_view(load_content(), MODULE)
