"""Swapping a box's children without leaving the old widgets behind.

ipywidgets keeps every widget (and its layout and style models) open in the kernel and in the
browser until it is closed; a screen that redraws a list on every poll tick would otherwise grow
by a few models per change for as long as the session runs. ``replace_children`` closes what
the box no longer shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import ipywidgets as w


def _tree(widget: w.Widget) -> Iterator[w.Widget]:
    """The widget, its children (recursively), and their layout and style models."""
    yield widget
    for name in ("layout", "style"):
        part = getattr(widget, name, None)
        if isinstance(part, w.Widget):
            yield part
    for child in getattr(widget, "children", ()) or ():
        yield from _tree(child)


def close_tree(widgets: Iterable[w.Widget], keep: Iterable[w.Widget] = ()) -> None:
    """Close every widget in the trees of ``widgets`` except those in the trees of ``keep``."""
    kept = {id(x) for widget in keep for x in _tree(widget)}
    for widget in widgets:
        for part in _tree(widget):
            if id(part) not in kept:
                part.close()


def replace_children(box: w.Box, children: Iterable[w.Widget]) -> None:
    """Show ``children`` in ``box`` and close the widgets it showed before and shows no more."""
    old, box.children = box.children, tuple(children)
    close_tree(old, keep=box.children)
