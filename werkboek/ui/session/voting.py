"""The participant's vote board: the revealed hypotheses as one list, one picker, two buttons.

However many hypotheses a team reveals, the board is the same handful of widgets, updated in
place. (A row of widgets per hypothesis made fifteen phones build some 270 widget models each at
the moment of the reveal: the revealed hypotheses then took five seconds to appear.)
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.session import display
from werkboek.session.room import SessionRoom
from werkboek.ui.focus import focus_on
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width

LABEL_CHARS = 70  # of a hypothesis in the picker; the list above shows it whole


def picker_label(number: int, text: str) -> str:
    """"2. Misschien wil ze …": numbered as in the list, short enough for a phone's picker."""
    text = " ".join(text.split())
    short = text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"
    return f"{number}. {short}"


class VoteBoard:
    """``show(...)`` draws the board; ``vote(entry_id, change)`` is called on a button press."""

    def __init__(self, room: SessionRoom, vote: Callable[[object, int], None]):
        self.room = room
        self._vote = vote
        self._mine: dict = {}
        self.header = w.HTML()
        self.list = w.HTML(layout=full_width())
        self.list.add_class("wb-vote-list")
        self.picker = w.Dropdown(description="Kies", layout=full_width(),
                                 style={"description_width": "initial"})
        self.picker.add_class("wb-vote-picker")
        self.give = w.Button(description="Stem", icon="thumbs-up", button_style="primary")
        self.give.add_class("wb-vote")
        self.back = w.Button(description="Stem terug")
        self.back.add_class("wb-unvote")
        self.give.on_click(guarded(lambda _b: self._press(+1)))
        self.back.on_click(guarded(lambda _b: self._press(-1)))
        self.picker.observe(lambda _change: self._buttons(), "value")
        self.widget = w.VBox([self.header, self.list, self.picker, w.HBox([self.give, self.back])],
                             layout=full_width())
        self.widget.add_class("wb-vote-board")
        self._left = 0

    def show(self, ranked: list[tuple[object, int]], mine: dict, left: int) -> None:
        """The hypotheses (most votes first) with their votes, mine marked; the votes I have left."""
        self._mine, self._left = mine, left
        self.header.value = (f'<h3>Hypothesen</h3><p class="wb-votes-left">Je hebt nog '
                             f"{display.votes_label(left)} over. Kies een hypothese en geef je "
                             "stem.</p>")
        items = []
        for entry, votes in ranked:
            own = mine.get(entry.id, 0)
            own_html = f' <span class="wb-tag">jouw stem: {own}</span>' if own else ""
            items.append(f'<li class="wb-hypothesis"><span class="wb-votes">'
                         f"{display.votes_label(votes)}</span> "
                         f"{display.entry_body(self.room, entry)}{own_html}</li>")
        self.list.value = (f'<ol class="wb-hypotheses">{"".join(items)}</ol>' if items else
                           '<p class="wb-empty">Nog geen hypothesen om op te stemmen.</p>')
        options = [(picker_label(n, entry.text), entry.id) for n, (entry, _) in
                   enumerate(ranked, start=1)]
        chosen = self.picker.value
        values = [value for _, value in options]
        self.picker.options = options
        # the choice stays while the list reorders; else the first (ipywidgets 8 chooses none
        # when the picker had no choice before, as on the board's first show)
        self.picker.value = chosen if chosen in values else (values[0] if values else None)
        self._buttons()

    def _buttons(self) -> None:
        closed = self.room.closed
        chosen = self.picker.value
        self.give.disabled = closed or chosen is None or self._left <= 0
        self.back.disabled = closed or not self._mine.get(chosen)

    def _press(self, change: int) -> None:
        if self.picker.value is None:
            return
        self._vote(self.picker.value, change)
        pressed, other = (self.give, self.back) if change > 0 else (self.back, self.give)
        if pressed.disabled:  # the last vote given or taken back: keep the focus on the board
            focus_on(self.picker if other.disabled else other)
