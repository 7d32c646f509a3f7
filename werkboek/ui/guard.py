"""The guard between errors and the people using a page: one short Dutch message, never a traceback.

Any exception, while building a page or later in a widget callback (handlers wrapped with
``@guarded``, and IPython's own handler as a backstop), is logged on the server with its
traceback and shown in the page's message area (``Alert``) as a short Dutch message with a code
to pass on. The same area says so while a save waits for the privacy scanner to finish loading.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Callable

import ipywidgets as w

from werkboek.casebook.errors import CasebookError
from werkboek.markup import esc

log = logging.getLogger("werkboek.ui")

SCANNER_LOADING = ("De privacycontrole wordt nog geladen; je tekst wordt opgeslagen zodra die "
                   "klaar is.")
GENERIC_ERROR = (
    "Er ging iets mis. Wat je al had opgeslagen is bewaard. Probeer het opnieuw of laad de "
    "pagina opnieuw; blijft het misgaan, geef dan deze code door aan je begeleider: {code}."
)


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


def show_errors_in(alert: Alert) -> None:
    """Errors reported from now on show in ``alert`` (the page just shown in this kernel)."""
    global _active_alert
    _active_alert = alert


def user_message(exc: BaseException, code: str) -> str:
    """What the user reads about ``exc`` (HTML): its own Dutch text when it has one, else ``code``."""
    # content (~0.15 s) after the frame: Start's has none
    from werkboek.content.problems import ContentError

    if isinstance(exc, ContentError):
        items = "".join(f"<li>{esc(problem)}</li>" for problem in exc.problems)
        return (
            "<strong>De lesinhoud kan niet worden geladen.</strong> Vraag de beheerder om deze "
            f"problemen in de bestanden op te lossen (<code>werkboek check-content</code>):<ul>{items}</ul>"
        )

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


def install_scanner_notice() -> None:
    """Imports the scanner's client, which every save needs, with the page's line for a scanner
    that still loads."""
    # the privacy package (HTTP client) not before the frame
    from werkboek.casebook.privacy.client import when_loading

    when_loading(scanner_loading)


def install_ipython_backstop() -> None:
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
