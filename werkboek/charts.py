"""Charts where people would rather look than read, as plotly figures (no widgets): the pages
show them through ``werkboek.ui.charts.responsive_chart``, the reports print them as static HTML.
plotly is imported only when a chart is made.

Dutch labels and large fonts, so a chart stays readable on a projector; labels stand above each
row and wrap, so a chart also reads on a 360 px phone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

FONT_SIZE = 18
LABEL_SIZE = FONT_SIZE - 2
LINE_PX = round(LABEL_SIZE * 1.3)  # plotly's line height for a label with <br>
WRAP = 30  # characters per label line: the longest line still fits a 360 px phone
ACCENT = "#7a2e5b"
LEVEL_COLOURS = ("#7a2e5b", "#2b6f8e", "#c2772a", "#4c7a3a")
FONT = "Segoe UI, Noto Sans, Arial, sans-serif"



def _layout(fig, *, title: str, height: int, top: int = 10, bottom: int = 40, left: int = 10):
    """Fonts, colours and margins; ``height`` is the plot area's, the margins come on top."""
    top += 50 if title else 0
    fig.update_layout(
        title={"text": title, "x": 0},
        font={"size": FONT_SIZE, "family": FONT},
        height=height + top + bottom,
        margin={"l": left, "r": 10, "t": top, "b": bottom},
        plot_bgcolor="white",
        paper_bgcolor="white",
        autosize=True,
    )
    return fig


def _label(fig, text: str, *, x: float, y: int, shift: int, right: bool = False) -> int:
    """A wrapped label whose bottom is ``shift`` px above row ``y``; returns its height in px."""
    lines = textwrap.wrap(text, WRAP) or [""]
    fig.add_annotation(x=x, y=y, yshift=shift, text="<br>".join(lines), showarrow=False,
                       xanchor="right" if right else "left", align="right" if right else "left",
                       yanchor="bottom", font={"size": LABEL_SIZE, "color": "#1d2430"})
    return len(lines) * LINE_PX


def labelled_rows(fig, rows: Sequence[tuple[str, str | None]], *, x: tuple[float, float],
                   clear: int) -> tuple[int, int]:
    """Rows at y = 0, 1, … each with its label above it: the first text at the left, an optional
    second text at the right just under it (a tension field's two poles, read as the line's two
    ends). ``clear``: px between a row's middle and its label (half a bar or dot). Sets the y axis
    so every label fits; returns (px per row, px of the whole plot area)."""
    above = 0
    for row, (left, right) in enumerate(rows):
        height = _label(fig, right, x=x[1], y=row, shift=clear, right=True) if right else 0
        height += _label(fig, left, x=x[0], y=row, shift=clear + height)
        above = max(above, clear + height)
    below = clear + 10
    band = above + below + 6
    fig.update_yaxes(range=[len(rows) - 1 + below / band, -(above + 4) / band], fixedrange=True,
                     showticklabels=False, zeroline=False, showgrid=False)
    return band, band * (len(rows) - 1) + above + 4 + below


def _pole_rows(fig, fields: Sequence[tuple[str, str, str]]) -> int:
    """A line per tension field from pole A (left, named at the top left) to pole B (right, named
    at the right); returns the plot area's height in px."""
    fig.update_xaxes(range=[-0.05, 1.05], tickvals=[0, 0.5, 1], ticktext=["", "midden", ""],
                     showgrid=True, gridcolor="#ddd", fixedrange=True)
    _band, height = labelled_rows(fig, [(f"◀ {a}", f"{b} ▶") for _fid, a, b in fields],
                                   x=(-0.05, 1.05), clear=16)
    for row in range(len(fields)):  # the line itself, from one pole to the other
        fig.add_shape(type="line", x0=0, x1=1, y0=row, y1=row, layer="below",
                      line={"color": "#c9c3cc", "width": 2})
    return height


def tension_spread(fields: Sequence[tuple[str, str, str]], positions: Mapping[str, Sequence[float]],
                   *, title: str = "Waar staat het team op elk spanningsveld?"):
    """Where each team member stands on each tension field: one dot per person, no names.

    ``fields``: (field id, pole A, pole B) in order; ``positions``: field id → positions 0..1.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    _dot_rows(fig, [positions.get(field_id, ()) for field_id, _a, _b in fields],
              hover="%{x:.0%} richting de rechterpool")
    return _layout(fig, title=title, height=_pole_rows(fig, fields))


def _dot_rows(fig, rows: Sequence[Sequence[float]], *, hover: str,
              names: Sequence[str] = ()) -> None:
    """Per row (y = 0, 1, …) one dot per person, no names, and a box around the dots."""
    import plotly.graph_objects as go

    for row, values in enumerate(rows):
        fig.add_trace(
            go.Box(
                x=list(values), y=[row] * len(values), orientation="h", boxpoints="all",
                jitter=0.3, pointpos=0, marker={"size": 14, "color": ACCENT, "opacity": 0.8},
                line={"color": "#999"}, fillcolor="rgba(0,0,0,0)", showlegend=False,
                name=names[row] if names else f"{len(values)} personen", width=0.25,
                hovertemplate=f"{hover}<extra></extra>",
            )
        )


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
                hovertemplate="%{text}: %{x:.0%} richting de rechterpool<extra></extra>",
            )
        )
    return _layout(fig, title="", height=_pole_rows(fig, fields))


def level_balance(periods: Sequence[str], levels: Sequence[tuple[str, str]], counts: Mapping[str, Sequence[int]],
                  *, title: str = "Je balans over de vier niveaus van dialoog"):
    """How often each dialogue level was used per period (stacked bars), the legend above.

    ``levels``: (level id, Dutch title); ``counts``: level id → one count per period.
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    for (level_id, name), colour in zip(levels, LEVEL_COLOURS * 2, strict=False):
        fig.add_trace(go.Bar(x=list(periods), y=list(counts.get(level_id, [0] * len(periods))),
                             name=name, marker_color=colour,
                             hovertemplate=f"%{{x}}: %{{y}} × {name}<extra></extra>"))
    highest = max((sum(column) for column in zip(*counts.values(), strict=False)), default=0)
    fig.update_yaxes(title={"text": "aantal antwoorden", "font": {"size": LABEL_SIZE}},
                     rangemode="tozero", dtick=1 if highest <= 10 else None,  # whole answers
                     gridcolor="#eee", fixedrange=True)
    # "week 48 2026" is a label, not a date; the year on a line of its own keeps it level
    fig.update_xaxes(type="category", fixedrange=True, tickvals=list(periods),
                     ticktext=["<br>".join(p.rsplit(" ", 1)) for p in periods])
    # The legend in its own band above the bars: on a phone it wraps to two rows without
    # covering the periods below the bars.
    fig.update_layout(barmode="stack", legend={"orientation": "h", "x": 0, "y": 1.02,
                                               "yanchor": "bottom", "traceorder": "normal",
                                               "font": {"size": LABEL_SIZE}})
    return _layout(fig, title=title, height=340, top=90, bottom=70, left=50)


def principle_counts(counts: Mapping[str, int], *, title: str = "Hoe vaak wordt elk principe genoemd?"):
    """How often each principle was cited, most cited on top; the names stand above the bars."""
    import plotly.graph_objects as go

    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    fig = go.Figure(go.Bar(x=[c for _p, c in ordered], y=list(range(len(ordered))), orientation="h",
                           marker_color=ACCENT, text=[str(c) for _p, c in ordered],
                           textposition="outside", cliponaxis=False,
                           hovertext=[p for p, _c in ordered],
                           hovertemplate="%{hovertext}: %{x} keer<extra></extra>"))
    top = max([c for _p, c in ordered] + [1])
    fig.update_xaxes(title={"text": "keer genoemd", "font": {"size": LABEL_SIZE}},
                     range=[0, top * 1.15], showgrid=True, gridcolor="#eee", fixedrange=True,
                     dtick=1 if top <= 10 else None)
    band, height = labelled_rows(fig, [(p, None) for p, _c in ordered], x=(0, 1), clear=13)
    fig.update_traces(width=26 / band)  # bars 26 px thick, whatever the number of lines above
    return _layout(fig, title=title, height=height, bottom=60)


def group_stands(labels: Sequence[str], stands: Sequence[Sequence[int]],
                 *, title: str = "Waar staat de groep met de leervragen?"):
    """The group's 0–10 scores per label (a meeting; a competence before and after), a row of
    dots per label (one per person, no names) with a box around them; each label stands above
    its row and wraps, so long labels read on a 360 px phone too."""
    import plotly.graph_objects as go

    fig = go.Figure()
    _dot_rows(fig, stands, hover="%{x} van 10", names=labels)
    fig.update_xaxes(range=[-0.5, 10.5], dtick=2, showgrid=True, gridcolor="#eee",
                     fixedrange=True, title={"text": "0 = nog nergens, 10 = waar ik wil zijn",
                                             "font": {"size": LABEL_SIZE}})
    _band, height = labelled_rows(fig, [(label, None) for label in labels], x=(-0.5, 10.5),
                                  clear=16)
    return _layout(fig, title=title, height=height, bottom=70)
