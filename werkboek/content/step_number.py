"""How a page counts the steps of an exercise: "Stap 2 van 9", or "Onderdeel 2 van 9" when the
exercise's step titles number themselves ("Stap 0: De inbreng"), so the two never contradict."""

from __future__ import annotations


def step_counter(exercise, number: int, total: int) -> str:
    own = any(step.title.startswith("Stap ") for step in exercise.steps)
    return f"{'Onderdeel' if own else 'Stap'} {number} van {total}"
