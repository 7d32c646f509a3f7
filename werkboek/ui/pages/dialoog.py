"""Page "Vier niveaus van dialoog" (first version): the four levels of dialogue."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.content_view import module_view

MODULE = "dialoog"


def build() -> w.Widget:
    from werkboek.content import load_content

    return module_view(load_content(), MODULE)
