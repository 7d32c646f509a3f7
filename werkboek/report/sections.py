"""The parts of a session report as HTML: case, contributions per step by role, hypotheses with
votes, the agreed intervention, the actions, the safety-scale figure and last time's actions.

The report notebook calls ``report_sections(session_id)`` and displays each part; all user text is
escaped. The team's view of the session is used: hidden entries and private notes stay out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from werkboek.ui.markup import esc, markdown_html
from werkboek.ui.session import display
from werkboek.ui.session.room import HYPOTHESIS, SCALE, SessionRoom, role_label

STATUS_LABELS = {"klaar": "klaar", "loopt": "loopt nog", "vervallen": "vervallen", "open": "open"}


@dataclass(frozen=True)
class Section:
    title: str
    html: str

    @property
    def title_html(self) -> str:
        return esc(self.title)


def open_room(session: int | str, cb=None) -> SessionRoom:
    """The team's view of a session given by id or join code (closed sessions included)."""
    from werkboek.casebook import NotFound, Viewer, open_casebook

    cb = cb or open_casebook()
    if isinstance(session, str) and not session.isdigit():
        found = next((s for s in _all_sessions(cb) if s.join_code == session.strip().upper()), None)
        if found is None:
            raise NotFound(f"Er is geen sessie met code {session}.")
    else:
        found = cb.session(int(session))
    room = SessionRoom(cb, found, Viewer(member_id=None, team_ids=frozenset({found.team_id})))
    room.refresh()
    return room


def _all_sessions(cb):
    from werkboek.casebook import Viewer

    team_ids = frozenset(t.id for t in cb.teams())
    return cb.sessions(Viewer(member_id=None, team_ids=team_ids))


def safety_figure_html(scores: list[int]) -> str:
    """The spread of the 0-10 safety scores as a plotly bar chart, with plotly.js embedded
    (so the report also opens without internet)."""
    if not scores:
        return "<p>Er zijn geen scores op de veiligheidsschaal gegeven.</p>"
    import plotly.graph_objects as go
    import plotly.io as pio

    counts = [scores.count(n) for n in range(11)]
    figure = go.Figure(go.Bar(x=list(range(11)), y=counts, marker_color="#2a6f97",
                              hovertemplate="%{y} keer een %{x}<extra></extra>"))
    figure.update_layout(
        title="Veiligheidsschaal: hoe veilig is de situatie nu? (0-10)",
        xaxis={"title": "score", "dtick": 1, "range": [-0.5, 10.5]},
        yaxis={"title": "aantal deelnemers", "dtick": 1}, height=360, width=720,
        margin={"l": 60, "r": 20, "t": 60, "b": 50}, font={"size": 15},
    )
    summary = (f"<p>{len(scores)} scores, van {min(scores)} tot {max(scores)}; "
               f"gemiddeld {sum(scores) / len(scores):.1f}.</p>")
    return pio.to_html(figure, include_plotlyjs=True, full_html=False,
                       config={"displayModeBar": False, "staticPlot": True}) + summary


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
    for phase in room.phases[1:]:
        if phase.kind == HYPOTHESIS:
            continue
        entries = [e for e in room.shown(phase_id=phase.id) if e.kind != SCALE]
        if not entries:
            continue
        parts = []
        for role, items in room.by_role(entries).items():
            lis = "".join(display.entry_html(room, e, named=False, by_line=False) for e in items)
            parts.append(f"<h3>{esc(role_label(role))}</h3><ul>{lis}</ul>")
        yield Section(phase.title, "".join(parts))
    ranked = _all_hypotheses(room)
    if ranked:
        items = "".join(f"<li><strong>{v} stem{'men' if v != 1 else ''}</strong> · "
                        f"{display.entry_body(room, e, named=False)}</li>" for e, v in ranked)
        yield Section("Hypothesen en stemmen", f"<ol>{items}</ol>")
    intervention = display.intervention_html(room, heading=False)
    if intervention:
        yield Section("Afgesproken interventie", intervention)
    actions = [a for a in room.cb.actions(room.viewer, s.team_id, open_only=False)
               if a.session_id == s.id]
    yield Section("Vervolgacties", display.actions_html(actions))
    yield Section("Veiligheidsschaal", safety_figure_html(room.scale_scores()))
    columns = "".join(display.columns_html(room, p.id, named=False) for p in room.phases
                      if p.has_columns)
    if columns:
        yield Section("Zorgen, wat gaat goed, wat moet er gebeuren", columns)
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
