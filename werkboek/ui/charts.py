"""Charts where people would rather look than read; plotly is imported only when a chart is made.

Dutch labels and large fonts, so a chart stays readable on a projector. ``figure_widget`` turns a
figure into a widget Voilà renders (plotly's ``FigureWidget``, an anywidget).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

FONT_SIZE = 18
ACCENT = "#7a2e5b"
LEVEL_COLOURS = ("#7a2e5b", "#2b6f8e", "#c2772a", "#4c7a3a")


def _layout(fig, *, title: str, height: int):
    fig.update_layout(
        title={"text": title, "x": 0},
        font={"size": FONT_SIZE, "family": "Segoe UI, Noto Sans, Arial, sans-serif"},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        plot_bgcolor="white",
        paper_bgcolor="white",
        autosize=True,
    )
    return fig


def tension_spread(fields: Sequence[tuple[str, str, str]], positions: Mapping[str, Sequence[float]]):
    """Where each team member stands on each tension field.

    ``fields``: (field id, pole A, pole B) in order; ``positions``: field id → positions 0..1.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    labels = [f"{a}  ↔  {b}" for _fid, a, b in fields]
    for (field_id, _a, _b), label in zip(fields, labels, strict=True):
        values = list(positions.get(field_id, ()))
        fig.add_trace(
            go.Box(
                x=values, y=[label] * len(values), orientation="h", boxpoints="all", jitter=0.4,
                pointpos=0, marker={"size": 14, "color": ACCENT}, line={"color": "#999"},
                fillcolor="rgba(0,0,0,0)", name=label, showlegend=False,
                hovertemplate="%{x:.0%} richting pool B<extra></extra>",
            )
        )
    fig.update_xaxes(range=[-0.05, 1.05], tickvals=[0, 0.5, 1], ticktext=["pool A", "midden", "pool B"])
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title="Waar staat het team op elk spanningsveld?", height=120 + 90 * len(fields))


def level_balance(periods: Sequence[str], levels: Sequence[tuple[str, str]], counts: Mapping[str, Sequence[int]]):
    """How often each dialogue level was used per period (stacked bars).

    ``levels``: (level id, Dutch title); ``counts``: level id → one count per period.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    for (level_id, title), colour in zip(levels, LEVEL_COLOURS * 2, strict=False):
        fig.add_trace(go.Bar(x=list(periods), y=list(counts.get(level_id, [0] * len(periods))),
                             name=title, marker_color=colour))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.2})
    fig.update_yaxes(title="aantal reflecties")
    return _layout(fig, title="Je balans over de vier niveaus van dialoog", height=460)


def principle_counts(counts: Mapping[str, int]):
    """How often each principle was cited, most cited on top."""
    import plotly.graph_objects as go

    ordered = sorted(counts.items(), key=lambda kv: kv[1])
    fig = go.Figure(go.Bar(x=[c for _p, c in ordered], y=[p for p, _c in ordered], orientation="h",
                           marker_color=ACCENT, hovertemplate="%{x} keer<extra></extra>"))
    fig.update_xaxes(title="keer genoemd", rangemode="tozero")
    return _layout(fig, title="Hoe vaak wordt elk principe genoemd?", height=140 + 40 * len(ordered))


def figure_widget(fig):
    """The figure as a widget for Voilà pages (full width, responsive)."""
    import plotly.graph_objects as go

    widget = go.FigureWidget(fig)
    widget.layout.autosize = True
    return widget
