"""Page "Leidende principes": both sets of principles, the learning exercise (which principle did
I apply, where did it pinch, what was needed), and what it shows back: how often each principle
is cited per team (or by me) and period, and which are never cited.
"""

from __future__ import annotations

import ipywidgets as w

from werkboek.charts import principle_counts as counts_chart
from werkboek.content import load_content
from werkboek.markup import esc
from werkboek.ui import visitor
from werkboek.ui.charts import responsive_chart
from werkboek.ui.content_view import module_view
from werkboek.ui.kit import full_width
from werkboek.ui.reflection.page import ReflectionPage
from werkboek.ui.reflection.scope import PeriodPicker, ScopePicker
from werkboek.ui.reflection.tally import never_cited, principle_counts
from werkboek.ui.reflection.views import bullet_list, chart_block, empty_note, titles
from werkboek.vocab import PRINCIPLE_MODULE

MODULE = PRINCIPLE_MODULE
EXERCISE = "principes-leren"
GROUPS = (
    ("samen", "Samen met bewoners (klantbeloften)"),
    ("werkers", "Voor werkers"),
)


class PrinciplesPage(ReflectionPage):
    def __init__(self, content, cb, viewer, *, scheduler=None):
        self.names = titles(content, MODULE)
        super().__init__(content, cb, viewer, scheduler=scheduler)

    def parts(self):
        return [
            ("uitleg", "De principes", lambda: module_view(self.content, MODULE, groups=GROUPS)),
            ("oefening", "Oefening", self.exercise(EXERCISE)),
            ("terugblik", "Wat zie ik terug?", self._review),
        ]

    def _review(self) -> w.Widget:
        self.scope = ScopePicker(self.cb, self.viewer)
        self.period = PeriodPicker()
        self.scope.on_change(self.charts.refresh)
        self.period.on_change(self.charts.refresh)
        row = w.VBox([self.scope.widget, self.period.widget], layout=full_width())
        return w.VBox([row, self.charts.widget], layout=full_width())

    def counts(self) -> dict[str, int]:
        """Principle id → citations by the chosen person or team in the chosen period."""
        entries = self.scope.entries(since=self.period.since)
        return principle_counts(entries, list(self.names))

    def chart_widgets(self) -> list[w.Widget]:
        counts = self.counts()
        who = "jou" if self.scope.is_mine else self.scope.label.split(": ", 1)[-1]
        total = sum(counts.values())
        title = "Hoe vaak wordt elk principe genoemd?"
        if not total:
            return [chart_block(title, "", empty_note(
                f"{self.period.label.capitalize()} is er nog geen principe genoemd door {who}. "
                "Doe de oefening, of kies een ander team of een langere periode."))]
        intro = (f"<p>{esc(self.period.label.capitalize())}: {total} keer een principe genoemd "
                 f"door {esc(who)}. Hoe langer de balk, hoe vaker het principe genoemd is.</p>")
        figure = responsive_chart(counts_chart({self.names[p]: c for p, c in counts.items()}, title=""))
        unused = [self.names[p] for p in never_cited(counts)]
        if unused:
            text = ("<p>Deze principes zijn in deze periode nog niet genoemd. Zijn ze vanzelfsprekend, "
                    "of raken ze uit beeld?</p>" + bullet_list(unused, "wb-never-cited"))
        else:
            text = "<p>Elk principe is in deze periode minstens één keer genoemd.</p>"
        never = w.HTML(f"<h3>Nooit genoemd</h3>{text}", layout=full_width())
        never.add_class("wb-never")
        return [chart_block(title, intro, figure), never]


def build(*, scheduler=None) -> w.Widget:
    from werkboek.casebook import open_casebook  # the store (SQLAlchemy) after the frame

    content = load_content()
    cb = open_casebook()
    return PrinciplesPage(content, cb, visitor.personal_viewer(cb), scheduler=scheduler).widget
