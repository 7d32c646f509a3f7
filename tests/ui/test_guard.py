"""The guard: a short Dutch message with a code instead of a traceback, the traceback in the log."""

from __future__ import annotations

import logging
import re

import ipywidgets as w

from tests.ui.test_shell import html_of
from werkboek.ui import guard, shell
from werkboek.ui.pages import dialoog


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
        @guard.guarded
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
