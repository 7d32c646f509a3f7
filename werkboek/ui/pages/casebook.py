"""Page "Casebook" (first version): search what is written, newest first."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.entry_view import entry_card
from werkboek.ui.shell import guarded

SHOWN = 30


def build() -> w.Widget:
    from werkboek.casebook import open_casebook
    from werkboek.content import load_content

    content = load_content()
    cb = open_casebook()
    viewer = cb.local_viewer()
    query = w.Text(placeholder="Zoek in het casebook…", continuous_update=False, layout=full_width())
    query.add_class("wb-search")
    results = w.HTML(layout=full_width())
    results.add_class("wb-results")

    def refresh(*_args) -> None:
        entries = cb.entries(viewer, text=query.value.strip() or None, limit=SHOWN)
        entries = sorted(entries, key=lambda e: e.updated_at, reverse=True)
        if not entries:
            results.value = "<p>Niets gevonden.</p>" if query.value.strip() else "<p>Het casebook is nog leeg.</p>"
        else:
            results.value = "".join(entry_card(content, e) for e in entries)

    query.observe(guarded(refresh), names="value")
    refresh()
    return w.VBox([query, results], layout=full_width())
