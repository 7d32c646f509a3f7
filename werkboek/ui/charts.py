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
        margin={"l": 10, "r": 10, "t": 60 if title else 20, "b": 40},
        plot_bgcolor="white",
        paper_bgcolor="white",
        autosize=True,
    )
    return fig


def _row_labels(fig, labels: Sequence[str], *, x: float) -> None:
    """One label above each horizontal row (rows at y = 0, 1, …), instead of tick labels at the
    side: on a 360 px phone side labels would leave no room for the data."""
    for row, label in enumerate(labels):
        fig.add_annotation(x=x, y=row - 0.42, text=label, showarrow=False, xanchor="left",
                           yanchor="bottom", font={"size": FONT_SIZE - 2, "color": "#1d2430"})
    fig.update_yaxes(showticklabels=False, autorange="reversed", range=None, zeroline=False,
                     showgrid=False)


def _pole_axis(fig, fields: Sequence[tuple[str, str, str]]) -> None:
    fig.update_xaxes(range=[-0.05, 1.05], tickvals=[0, 0.5, 1],
                     ticktext=["pool A", "midden", "pool B"], showgrid=True, gridcolor="#eee")
    _row_labels(fig, [f"{a}  ↔  {b}" for _fid, a, b in fields], x=-0.05)


def tension_spread(fields: Sequence[tuple[str, str, str]], positions: Mapping[str, Sequence[float]],
                   *, title: str = "Waar staat het team op elk spanningsveld?"):
    """Where each team member stands on each tension field: one dot per person, no names.

    ``fields``: (field id, pole A, pole B) in order; ``positions``: field id → positions 0..1.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    for row, (field_id, _a, _b) in enumerate(fields):
        values = list(positions.get(field_id, ()))
        fig.add_trace(
            go.Box(
                x=values, y=[row] * len(values), orientation="h", boxpoints="all", jitter=0.3,
                pointpos=0, marker={"size": 14, "color": ACCENT, "opacity": 0.8},
                line={"color": "#999"}, fillcolor="rgba(0,0,0,0)", showlegend=False,
                name=f"{len(values)} personen",
                hovertemplate="%{x:.0%} richting pool B<extra></extra>",
            )
        )
    _pole_axis(fig, fields)
    return _layout(fig, title=title, height=120 + 100 * len(fields))


def position_history(fields: Sequence[tuple[str, str, str]], series: Mapping[str, Sequence[tuple]]):
    """My own placements on each tension field over time: older dots pale, the newest dark.

    ``series``: field id → (moment, position) oldest first.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    for row, (field_id, _a, _b) in enumerate(fields):
        points = list(series.get(field_id, ()))
        if not points:
            continue
        shades = [0.25 + 0.75 * (n + 1) / len(points) for n in range(len(points))]
        fig.add_trace(
            go.Scatter(
                x=[position for _when, position in points], y=[row] * len(points),
                mode="lines+markers", showlegend=False, line={"color": "#bbb", "width": 2},
                marker={"size": [12] * (len(points) - 1) + [20], "color": ACCENT,
                        "opacity": shades, "line": {"width": 0}},
                text=[when.strftime("%d-%m-%Y") for when, _p in points],
                hovertemplate="%{text}: %{x:.0%} richting pool B<extra></extra>",
            )
        )
    _pole_axis(fig, fields)
    return _layout(fig, title="", height=120 + 100 * len(fields))


def level_balance(periods: Sequence[str], levels: Sequence[tuple[str, str]], counts: Mapping[str, Sequence[int]],
                  *, title: str = "Je balans over de vier niveaus van dialoog"):
    """How often each dialogue level was used per period (stacked bars).

    ``levels``: (level id, Dutch title); ``counts``: level id → one count per period.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    for (level_id, name), colour in zip(levels, LEVEL_COLOURS * 2, strict=False):
        fig.add_trace(go.Bar(x=list(periods), y=list(counts.get(level_id, [0] * len(periods))),
                             name=name, marker_color=colour))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.25, "x": 0})
    highest = max((sum(column) for column in zip(*counts.values(), strict=False)), default=0)
    fig.update_yaxes(title="aantal antwoorden", rangemode="tozero",
                     dtick=1 if highest <= 10 else None)  # whole answers, no 0.5 steps
    return _layout(fig, title=title, height=520)


def principle_counts(counts: Mapping[str, int], *, title: str = "Hoe vaak wordt elk principe genoemd?"):
    """How often each principle was cited, most cited on top; the names stand above the bars."""
    import plotly.graph_objects as go

    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    fig = go.Figure(go.Bar(x=[c for _p, c in ordered], y=list(range(len(ordered))), orientation="h",
                           marker_color=ACCENT, text=[str(c) for _p, c in ordered],
                           textposition="outside", cliponaxis=False, width=0.45,
                           hovertemplate="%{x} keer<extra></extra>"))
    top = max([c for _p, c in ordered] + [1])
    fig.update_xaxes(title="keer genoemd", range=[0, top * 1.15], showgrid=True, gridcolor="#eee")
    _row_labels(fig, [p for p, _c in ordered], x=0)
    return _layout(fig, title=title, height=120 + 62 * len(ordered))


def figure_widget(fig):
    """The figure as a widget for Voilà pages (full width, responsive)."""
    import plotly.graph_objects as go

    widget = go.FigureWidget(fig)
    widget.layout.autosize = True
    # "responsive" lets the chart take its container's width (a 360 px phone, a projector);
    # no tool bar: it would cover the labels above the first row.
    widget._config = {**widget._config, "responsive": True, "displayModeBar": False}
    return widget
