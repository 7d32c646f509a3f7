"""Work that waits until a widget is on screen: charts (pandas, plotly) and fresh read-backs.

The page shows its widgets first; when the browser reports a widget's first view
(``shell.on_first_view``), the waiting work runs on the next turn of the kernel's loop, so a
visitor is not kept waiting for pandas and plotly before the page itself appears.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from werkboek.ui.kit import full_width
from werkboek.ui.scheduling import LoopScheduler, Scheduler
from werkboek.ui.shell import on_first_view

LOADING = '<p class="wb-loading">De grafieken worden geladen…</p>'


class LazyPanel:
    """A panel built once on screen; ``load()`` builds it at once (tests, or a button),
    ``refresh()`` rebuilds it after new answers were saved."""

    def __init__(self, build: Callable[[], Sequence[w.Widget]], *, scheduler: Scheduler | None = None):
        self._build = build
        self.scheduler = scheduler or LoopScheduler()
        self.loaded = False
        self.widget = w.VBox([w.HTML(LOADING, layout=full_width())], layout=full_width())
        self.widget.add_class("wb-lazy")
        on_first_view(self.widget, self.load, self.scheduler)

    def load(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        self.widget.children = tuple(self._build())

    def refresh(self) -> None:
        """Rebuild with the newest data (only when already loaded; else the first load does it)."""
        if self.loaded:
            self.widget.children = tuple(self._build())
