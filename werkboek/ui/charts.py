"""Charts on the pages: a figure of ``werkboek.charts`` as plotly's ``FigureWidget`` (an
anywidget) with a small helper that keeps it as wide as its box.
"""

from __future__ import annotations

from functools import cache

import ipywidgets as w

# Plotly draws a FigureWidget as soon as its code is loaded, often before the chart is on the page,
# and then at its 700 px default: too wide for a phone. This watches the box the chart sits in and,
# when the drawn chart is wider or narrower than that box, lets plotly redraw its "responsive"
# charts (plotly listens to the window's resize event for that).
FIT_ESM = """
function fit(box) {
  let wrong = false;
  for (const plot of box.querySelectorAll(":scope > .js-plotly-plot")) {
    // The chart's box follows its container, never the width plotly drew at.
    Object.assign(plot.style, { width: "100%", minWidth: "0", maxWidth: "100%", overflow: "hidden" });
    const drawn = plot.querySelector(".main-svg");
    wrong ||= Boolean(drawn) && Math.abs(drawn.getBoundingClientRect().width - plot.clientWidth) > 2;
  }
  if (wrong) window.dispatchEvent(new Event("resize"));
}
export default {
  render({ el }) {
    el.style.height = "0";
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => el.parentElement && fit(el.parentElement));
    };
    const observer = new ResizeObserver(later);
    observer.observe(el);
    document.addEventListener("plotlywidget-after-render", later);
    return () => {
      observer.disconnect();
      document.removeEventListener("plotlywidget-after-render", later);
      cancelAnimationFrame(frame);
    };
  },
};
"""


def figure_widget(fig):
    """The figure as a widget for Voilà pages (responsive: it follows its container's width)."""
    import plotly.graph_objects as go

    widget = go.FigureWidget(fig)
    widget.layout.autosize = True
    # "responsive" lets the chart take its container's width (a 360 px phone, a projector);
    # no tool bar: it would cover the labels above the first row.
    widget._config = {**widget._config, "responsive": True, "displayModeBar": False}
    return widget


@cache
def _fit_class():
    import anywidget  # plotly's FigureWidget needs it too
    from traitlets import Unicode

    class FitToWidth(anywidget.AnyWidget):
        """Keeps the plotly charts in the same box as wide as that box (see ``FIT_ESM``)."""

        _esm = Unicode(FIT_ESM).tag(sync=True)

    return FitToWidth


def responsive_chart(fig) -> w.VBox:
    """The figure as a widget that fills its box's width, on a 360 px phone as on a projector."""
    fitter = _fit_class()()
    box = w.VBox([figure_widget(fig), fitter], layout=w.Layout(width="100%", min_width="0"))
    box.add_class("wb-plot")
    return box
