"""The report download in the facilitator's screen: make the report, then offer it as a link.

Voilà serves no files from disk here (``file_allowlist`` is empty), so the finished report travels
to the browser inside the link itself (a ``data:`` URL with a ``download`` name).
The report is made by the ``make_report`` the page was given (``werkboek.report.render_report``,
wired in by the notebook: the report is the layer above the pages, which they never import).
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.ui.download import download_link
from werkboek.ui.kit import download_row, full_width


def report_download(make_report: Callable[..., bytes], session_id: int) -> w.Widget:
    """Two buttons (HTML, PDF) that make the session report (``make_report(session_id,
    fmt=...)``) and show its download link."""
    link = w.HTML(layout=full_width())
    link.add_class("wb-download")

    def make(fmt: str) -> None:
        link.value = "<p>Het verslag wordt gemaakt, een ogenblik…</p>"
        data = make_report(session_id, fmt=fmt)
        link.value = download_link(data, f"verslag-sessie-{session_id}.{fmt}")

    buttons = download_row((("html", "Verslag (HTML)"), ("pdf", "Verslag (PDF)")), "wb-report", make)
    box = w.VBox([w.HTML("<h3>Verslag van deze bespreking</h3>"), buttons, link],
                 layout=full_width())
    box.add_class("wb-report-download")
    return box
