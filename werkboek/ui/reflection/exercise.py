"""An exercise of the content embedded in a page: its intro, then the shared exercise runner.

After "Afronden" the page hears about it (``on_finish``, e.g. to redraw its charts); "Nog een
oefening" starts the same exercise again, so a page stays on its own exercise.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.markup import markdown_html
from werkboek.ui.kit import full_width
from werkboek.ui.runner import ExerciseRunner, html_block
from werkboek.ui.scheduling import Scheduler


class EmbeddedExercise:
    def __init__(self, content, cb, viewer, exercise_id: str, *,
                 on_finish: Callable[[], None] | None = None, scheduler: Scheduler | None = None):
        exercise = content.exercise(exercise_id)
        self.runner = ExerciseRunner(content, cb, viewer, scheduler=scheduler, on_finish=on_finish,
                                     on_close=lambda: self.runner.open(exercise_id))
        intro = html_block(markdown_html(exercise.intro), "wb-exercise-intro")
        self.runner.open(exercise_id)
        self.widget = w.VBox([intro, self.runner.widget], layout=full_width())
        self.widget.add_class(f"wb-exercise-{exercise_id}")
