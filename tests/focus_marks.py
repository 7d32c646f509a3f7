"""Where a page means the keyboard focus to go, read without a browser: the widget that
``werkboek.ui.focus.focus_on`` marked last has the highest mark (the browser test
tests/browser/test_keyboard.py checks that the browser follows the mark)."""

from __future__ import annotations

from werkboek.ui.focus import PREFIX


def focus_mark(widget) -> int:
    """The number of the widget's latest 'move the focus here' mark (0: never marked)."""
    return max((int(c.removeprefix(PREFIX)) for c in widget._dom_classes if c.startswith(PREFIX)),
               default=0)
