"""The parts of a session report as HTML.

A case discussion: case, contributions per step by role, hypotheses with votes, the agreed
intervention, the actions, the safety-scale figure and last time's actions. Any other exercise:
one section per step with the answers (a figure for scores and positions between poles, counts
per option, texts by role), then the actions.

The report notebook calls ``report_title`` and ``report_sections(session_id)`` and displays each
part; all user text is escaped. The team's view of the session is used: entries hidden by the
facilitator and private notes stay out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from werkboek.casebook import NotFound, open_casebook
from werkboek.charts import tension_spread
from werkboek.content.models import CaptureType
from werkboek.markup import counted, esc, markdown_html
from werkboek.session import display
from werkboek.session.room import (
    CASE_DISCUSSION,
    HYPOTHESIS,
    SCALE,
    Phase,
    SessionRoom,
)
from werkboek.vocab import STATUS_LABELS, role_label


@dataclass(frozen=True)
class Section:
    title: str
    html: str

    @property
    def title_html(self) -> str:
        return esc(self.title)


def open_room(session: int | str, cb=None) -> SessionRoom:
    """The team's view of a session given by id or join code (closed sessions included)."""
    cb = cb or open_casebook()
    if isinstance(session, str) and not session.isdigit():
        found = next((s for s in _all_sessions(cb) if s.join_code == session.strip().upper()), None)
        if found is None:
            raise NotFound(f"Er is geen sessie met code {session}.")
    else:
        found = cb.session(_everyone(cb), int(session))
    room = SessionRoom(cb, found, cb.system_viewer({found.team_id}))
    room.refresh()
    return room


def _everyone(cb):
    """The command line's reader of every team's shared work (reports are made on the server)."""
    return cb.system_viewer(t.id for t in cb.teams())


def _all_sessions(cb):
    return cb.sessions(_everyone(cb))


class Figures:
    """Static plotly figures for one report page: plotly.js is embedded once, with the first
    figure (so the report also opens without internet), and the later figures use it."""

    def __init__(self) -> None:
        self.embedded = False

    def html(self, figure) -> str:
        import plotly.io as pio

        html = pio.to_html(figure, include_plotlyjs=not self.embedded, full_html=False,
                           config={"displayModeBar": False, "staticPlot": True})
        self.embedded = True
        return html


def scale_figure_html(figures: Figures, scores: list[int], low: int, high: int,
                      title: str) -> str:
    """How often each score was given, as a bar chart, with a line on range and average."""
    import plotly.graph_objects as go

    counts = [scores.count(n) for n in range(low, high + 1)]
    figure = go.Figure(go.Bar(x=list(range(low, high + 1)), y=counts, marker_color="#2a6f97",
                              hovertemplate="%{y} keer een %{x}<extra></extra>"))
    figure.update_layout(
        title=title,
        xaxis={"title": "score", "dtick": 1, "range": [low - 0.5, high + 0.5]},
        yaxis={"title": "aantal deelnemers", "dtick": 1}, height=360, width=720,
        margin={"l": 60, "r": 20, "t": 60, "b": 50}, font={"size": 15},
    )
    summary = (f"<p>{len(scores)} scores, van {min(scores)} tot {max(scores)}; "
               f"gemiddeld {sum(scores) / len(scores):.1f}.</p>")
    return figures.html(figure) + summary


def safety_figure_html(scores: list[int], figures: Figures | None = None) -> str:
    """The spread of the 0-10 safety scores as a plotly bar chart."""
    if not scores:
        return "<p>Er zijn geen scores op de veiligheidsschaal gegeven.</p>"
    return scale_figure_html(figures or Figures(), scores, 0, 10,
                             "Veiligheidsschaal: hoe veilig is de situatie nu? (0-10)")


def report_title(session: int | str, cb=None) -> str:
    room = open_room(session, cb)
    if room.exercise.id == CASE_DISCUSSION:
        return "Verslag van de casusbespreking"
    return f"Verslag van de teamsessie: {room.exercise.title}"


def report_sections(session: int | str, cb=None) -> Iterator[Section]:
    room = open_room(session, cb)
    s = room.session
    yield Section("Bespreking", (
        f"<p>Datum: {s.held_on.strftime('%d-%m-%Y')} · Oefening: {esc(room.exercise.title)}"
        + (f" · Inbrenger: {esc(s.presenter)}" if s.presenter else "")
        + f" · Code: {esc(s.join_code)}</p>"
    ))
    if room.case is not None:
        yield Section(f"Casus: {room.case.title}", markdown_html(room.case.summary))
    if room.exercise.id == CASE_DISCUSSION:
        yield from _case_discussion(room)
    else:
        yield from _steps(room)
    yield from _reviewed_actions(room)


def _steps(room: SessionRoom) -> Iterator[Section]:
    """One section per step of the exercise with the team's answers, then the actions."""
    figures = Figures()
    for phase in room.phases[1:]:
        if not room.shown(phase_id=phase.id):
            yield Section(phase.title, '<p class="wb-empty">Hier is niets ingevuld.</p>')
            continue
        if phase.kind == HYPOTHESIS:
            answers = display.hypotheses_html(room, phase.id, named=False)
        else:
            answers = display.contributions_html(room, phase.id, named=False)
        yield Section(phase.title, _step_figure(room, phase, figures) + answers)
    actions = _session_actions(room)
    if actions:
        yield Section("Vervolgacties", display.actions_html(actions))


def _step_figure(room: SessionRoom, phase: Phase, figures: Figures) -> str:
    """A figure for scores and positions between poles; the live views' summary otherwise."""
    values = [e.value for e in room.shown(phase.kind, phase.id)
              if isinstance(e.value, int | float) and not isinstance(e.value, bool)]
    if phase.capture == CaptureType.SCALE and values:
        scale = room.exercise.step(phase.id).scale
        return scale_figure_html(figures, [int(v) for v in values], scale.min, scale.max,
                                 f"{phase.title} ({scale.min}-{scale.max})")
    if phase.capture == CaptureType.POLES and values:
        pole_a, pole_b = display.poles_of(room, phase.id)
        figure = tension_spread([(phase.id, pole_a, pole_b)], {phase.id: values},
                                title="Waar staat het team?")
        figure.update_layout(width=720)
        average = display.position_text(sum(values) / len(values), (pole_a, pole_b))
        return figures.html(figure) + f"<p>{len(values)} personen; samen gemiddeld {average}.</p>"
    return display.step_summary_html(room, phase)


def _session_actions(room: SessionRoom) -> list:
    s = room.session
    return [a for a in room.cb.actions(room.viewer, s.team_id, open_only=False)
            if a.session_id == s.id]


def _case_discussion(room: SessionRoom) -> Iterator[Section]:
    """The steps in the order they were done; the hypotheses (all of them, with their votes)
    where their step comes."""
    hypotheses_told = False
    for phase in room.phases[1:]:
        if phase.kind == HYPOTHESIS:
            if not hypotheses_told:
                hypotheses_told = True
                yield from _hypotheses(room)
            continue
        entries = [e for e in room.shown(phase_id=phase.id) if e.kind != SCALE]
        if not entries:
            continue
        parts = []
        for role, items in room.by_role(entries).items():
            lis = "".join(display.entry_html(room, e, named=False, by_line=False) for e in items)
            parts.append(f"<h3>{esc(role_label(role))}</h3><ul>{lis}</ul>")
        yield Section(phase.title, "".join(parts))
    if not hypotheses_told:
        yield from _hypotheses(room)
    intervention = display.intervention_html(room, heading=False)
    if intervention:
        yield Section("Afgesproken interventie", intervention)
    yield Section("Vervolgacties", display.actions_html(_session_actions(room)))
    safety = [p for p in room.phases if p.has_columns]
    for phase in safety:  # the scale at the start and at the end: each its own spread
        title = "Veiligheidsschaal" if len(safety) == 1 else phase.title
        yield Section(title, safety_figure_html(room.scale_scores(phase.id)))
    columns = "".join(display.columns_html(room, p.id, named=False) for p in room.phases
                      if p.has_columns)
    if columns:
        yield Section("Zorgen, wat gaat goed, wat moet er gebeuren", columns)


def _hypotheses(room: SessionRoom) -> Iterator[Section]:
    ranked = _all_hypotheses(room)
    if ranked:
        items = "".join(f"<li><strong>{counted(v, 'stem', 'stemmen')}</strong> · "
                        f"{display.entry_body(room, e, named=False)}</li>" for e, v in ranked)
        yield Section("Hypothesen en stemmen", f"<ol>{items}</ol>")


def _reviewed_actions(room: SessionRoom) -> Iterator[Section]:
    s = room.session
    reviewed = [a for a in room.cb.actions(room.viewer, s.team_id, open_only=False)
                if a.reviewed_session_id == s.id]
    if reviewed:
        rows = "".join(
            f"<tr><td>{esc(a.what)}</td><td>{esc(a.owner)}</td>"
            f"<td>{esc(STATUS_LABELS.get(a.status, a.status))}</td><td>{esc(a.review_note or '')}</td></tr>"
            for a in reviewed)
        yield Section("Acties van vorige keer", (
            "<table><thead><tr><th>Wat</th><th>Wie</th><th>Stand</th><th>Wat er gebeurde</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"))


def _all_hypotheses(room: SessionRoom):
    """Every hypothesis of the session with its votes, most votes first (revealed or not)."""
    entries = [e for e in room.entries if e.kind == HYPOTHESIS and e.status == "final"]
    return sorted(((e, room.votes.get(e.id, 0)) for e in entries), key=lambda p: -p[1])
