"""Page "Vier niveaus van dialoog": the four levels explained, the guided reflection on a recent
situation, the question-asking exercise with a personal question bank, and what it shows back:
my balance over the four levels over time, and a team's balance without names.
"""

from __future__ import annotations

import ipywidgets as w

from werkboek.charts import level_balance
from werkboek.content import load_content
from werkboek.markup import esc
from werkboek.ui import visitor
from werkboek.ui.charts import responsive_chart
from werkboek.ui.kit import full_width
from werkboek.ui.reflection.page import ReflectionPage
from werkboek.ui.reflection.questions import QUESTIONS_EXERCISE, my_questions, question_bank_html
from werkboek.ui.reflection.tally import level_counts, level_totals
from werkboek.ui.reflection.views import chart_block, empty_note, explanation
from werkboek.vocab import LEVEL_MODULE

MODULE = LEVEL_MODULE
EXERCISE = "dialoog-vier-niveaus"


def balance_note(totals: dict[str, int], names: dict[str, str]) -> str:
    """One plain sentence on which levels get much and little attention."""
    if not any(totals.values()):
        return ""
    if len(set(totals.values())) == 1:
        return "<p>Je reflecteert even vaak op alle vier niveaus.</p>"
    most = max(totals, key=totals.get)
    rare = [names[level] for level, count in totals.items() if count == min(totals.values())]
    return (f"<p>Je reflecteert het vaakst op <strong>{esc(names[most])}</strong>. Het minst op: "
            f"{esc(', '.join(rare))}. Misschien een idee om daar de volgende keer mee te "
            "beginnen?</p>")


class DialoguePage(ReflectionPage):
    def __init__(self, content, cb, viewer, *, scheduler=None):
        self.levels = [(item.id, item.title) for item in content.items(MODULE)]
        self.bank = w.HTML(layout=full_width())
        self.bank.add_class("wb-question-bank")
        super().__init__(content, cb, viewer, scheduler=scheduler)

    def parts(self):
        return [
            ("uitleg", "Uitleg", lambda: explanation(self.content, MODULE)),
            ("oefening", "Oefening", self.exercise(EXERCISE)),
            ("vragen", "Vragen stellen", self._questions),
            ("terugblik", "Wat zie ik terug?", self.team_review),
        ]

    # -- parts
    def _questions(self) -> w.Widget:
        exercise = self.exercise(QUESTIONS_EXERCISE, on_finish=self.refresh_bank)()
        self.refresh_bank()
        heading = w.HTML("<h2>Mijn vragenbank</h2><p>Alle vragen die je hier bedacht. Je vindt ze "
                         'ook terug in <a href="Mijn-reflecties.ipynb">Mijn reflecties</a>.</p>',
                         layout=full_width())
        return w.VBox([exercise, heading, self.bank], layout=full_width())

    # -- read-back
    def my_level_entries(self) -> list:
        return [e for e in self.cb.entries(self.viewer, author_id=self.viewer.member_id) if e.level]

    def team_level_entries(self) -> list:
        if self.team.is_empty:
            return []
        return [e for e in self.team.entries() if e.level]

    def refresh_bank(self) -> None:
        self.bank.value = question_bank_html(self.content, my_questions(self.cb, self.viewer))

    def _balance(self, entries, title: str, intro: str, empty: str) -> w.Widget:
        ids = [level for level, _title in self.levels]
        periods, counts = level_counts(entries, ids)
        if not periods:
            return chart_block(title, intro, empty_note(empty))
        note = balance_note(level_totals(entries, ids), dict(self.levels))
        figure = responsive_chart(level_balance(periods, self.levels, counts, title=""))
        return chart_block(title, intro + note, figure)

    def chart_widgets(self) -> list[w.Widget]:
        mine = self._balance(
            self.my_level_entries(), "Mijn balans over de vier niveaus",
            "<p>Elke kleur is een niveau van dialoog. Hoe hoger het blok, hoe vaker je op dat "
            "niveau reflecteerde in die periode.</p>",
            "Je hebt nog geen reflecties op de vier niveaus. Doe de oefening en kijk daarna "
            "hier terug.",
        )
        team = self._balance(
            self.team_level_entries(), f"De balans van {self.team.label.split(': ', 1)[-1]}",
            "<p>Alle gedeelde reflecties van het team samen, zonder namen.</p>",
            "Dit team heeft nog geen reflecties op de vier niveaus gedeeld.",
        )
        return [mine, self.team.widget, team]


def build(*, scheduler=None) -> w.Widget:
    from werkboek.casebook import open_casebook  # the store (SQLAlchemy) after the frame

    content = load_content()
    cb = open_casebook()
    return DialoguePage(content, cb, visitor.personal_viewer(cb), scheduler=scheduler).widget
