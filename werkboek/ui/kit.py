"""The small parts every page builds with: a full-width layout, a button, a row of download
buttons, and saving a text past the privacy guard.

``save_or_ask`` is the one way a page stores what someone wrote: try it; when the casebook's
privacy guard refuses (``PrivacyBlocked``/``PrivacyReview``), show the shared ``PrivacyNotice``
and, once the writer chooses ("Gebruik de versie met schuilnamen" / "Dit is verzonnen"), try
again with that choice. Nothing is stored while the notice is up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from werkboek.ui.guard import guarded
from werkboek.ui.privacy_notice import PrivacyNotice


def full_width(**kwargs) -> w.Layout:
    return w.Layout(width="100%", max_width="100%", **kwargs)


def button(description: str, css_class: str, on_click: Callable[[], Any] | None = None, *,
           icon: str = "", style: str = "", fit_label: bool = False) -> w.Button:
    """A button with its CSS class; ``on_click()`` runs guarded (a failure shows a Dutch message).

    ``fit_label``: as wide as its label (the default width wraps longer Dutch labels)."""
    layout = w.Layout(width="max-content", flex="0 0 auto") if fit_label else w.Layout()
    b = w.Button(description=description, icon=icon, button_style=style, layout=layout)
    b.add_class(css_class)
    if on_click is not None:
        b.on_click(guarded(lambda _b: on_click()))
    return b


def download_row(labels: Iterable[tuple[str, str]], css_prefix: str,
                 make: Callable[[str], Any], *, fit_label: bool = False) -> w.HBox:
    """One download button per ``(format, label)``; pressing one calls ``make(format)``, which
    puts the file's link where the page shows it. Each button has the class ``css_prefix-format``."""
    buttons = [button(label, f"{css_prefix}-{fmt}", lambda f=fmt: make(f), icon="download",
                      fit_label=fit_label)
               for fmt, label in labels]
    row = w.HBox(buttons, layout=full_width())
    row.add_class("wb-row")
    return row


def save_or_ask(notice: PrivacyNotice, save: Callable[[str], Any], texts: list[str], *,
                privacy: str = "check", then: Callable[[Any], Any] | None = None,
                refused: Callable[[], Any] | None = None,
                retry: Callable[[str], Any] | None = None) -> bool:
    """Run ``save(privacy)``; True when it stored (the notice is cleared, then ``then(result)``).

    On a privacy refusal: ``refused()``, the notice explains it for the answer's ``texts``, and
    the writer's choice ("accept"/"fictional") runs ``retry(choice)`` -- by default this same save
    again with the choice -- and False is returned. Other errors are the caller's."""
    # the privacy package (HTTP client) not before the frame
    from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview

    def attempt(mode: str) -> bool:
        try:
            result = save(mode)
        except (PrivacyBlocked, PrivacyReview) as exc:
            if refused is not None:
                refused()
            notice.show(exc, texts, retry or attempt)
            return False
        notice.clear()
        if then is not None:
            then(result)
        return True

    return attempt(privacy)
