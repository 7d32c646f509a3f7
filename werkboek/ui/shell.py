"""The page shell every notebook uses: theme, navigation, title, message area, and the body.

``show_page(build)`` displays the page frame with the body ``build`` makes: at once in a preheated
kernel, once the frame is on screen in a kernel started for the visit. Which pages there are is
the registry's (``werkboek.ui.registry``); errors become one short Dutch message in the frame's
message area (``werkboek.ui.guard``); the visitor and the warm-up are the Voilà kernel handshake
(``werkboek.ui.handshake``).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from importlib import resources

import ipywidgets as w

from werkboek.casebook import grants
from werkboek.hub_env import hub_logout_url, in_hub
from werkboek.markup import esc
from werkboek.ui import handshake
from werkboek.ui.guard import Alert, guarded, install_ipython_backstop, report_error, show_errors_in
from werkboek.ui.registry import NAV_LABELS, PAGES, PageInfo, page_for, page_href
from werkboek.ui.replace import replace_children
from werkboek.ui.scheduling import LoopScheduler

STILL_LOADING = '<p class="wb-loading">Even geduld: de pagina wordt klaargezet.</p>'
AFTER_VIEW_DELAY = 0.05  # seconds: let the browser finish drawing what it shows first


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("werkboek.ui").joinpath("theme.css").read_text(encoding="utf-8")


def theme() -> w.HTML:
    """The theme as a ``<style>`` element; one per page."""
    return w.HTML(f"<style>{_css()}</style>", layout=w.Layout(display="none"))


def account_link() -> str:
    """'Mijn apparaten' for a signed-in visitor, else 'Aanmelden' (back to the start page);
    under JupyterHub 'Afmelden' at the hub, which signs people in and out there."""

    if in_hub():
        return f'<a class="wb-account" href="{esc(hub_logout_url())}">Afmelden</a>'
    base = os.environ.get("VOILA_BASE_URL", "/")
    if grants.from_environment().login_id is not None:
        return f'<a class="wb-account" href="{esc(base)}werkboek/apparaten">Mijn apparaten</a>'
    return (f'<a class="wb-account" href="{esc(base)}werkboek/aanmelden?next='
            f'{esc(base)}voila/render/Start.ipynb">Aanmelden</a>')


def nav_bar(current: PageInfo | None) -> w.HTML:
    links = [f'<a class="wb-brand" href="{page_href("Start")}">werkboek</a>']
    for page in PAGES:
        label = NAV_LABELS.get(page.notebook, page.title)
        here = ' aria-current="page"' if page is current else ""
        links.append(f'<a href="{page_href(page.notebook)}"{here}>{esc(label)}</a>')
    links.append(account_link())
    nav = w.HTML(f'<nav class="wb-nav">{"".join(links)}</nav>', layout=w.Layout(width="100%"))
    nav.add_class("wb-nav-bar")
    return nav


class PageFrame:
    """Theme, navigation, title and message area around a slot for the page body; ``waiting``
    puts the Dutch waiting line in the slot until ``fill`` builds the body."""

    def __init__(self, build: Callable[[], w.Widget], *, waiting: bool = False):
        self.build = build
        info = page_for(build)
        self.alert = Alert()
        show_errors_in(self.alert)
        title = w.HTML(f"<h1>{esc(info.title if info else 'Werkboek')}</h1>",
                       layout=w.Layout(width="100%"))
        title.add_class("wb-title")
        self.body = w.VBox([w.HTML(STILL_LOADING)] if waiting else [],
                           layout=w.Layout(width="100%"))
        self.body.add_class("wb-page-body")
        self.widget = w.VBox([theme(), nav_bar(info), title, self.alert.widget, self.body],
                             layout=w.Layout(width="100%"))
        self.widget.add_class("wb-page")

    def fill(self) -> None:
        """Build the body into the slot; a failure leaves it empty, with the Dutch message."""
        try:
            body = self.build()
        except Exception as exc:
            report_error(exc)
            body = w.HTML("")
        replace_children(self.body, (body,))  # closes the waiting line


def build_page(build: Callable[[], w.Widget]) -> w.VBox:
    """The whole page: theme, navigation, title, message area and the page body."""
    frame = PageFrame(build)
    frame.fill()
    return frame.widget


def on_first_view(widget: w.Widget, callback: Callable[[], None], scheduler=None) -> None:
    """Run ``callback`` shortly after the browser first shows ``widget`` (ipywidgets'
    ``_view_count``, which the browser reports once asked to)."""
    scheduler = scheduler or LoopScheduler()

    def viewed(change) -> None:
        if (change["new"] or 0) > 0:
            widget.unobserve(viewed, names="_view_count")
            scheduler.call_later(AFTER_VIEW_DELAY, guarded(callback))

    widget._view_count = 0
    widget.observe(viewed, names="_view_count")


def _warm_up() -> None:
    handshake.warm_up(_css)


def show_page(build: Callable[[], w.Widget]) -> None:
    """Display the page (the one call in every notebook).

    A preheated kernel loaded content and casebook before the visit and builds the body once the
    visitor arrived (``visit_parameters``), so it shows today's casebook. A kernel started for
    this visit shows the frame at once and loads content and casebook while the browser starts
    its widget code (about 1.5 s on a 2-core box, the other core); the body is built when the
    frame is on screen. Building it earlier would send its widgets before the browser listens.
    """
    from IPython.display import display

    logging.basicConfig(level=logging.INFO)
    install_ipython_backstop()
    if os.environ.get("VOILA_PREHEAT") == "True":
        _warm_up()
        handshake.visit_parameters()
        frame = PageFrame(build)
        frame.fill()
        display(frame.widget)
        return
    frame = PageFrame(build, waiting=True)
    display(frame.widget)
    scheduler = LoopScheduler()
    scheduler.call_later(0, _warm_up)
    on_first_view(frame.body, frame.fill, scheduler)
