"""The page shell every notebook uses: theme, navigation, title, and no tracebacks for users.

``show_page(build)`` displays the page frame with the body ``build`` makes: at once in a preheated
kernel, once the frame is on screen in a kernel started for the visit. Any exception, while
building or later in a widget callback (handlers wrapped with ``@guarded``, and IPython's own
handler as a backstop), is logged on the server with its traceback and shown to the user as one
short Dutch message.
"""

from __future__ import annotations

import functools
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import ipywidgets as w

from werkboek.hub_env import hub_logout_url, in_hub
from werkboek.ui.markup import esc
from werkboek.ui.replace import replace_children
from werkboek.ui.scheduling import LoopScheduler
from werkboek.vocab import LEVEL_MODULE, PRINCIPLE_MODULE, TENSION_MODULE

log = logging.getLogger("werkboek.ui")


@dataclass(frozen=True)
class PageInfo:
    notebook: str  # file name without .ipynb
    title: str
    module: str  # werkboek.ui.pages.<module>


PAGES: tuple[PageInfo, ...] = (
    PageInfo("Start", "Werkboek", "start"),
    PageInfo("Oefeningen", "Oefeningen", "oefeningen"),
    PageInfo("Casusbespreking", "Casusbespreking", "casusbespreking"),
    PageInfo("Dialoog", "Vier niveaus van dialoog", LEVEL_MODULE),
    PageInfo("Spanningsvelden", "Spanningsvelden", TENSION_MODULE),
    PageInfo("Principes", "Leidende principes", PRINCIPLE_MODULE),
    PageInfo("Casebook", "Casebook", "casebook"),
    PageInfo("Trainer", "Trainer", "trainer"),
    PageInfo("Mijn-reflecties", "Mijn reflecties", "mijn_reflecties"),
)
NAV_LABELS = {"Start": "Start", "Dialoog": "Dialoog", "Principes": "Principes"}
STILL_LOADING = '<p class="wb-loading">Even geduld: de pagina wordt klaargezet.</p>'
AFTER_VIEW_DELAY = 0.05  # seconds: let the browser finish drawing what it shows first
SCANNER_LOADING = ("De privacycontrole wordt nog geladen; je tekst wordt opgeslagen zodra die "
                   "klaar is.")
GENERIC_ERROR = (
    "Er ging iets mis. Wat je al had opgeslagen is bewaard. Probeer het opnieuw of laad de "
    "pagina opnieuw; blijft het misgaan, geef dan deze code door aan je begeleider: {code}."
)


def page_href(notebook: str) -> str:
    """Link to a page. Relative, so it also works under a JupyterHub prefix (/user/<naam>/)."""
    return f"{notebook}.ipynb"


def page_for(build: Callable) -> PageInfo | None:
    module = getattr(build, "__module__", "") or ""
    return next((p for p in PAGES if module == f"werkboek.ui.pages.{p.module}"), None)


@functools.lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("werkboek.ui").joinpath("theme.css").read_text(encoding="utf-8")


def theme() -> w.HTML:
    """The theme as a ``<style>`` element; one per page."""
    return w.HTML(f"<style>{_css()}</style>", layout=w.Layout(display="none"))


def account_link() -> str:
    """'Mijn apparaten' for a signed-in visitor, else 'Aanmelden' (back to the start page);
    under JupyterHub 'Afmelden' at the hub, which signs people in and out there."""
    from werkboek.casebook import grants

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


class Alert:
    """The page's message area: one short Dutch message, hidden while there is none."""

    def __init__(self) -> None:
        self.widget = w.HTML(layout=w.Layout(width="100%", display="none"))
        self.widget.add_class("wb-alert")

    def show(self, html: str) -> None:
        self.widget.value = f'<div class="wb-message" role="alert">{html}</div>'
        self.widget.layout.display = None

    def clear(self) -> None:
        self.widget.value = ""
        self.widget.layout.display = "none"


_active_alert: Alert | None = None  # the alert of the page shown in this kernel


def user_message(exc: BaseException, code: str) -> str:
    """What the user reads about ``exc`` (HTML): its own Dutch text when it has one, else ``code``."""
    from werkboek.content.problems import ContentError

    if isinstance(exc, ContentError):
        items = "".join(f"<li>{esc(problem)}</li>" for problem in exc.problems)
        return (
            "<strong>De lesinhoud kan niet worden geladen.</strong> Vraag de beheerder om deze "
            f"problemen in de bestanden op te lossen (<code>werkboek check-content</code>):<ul>{items}</ul>"
        )
    from werkboek.casebook.errors import CasebookError

    if isinstance(exc, CasebookError):
        return f"<strong>Het casebook geeft een melding.</strong> {esc(exc)}"
    return esc(GENERIC_ERROR.format(code=code))


def report_error(exc: BaseException) -> None:
    """Log ``exc`` with its traceback and show the user a short Dutch message."""
    code = uuid.uuid4().hex[:6]
    log.error("werkboek page error %s (%s)", code, type(exc).__name__, exc_info=exc)
    if _active_alert is not None:
        _active_alert.show(user_message(exc, code))


def guarded(handler: Callable) -> Callable:
    """Wrap a widget callback: an exception is reported (logged + Dutch message), never raised."""

    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except Exception as exc:
            report_error(exc)
            return None

    return wrapper


class PageFrame:
    """Theme, navigation, title and message area around a slot for the page body; ``waiting``
    puts the Dutch waiting line in the slot until ``fill`` builds the body."""

    def __init__(self, build: Callable[[], w.Widget], *, waiting: bool = False):
        global _active_alert
        self.build = build
        info = page_for(build)
        self.alert = Alert()
        _active_alert = self.alert
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


def scanner_loading(waiting: bool) -> None:
    """While a save waits for the privacy scanner to finish loading (just after `werkboek serve`
    started), the page's message area says so; the line goes once the wait is over."""
    alert = _active_alert
    if alert is None:
        return
    if waiting:
        alert.show(esc(SCANNER_LOADING))
    elif esc(SCANNER_LOADING) in alert.widget.value:
        alert.clear()


def _install_scanner_notice() -> None:
    from werkboek.casebook.privacy.client import when_loading

    when_loading(scanner_loading)


def _install_ipython_backstop() -> None:
    """Callback errors not wrapped by ``guarded`` would print a traceback: report them instead."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def handler(_shell, _etype, value, _tb, tb_offset=None):
        report_error(value)

    shell.set_custom_exc((Exception,), handler)


@functools.cache
def visit_parameters() -> dict[str, str]:
    """The query parameters of this visit (``?code=…&view=…``), read once per kernel.

    A preheated kernel has run its imports before anyone visits and then waits for the
    visitor's request (``_wait_for_visitor``). Asking twice would wait for a second visitor,
    hence the cache. Outside a preheated Voilà kernel it reads ``QUERY_STRING`` at once.
    """
    from urllib.parse import parse_qs

    query = _wait_for_visitor() if os.environ.get("VOILA_PREHEAT") == "True" else ""
    query = query or os.environ.get("QUERY_STRING", "")
    return {key: values[0] for key, values in parse_qs(query).items() if values}


def _wait_for_visitor() -> str:
    """In a preheated kernel: wait until Voilà hands it to a visitor; their query string.

    The exchange of ``voila.utils.get_query_string`` (Voilà 0.5): Voilà's query socket for this
    kernel sends the visit's request environment once a visitor gets the kernel. Importing
    voila.utils would pull jupyter_server, jupyterlab_server and nbconvert into every page kernel
    (about 48 MB each, measured), for this one message.
    """
    import asyncio
    import json
    import threading

    import websockets

    env = os.environ
    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    url = (f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{env.get('VOILA_APP_PORT', '8866')}{base}voila/query/{env.get('VOILA_KERNEL_ID')}")

    from werkboek.casebook import grants

    async def receive() -> str:
        # Voilà's socket answers only the server's own kernels (werkboek.signin.kernels).
        secret = {grants.KERNEL_HEADER: env.get(grants.SECRET_ENV, "")}
        async with websockets.connect(url, open_timeout=5, additional_headers=secret) as socket:
            return await socket.recv()

    received: list[str] = []
    # The kernel's own loop is busy running this cell: wait on a loop of our own.
    waiter = threading.Thread(target=lambda: received.append(asyncio.run(receive())))
    waiter.start()
    waiter.join()
    for key, value in json.loads(received[0] if received else "{}").items():
        env[key] = value
    return env.get("QUERY_STRING", "")


def _warm_up() -> None:
    """Do before the page is built what does not depend on the visit: load the content, open the
    casebook, import the page modules, the Markdown renderer and the scanner's client (with the
    page's line for a scanner that still loads); then set it all aside from garbage collection.

    A preheated kernel runs this before its visitor arrives, a kernel started for the visit while
    the browser starts. What is left for the visit is reading today's data and making widgets.
    ``gc.freeze`` keeps the tens of thousands of objects just loaded out of later collections: a
    full collection during the build took about 0.1 s on a 2-core box. A failure here is left to
    the page's own build, which tells the user.
    """
    import gc
    import importlib
    import pkgutil

    try:
        from werkboek.casebook import open_casebook
        from werkboek.content import load_content
        from werkboek.ui import markup

        load_content()
        open_casebook()
        for module in pkgutil.walk_packages(importlib.import_module("werkboek.ui").__path__,
                                            "werkboek.ui."):
            importlib.import_module(module.name)
        markup.markdown_html("*")  # creates the renderer
        _css()
        _install_scanner_notice()  # imports the scanner's client, which every save needs
    except Exception as exc:  # reported by build_page
        log.info("warm-up before the visit failed: %s", type(exc).__name__)
    gc.collect()
    gc.freeze()


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
    _install_ipython_backstop()
    if os.environ.get("VOILA_PREHEAT") == "True":
        _warm_up()
        visit_parameters()
        frame = PageFrame(build)
        frame.fill()
        display(frame.widget)
        return
    frame = PageFrame(build, waiting=True)
    display(frame.widget)
    scheduler = LoopScheduler()
    scheduler.call_later(0, _warm_up)
    on_first_view(frame.body, frame.fill, scheduler)
