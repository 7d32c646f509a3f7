"""Page "Casusbespreking": the team's monthly case discussion, from join code to session report.

All of it lives in ``werkboek.ui.session``; this page only picks the screen for this visit
(facilitator, participant or projector) from the URL.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w


def build(report: Callable[..., bytes] | None = None) -> w.Widget:
    """The page; the facilitator downloads the session report made by ``report(session_id,
    fmt=...)``."""
    # Not at the notebook's import: the frame shows first, the session screens load after it.
    from werkboek.ui.session.page import build_session_page

    return build_session_page(report=report)


def build_with(report: Callable[..., bytes]) -> Callable[[], w.Widget]:
    """``build`` with the report download wired in: the notebook passes
    ``werkboek.report.render_report`` (the layer above the pages, which they never import)."""

    def build_page() -> w.Widget:
        return build(report)

    return build_page
