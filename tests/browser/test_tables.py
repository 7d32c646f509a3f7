"""Tables on a 360 px phone, with the page's own style sheet: a column is never squeezed to a
letter per line (the session's follow-up actions once showed "Wie" and "Wanneer" that way)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from tests.browser.conftest import screenshot
from werkboek.session.display import actions_html
from werkboek.ui.shell import theme

pytestmark = pytest.mark.browser

# The number of lines a table cell's text takes (its line boxes, not the row's height).
LINES = """cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}"""


def test_the_actions_table_keeps_its_words_whole_on_a_phone(phone_page):
    actions = [SimpleNamespace(what="Elke ochtend even aanbellen met een vaste collega (fictief), "
                               "en daarna kort noteren hoe het ging", owner="CM-1",
                               due=date(2031, 5, 1)),
               SimpleNamespace(what="Rooster maken", owner="Groepswerker van de avonddienst",
                               due=date(2031, 6, 12))]
    phone_page.set_content(
        '<html><head><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'{theme().value}</head><body><div class="wb-page">'
        f'<div class="widget-html"><div class="widget-html-content">{actions_html(actions)}'
        "</div></div></div></body></html>")
    for cell in ("Wie", "Wanneer", "CM-1", "01-05-2031", "12-06-2031"):
        lines = phone_page.locator(":is(th, td)", has_text=cell).first.evaluate(LINES)
        assert lines == 1, f"'{cell}' is spread over {lines} lines"
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone_page, "tabel-acties-telefoon")
