"""The page shell: navigation to every page, a readable theme, the frame around the page body."""

from __future__ import annotations

import re

import ipywidgets as w

from werkboek.ui import registry, shell
from werkboek.ui.pages import start


def html_of(widget) -> str:
    """All HTML text inside a widget tree."""
    parts = [getattr(widget, "value", "")] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "".join(p for p in parts if isinstance(p, str))


def test_navigation_links_to_every_page_and_marks_the_current_one():
    nav = shell.nav_bar(registry.page_for(start.build)).value
    for page in registry.PAGES:
        assert f'href="{page.notebook}.ipynb"' in nav
    assert re.search(r'href="Start.ipynb" aria-current="page"', nav)


def test_page_has_theme_title_and_a_css_class_for_the_browser_tests():
    def build():
        return w.Label("inhoud")

    build.__module__ = "werkboek.ui.pages.spanningsvelden"
    page = shell.build_page(build)
    assert "wb-page" in page._dom_classes
    html = html_of(page)
    assert "<style>" in html and ".wb-page" in html
    assert "<h1>Spanningsvelden</h1>" in html


def test_theme_has_no_fixed_width_wider_than_a_phone():
    css = shell._css()
    for number, unit in re.findall(r"(?<![-\w])width:\s*(\d+)(px|rem|em)", css):
        size = int(number) * (16 if unit != "px" else 1)
        assert size <= 340, f"fixed width {number}{unit} is too wide for a 360 px phone"


def test_a_kernel_started_for_the_visit_shows_the_frame_first_and_the_body_once_on_screen(
        casebook, monkeypatch, clock):
    """Voilà sends a page only after its cell ran: the frame goes out at once, and the body
    (content, casebook) is built once the browser shows the frame."""
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    monkeypatch.setattr(shell, "LoopScheduler", lambda: clock)  # the kernel's loop
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    built = []

    def build():
        built.append(True)
        return w.Button(description="Opslaan")

    build.__module__ = "werkboek.ui.pages.dialoog"
    shell.show_page(build)
    (page,) = shown
    assert "<h1>Vier niveaus van dialoog</h1>" in html_of(page)
    assert "Even geduld" in html_of(page) and not built
    body = next(child for child in page.children if "wb-page-body" in child._dom_classes)
    clock.advance(1)  # the cell has ended: the warm-up runs, the body still waits for a view
    assert not built
    body._view_count = 1  # what the browser reports once it shows the frame
    clock.advance(1)
    assert built and "Even geduld" not in html_of(page)
    assert body.children[0].description == "Opslaan"


def test_a_waiting_frame_says_what_the_loading_page_said():
    """The loading page (Voilà's template) and a frame still waiting for its body show the same
    Dutch line, so a visitor sees one message until the page is there, not two."""
    from werkboek.serving import TEMPLATE, TEMPLATE_ROOT

    spinner = TEMPLATE_ROOT / "voila" / "templates" / TEMPLATE / "spinner.macro.html.j2"
    line = re.sub("<[^>]+>", "", shell.STILL_LOADING)
    assert line.startswith("Even geduld") and f">{line}</p>" in spinner.read_text()
