"""The "who are you" form of the course: cohort, pseudonym and role, without accounts."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.identity import pseudonym_line, role_dropdown, team_dropdown
from werkboek.ui.markup import esc
from werkboek.ui.shell import guarded

INTRO = (
    "<p>Hier werk je met je cursusgroep. Kies je groep en vul de schuilnaam of initialen in "
    "waarmee je meedoet. Trainers geven opdrachten en zien hoe ver de groep is; deelnemers "
    "zien hun opdrachten en schrijven hun leervragen op.</p>"
)
NO_COHORTS = ("<p>Er is nog geen cursusgroep in het casebook. Ben je trainer? Maak hieronder "
              "een groep aan.</p>")
NEW_COHORT_PLACEHOLDER = "Naam van de groep, bijvoorbeeld COMBINE voorjaar"
COHORT_MADE = ("De groep '{name}' is klaar. Vul je schuilnaam in, kies 'Ik ben nieuw in deze "
               "groep' en kies als rol Trainer.")
NOT_A_COHORT_NAME = ("Die naam lijkt gegevens van mensen te bevatten. Kies een naam zonder "
                     "namen, adressen of nummers, bijvoorbeeld 'COMBINE voorjaar'.")


class CohortEntrance:
    """Cohort, pseudonym and role; calls ``on_enter(member)`` once the visitor is known."""

    def __init__(self, cb, on_enter: Callable):
        from werkboek.ui.pages.casebook import identify  # the same rules as the Casebook page

        self.cb = cb
        self.identify = identify
        self.on_enter = on_enter
        self.cohorts = cb.teams(kind="cohort")
        self.intro = w.HTML(INTRO if self.cohorts else INTRO + NO_COHORTS, layout=full_width())
        self.message = w.HTML(layout=full_width())
        self.message.add_class("wb-course-message")
        self.cohort = team_dropdown(self.cohorts, "wb-course-cohort")
        self.cohort.description = "Groep"
        self.pseudonym = pseudonym_line("wb-course-pseudonym")
        self.role = role_dropdown("wb-course-role")
        enter = w.Button(description="Ga verder", button_style="primary", icon="sign-in")
        enter.add_class("wb-course-enter")
        enter.on_click(guarded(lambda _b: self.enter()))
        join = w.Button(description="Ik ben nieuw in deze groep", icon="user-plus")
        join.add_class("wb-course-new")
        join.on_click(guarded(lambda _b: self.enter(new=True)))
        self.newcomer = w.VBox([self.role, join], layout=full_width(display="none"))
        self.chooser = w.VBox([self.cohort, self.pseudonym, enter, self.newcomer],
                              layout=full_width(display=None if self.cohorts else "none"))
        self.widget = w.VBox([self.intro, self.chooser, self.message, self._creator()],
                             layout=full_width())
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
        """Make the group named in the form (through the privacy guard) and choose it."""
        from werkboek.casebook.errors import InvalidInput
        from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview

        try:
            cohort = self.cb.create_team(self.new_name.value, kind="cohort")
        except (PrivacyBlocked, PrivacyReview):
            self.say(NOT_A_COHORT_NAME)
            return None
        except InvalidInput as refused:
            self.say(str(refused).replace("het team", "de groep"))
            return None
        self.cohorts = self.cb.teams(kind="cohort")
        self.cohort.options = [(t.name, t.id) for t in self.cohorts]
        self.cohort.value = cohort.id
        self.chooser.layout.display = None
        self.intro.value = INTRO
        self.new_name.value = ""
        self.say(COHORT_MADE.format(name=cohort.name))
        return cohort

    def say(self, text: str) -> None:
        self.message.value = f'<div class="wb-message" role="alert">{esc(text)}</div>' if text else ""

    def enter(self, *, new: bool = False):
        """Identify; a pseudonym new in the cohort joins only with ``new`` (and the chosen role)."""
        from werkboek.ui.pages.casebook import NotIdentified, UnknownPseudonym

        try:
            member = self.identify(self.cb, self.cohort.value, self.pseudonym.value,
                                   self.role.value if new else None)
        except NotIdentified as refused:
            self.say(str(refused).replace("dit team", "deze groep"))
            self.newcomer.layout.display = None if isinstance(refused, UnknownPseudonym) else "none"
            return None
        self.say("")
        self.newcomer.layout.display = "none"
        self.on_enter(member)
        return member

    def reset(self) -> None:
        self.pseudonym.value = ""
