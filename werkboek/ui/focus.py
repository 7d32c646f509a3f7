"""Move the keyboard focus to where the next thing to do is (the next question, the summary after
"Afronden", the screen one joined), so someone on the keyboard or a screen reader does not fall
back to the top of the page or stay on a button that is done with.

ipywidgets' own ``widget.focus()`` reaches only a view that is already drawn, and a question or a
screen that was just made is drawn later. So a widget is marked with a class ``wb-focus-<n>``
(a new n each time) and the page template (``voila_share/voila/templates/werkboek``) focuses, once
per mark, the element inside it with class ``wb-focus-target`` (a heading made focusable), else
its first field or button, else its first heading. The page scrolls to the top of the widget,
or of the widget around it with class ``wb-focus-from`` (a question's text above its field).
"""

from __future__ import annotations

import itertools

import ipywidgets as w

PREFIX = "wb-focus-"
TARGET = "wb-focus-target"  # the class of the element inside a widget that takes the focus
FROM = "wb-focus-from"  # the class of a widget shown from its top when the focus moves inside
_marks = itertools.count(1)


def focus_on(widget: w.DOMWidget) -> None:
    """Move the focus into ``widget`` as soon as it is drawn (or now, when it already is)."""
    kept = [c for c in widget._dom_classes if not c.startswith(PREFIX)]
    widget._dom_classes = (*kept, f"{PREFIX}{next(_marks)}")
