"""Page "Oefeningen": pick a module, then one of its exercises, and do it with the runner, or open
it as a team session ("Met je team doen": the Casusbespreking page with the exercise chosen)."""

from __future__ import annotations

import re

import ipywidgets as w

from werkboek.content import load_content
from werkboek.content.glossary_html import terms_html
from werkboek.markup import esc, markdown_html
from werkboek.ui import visitor
from werkboek.ui.content_view import team_session_href
from werkboek.ui.guard import guarded
from werkboek.ui.handshake import visit_parameters
from werkboek.ui.kit import button, full_width
from werkboek.ui.runner import ExerciseRunner, case_card, html_block

AUDIENCE_LABELS = {"persoonlijk": "Persoonlijk", "team": "Teamsessie", "cursus": "Cursus"}
LINK_STYLE = """<style>
.wb-team-session{display:inline-block;padding:.35rem .9rem;border:1px solid #2a6f97;border-radius:4px;
color:#2a6f97;text-decoration:none;font-weight:bold;margin:.4rem 0}
.wb-team-session:hover,.wb-team-session:focus{background:#2a6f97;color:#fff}
</style>"""


def team_session_link(exercise_id: str) -> str:
    return (f'{LINK_STYLE}<p><a class="wb-team-session" href="{esc(team_session_href(exercise_id))}">'
            "Met je team doen</a> Als gespreksleider start je deze oefening voor "
            "het hele team: iedereen doet mee met een code, de antwoorden kun je verborgen "
            "verzamelen en samen bekijken.</p>")


def section_key(source: str) -> tuple[int, ...]:
    """'§5.4' → (5, 4): the place of a section in the guide."""
    found = re.match(r"§(\d+(?:\.\d+)*)", source or "")
    return tuple(int(n) for n in found.group(1).split(".")) if found else (999,)


def requested_exercise() -> str | None:
    """``?oefening=<id>`` from the page address."""
    return visit_parameters().get("oefening")


class ExercisePicker:
    """Module and exercise dropdowns with a preview of the chosen exercise."""

    def __init__(self, content, on_start):
        self.content = content
        modules = sorted((m for m in content.modules.values() if content.exercises_of(m.id)),
                         key=lambda m: (section_key(m.source), m.title))
        self.module_choice = w.Dropdown(  # in the guide's order, its § in front
            options=[(f"{m.source} {m.title}", m.id) for m in modules], description="Module",
            layout=full_width(), style={"description_width": "initial"}
        )
        self.module_choice.add_class("wb-module-choice")
        self.exercise_choice = w.Dropdown(description="Oefening", layout=full_width())
        self.exercise_choice.add_class("wb-exercise-choice")
        self.preview = html_block("", "wb-exercise-preview")
        self.team_link = html_block("", "wb-team-link")
        self.start_button = button("Begin", "wb-start-exercise", style="primary", icon="play")
        self.start_button.on_click(guarded(lambda _b: on_start(self.exercise_choice.value)))
        self.module_choice.observe(guarded(self._module_changed), names="value")
        self.exercise_choice.observe(guarded(self._exercise_changed), names="value")
        intro = html_block(
            "<p>Kies een module en daarna een oefening. Je antwoorden worden tussendoor als "
            "concept bewaard; je kunt later verdergaan waar je was.</p>",
            "wb-intro",
        )
        self.widget = w.VBox(
            [intro, self.module_choice, self.exercise_choice, self.preview, self.start_button,
             self.team_link],
            layout=full_width(),
        )
        self._module_changed()

    def select(self, exercise_id: str) -> None:
        exercise = self.content.exercise(exercise_id)
        self.module_choice.value = exercise.module
        self.exercise_choice.value = exercise_id

    def _module_changed(self, *_args) -> None:
        if self.module_choice.value is None:
            self.preview.value = "<p>Er zijn nog geen oefeningen.</p>"
            self.start_button.disabled = True
            return
        exercises = self.content.exercises_of(self.module_choice.value)
        self.exercise_choice.options = [(e.title, e.id) for e in exercises]
        # A dropdown that had nothing chosen keeps nothing chosen when its options change
        # (ipywidgets 8): choose the module's first exercise, which shows its preview.
        self.exercise_choice.value = exercises[0].id

    def _exercise_changed(self, *_args) -> None:
        exercise_id = self.exercise_choice.value
        if exercise_id is None:
            return
        exercise = self.content.exercise(exercise_id)
        where = ", ".join(AUDIENCE_LABELS.get(a, a) for a in exercise.audience)
        self.preview.value = (
            f"<h2>{esc(exercise.title)}</h2>{markdown_html(exercise.intro)}"
            f"{terms_html(self.content, exercise.intro)}"
            f"<p>Geschikt voor: {esc(where)} · {len(exercise.steps)} stappen · "
            f'<span class="wb-source">bron: {esc(exercise.source)}</span></p>'
            f"{case_card(self.content, exercise.case)}"
        )
        self.team_link.value = team_session_link(exercise_id)


def build() -> w.Widget:
    from werkboek.casebook import open_casebook  # the store (SQLAlchemy) after the frame

    content = load_content()
    cb = open_casebook()
    viewer = visitor.personal_viewer(cb)
    root = w.VBox(layout=full_width())

    def show_picker() -> None:
        root.children = (picker.widget,)

    def start(exercise_id: str) -> None:
        runner.open(exercise_id)
        root.children = (runner.widget, html_block(team_session_link(exercise_id), "wb-team-link"))

    picker = ExercisePicker(content, start)
    runner = ExerciseRunner(content, cb, viewer, on_close=show_picker)
    wanted = requested_exercise()
    if wanted in content.exercises:
        picker.select(wanted)
        start(wanted)
    else:
        show_picker()
    return root
