"""The team's cases on the Casebook page: pick a case, read its summary and life domains, and see
how its life-domain profile changed from one session to the next."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.casebook_view.labels import Labels, day
from werkboek.ui.casebook_view.profile import profile_chart, profile_entries, profile_moments
from werkboek.ui.markup import esc, user_markdown_html
from werkboek.ui.reflection.lazy import LazyPanel
from werkboek.ui.reflection.views import chart_block, empty_note, titles
from werkboek.ui.shell import guarded

NO_CASES = ("Dit team heeft nog geen casussen in het casebook. Een casus komt erbij als iemand "
            "een bespreking start op de pagina Casusbespreking.")
NO_PROFILE = ("Voor deze casus is nog geen profiel over de leefgebieden ingevuld. Doe in een "
              "bespreking van deze casus de oefening 'Profiel over de leefgebieden': dan verschijnt "
              "hier per bespreking hoeveel steun het team per leefgebied nodig vond.")
PROFILE_HELP = ("<p>Per leefgebied: hoeveel steun nodig is, van 0 (redt het zelf) tot 10 (veel "
                "steun nodig). Het is het gemiddelde van iedereen die een cijfer gaf (tussen "
                "haakjes: hoeveel mensen). Eén balk per bespreking, de donkerste is de nieuwste. "
                "Een kortere balk betekent: minder steun nodig dan de vorige keer.</p>")


class CasesPanel:
    """A case chooser, the chosen case's card, and its profile chart (drawn once on screen)."""

    def __init__(self, cb, viewer, team_id: int, labels: Labels, content, *, scheduler=None):
        self.cb = cb
        self.viewer = viewer
        self.labels = labels
        self.domains = titles(content, "leefgebieden")
        self.cases = {case.id: case for case in cb.cases(viewer, team_id)}
        self.card = w.HTML(layout=full_width())
        self.card.add_class("wb-case-card")
        if not self.cases:
            self.widget = w.VBox([empty_note(NO_CASES)], layout=full_width())
            return
        newest_first = sorted(self.cases.values(), key=lambda c: c.created_at, reverse=True)
        self.choice = w.Dropdown(options=[(c.title, c.id) for c in newest_first],
                                 description="Casus", style={"description_width": "initial"},
                                 layout=full_width())
        self.choice.add_class("wb-case-choice")
        self.chart = LazyPanel(self._profile, scheduler=scheduler)
        self.choice.observe(guarded(lambda _c: self.show()), names="value")
        self.widget = w.VBox([self.choice, self.card, self.chart.widget], layout=full_width())
        self.widget.add_class("wb-cases")
        self.show()

    def show(self) -> None:
        case = self.cases[self.choice.value]
        domains = ", ".join(self.domains.get(d, d) for d in case.life_domains) or "nog niet gekozen"
        self.card.value = (
            f'<div class="wb-case"><h3>{esc(case.title)}</h3>{user_markdown_html(case.summary)}'
            f"<p><strong>Leefgebieden:</strong> {esc(domains)}</p></div>")
        self.chart.refresh()

    def _profile(self) -> list[w.Widget]:
        entries = profile_entries(self.cb, self.viewer, self.choice.value)
        moments = profile_moments(
            entries, {sid: f"Bespreking {day(s.held_on)}" for sid, s in self.labels.sessions.items()},
            lambda on: f"Los ingevuld {day(on)}")
        chart = profile_chart(list(self.domains.items()), moments)
        if chart is None:
            return [empty_note(NO_PROFILE)]
        return [chart_block("Profiel over de leefgebieden, per bespreking", PROFILE_HELP, chart)]
