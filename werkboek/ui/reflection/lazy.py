"""Work that waits until a widget is on screen: charts (pandas, plotly) and fresh read-backs.

The page shows its widgets first; when the browser reports a widget's first view (ipywidgets'
``_view_count``), the waiting work runs on the next turn of the kernel's loop. That also matters
for Voilà's preheated kernels, which build a page before anyone visits it: what is read from the
casebook must be read again when the visitor arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.scheduling import LoopScheduler, Scheduler
from werkboek.ui.shell import guarded

LOADING = '<p class="wb-loading">De grafieken worden geladen…</p>'
AFTER_VIEW_DELAY = 0.05  # seconds: let the browser finish drawing the rest of the page first


def on_first_view(widget: w.Widget, callback: Callable[[], None], scheduler: Scheduler) -> None:
    """Run ``callback`` shortly after the browser first shows ``widget``."""
    def viewed(change) -> None:
        if (change["new"] or 0) > 0:
            widget.unobserve(viewed, names="_view_count")
            scheduler.call_later(AFTER_VIEW_DELAY, guarded(callback))

    widget._view_count = 0  # ask the browser to report when it shows this widget
    widget.observe(viewed, names="_view_count")


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
