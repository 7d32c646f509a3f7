"""The way into the course: the signed-in member's course groups, and a new group for a trainer.

Who is a trainer comes from the membership a beheerder granted, never from a choice on the page.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.casebook.errors import InvalidInput
from werkboek.markup import esc
from werkboek.ui.guard import guarded
from werkboek.ui.identity import sign_in_note, team_dropdown
from werkboek.ui.kit import full_width
from werkboek.vocab import TRAINING_ROLES

INTRO = (
    "<p>Hier werk je met je cursusgroep. Trainers geven opdrachten en zien hoe ver de groep is; "
    "deelnemers zien hun opdrachten en schrijven hun leervragen op.</p>"
)
NO_COHORTS = ("<p>Je zit nog niet in een cursusgroep. Vraag je trainer of de beheerder om je "
              "toe te voegen. Intussen kun je zelf oefenen op de pagina "
              '<a href="Oefeningen.ipynb">Oefeningen</a>.</p>')
NEW_COHORT_PLACEHOLDER = "Naam van de groep, bijvoorbeeld COMBINE voorjaar"
COHORT_MADE = "De groep '{name}' is klaar; jij bent er trainer van."
NOT_A_COHORT_NAME = ("Die naam lijkt gegevens van mensen te bevatten. Kies een naam zonder "
                     "namen, adressen of nummers, bijvoorbeeld 'COMBINE voorjaar'.")


class CohortEntrance:
    """The visitor's course groups; calls ``on_enter(viewer, cohort_id)`` for the chosen one."""

    def __init__(self, cb, principal, on_enter: Callable):
        self.cb = cb
        self.principal = principal
        self.on_enter = on_enter
        self.message = w.HTML(layout=full_width())
        self.message.add_class("wb-course-message")
        if principal.login_id is None:
            self.widget = w.VBox([sign_in_note("Trainer", "De cursus")], layout=full_width())
            return
        self.me = cb.viewer(principal)
        self.cohorts = [t for t in cb.teams(kind="cohort") if t.id in self.me.cohort_ids]
        self.intro = w.HTML(INTRO if self.cohorts else INTRO + NO_COHORTS, layout=full_width())
        self.cohort = team_dropdown(self.cohorts, "wb-course-cohort")
        self.cohort.description = "Groep"
        enter = w.Button(description="Ga verder", button_style="primary", icon="sign-in")
        enter.add_class("wb-course-enter")
        enter.on_click(guarded(lambda _b: self.enter()))
        self.chooser = w.VBox([self.cohort, enter], layout=full_width())
        # No group yet: no (hidden) choice on the page; it appears once a group is made.
        parts = [self.intro, self.chooser, self.message] if self.cohorts else [self.intro,
                                                                                self.message]
        if any(role in TRAINING_ROLES for _team, role in self.me.roles):
            parts.append(self._creator())
        self.widget = w.VBox(parts, layout=full_width())
        self.widget.add_class("wb-course-form")

    def _creator(self) -> w.Widget:
        """A folded form for a trainer to make a new course group."""
        self.new_name = w.Text(placeholder=NEW_COHORT_PLACEHOLDER, layout=full_width())
        self.new_name.add_class("wb-course-new-name")
        make = w.Button(description="Maak de groep", icon="plus")
        make.add_class("wb-course-make")
        make.on_click(guarded(lambda _b: self.create()))
        creator = w.Accordion([w.VBox([self.new_name, make], layout=full_width())],
                              titles=("Nieuwe cursusgroep maken",), layout=full_width())
        creator.selected_index = None if self.cohorts else 0
        creator.add_class("wb-course-creator")
        return creator

    def create(self):
        """Make the group named in the form (through the privacy guard), with the visitor as
        its trainer, and choose it."""
        # the privacy package (HTTP client) not before the frame
        from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview

        try:
            cohort = self.cb.create_cohort(self.me, self.new_name.value)
        except (PrivacyBlocked, PrivacyReview):
            self.say(NOT_A_COHORT_NAME)
            return None
        except InvalidInput as refused:
            self.say(str(refused).replace("het team", "de groep"))
            return None
        self.me = self.cb.viewer(self.principal)
        self.cohorts = [t for t in self.cb.teams(kind="cohort") if t.id in self.me.cohort_ids]
        self.cohort.options = [(t.name, t.id) for t in self.cohorts]
        self.cohort.value = cohort.id
        if self.chooser not in self.widget.children:
            self.widget.children = (self.intro, self.chooser, *self.widget.children[1:])
        self.intro.value = INTRO
        self.new_name.value = ""
        self.say(COHORT_MADE.format(name=cohort.name))
        return cohort

    def say(self, text: str) -> None:
        self.message.value = f'<div class="wb-message" role="alert">{esc(text)}</div>' if text else ""

    def enter(self):
        """Open the chosen group as the visitor's membership there."""
        if self.cohort.value is None:
            self.say("Kies je groep.")
            return None
        viewer = self.cb.viewer(self.principal, self.cohort.value)
        self.say("")
        self.on_enter(viewer, self.cohort.value)
        return viewer
