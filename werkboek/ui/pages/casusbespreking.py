"""Page "Casusbespreking": the team's monthly case discussion, from join code to session report.

All of it lives in ``werkboek.ui.session``; this page only picks the screen for this visit
(facilitator, participant or projector) from the URL.
"""

from __future__ import annotations

import ipywidgets as w


def build() -> w.Widget:
    from werkboek.ui.session.page import build_session_page

    return build_session_page()
