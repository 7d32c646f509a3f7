"""Page "Casebook": a team's shared casebook. The visitor says who they are (team, pseudonym),
then searches and filters what the team wrote, reviews follow-up actions, and downloads what
they found. Everything is read as that member, so the store's visibility rules apply.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.casebook_view.actions import ActionsPanel
from werkboek.ui.casebook_view.cases import CasesPanel
from werkboek.ui.casebook_view.chart import actions_chart
from werkboek.ui.casebook_view.export import ExportPanel
from werkboek.ui.casebook_view.labels import Labels
from werkboek.ui.casebook_view.search import SearchPanel
from werkboek.ui.casebook_view.style import casebook_style
from werkboek.ui.identity import NOT_A_NAME, pseudonym_line, role_dropdown, team_dropdown
from werkboek.ui.markup import esc
from werkboek.ui.reflection.lazy import LazyPanel
from werkboek.ui.reflection.views import chart_block, empty_note
from werkboek.ui.session.room import role_label
from werkboek.ui.shell import guarded

EXPLANATION = (
    "<p>Het casebook bewaart wat jullie als team opschrijven: in besprekingen, oefeningen en "
    "reflecties. Hier zoek je erin terug, zie je welke vervolgacties nog openstaan en download "
    "je wat je zoekt.</p><p>Zeg eerst wie je bent: kies je team en vul de schuilnaam of "
    "initialen in waarmee je meedoet aan besprekingen. Je ziet dan wat met het team is gedeeld, "
    "en je eigen privé-antwoorden. Privé-antwoorden van anderen zie je nooit.</p>"
)
SECTIONS = (("Zoeken", "search"), ("Vervolgacties", "actions"), ("Casussen", "cases"))
NO_TEAMS = ("<p>Er is nog geen team in het casebook. Vraag de beheerder om een team aan te "
            "maken, of start een bespreking op de pagina Casusbespreking.</p>")


class NotIdentified(Exception):
    """Identification did not work; the message says what to do (Dutch)."""


class UnknownPseudonym(NotIdentified):
    """The pseudonym is new in this team: joining needs a role and the visitor's confirmation."""


def identify(cb, team_id: int | None, pseudonym: str, role: str | None = None):
    """The member ``pseudonym`` of the team. An existing member keeps their role; a new
    pseudonym joins only with a ``role`` (so a typing error does not make a new member)."""
    from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview

    pseudonym = (pseudonym or "").strip()
    if team_id is None or not pseudonym:
        raise NotIdentified("Kies je team en vul je schuilnaam of initialen in.")
    known = next((m for m in cb.members(team_id) if m.pseudonym == pseudonym), None)
    if known is not None:
        return known
    if role is None:
        raise UnknownPseudonym(
            f"De schuilnaam '{pseudonym}' kennen we nog niet in dit team. Staat hij goed "
            "geschreven? Ben je nieuw, kies dan je rol en klik op 'Ik ben nieuw in dit team'.")
    try:
        return cb.join_team(team_id, pseudonym, role)
    except (PrivacyBlocked, PrivacyReview):
        raise NotIdentified(NOT_A_NAME) from None


class TeamCasebook:
    """What one identified member sees: search with export, the follow-up actions, the cases."""

    def __init__(self, cb, content, member, team, *, today: Callable[[], date] = date.today,
                 scheduler=None):
        self.cb = cb
        self.member = member
        self.viewer = cb.viewer_for(member.id)
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
        self.section = w.ToggleButtons(options=SECTIONS, value="search", layout=full_width())
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
    """The "who are you" form, and after it the member's casebook."""

    def __init__(self, cb, content, *, today: Callable[[], date] = date.today, scheduler=None):
        self.cb = cb
        self.content = content
        self.today = today
        self.scheduler = scheduler
        self.view: TeamCasebook | None = None
        self.teams = {team.id: team for team in cb.teams()}
        self.message = w.HTML(layout=full_width())
        self.message.add_class("wb-who-message")
        self.form = self._form()
        self.body = w.VBox(layout=full_width())
        self.body.add_class("wb-casebook-body")
        self.widget = w.VBox([casebook_style(), self.form, self.body],
                             layout=full_width())
        self.widget.add_class("wb-casebook")

    def _form(self) -> w.VBox:
        intro = w.HTML(EXPLANATION if self.teams else EXPLANATION + NO_TEAMS, layout=full_width())
        intro.add_class("wb-who-intro")
        if not self.teams:
            return w.VBox([intro], layout=full_width())
        # Teams before course groups: most visitors come from a team.
        teams = sorted(self.teams.values(), key=lambda t: (t.kind != "team", t.name))
        self.team = team_dropdown(teams, "wb-who-team")
        self.pseudonym = pseudonym_line("wb-who-pseudonym")
        enter = w.Button(description="Open het casebook", button_style="primary", icon="book")
        enter.add_class("wb-who-enter")
        enter.on_click(guarded(lambda _b: self.enter()))
        self.role = role_dropdown("wb-who-role")
        join = w.Button(description="Ik ben nieuw in dit team", icon="user-plus")
        join.add_class("wb-who-new")
        join.on_click(guarded(lambda _b: self.enter(new=True)))
        self.newcomer = w.VBox([self.role, join], layout=full_width(display="none"))
        self.newcomer.add_class("wb-who-newcomer")
        box = w.VBox([intro, self.team, self.pseudonym, enter, self.message, self.newcomer],
                     layout=full_width())
        box.add_class("wb-who-form")
        return box

    def say(self, text: str) -> None:
        self.message.value = f'<div class="wb-message" role="alert">{esc(text)}</div>' if text else ""

    def enter(self, *, new: bool = False) -> TeamCasebook | None:
        """Identify with the form's values and show that member's casebook; ``new``: the
        visitor confirmed that the pseudonym is new in the team (joins with the chosen role)."""
        try:
            member = identify(self.cb, self.team.value, self.pseudonym.value,
                              self.role.value if new else None)
        except NotIdentified as refused:
            self.say(str(refused))
            self.newcomer.layout.display = None if isinstance(refused, UnknownPseudonym) else "none"
            return None
        self.say("")
        self.newcomer.layout.display = "none"
        team = self.teams[member.team_id]
        self.view = TeamCasebook(self.cb, self.content, member, team, today=self.today,
                                 scheduler=self.scheduler)
        again = w.Button(description="Iemand anders", icon="user")
        again.add_class("wb-who-switch")
        again.on_click(guarded(lambda _b: self.leave()))
        who = w.HTML(f'<p class="wb-who">Je kijkt als <strong>{esc(member.pseudonym)}</strong> '
                     f"({esc(role_label(member.role))}) in {esc(team.name)}.</p>",
                     layout=full_width())
        self.form.layout.display = "none"
        self.body.children = (w.HBox([who, again], layout=full_width()), self.view.widget)
        return self.view

    def leave(self) -> None:
        """Back to the form: the next person sees nothing of the previous one."""
        self.view = None
        self.body.children = ()
        self.pseudonym.value = ""
        self.form.layout.display = None


def build() -> w.Widget:
    from werkboek.casebook import open_casebook
    from werkboek.content import load_content

    return CasebookPage(open_casebook(), load_content()).widget
