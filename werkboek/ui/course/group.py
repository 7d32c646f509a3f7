"""What the trainer sees of the group as a whole: how it moved on its learning questions (a chart,
never for fewer than three people), progress per module and per participant (counts only), the
group's proposals for coming meetings (to take into the plan), and the accreditation file to
download (made by ``cohort_file``, which the Trainer notebook passes in: it is
``werkboek.report.cohort.cohort_file``, the layer above the pages)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.charts import group_stands, level_balance, principle_counts, tension_spread
from werkboek.course import cohort
from werkboek.course.figures import CohortFigures, cohort_figures
from werkboek.course.figures_html import (
    TOO_FEW,
    competence_rows,
    hours_text,
    movement_html,
    table_html,
)
from werkboek.markup import esc, paragraphs
from werkboek.ui.charts import responsive_chart
from werkboek.ui.course.meetings import PlanEditor
from werkboek.ui.course.plan import meeting_label
from werkboek.ui.download import download_link
from werkboek.ui.guard import guarded
from werkboek.ui.kit import button, download_row, full_width
from werkboek.vocab import LEVEL_MODULE, PRINCIPLE_MODULE, PROPOSAL_KIND, TENSION_MODULE

HALVES = ("eerste helft", "tweede helft")  # of the course plan
# (cb, content, viewer, cohort_id, fmt) -> the accreditation file as html, pdf, csv or xlsx
CohortFile = Callable[..., bytes]
FILES = (("html", "Dossier (HTML)"), ("pdf", "Dossier (PDF)"), ("csv", "Cijfers (CSV)"),
         ("xlsx", "Cijfers (Excel)"))


def by_line(name: str | None) -> str:
    """'— GW-5' under a note whose writer shared their pseudonym with it; else nothing."""
    return f'<p class="wb-by">— {esc(name)}</p>' if name else ""


def progress_html(figures: CohortFigures) -> str:
    """Per module and per participant what was done, in counts."""
    modules = (table_html(("Module", "Bijeenkomsten", "Deelnemers met een antwoord", "Antwoorden"),
                          [(m.title, m.meetings, m.people, m.answers) for m in figures.modules])
               if figures.modules else "<p><em>Nog geen modules in het plan.</em></p>")
    people = table_html(
        ("Deelnemer", "Aanwezig", "Uren", "Gedeelde antwoorden", "Leervragen", "Keren gezegd "
         "waar ik sta", "Teruggekeken"),
        [(p.pseudonym, p.present, hours_text(p.hours), p.answers, p.questions, p.stands,
          "ja" if p.looked_back else "nee") for p in figures.participants])
    return ("<h3>Voortgang</h3><p>Alleen aantallen. Antwoorden tellen mee als de deelnemer ze "
            "met de cursus deelde.</p><h4>Per module</h4>" + modules +
            "<h4>Per deelnemer</h4>" + people)


class GroupPanel:
    """Movement, progress, proposals and the accreditation file of one group."""

    def __init__(self, cb, content, viewer, cohort_id: int, plan: PlanEditor, *,
                 cohort_file: CohortFile | None = None):
        self.cb, self.content, self.viewer, self.cohort_id = cb, content, viewer, cohort_id
        self.plan = plan
        self.cohort_file = cohort_file
        self._charted: tuple | None = None  # what the charts shown were drawn from
        self.movement = w.VBox(layout=full_width())
        self.movement.add_class("wb-group-movement")
        self.progress = w.HTML(layout=full_width())
        self.progress.add_class("wb-course-progress")
        self.proposals = w.VBox(layout=full_width())
        self.proposals.add_class("wb-proposals-trainer")
        self.file_link = w.HTML(layout=full_width())
        self.file_link.add_class("wb-cohort-file")
        files = w.VBox([w.HTML(
            "<h3>Accreditatiedossier</h3><p>Het plan, de data, de aanwezigheid, de uren, wat per "
            "module gedaan is en hoe de groep bewoog. Zonder iets wat deelnemers schreven.</p>"),
            download_row(FILES, "wb-cohort", self.make_file, fit_label=True), self.file_link],
            layout=full_width())
        parts = [self.movement, self.progress, self.proposals, *([files] if cohort_file else [])]
        self.widget = w.VBox(parts, layout=full_width())
        for part in parts:
            part.add_class("wb-course-section")
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again; the charts are drawn anew only when what they show changed
        (a mark of attendance changes the tables, not the charts)."""
        figures = cohort_figures(self.cb, self.content, self.viewer, self.cohort_id)
        self.progress.value = progress_html(figures)
        self.show_proposals()
        charted = ([(m.number, m.day, m.stands) for m in figures.meetings], figures.movement,
                   figures.tension_start, figures.tension_end, figures.principles,
                   figures.scan_before, figures.scan_after, figures.levels)
        if charted == self._charted:
            return
        self._charted = charted
        shown = [m for m in figures.meetings if m.stands is not None]
        chart: list[w.Widget] = []
        if shown:
            chart = [responsive_chart(group_stands([f"{m.number} · {m.day}" for m in shown],
                                                   [m.stands for m in shown]))]
        self.movement.children = (
            w.HTML("<h3>Hoe de groep beweegt</h3>" + movement_html(figures), layout=full_width()),
            *chart, *self.tension_charts(figures), *self.principle_chart(figures),
            *self.level_chart(figures), *self.scan_chart(figures))

    def tension_charts(self, figures: CohortFigures) -> list[w.Widget]:
        """Where the group stood on the tension fields at the start and at the end (dots
        without names; only fields where three or more people placed themselves)."""
        title = w.HTML("<h4>Spanningsvelden aan het begin en aan het eind</h4>", layout=full_width())
        fields = [(i.id, i.pole_a, i.pole_b) for i in self.content.items(TENSION_MODULE)
                  if i.id in figures.tension_start]
        if not fields:
            return [title, w.HTML(f"<p>{TOO_FEW}</p>", layout=full_width())]
        return [title, *(responsive_chart(tension_spread(fields, spread, title=heading))
                         for heading, spread in (("Aan het begin", figures.tension_start),
                                                 ("Aan het eind", figures.tension_end)))]

    def principle_chart(self, figures: CohortFigures) -> list[w.Widget]:
        title = w.HTML("<h4>Welke principes noemt de groep?</h4>", layout=full_width())
        if not figures.principles:
            return [title, w.HTML(f"<p>{TOO_FEW}</p>", layout=full_width())]
        names = {i.id: i.title for i in self.content.items(PRINCIPLE_MODULE)}
        counts = {names.get(p, p): n for p, n in figures.principles.items()}
        return [title, responsive_chart(principle_counts(counts, title=""))]

    def level_chart(self, figures: CohortFigures) -> list[w.Widget]:
        """How the group's answers spread over the four dialogue levels, first and second half."""
        title = w.HTML("<h4>Balans over de vier niveaus van dialoog</h4>", layout=full_width())
        if not figures.levels:
            return [title, w.HTML(f"<p>{TOO_FEW}</p>", layout=full_width())]
        levels = [(i.id, i.title) for i in self.content.items(LEVEL_MODULE)]
        counts = {level: list(figures.levels.get(level, (0, 0))) for level, _title in levels}
        return [title, responsive_chart(level_balance(HALVES, levels, counts, title=""))]

    def scan_chart(self, figures: CohortFigures) -> list[w.Widget]:
        """The competence self-scan: the group's scores per competence before and after."""
        title = w.HTML("<h4>Zelfscan competenties: voor en na</h4>", layout=full_width())
        if not figures.scan_before:
            return [title, w.HTML(f"<p>{TOO_FEW}</p>", layout=full_width())]
        labels, values = competence_rows(self.content, figures)
        return [title, responsive_chart(group_stands(labels, values, title=""))]

    def show_proposals(self) -> None:
        found = cohort.course_entries(self.cb, self.viewer, self.cohort_id, PROPOSAL_KIND)
        rows: list[w.Widget] = [w.HTML("<h3>Voorstellen uit de groep</h3>")]
        themes = {m.theme for m in self.plan.meetings}
        coming = [m for m in self.plan.meetings if m.held_on >= self.plan.today()]
        for entry in found:
            text = w.HTML(f'<div class="wb-proposal">{paragraphs(entry.text)}'
                          f"{by_line(cohort.shared_name(entry))}</div>", layout=full_width())
            if entry.text[:300] in themes:
                rows += [text, w.HTML("<p><em>Staat in het plan.</em></p>")]
                continue
            if not coming:
                rows.append(text)
                continue
            where = w.Dropdown(options=[(meeting_label(m), m.id) for m in coming],
                               description="Bij", style={"description_width": "initial"},
                               layout=full_width())
            where.add_class("wb-proposal-meeting")
            take = button("Neem op in het plan", "wb-proposal-take", fit_label=True, icon="plus")
            take.on_click(guarded(lambda _b, e=entry, d=where: self.take(d.value, e.text)))
            rows += [text, where, take]
        if not found:
            rows.append(w.HTML("<p><em>Nog geen voorstellen.</em></p>"))
        self.proposals.children = rows

    def take(self, meeting_id: int, text: str) -> None:
        if self.plan.take_theme(meeting_id, text):
            self.show_proposals()

    def make_file(self, fmt: str) -> bytes:
        self.file_link.value = "<p>Het dossier wordt gemaakt, een ogenblik…</p>"
        data = self.cohort_file(self.cb, self.content, self.viewer, self.cohort_id, fmt)
        self.file_link.value = download_link(data, f"accreditatiedossier-groep-{self.cohort_id}.{fmt}")
        return data
