"""Page "Casebook": a team's shared casebook, read as the signed-in member. They pick one of
their own teams, then search and filter what the team wrote, review follow-up actions, and
download what they found. The store's visibility rules apply to every read and download.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from werkboek.content import load_content
from werkboek.markup import esc
from werkboek.ui import visitor
from werkboek.ui.casebook_view.actions import ActionsPanel
from werkboek.ui.casebook_view.cases import CasesPanel
from werkboek.ui.casebook_view.chart import actions_chart
from werkboek.ui.casebook_view.export import ExportPanel
from werkboek.ui.casebook_view.labels import Labels
from werkboek.ui.casebook_view.members import MembersPanel
from werkboek.ui.casebook_view.search import SearchPanel
from werkboek.ui.casebook_view.style import casebook_style
from werkboek.ui.guard import guarded
from werkboek.ui.identity import sign_in_note, team_dropdown
from werkboek.ui.kit import full_width
from werkboek.ui.reflection.lazy import LazyPanel
from werkboek.ui.reflection.views import chart_block, empty_note
from werkboek.vocab import ADMIN_ROLE, role_label

EXPLANATION = (
    "<p>Het casebook bewaart wat jullie als team opschrijven: in besprekingen, oefeningen en "
    "reflecties. Hier zoek je erin terug, zie je welke vervolgacties nog openstaan en download "
    "je wat je zoekt.</p><p>Je ziet wat met je team is gedeeld, en je eigen privé-antwoorden. "
    "Privé-antwoorden van anderen zie je nooit.</p>"
)
SECTIONS = (("Zoeken", "search"), ("Vervolgacties", "actions"), ("Casussen", "cases"))
MEMBERS_SECTION = ("Leden", "members")  # for the team's beheerder only
NO_TEAMS = ("<p>Je bent nog geen lid van een team. Vraag de beheerder van je team om je toe "
            "te voegen.</p>")


class TeamCasebook:
    """What one identified member sees: search with export, the follow-up actions, the cases."""

    def __init__(self, cb, content, viewer, team, *, today: Callable[[], date] = date.today,
                 scheduler=None):
        self.cb = cb
        self.viewer = viewer
        self.team_id = team.id
        self.content = content
        self.labels = labels = Labels(content, cb.cases(self.viewer, team.id), cb.sessions(self.viewer, team.id))
        self.search = SearchPanel(cb, self.viewer, team.id, labels, content)
        self.export = ExportPanel(self.search, today)
        self.actions = ActionsPanel(cb, self.viewer, team.id, labels, today)
        self.scheduler = scheduler
        self.chart: LazyPanel | None = None  # made when the actions are first shown
        self.cases: CasesPanel | None = None  # made when the cases are first shown
        self.actions.on_change(lambda: self.chart and self.chart.refresh())
        self.search.refresh()
        self.actions.refresh()
        self.boxes = {
            "search": w.VBox([self.search.widget, self.export.widget], layout=full_width()),
            "actions": w.VBox([self.actions.widget], layout=full_width(display="none")),
            "cases": w.VBox(layout=full_width(display="none")),
        }
        sections = SECTIONS
        if viewer.role_in(team.id) == ADMIN_ROLE:
            self.members = MembersPanel(cb, viewer, team.id)
            self.boxes["members"] = w.VBox([self.members.widget],
                                           layout=full_width(display="none"))
            sections = (*SECTIONS, MEMBERS_SECTION)
        self.section = w.ToggleButtons(options=sections, value="search", layout=full_width())
        self.section.add_class("wb-casebook-sections")
        self.section.observe(guarded(lambda _c: self.show(self.section.value)), names="value")
        self.widget = w.VBox([self.section, *self.boxes.values()], layout=full_width())

    def show(self, name: str) -> None:
        """Show one section. Charts are made the first time their section is on screen:
        plotly cannot size a chart inside a hidden box."""
        for key, box in self.boxes.items():
            box.layout.display = None if key == name else "none"
        if name == "actions" and self.chart is None:
            self.chart = LazyPanel(self._chart, scheduler=self.scheduler)
            self.boxes["actions"].children = (self.chart.widget, self.actions.widget)
        if name == "cases" and self.cases is None:
            self.cases = CasesPanel(self.cb, self.viewer, self.team_id, self.labels, self.content,
                                    scheduler=self.scheduler)
            self.boxes["cases"].children = (self.cases.widget,)

    def _chart(self):
        actions = self.cb.actions(self.viewer, self.actions.team_id, open_only=False)
        chart = actions_chart(actions)
        if chart is None:
            return [empty_note("Nog geen vervolgacties: de grafiek verschijnt zodra het team er "
                               "afspreekt.")]
        return [chart_block("Vervolgacties per maand",
                            "<p>Per maand waarin een actie klaar moest zijn: hoeveel er klaar "
                            "zijn, nog lopen, openstaan of vervallen.</p>", chart)]


class CasebookPage:
    """The signed-in member's teams, and the casebook of the one they pick."""

    def __init__(self, cb, content, principal, *, today: Callable[[], date] = date.today,
                 scheduler=None):
        self.cb = cb
        self.content = content
        self.principal = principal
        self.today = today
        self.scheduler = scheduler
        self.view: TeamCasebook | None = None
        self.body = w.VBox(layout=full_width())
        self.body.add_class("wb-casebook-body")
        self.form = self._form()
        self.widget = w.VBox([casebook_style(), self.form, self.body], layout=full_width())
        self.widget.add_class("wb-casebook")

    def _form(self) -> w.VBox:
        intro = w.HTML(EXPLANATION, layout=full_width())
        intro.add_class("wb-who-intro")
        if self.principal.login_id is None:
            return w.VBox([intro, sign_in_note("Casebook")], layout=full_width())
        viewer = self.cb.viewer(self.principal)
        self.teams = {team.id: team for team in self.cb.teams()
                      if team.id in viewer.team_ids | viewer.cohort_ids}
        if not self.teams:
            return w.VBox([intro, w.HTML(NO_TEAMS, layout=full_width())], layout=full_width())
        # Teams before course groups: most visitors come from a team.
        teams = sorted(self.teams.values(), key=lambda t: (t.kind != "team", t.name))
        self.team = team_dropdown(teams, "wb-who-team")
        self.team.observe(guarded(lambda _c: self.enter()), names="value")
        # One team: nothing to choose, so no field on the page (a hidden one confuses readers).
        box = w.VBox([intro, self.team] if len(teams) > 1 else [intro], layout=full_width())
        box.add_class("wb-who-form")
        self.enter()
        return box

    def enter(self) -> TeamCasebook | None:
        """Show the casebook of the chosen team, read as the signed-in member there."""
        team = self.teams[self.team.value]
        viewer = self.cb.viewer(self.principal, team.id)
        self.view = TeamCasebook(self.cb, self.content, viewer, team, today=self.today,
                                 scheduler=self.scheduler)
        who = w.HTML(f'<p class="wb-who">Je kijkt als lid van <strong>{esc(team.name)}</strong> '
                     f"({esc(role_label(viewer.role_in(team.id) or ''))}).</p>",
                     layout=full_width())
        self.body.children = (who, self.view.widget)
        return self.view


def build() -> w.Widget:
    from werkboek.casebook import open_casebook  # the store (SQLAlchemy) after the frame

    return CasebookPage(open_casebook(), load_content(), visitor.principal()).widget
