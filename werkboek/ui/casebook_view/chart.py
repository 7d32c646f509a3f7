"""The team's follow-up actions per month as stacked bars (open, running, done, dropped);
plotly is imported only when the chart is drawn, after the page is on screen."""

from __future__ import annotations

from collections import Counter

from werkboek.charts import ACCENT, FONT_SIZE
from werkboek.ui.charts import responsive_chart
from werkboek.vocab import MONTHS

SERIES = (  # (statuses, Dutch label, colour)
    (("open",), "Nog open", "#c2772a"),
    (("loopt",), "Loopt nog", "#2b6f8e"),
    (("klaar",), "Klaar", ACCENT),
    (("vervallen",), "Vervallen", "#9a949c"),
)


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def actions_per_month(actions) -> tuple[list[str], dict[str, list[int]]]:
    """Month labels (by due date, oldest first) and, per series label, a count per month."""
    months = sorted({(a.due.year, a.due.month) for a in actions})
    counts = Counter(((a.due.year, a.due.month), a.status) for a in actions)
    series = {label: [sum(counts[(m, s)] for s in statuses) for m in months]
              for statuses, label, _colour in SERIES}
    return [month_label(*m) for m in months], series


def actions_chart(actions):
    """The chart as a widget, or None when the team has no actions yet."""
    if not actions:
        return None
    import plotly.graph_objects as go

    months, series = actions_per_month(actions)
    fig = go.Figure()
    for _statuses, label, colour in SERIES:
        if any(series[label]):
            fig.add_trace(go.Bar(x=months, y=series[label], name=label, marker_color=colour,
                                 hovertemplate=f"%{{y}} {label.lower()}<extra></extra>"))
    highest = max(sum(column) for column in zip(*series.values(), strict=True))
    fig.update_layout(
        barmode="stack", height=380, autosize=True, plot_bgcolor="white", paper_bgcolor="white",
        font={"size": FONT_SIZE - 2, "family": "Segoe UI, Noto Sans, Arial, sans-serif"},
        margin={"l": 40, "r": 10, "t": 10, "b": 40},
        legend={"orientation": "h", "y": -0.18, "x": 0},
    )
    fig.update_xaxes(type="category")  # "sep 2026" is a label, not a date to parse
    fig.update_yaxes(title="acties", rangemode="tozero", dtick=1 if highest <= 10 else None,
                     gridcolor="#eee")
    return responsive_chart(fig)
