"""The way into a team session, as the signed-in member: the join form (participants, and the
facilitator coming back) and the start form, where the facilitator picks the exercise (the case
discussion unless they choose another, such as the theme discussion instead of a case, or the one
``?oefening=…`` names), a case (optional outside the case discussion, none for a theme), the
presenter and, for an exercise about a tension field of choice, that field.

After a successful join or start the form is replaced by that person's view, and its live poller
starts on the kernel's loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from urllib.parse import urlencode

import ipywidgets as w

from werkboek.content import load_content
from werkboek.markup import esc
from werkboek.session.facilitator_actions import (
    Facilitation,
    LeadTaken,
    NewCase,
    start_session,
)
from werkboek.session.kernels import expect_team
from werkboek.session.participant_actions import (
    JoinRefused,
    find_session,
    join_as_guest,
    join_session,
    member_of_session,
)
from werkboek.session.room import (
    CASE_DISCUSSION,
    MONTHLY_DISCUSSIONS,
    THEME_DISCUSSION,
    SessionRoom,
)
from werkboek.ui.fields import DayField, labelled_area, labelled_text
from werkboek.ui.guard import guarded
from werkboek.ui.identity import sign_in_href, sign_in_note, team_dropdown
from werkboek.ui.kit import full_width, save_or_ask
from werkboek.ui.privacy_notice import PrivacyNotice, texts_in
from werkboek.ui.replace import replace_children
from werkboek.ui.session.projector import ProjectorView
from werkboek.vocab import CASE_MODULE, TENSION_MODULE

NEW_CASE = "__nieuw__"
NO_CASE = "__geen__"
PRESENTER_HINT = {False: "schuilnaam of rol van wie de casus inbrengt",
                  True: "schuilnaam of rol van wie het thema inbrengt"}  # by: a theme?


def exercise_options(content) -> list[tuple[str, str]]:
    """Every exercise as (label, id): the case discussion first, the theme discussion (a theme
    instead of a case) second, then module by module, each labelled with its module so the
    facilitator sees where it belongs."""
    first = content.exercise(CASE_DISCUSSION)
    options = [(f"Casusbespreking: {first.title}", first.id)]
    if THEME_DISCUSSION in content.exercises:
        options.append(("Themabespreking: een thema in plaats van een casus", THEME_DISCUSSION))
    for module in content.modules.values():
        options += [(f"{module.title}: {e.title}", e.id) for e in content.exercises_of(module.id)
                    if e.id not in MONTHLY_DISCUSSIONS]
    return options


def resume_lead(cb, code: str, principal, *, content=None) -> Facilitation:
    """The facilitator coming back to a session they lead (signed in as themselves)."""
    session = find_session(cb, code)
    viewer, member = member_of_session(cb, session, principal)
    if member.id != session.facilitator_id:
        raise JoinRefused("Alleen wie deze bespreking leidt kan hem leiden. Doe mee als deelnemer, "
                          "of vraag de gespreksleider (of de beheerder) om hem aan jou over te dragen.")
    return Facilitation(cb, session, viewer, member, content=content)


class Entrance:
    """The join and start forms; ``on_view(widget, poller)`` shows the chosen person's screen."""

    def __init__(self, cb, principal, *, code: str = "", exercise: str | None = None,
                 content=None, on_view: Callable[[w.Widget, object], None],
                 facilitator_view: Callable[[Facilitation], object],
                 participant_view: Callable[[object], object]):
        self.cb = cb
        self.principal = principal
        self.content = content or load_content()
        self.on_view = on_view
        self.facilitator_view = facilitator_view
        self.participant_view = participant_view
        self.message = w.HTML(layout=full_width())
        self.message.add_class("wb-join-message")
        self.notice = PrivacyNotice()
        # Someone who came with a code joins: the start form (a third of the page's widgets)
        # is built only if they ask for it, so their page is ready sooner.
        if principal.login_id is None and principal.guest and code:
            parts = [self.message, self._guest_form(code)]
        elif principal.login_id is None:
            parts = [sign_in_note("Casusbespreking", "Een bespreking")]
        else:
            start = self._start_later(exercise) if code else self._start_form(exercise)
            parts = [self.message, self._join_form(code), start, self.notice.widget]
        self.widget = w.VBox(parts, layout=full_width())
        self.widget.add_class("wb-entrance")

    def say(self, text: str) -> None:
        self.message.value = f'<div class="wb-message" role="alert">{esc(text)}</div>'

    # -- join
    def _join_form(self, code: str) -> w.Widget:
        self.code = labelled_text("Code van de bespreking", "wb-join-code-input",
                                  placeholder="bijvoorbeeld K7M4QX", continuous=False)
        self.code.value = code
        join = w.Button(description="Doe mee", button_style="primary", icon="sign-in")
        join.add_class("wb-join")
        join.on_click(guarded(lambda _b: self.join()))
        lead = w.Button(description="Ik ben de gespreksleider", icon="user")
        lead.add_class("wb-resume-lead")
        lead.on_click(guarded(lambda _b: self.resume()))
        box = w.VBox([w.HTML("<h2>Meedoen aan een bespreking</h2><p>Vul de code in die de "
                             "gespreksleider laat zien. Je doet mee als jezelf, met de rol die "
                             "je in je team hebt.</p>"),
                      self.code, w.HBox([join, lead])],
                     layout=full_width())
        box.add_class("wb-join-form")
        return box

    def join(self) -> None:
        try:
            participation = join_session(self.cb, self.code.value, self.principal,
                                         content=self.content)
        except JoinRefused as refused:
            self.say(str(refused))
            return
        view = self.participant_view(participation)
        self.on_view(view.widget, view.poller)

    def resume(self) -> None:
        if not self.code.value.strip():  # not the participant's "the code the lead shows you"
            self.say("Vul de code in van de bespreking die je leidt: die staat op het scherm van "
                     "de beamer.")
            return
        try:
            lead = resume_lead(self.cb, self.code.value, self.principal, content=self.content)
        except JoinRefused as refused:
            self.say(str(refused))
            return
        expect_team(self.cb, lead.viewer, lead.room.session.team_id)
        view = self.facilitator_view(lead)
        if not lead.claim():
            view.say_lead_lost(str(LeadTaken()))
        self.on_view(view.widget, view.poller)

    # -- a guest of one session
    def _guest_form(self, code: str) -> w.Widget:
        self.code = w.Text(value=code)  # from the link; not shown, the guest types only a name
        self.guest_name = labelled_text("Schuilnaam", "wb-guest-name",
                                        placeholder="bijvoorbeeld Wijkteam of je initialen",
                                        continuous=False)
        join = w.Button(description="Doe mee als gast", button_style="primary", icon="sign-in")
        join.add_class("wb-guest-join")
        join.on_click(guarded(lambda _b: self.join_as_guest()))
        box = w.VBox([w.HTML(
            "<h2>Meedoen als gast</h2><p>De gespreksleider laat gasten toe bij deze bespreking. "
            "Je ziet en schrijft alleen in deze bespreking; van de rest van het casebook zie je "
            "niets. Heb je een account? <a href=\"" + esc(sign_in_href("Casusbespreking", urlencode({"code": code}))) + "\">Meld je "
            "dan aan</a>.</p>", layout=full_width()), self.guest_name, join],
            layout=full_width())
        box.add_class("wb-guest-form")
        return box

    def join_as_guest(self) -> None:
        try:
            participation = join_as_guest(self.cb, self.code.value, self.principal,
                                          self.guest_name.value, content=self.content)
        except JoinRefused as refused:
            self.say(str(refused))
            return
        view = self.participant_view(participation)
        self.on_view(view.widget, view.poller)

    # -- start
    def _start_later(self, exercise: str | None) -> w.Widget:
        ask = w.Button(description="Zelf een sessie starten", icon="play")
        ask.add_class("wb-start-later")
        box = w.VBox([ask], layout=full_width())
        ask.on_click(guarded(lambda _b: replace_children(box, (self._start_form(exercise),))))
        return box

    def _start_form(self, exercise: str | None) -> w.Widget:
        mine = self.cb.viewer(self.principal)
        teams = [team for team in self.cb.teams()
                 if team.id in mine.team_ids | mine.cohort_ids]
        self.team = team_dropdown(teams, "wb-start-team")
        self.held_on = DayField("Datum", "wb-start-day", value=date.today())  # dd-mm-jjjj
        wide = {"description_width": "initial"}
        options = exercise_options(self.content)
        self.exercise = w.Dropdown(options=options, description="Oefening", layout=full_width(),
                                   style=wide)
        self.exercise.add_class("wb-start-exercise")
        if exercise in {value for _label, value in options}:
            self.exercise.value = exercise
        self.tension = w.Dropdown(options=[(i.title, i.id) for i in self.content.items(
            TENSION_MODULE)], description="Spanningsveld", layout=full_width(), style=wide)
        self.tension.add_class("wb-start-tension")
        self.case = w.Dropdown(layout=full_width(), description="Casus", style=wide)
        self.case.add_class("wb-start-case")
        self.case_title = labelled_text("Titel van de nieuwe casus", "wb-start-case-title",
                                        placeholder="kort, zonder namen", continuous=False)
        self.case_summary = labelled_area("Wat speelt er?", "wb-start-case-summary", rows=3,
                                          placeholder="Zonder namen, adressen of geboortedata.")
        self.new_case = w.VBox([self.case_title, self.case_summary], layout=full_width())
        self.presenter = labelled_text("Inbrenger", "wb-start-presenter",
                                       placeholder=PRESENTER_HINT[False], continuous=False)
        self.named = w.Checkbox(value=False, indent=False,  # auto width: the label is not cut off
                                description="Namen tonen op het scherm van de beamer",
                                layout=w.Layout(width="auto", max_width="100%"))
        start = w.Button(description="Start de sessie", button_style="primary", icon="play")
        start.add_class("wb-start")
        start.on_click(guarded(lambda _b: self.start("check")))
        self.team.observe(lambda _c: self._fill_cases(), names="value")
        # A facilitator is here: the team's phones will follow within minutes.
        self.team.observe(guarded(lambda _c: expect_team(self.cb, mine, self.team.value)),
                          names="value")
        expect_team(self.cb, mine, self.team.value)
        self.exercise.observe(lambda _c: self._fill_cases(), names="value")
        self.case.observe(lambda _c: self._toggle_new_case(), names="value")
        self._fill_cases()
        box = w.VBox([w.HTML("<h2>Een sessie starten</h2><p>Kies de oefening die je met het team "
                             "doet: de casusbespreking, of een andere oefening uit het werkboek. "
                             "Is er deze maand geen casus, of gaan meer casussen over hetzelfde? "
                             "Kies dan de themabespreking: dan bespreek je een thema in plaats "
                             "van een casus.</p>"), self.team, self.held_on.widget, self.exercise,
                      self.tension, self.case, self.new_case, self.presenter, self.named, start],
                     layout=full_width())
        box.add_class("wb-start-form")
        if not teams:
            box.children = (w.HTML("<h2>Een sessie starten</h2><p>Je bent nog geen lid van een "
                                   "team. Vraag de beheerder van je team om je toe te voegen."
                                   "</p>"),)
        return box

    def _team_viewer(self):
        return self.cb.viewer(self.principal, self.team.value)

    def _fill_cases(self) -> None:
        """The case choices for the chosen exercise: the case discussion needs a case (the first
        one offered); another exercise starts with its own fictional case, or none."""
        exercise = self.content.exercise(self.exercise.value)
        case_discussion = exercise.id == CASE_DISCUSSION
        options = [] if case_discussion else [("Geen casus", NO_CASE)]
        options.append(("Nieuwe casus", NEW_CASE))
        if self.team.value is not None:
            options += [(c.title, c.id) for c in self.cb.cases(self._team_viewer(), self.team.value)]
        options += [(f"Oefencasus: {i.title}", f"seed:{i.id}")
                    for i in self.content.items(CASE_MODULE)]
        self.case.options = options
        if case_discussion:
            self.case.value = options[1][1] if len(options) > 1 else NEW_CASE
        else:
            own = f"seed:{exercise.case}"
            self.case.value = own if exercise.case and own in dict(options).values() else NO_CASE
        self.tension.layout.display = None if exercise.choose_tension else "none"
        theme = exercise.id == THEME_DISCUSSION
        self.case.layout.display = "none" if theme else None  # a theme, no case: nothing to pick
        self.presenter.placeholder = PRESENTER_HINT[theme]
        self._toggle_new_case()

    def _has_presenter(self) -> bool:
        """A case has a presenter; so has a theme (she picks it), though it has no case."""
        return self.case.value != NO_CASE or self.exercise.value == THEME_DISCUSSION

    def _toggle_new_case(self) -> None:
        self.new_case.layout.display = None if self.case.value == NEW_CASE else "none"
        self.presenter.layout.display = None if self._has_presenter() else "none"

    def _chosen_case(self, privacy: str) -> int | NewCase | None:
        choice = self.case.value
        if choice == NO_CASE:
            return None
        if choice == NEW_CASE:
            return NewCase(self.case_title.value.strip(), self.case_summary.value.strip(),
                           privacy=privacy)
        if isinstance(choice, str) and choice.startswith("seed:"):
            item = self.content.item(CASE_MODULE, choice.removeprefix("seed:"))
            return NewCase(item.title, item.text, tuple(item.life_domains or ()),
                           tuple(item.tension_fields or ()), privacy="fictional")
        return choice

    def start(self, privacy: str) -> None:
        if self.team.value is None:
            self.say("Kies het team waarmee je de sessie doet.")
            return
        if not self.held_on.valid:
            self.say("Vul de datum in als dd-mm-jjjj, of laat het veld leeg voor vandaag.")
            return
        case = self._chosen_case(privacy)
        if isinstance(case, NewCase) and not (case.title and case.summary):
            self.say("Geef de nieuwe casus een titel en beschrijf kort wat er speelt.")
            return
        exercise = self.content.exercise(self.exercise.value)
        presenter = self.presenter.value.strip() if self._has_presenter() else ""
        fields = {"text": self.case_title.value, "value": [self.case_summary.value,
                                                          self.presenter.value]}
        save_or_ask(self.notice, lambda _privacy: start_session(
            self.cb, team_id=self.team.value, principal=self.principal,
            exercise_id=exercise.id, module_id=exercise.module, case=case,
            on=self.held_on.value, presenter=presenter or None, named_mode=self.named.value,
            tension=self.tension.value if exercise.choose_tension else None,
            content=self.content,
        ), texts_in(fields), privacy=privacy, then=self._started, retry=self.start)

    def _started(self, lead: Facilitation) -> None:
        expect_team(self.cb, lead.viewer, self.team.value)
        view = self.facilitator_view(lead)
        self.on_view(view.widget, view.poller)


def projector_for(cb, code: str, token: str, *, content=None):
    """The projector screen of the session with ``code``, opened with its read-only link's
    ``token`` (JoinRefused when there is no such session, NotAllowed for a wrong token)."""

    session = find_session(cb, code)
    room = SessionRoom(cb, session, cb.projector_viewer(session.id, token), content=content,
                       names=False)
    room.refresh()
    return ProjectorView(room)
