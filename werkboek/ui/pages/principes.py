"""Page "Leidende principes" (first version): the principles in their two sets."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.content_view import module_view

MODULE = "principes"
GROUPS = (
    ("samen", "Samen met bewoners (klantbeloften)"),
    ("werkers", "Voor werkers"),
)


def build() -> w.Widget:
    from werkboek.content import load_content

    return module_view(load_content(), MODULE, groups=GROUPS)
