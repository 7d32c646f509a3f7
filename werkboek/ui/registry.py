"""The page registry: every page of the workbook, its notebook, title and module, and links to it.

One list (``PAGES``) that the navigation, the page frame's title, the warm-up and the tests all
read; a new page is added here and as ``notebooks/<notebook>.ipynb``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from werkboek.vocab import LEVEL_MODULE, PRINCIPLE_MODULE, TENSION_MODULE


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


def page_href(notebook: str) -> str:
    """Link to a page. Relative, so it also works under a JupyterHub prefix (/user/<naam>/)."""
    return f"{notebook}.ipynb"


def page_for(build: Callable) -> PageInfo | None:
    module = getattr(build, "__module__", "") or ""
    return next((p for p in PAGES if module == f"werkboek.ui.pages.{p.module}"), None)
