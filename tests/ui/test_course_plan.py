"""The trainer's layer on the Trainer page (werkboek/ui/course/plan.py): the suggested COMBINE
course order meeting by meeting, each module once, with its trainer note."""

from __future__ import annotations

import re

from werkboek.content import load_content
from werkboek.content.catalog import Content
from werkboek.course.figures_html import minutes_text
from werkboek.ui.course.plan import course_plan_html, trainer_note_html

CONTENT = load_content()


def test_the_meetings_come_in_the_plans_order_and_every_module_once():
    html = course_plan_html(CONTENT)
    meetings = re.findall(r"<h4>(.*?)</h4>", html)
    assert meetings == [block.title for block in CONTENT.course.blocks]
    assert meetings[0].startswith("1. ") and meetings[-1].startswith("8. ")
    shown = re.findall(r'id="module-([a-z0-9-]+)"', html)
    assert sorted(shown) == sorted(CONTENT.modules) and len(shown) == len(set(shown))
    assert shown[:3] == CONTENT.course.blocks[0].modules  # the first meeting's modules first
    assert "Ongeveer 2,5 uur" in html  # the first meeting's 150 minutes, as a trainer plans them
    # Each exercise of a meeting opens alone, or starts as a session for the group.
    assert ('<a href="Casusbespreking.ipynb?oefening=psycho-educatie">met de groep doen</a>'
            in html)


def test_a_module_shows_goal_work_form_time_questions_and_pitfalls():
    note = CONTENT.module("toontje").trainer_note
    html = trainer_note_html(note)
    for label in ("Doel:", "Werkvorm:", "Tijd:", "Vragen aan de hele groep", "Valkuilen"):
        assert label in html
    assert minutes_text(note.minutes) in html and "35 minuten" in html
    assert "hoe doet de moeder mee aan een ritueel" in html.lower()
    assert html.count("<li>") == len(note.group_questions) + len(note.pitfalls)


def test_without_a_plan_every_module_is_listed_and_a_module_without_note_shows_none():
    html = course_plan_html(Content(modules=CONTENT.modules, exercises=CONTENT.exercises))
    assert html.startswith("<h3>Modules van de cursus</h3>")
    assert len(re.findall(r'id="module-', html)) == len(CONTENT.modules)
    assert trainer_note_html(None) == ""
    assert (minutes_text(45), minutes_text(120)) == ("45 minuten", "2 uur")
