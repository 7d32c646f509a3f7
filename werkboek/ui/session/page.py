"""The Casusbespreking page body: picks the screen from the URL and swaps in the chosen view.

``?view=projector&code=…&beamer=…`` shows the projector (its read-only link, made on the
facilitator's screen); otherwise the entrance (join and start forms),
with the code from the URL already filled in, and the exercise of ``?oefening=…`` (a link from
the Oefeningen page) chosen in the start form. The facilitator's screen offers the report download.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.casebook import NotAllowed, open_casebook
from werkboek.content import load_content
from werkboek.markup import esc
from werkboek.session.participant_actions import JoinRefused
from werkboek.ui import visitor
from werkboek.ui.focus import focus_on
from werkboek.ui.handshake import visit_parameters
from werkboek.ui.kit import full_width
from werkboek.ui.replace import replace_children
from werkboek.ui.session.download import report_download
from werkboek.ui.session.entrance import Entrance, projector_for
from werkboek.ui.session.facilitator import FacilitatorView
from werkboek.ui.session.participant import ParticipantView


def build_session_page(cb=None, *, parameters: dict[str, str] | None = None,
                       content=None, principal=None,
                       report: Callable[..., bytes] | None = None) -> w.Widget:
    """The page for this visit; ``parameters`` default to the page URL's query string and
    ``principal`` to the visitor the server proved; ``report(session_id, fmt=...)`` makes the
    session report the facilitator downloads (none offered without it)."""
    cb = cb or open_casebook()
    content = content or load_content()
    params = visit_parameters() if parameters is None else parameters
    body = w.VBox(layout=full_width())
    body.add_class("wb-session-page")

    def show(widget: w.Widget, poller) -> None:
        replace_children(body, (widget,))  # the forms are done with: close them
        poller.start()

    def joined(widget: w.Widget, poller) -> None:
        show(widget, poller)
        focus_on(widget)  # on the screen just joined, not back at the top of the page

    code = params.get("code", "")
    if params.get("view") == "projector":
        try:
            projector = projector_for(cb, code, params.get("beamer", ""), content=content)
        except (JoinRefused, NotAllowed) as refused:
            body.children = (w.HTML(f'<div class="wb-message" role="alert">{esc(refused)}</div>'),)
            return body
        show(projector.widget, projector.poller)
        return body

    entrance = Entrance(
        cb, principal or visitor.principal(), code=code, exercise=params.get("oefening"), content=content, on_view=joined,
        facilitator_view=lambda lead: FacilitatorView(
            lead, report_link=report and (lambda session_id: report_download(report, session_id))),
        participant_view=ParticipantView,
    )
    body.children = (entrance.widget,)
    return body
