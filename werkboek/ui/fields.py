"""Form fields with a visible label: a search box that searches as you type, and a day field that
shows and accepts dd-mm-jjjj on every browser.

Why a text field for days: ipywidgets' DatePicker is the browser's own date input, which shows
the browser's format (mm/dd/yyyy on an English browser) and cannot be told otherwise. A text
field reads the same everywhere; a day that cannot be read gets a Dutch message beside it.

Why as-you-type search (with a short pause) on every page: a search that waits for Enter keeps
showing the old list while someone types, and a tap on that list then acts on an answer that the
search was about to hide. Searching once typing pauses keeps what is shown equal to what was asked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from werkboek.clock import DAY_FORMAT, DAY_HINT, BadDay, parse_day
from werkboek.ui.feedback import Message
from werkboek.ui.guard import guarded
from werkboek.ui.scheduling import Handle, LoopScheduler, Scheduler

SEARCH_PAUSE = 0.35  # seconds without typing before the search runs
LABEL_STYLE = {"description_width": "initial"}


def labelled_text(label: str, css_class: str, *, placeholder: str = "",
                  continuous: bool = True) -> w.Text:
    """A full-width text line with a visible label above it (its accessible name too).

    ``continuous=False`` for a field that a button reads (a code, a name): its value then reaches
    the kernel as the field is left, before the button's press. Sent per keystroke, ipywidgets
    holds the last keystrokes back while an earlier update is on its way, but not a button press,
    so "Doe mee" could read a code without its last letter."""
    line = w.Text(description=label, placeholder=placeholder, continuous_update=continuous,
                  style=LABEL_STYLE, layout=w.Layout(width="100%", max_width="100%"))
    line.add_class("wb-text")
    line.add_class("wb-labelled")
    line.add_class(css_class)
    return line


def labelled_area(label: str, css_class: str, *, rows: int = 3, placeholder: str = "") -> w.Textarea:
    """A full-width text area with a visible label above it; syncs while typing."""
    area = w.Textarea(description=label, placeholder=placeholder, rows=rows,
                      continuous_update=True, style=LABEL_STYLE,
                      layout=w.Layout(width="100%", max_width="100%"))
    for name in ("wb-text", "wb-labelled", css_class):
        area.add_class(name)
    return area


class SearchBox:
    """A labelled search field; ``on_search()`` runs once typing pauses for SEARCH_PAUSE."""

    def __init__(self, label: str, on_search: Callable[[], None], *, placeholder: str = "",
                 css_class: str = "wb-search", scheduler: Scheduler | None = None):
        self.input = labelled_text(label, css_class, placeholder=placeholder)
        self.widget = self.input
        self._on_search = on_search
        self._scheduler = scheduler or LoopScheduler()
        self._pending: Handle | None = None
        self.input.observe(self._typed, names="value")

    @property
    def value(self) -> str:
        return self.input.value

    @value.setter
    def value(self, text: str) -> None:
        self.input.value = text

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def _typed(self, _change=None) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._pending = self._scheduler.call_later(SEARCH_PAUSE, self._due)

    def _due(self) -> None:
        self._pending = None
        guarded(lambda: self._on_search())()


class DayField:
    """A labelled day in dd-mm-jjjj; ``value`` is a date, or None when empty or unreadable."""

    def __init__(self, label: str, css_class: str, *, value: date | None = None,
                 on_change: Callable[[], None] | None = None):
        self.input = labelled_text(label, css_class, placeholder=DAY_HINT, continuous=False)
        self.input.add_class("wb-day")
        self.message = Message()
        self._on_change = on_change
        self._value = value
        self.input.value = value.strftime(DAY_FORMAT) if value else ""
        self.input.observe(self._typed, names="value")
        self.widget = w.VBox([self.input, self.message.widget],
                             layout=w.Layout(width="100%", max_width="100%"))
        self.widget.add_class("wb-day-field")

    @property
    def value(self) -> date | None:
        return self._value

    @value.setter
    def value(self, day: date | None) -> None:
        self.input.value = day.strftime(DAY_FORMAT) if day else ""

    @property
    def valid(self) -> bool:
        return self.message.kind != "problem"

    def observe(self, callback: Callable, names: str = "value") -> None:
        """Like a widget's observe, for code that watches fields alike."""
        self.input.observe(lambda change: callback(change), names=names)

    def _typed(self, _change=None) -> None:
        try:
            self._value = parse_day(self.input.value)
        except BadDay as bad:
            self._value = None
            self.message.problem(str(bad))
        else:
            self.message.clear()
        if self._on_change is not None:
            self._on_change()
