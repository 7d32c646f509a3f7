"""A case's life-domain profile compared between sessions: per domain, how much support the team
thought was needed (0-10, the mean of everyone who scored it), one bar per session.

The answers come from the exercise "Profiel over de leefgebieden" (``leefgebieden-profiel``), filled
in during a session about the case; plotly is imported only when the chart is drawn.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean

from werkboek.charts import FONT, FONT_SIZE, labelled_rows
from werkboek.ui.charts import responsive_chart

PROFILE_EXERCISE = "leefgebieden-profiel"
PROFILE_STEP = "steun-per-leefgebied"
# Oldest session light, newest dark: the eye reads the darkest bar as "now".
BAR_PX = 16
SHADES = ("#e3c6d6", "#c48fad", "#9e5a82", "#7a2e5b")


def shades_for(count: int) -> tuple[str, ...] | None:
    """``count`` shades from light to dark, as far apart as the palette allows (None: too many)."""
    if not 0 < count <= len(SHADES):
        return None
    darkest_first = SHADES[::-1][:: len(SHADES) // count][:count]
    return darkest_first[::-1]


@dataclass(frozen=True)
class ProfileMoment:
    """One session's profile of the case: its label and the mean score per domain id."""

    label: str
    means: dict[str, float]
    scorers: int


def profile_entries(cb, viewer, case_id: int) -> list:
    """The final profile answers about the case that the viewer may see."""
    return cb.entries(viewer, case_id=case_id, exercise=PROFILE_EXERCISE, step=PROFILE_STEP,
                      status="final")


def profile_moments(entries, session_labels: dict[int, str], day_label) -> list[ProfileMoment]:
    """Group answers per session (or per day, for answers outside a session), oldest first."""
    groups: dict[tuple, list] = defaultdict(list)
    for entry in entries:
        if isinstance(entry.value, dict) and entry.value:
            key = ("session", entry.session_id) if entry.session_id else ("day", entry.created_at.date())
            groups[key].append(entry)
    moments = []
    for key, answers in sorted(groups.items(), key=lambda item: min(e.created_at for e in item[1])):
        scores: dict[str, list[int]] = defaultdict(list)
        for answer in answers:
            for domain, score in answer.value.items():
                if isinstance(score, int | float):
                    scores[domain].append(score)
        kind, ref = key
        label = session_labels.get(ref, "Bespreking") if kind == "session" else day_label(ref)
        moments.append(ProfileMoment(label, {d: round(mean(s), 1) for d, s in scores.items()},
                                     len(answers)))
    return moments


def profile_chart(domains: Sequence[tuple[str, str]], moments: Sequence[ProfileMoment]):
    """Grouped horizontal bars: a row per domain (``(id, Dutch label)``), a bar per moment.
    None when there is nothing to show."""
    scored = [(d, label) for d, label in domains if any(d in m.means for m in moments)]
    if not scored or not moments:
        return None
    import plotly.graph_objects as go

    fig = go.Figure()
    shades = shades_for(len(moments))
    for n, moment in enumerate(moments):
        fig.add_trace(go.Bar(
            y=list(range(len(scored))), x=[moment.means.get(d) for d, _l in scored],
            orientation="h", name=f"{moment.label} ({moment.scorers})",
            marker_color=shades[n] if shades else None,
            hovertemplate="%{x} van 10<extra>" + moment.label + "</extra>"))
    fig.update_xaxes(range=[0, 10.5], dtick=2, gridcolor="#eee", fixedrange=True)
    thickness = BAR_PX * len(moments)  # px of one domain's group of bars
    band, height = labelled_rows(fig, [(label, None) for _d, label in scored], x=(0, 1),
                                 clear=thickness // 2 + 4)
    fig.update_layout(
        barmode="group", bargap=max(0.0, 1 - thickness / band), bargroupgap=0,
        height=height + 10 + 90, autosize=True, plot_bgcolor="white",
        paper_bgcolor="white", font={"size": FONT_SIZE - 2, "family": FONT},
        margin={"l": 10, "r": 10, "t": 10, "b": 90},
        legend={"orientation": "h", "y": 0, "yanchor": "bottom", "yref": "container", "x": 0},
    )
    return responsive_chart(fig)
