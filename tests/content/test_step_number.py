"""Counting steps (werkboek/content/step_number.py): the counter above a step never contradicts a
step title that carries its own number, in the exercise runner as in a team session."""

from __future__ import annotations

from werkboek.content import load_content
from werkboek.ui.runner import ExerciseRunner

CONTENT = load_content()


def test_the_case_discussion_counts_parts_because_its_titles_say_stap_0(casebook):
    runner = ExerciseRunner(CONTENT, casebook, casebook.local_viewer())
    runner.open("casusbespreking")
    total = len(CONTENT.exercise("casusbespreking").steps)
    assert f"Onderdeel 1 van {total}" in runner.progress.value
    assert "Stap 0: De inbreng en de vraag" in runner.walk.step_html(runner.walk.step)
    runner.open("vragen-stellen")  # titles without a number: plain "Stap"
    assert "Stap 1 van" in runner.progress.value
