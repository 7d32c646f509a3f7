"""The page shell: navigation to every page, a readable theme, and Dutch messages instead of tracebacks."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys

import ipywidgets as w
import pytest

from werkboek.ui import shell
from werkboek.ui.pages import dialoog, start


def html_of(widget) -> str:
    """All HTML text inside a widget tree."""
    parts = [getattr(widget, "value", "")] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "".join(p for p in parts if isinstance(p, str))


def test_navigation_links_to_every_page_and_marks_the_current_one():
    nav = shell.nav_bar(shell.page_for(start.build)).value
    for page in shell.PAGES:
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


def test_error_while_building_shows_a_short_dutch_message_and_logs_the_traceback(caplog):
    def build():
        raise RuntimeError("geheime interne fout in /pad/naar/code.py")

    with caplog.at_level(logging.ERROR, logger="werkboek.ui"):
        page = shell.build_page(build)
    html = html_of(page)
    assert "Er ging iets mis" in html
    assert "Traceback" not in html and "RuntimeError" not in html and "code.py" not in html
    assert any(record.exc_info for record in caplog.records)
    code = re.search(r"aan je begeleider: (\w{6})", html).group(1)
    assert code in caplog.text


def test_error_in_a_button_callback_is_shown_in_dutch_not_raised(caplog):
    clicked = w.Button()

    def build():
        @shell.guarded
        def fail(_button):
            raise KeyError("interne sleutel")

        clicked.on_click(fail)
        return clicked

    page = shell.build_page(build)
    with caplog.at_level(logging.ERROR, logger="werkboek.ui"):
        clicked.click()
    assert "Er ging iets mis" in html_of(page)
    assert "KeyError" not in html_of(page)
    assert "KeyError" in caplog.text


def test_broken_content_gives_a_dutch_list_of_problems(tmp_path, monkeypatch):
    (tmp_path / "modules").mkdir()
    (tmp_path / "exercises").mkdir()
    (tmp_path / "modules" / "dialoog.yaml").write_text("id: dialoog\ntitle: [kapot\n", encoding="utf-8")
    monkeypatch.setenv("WERKBOEK_CONTENT_DIR", str(tmp_path))
    html = html_of(shell.build_page(dialoog.build))
    assert "De lesinhoud kan niet worden geladen" in html
    assert "dialoog.yaml" in html and "regel" in html
    assert "Traceback" not in html


@pytest.mark.parametrize("page", [p.module for p in shell.PAGES])
def test_page_module_imports_stay_light(page):
    """A page module must not pull in pandas, plotly, deduce or SQLAlchemy just by being imported."""
    code = (
        f"import sys; import werkboek.ui.shell, werkboek.ui.pages.{page}; "
        "heavy = [m for m in ('pandas', 'plotly', 'deduce', 'sqlalchemy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


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


def test_the_warm_up_leaves_no_page_anything_to_import(tmp_path, scanner_service):
    """What a kernel does before its visitor arrives (or while the browser starts) covers every
    page's imports, so the visit itself only reads today's data and makes widgets; and what it
    loaded is kept out of later garbage collections."""
    env = {**os.environ, "WERKBOEK_DATABASE_URL": f"sqlite:///{tmp_path / 'casebook.sqlite'}",
           "WERKBOEK_CASEBOOK_DIR": str(tmp_path), "WERKBOEK_SCANNER_URL": scanner_service}
    subprocess.run([sys.executable, "-m", "werkboek.cli", "init"], env=env, check=True,
                   capture_output=True)
    code = (
        "import gc, importlib, sys\n"
        "from werkboek.ui import shell\n"
        "shell._warm_up()\n"
        "frozen = gc.get_freeze_count()\n"
        "before = set(sys.modules)\n"
        "for page in shell.PAGES:\n"
        "    shell.build_page(importlib.import_module(f'werkboek.ui.pages.{page.module}').build)\n"
        "new = [m for m in set(sys.modules) - before\n"
        "       if m.split('.')[0] in ('werkboek', 'mistune', 'sqlalchemy', 'pydantic')]\n"
        "print(frozen, ','.join(sorted(new)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            check=True)
    frozen, _, new = result.stdout.strip().partition(" ")
    assert new == ""
    assert int(frozen) > 10_000
