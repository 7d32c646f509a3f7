"""The team's cases on the Casebook page: pick a case, read its summary and life domains, follow
what happened with it (its sessions with their hypotheses, intervention and actions, in order), and
see how its life-domain profile changed from one session to the next."""

from __future__ import annotations

import ipywidgets as w

from werkboek.clock import day
from werkboek.content.models import CaptureType
from werkboek.markup import counted, esc, paragraphs, user_markdown_html
from werkboek.session.room import CASE_DISCUSSION, HYPOTHESIS, INTERVENTION
from werkboek.ui.casebook_view.labels import Labels
from werkboek.ui.casebook_view.profile import profile_chart, profile_entries, profile_moments
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width
from werkboek.ui.reflection.lazy import LazyPanel
from werkboek.ui.reflection.views import chart_block, empty_note, titles
from werkboek.vocab import LIFE_DOMAIN_MODULE, STATUS_LABELS

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
        self.team_id = team_id
        self.content = content
        self.labels = labels
        self.domains = titles(content, LIFE_DOMAIN_MODULE)
        self.cases = {case.id: case for case in cb.cases(viewer, team_id)}
        self.card = w.HTML(layout=full_width())
        self.card.add_class("wb-case-card")
        self.history = w.HTML(layout=full_width())
        self.history.add_class("wb-case-history")
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
        self.widget = w.VBox([self.choice, self.card, self.history, self.chart.widget],
                             layout=full_width())
        self.widget.add_class("wb-cases")
        self.show()

    def show(self) -> None:
        case = self.cases[self.choice.value]
        domains = ", ".join(self.domains.get(d, d) for d in case.life_domains) or "nog niet gekozen"
        self.card.value = (
            f'<div class="wb-case"><h3>{esc(case.title)}</h3>{user_markdown_html(case.summary)}'
            f"<p><strong>Leefgebieden:</strong> {esc(domains)}</p></div>")
        self.history.value = case_history_html(self.cb, self.viewer, self.team_id, self.labels,
                                               self.content, case.id)
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

INTERVENTION_STEP = "doel"  # the case discussion's step 3, where the intervention is written


def _said(entry) -> str:
    """An entry's words: its text, or the items of a list answer (hypotheses written at once)."""
    if entry.text:
        return entry.text
    value = entry.value
    return "; ".join(str(v) for v in value) if isinstance(value, list) else str(value or "")


def case_history_html(cb, viewer, team_id: int, labels: Labels, content, case_id: int) -> str:
    """Every session on the case, oldest first: its hypotheses (with votes), the agreed
    intervention, the actions agreed there and the earlier actions looked back on there."""
    sessions = sorted((s for s in labels.sessions.values() if s.case_id == case_id),
                      key=lambda s: (s.held_on, s.id))
    if not sessions:
        return ("<h3>Wat er gebeurde</h3><p>Deze casus is nog niet besproken. Na elke bespreking "
                "staan hier de hypothesen, de interventie en de afgesproken acties.</p>")
    entries = [e for e in cb.entries(viewer, case_id=case_id) if e.status == "final"]
    actions = cb.actions(viewer, team_id, open_only=False)
    parts = []
    for session in sessions:
        votes = cb.votes(viewer, session.id)
        here = [e for e in entries if e.session_id == session.id]
        hypotheses = sorted((e for e in here if e.kind in (HYPOTHESIS, CaptureType.HYPOTHESES)),
                            key=lambda e: -votes.get(e.id, 0))
        intervention = [e for e in here if e.kind == INTERVENTION
                        or (e.exercise == CASE_DISCUSSION and e.step == INTERVENTION_STEP)]
        agreed = [a for a in actions if a.session_id == session.id]
        reviewed = [a for a in actions if a.reviewed_session_id == session.id]
        try:
            exercise = content.exercise(session.exercise_id).title
        except KeyError:
            exercise = session.exercise_id
        body = []
        if hypotheses:
            items = "".join(f"<li>{paragraphs(_said(e))} "
                            f"({counted(votes.get(e.id, 0), 'stem', 'stemmen')})</li>"
                            for e in hypotheses)
            body.append(f"<p><strong>Hypothesen</strong></p><ul>{items}</ul>")
        if intervention:
            chosen = intervention[-1]
            goal = (chosen.value or {}).get("goal", "")
            body.append(f"<p><strong>Interventie:</strong> {paragraphs(chosen.text)}"
                        + (f"<br>Doel: {paragraphs(goal)}" if goal else "") + "</p>")
        if reviewed:
            items = "".join(f"<li>{esc(a.what)}: {esc(STATUS_LABELS.get(a.status, a.status))}"
                            + (f" · {esc(a.review_note)}" if a.review_note else "") + "</li>"
                            for a in reviewed)
            body.append(f"<p><strong>Teruggekeken op acties</strong></p><ul>{items}</ul>")
        if agreed:
            items = "".join(f"<li>{esc(a.what)} · {esc(a.owner)} · klaar op {day(a.due)} · "
                            f"{esc(STATUS_LABELS.get(a.status, a.status))}</li>" for a in agreed)
            body.append(f"<p><strong>Afgesproken acties</strong></p><ul>{items}</ul>")
        if not body:
            body.append('<p class="wb-empty">Geen hypothesen, interventie of acties vastgelegd.</p>')
        parts.append(f'<li class="wb-case-session"><h4>Bespreking van {day(session.held_on)} · '
                     f"{esc(exercise)}</h4>{''.join(body)}</li>")
    return f'<h3>Wat er gebeurde</h3><ol class="wb-case-timeline">{"".join(parts)}</ol>'
