"""Page "Mijn reflecties" (first version): your own answers, newest first."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.entry_view import entry_card


def build() -> w.Widget:
    from werkboek.casebook import open_casebook
    from werkboek.content import load_content

    content = load_content()
    cb = open_casebook()
    viewer = cb.local_viewer()
    entries = sorted(
        cb.entries(viewer, author_id=viewer.member_id), key=lambda e: e.updated_at, reverse=True
    )
    if entries:
        html = "".join(entry_card(content, e) for e in entries)
    else:
        html = (
            '<p>Je hebt nog niets opgeschreven. Begin met een oefening op de pagina '
            '<a href="Oefeningen.ipynb">Oefeningen</a>.</p>'
        )
    view = w.HTML(html, layout=full_width())
    view.add_class("wb-journal")
    return view
