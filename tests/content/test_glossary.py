"""The glossary helper (werkboek/content/glossary_html.py): where a glossary word appears on a page, a
folded "Wat betekent dit?" explains it in plain words; the same block on module pages, in the
exercise runner and in a team session."""

from __future__ import annotations

import re

from werkboek.content import load_content
from werkboek.content.catalog import Content
from werkboek.content.glossary_html import terms_html
from werkboek.ui.content_view import module_view
from werkboek.ui.exercise_walk import ExerciseWalk
from werkboek.ui.runner import ExerciseRunner

CONTENT = load_content()


def explained(html: str) -> list[str]:
    """The words a "Wat betekent dit?" block explains, in its order."""
    return re.findall(r"<dt>(.*?)</dt>", html)


def test_each_word_is_explained_once_in_the_order_it_is_met():
    html = terms_html(CONTENT, "Welke interventie past bij deze hypothese?",
                      "Schrijf nog een hypothese op, en een tweede interventie.")
    assert explained(html) == ["interventie", "hypothese"]
    assert html.startswith('<details class="wb-terms"><summary>Wat betekent dit? ')
    assert "interventie, hypothese</span></summary>" in html  # which words, before opening it
    assert "Een mogelijke verklaring die je nog niet zeker weet" in html


def test_word_forms_count_and_a_text_without_glossary_words_gets_nothing():
    assert explained(terms_html(CONTENT, "Drie hypothesen naast elkaar.")) == ["hypothese"]
    assert terms_html(CONTENT, "Hoe was je dag?", None, "") == ""
    assert terms_html(Content(modules={}, exercises={}), "een hypothese") == ""  # no glossary


def test_a_module_page_explains_the_words_of_its_summary_and_items():
    html = module_view(CONTENT, "krachtwerk").value
    assert "Wat betekent dit?" in html and "interventie" in explained(html)


def test_an_exercise_step_explains_its_words(casebook):
    walk = ExerciseWalk(CONTENT, CONTENT.exercise("casusbespreking"))
    step = next(s for s in walk.steps if s.id == "hypothesen")
    assert "hypothese" in explained(walk.step_html(step))
    runner = ExerciseRunner(CONTENT, casebook, casebook.local_viewer())
    runner.open("casusbespreking")
    assert "Wat betekent dit?" in runner.header.value  # the intro's words too


def test_the_whole_glossary_is_one_folded_list():
    from werkboek.content.glossary_html import glossary_html

    html = glossary_html(CONTENT)
    assert html.startswith('<details class="wb-terms wb-glossary"><summary>Begrippenlijst: ')
    assert explained(html) == [term.term for term in CONTENT.glossary.terms]
    assert glossary_html(Content(modules={}, exercises={})) == ""
