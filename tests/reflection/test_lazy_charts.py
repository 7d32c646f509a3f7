"""Charts wait until the browser shows their panel, so a page's first widgets come first."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.reflection.lazy import LazyPanel


def test_panel_builds_after_its_first_view_and_rebuilds_on_refresh(clock):
    built = []

    def build():
        built.append(len(built))
        return [w.HTML(f"grafiek {len(built)}")]

    panel = LazyPanel(build, scheduler=clock)
    panel.refresh()
    assert built == [] and "geladen" in panel.widget.children[0].value
    panel.widget._view_count = 1  # what the browser reports when it draws the panel
    assert built == []
    clock.advance(0.1)
    assert built == [0] and panel.widget.children[0].value == "grafiek 1"
    panel.widget._view_count = 2
    clock.advance(0.1)
    assert built == [0]
    panel.refresh()
    assert built == [0, 1]
