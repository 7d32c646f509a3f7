"""The trainer's plan of the group's meetings: start from the suggested COMBINE order, add,
change, move and remove meetings (date, title, modules, exercises, work form, time), put a
meeting's modules in the order they are done, open a
meeting's exercises for the group, start a team round with the group from the plan, and mark
who came. Everything is stored at once; the store
refuses it to anyone but the group's trainer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import ipywidgets as w

from werkboek.casebook.errors import InvalidInput
from werkboek.course import cohort
from werkboek.markup import esc
from werkboek.ui.content_view import team_session_href
from werkboek.ui.course.plan import (
    SUGGESTED_WEEKS,
    meeting_label,
    meetings_table_html,
    suggested_meetings,
)
from werkboek.ui.feedback import Message
from werkboek.ui.fields import DayField, labelled_text
from werkboek.ui.guard import guarded
from werkboek.ui.kit import button, full_width

CASE_DISCUSSION = "casusbespreking"
PICK_HINT = ('<p class="wb-hint">Modules en oefeningen: meer dan één kiezen doe je door Ctrl (Mac: '
             "Cmd) ingedrukt te houden terwijl je klikt. Op een telefoon vink je ze aan.</p>")
NOT_STORED = ("Niet opgeslagen: de titel, de werkvorm of het thema lijkt gegevens van mensen te "
              "bevatten. Schrijf het zonder namen, adressen of nummers.")


def wrapping_row(children) -> w.Box:
    return w.Box(children, layout=w.Layout(display="flex", flex_flow="row wrap", width="100%",
                                           grid_gap="0.4rem"))


def rounds_html(content, meeting) -> str:
    """Links that start a session with the group as its team: the meeting's exercises, and a
    case discussion (recommendation 14: from meeting 3 on, every meeting has one)."""
    exercises = [e for e in (*meeting.exercises, CASE_DISCUSSION) if e in content.exercises]
    links = "".join(f'<li><a href="{esc(team_session_href(e))}">{esc(content.exercise(e).title)}'
                    "</a></li>" for e in dict.fromkeys(exercises))
    return ("<p>Samen doen, met de groep als team (iedereen doet mee op een eigen laptop of "
            f"telefoon):</p><ul>{links}</ul>")


class PlanEditor:
    """The group's meetings as a table, and one chosen meeting to change, open and mark."""

    def __init__(self, cb, content, viewer, cohort_id: int, *, today: Callable[[], date] = date.today,
                 on_change: Callable[[], None] = lambda: None):
        self.cb, self.content, self.viewer, self.cohort_id = cb, content, viewer, cohort_id
        self.today, self.on_change = today, on_change
        self.table = w.HTML(layout=full_width())
        self.table.add_class("wb-plan-table")
        self.message = Message("wb-plan-message")
        self.start = DayField("Eerste bijeenkomst (dd-mm-jjjj)", "wb-plan-start",
                              value=today() + timedelta(weeks=2))
        take = button("Begin met de voorgestelde volgorde", "wb-plan-suggested", fit_label=True, icon="list-ol",
                            style="primary")
        take.on_click(guarded(lambda _b: self.take_suggestion()))
        self.suggestion = w.VBox([
            w.HTML("<p>Begin met de volgorde die bij de COMBINE hoort (acht bijeenkomsten, om de "
                   f"{SUGGESTED_WEEKS} weken). Daarna kun je alles aanpassen.</p>"),
            self.start.widget, take], layout=full_width())
        add = button("Bijeenkomst toevoegen", "wb-plan-add", fit_label=True, icon="plus")
        add.on_click(guarded(lambda _b: self.add()))
        self.chooser = w.Dropdown(description="Bijeenkomst", layout=full_width(),
                                  style={"description_width": "initial"})
        self.chooser.add_class("wb-plan-choice")
        self.chooser.observe(guarded(lambda _c: self.show_chosen()), names="value")
        self.day = DayField("Datum (dd-mm-jjjj)", "wb-plan-day")
        self.title = labelled_text("Titel", "wb-plan-title", continuous=False)
        self.work_form = labelled_text("Werkvorm", "wb-plan-work-form", continuous=False)
        self.theme = labelled_text("Thema of casus uit de groep", "wb-plan-theme", continuous=False)
        self.minutes = w.BoundedIntText(description="Minuten", min=15, max=480, step=15,
                                        style={"description_width": "initial"},
                                        layout=w.Layout(width="12rem"))
        self.minutes.add_class("wb-plan-minutes")
        course = self.content.course_modules() or list(content.modules.values())
        rest = [m for m in content.modules.values() if m not in course]
        self.modules = w.SelectMultiple(options=[(m.title, m.id) for m in course + rest], rows=6,
                                        description="Modules", layout=full_width(),
                                        style={"description_width": "initial"})
        self.modules.add_class("wb-plan-modules")
        self.module_order = w.VBox(layout=full_width())
        self.module_order.add_class("wb-module-order")
        self.exercises = w.SelectMultiple(
            options=[(e.title, e.id) for e in content.exercises.values()
                     if "cursus" in e.audience], rows=6, description="Oefeningen",
            layout=full_width(), style={"description_width": "initial"})
        self.exercises.add_class("wb-plan-exercises")
        buttons = []
        for label, css, icon, action in (
                ("Opslaan", "wb-plan-save", "save", self.save),
                ("Eerder", "wb-plan-earlier", "arrow-up", lambda: self.move(-1)),
                ("Later", "wb-plan-later", "arrow-down", lambda: self.move(1)),
                ("Verwijderen", "wb-plan-remove", "trash", self.remove)):
            b = button(label, css, icon=icon, style="primary" if css == "wb-plan-save" else "",
                       fit_label=True)
            b.on_click(guarded(lambda _b, a=action: a()))
            buttons.append(b)
        self.open_button = button("Open de oefeningen voor de groep", "wb-plan-open", fit_label=True, icon="unlock")
        self.open_button.on_click(guarded(lambda _b: self.toggle_open()))
        self.rounds = w.HTML(layout=full_width())
        self.rounds.add_class("wb-plan-rounds")
        self.attendance_title = w.HTML(layout=full_width())
        self.attendance = w.VBox(layout=full_width())
        self.attendance.add_class("wb-attendance")
        self.editor = w.VBox([
            self.chooser, self.day.widget, self.title, self.work_form, self.theme, self.minutes,
            w.HTML(PICK_HINT), self.modules, self.module_order, self.exercises,
            wrapping_row(buttons), w.HTML("<h4>De bijeenkomst zelf</h4>"), self.open_button,
            self.rounds, self.attendance_title, self.attendance], layout=full_width())
        self.widget = w.VBox([w.HTML("<h3>Cursusplan van deze groep</h3>"), self.table,
                              self.suggestion, add, self.message.widget, self.editor],
                             layout=full_width())
        self.widget.add_class("wb-course-section")
        self.widget.add_class("wb-plan")
        self.meetings: list = []
        self.refresh()

    # -- reading
    def refresh(self, chosen: int | None = None) -> None:
        """Read the plan again; show ``chosen`` (or the one shown before) in the editor."""
        self.meetings = self.cb.meetings(self.viewer, self.cohort_id)
        self.table.value = meetings_table_html(self.content, self.meetings, self.today())
        self.suggestion.layout.display = "none" if self.meetings else None
        self.editor.layout.display = None if self.meetings else "none"
        keep = chosen if chosen is not None else self.chooser.value
        ids = [m.id for m in self.meetings]
        self.chooser.options = [(meeting_label(m), m.id) for m in self.meetings]
        self.chooser.value = keep if keep in ids else (ids[0] if ids else None)
        self.show_chosen()

    @property
    def chosen(self):
        return next((m for m in self.meetings if m.id == self.chooser.value), None)

    def show_chosen(self) -> None:
        meeting = self.chosen
        if meeting is None:
            return
        self.day.value = meeting.held_on
        self.title.value, self.work_form.value = meeting.title, meeting.work_form
        self.theme.value, self.minutes.value = meeting.theme, meeting.minutes
        self.modules.value = tuple(m for m in meeting.modules if m in self.content.modules)
        self.exercises.value = tuple(e for e in meeting.exercises
                                     if e in dict(self.exercises.options).values())
        self.show_module_order(meeting)
        self.open_button.description = ("Sluit de oefeningen voor de groep" if meeting.opened
                                        else "Open de oefeningen voor de groep")
        present = {who: here for (mid, who), here in
                   self.cb.attendance(self.viewer, self.cohort_id).items() if mid == meeting.id}
        self.rounds.value = rounds_html(self.content, meeting)
        self.attendance_title.value = (f"<p>Wie was er bij <strong>{esc(meeting_label(meeting))}"
                                       "</strong>? Vink aan wie er was; het wordt meteen bewaard.</p>")
        boxes = []
        for person in cohort.participants(self.cb, self.viewer, self.cohort_id):
            box = w.Checkbox(value=present.get(person.id, False), description=person.pseudonym,
                             indent=False, layout=w.Layout(width="auto"))
            box.add_class("wb-present")
            box.observe(guarded(lambda c, who=person.id: self.mark(who, c["new"])),
                        names="value")
            boxes.append(box)
        self.attendance.children = boxes or (
            w.HTML("<p><em>Er doen nog geen deelnemers mee.</em></p>"),)

    def show_module_order(self, meeting) -> None:
        """The meeting's modules in the order they are done, each to move up or down."""
        modules = [m for m in meeting.modules if m in self.content.modules]
        rows = []
        if len(modules) > 1:
            rows.append(w.HTML("<p>Volgorde van de modules in deze bijeenkomst:</p>"))
            for n, module_id in enumerate(modules):
                moves = []
                for label, css, icon, step in (("Eerder", "wb-module-earlier", "arrow-up", -1),
                                               ("Later", "wb-module-later", "arrow-down", 1)):
                    b = button(label, css, icon=icon)
                    b.tooltip = f"{label}: {self.content.module(module_id).title}"
                    b.disabled = not 0 <= n + step < len(modules)
                    b.on_click(guarded(lambda _b, m=module_id, s=step: self.move_module(m, s)))
                    moves.append(b)
                title = w.HTML(f"{n + 1}. {esc(self.content.module(module_id).title)}",
                               layout=w.Layout(flex="1 1 12rem"))
                pair = w.HBox(moves, layout=w.Layout(flex="0 0 auto", grid_gap="0.4rem"))
                row = wrapping_row([title, pair])  # on a phone the pair goes under the title
                row.add_class("wb-module-step")
                rows.append(row)
        self.module_order.children = rows

    # -- changing
    def _stored(self, action: Callable[[], object], done: str) -> bool:
        # the privacy package (HTTP client) not before the frame
        from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview

        try:
            result = action()
        except (PrivacyBlocked, PrivacyReview):
            self.message.problem(NOT_STORED)
            return False
        except InvalidInput as refused:
            self.message.problem(str(refused))
            return False
        self.message.done(done)
        self.refresh(getattr(result, "id", None))
        self.on_change()
        return True

    def take_suggestion(self) -> bool:
        if self.start.value is None:
            self.message.problem("Geef de datum van de eerste bijeenkomst als dd-mm-jjjj.")
            return False

        def plan_all():
            for meeting in suggested_meetings(self.content, self.start.value):
                self.cb.plan_meeting(self.viewer, self.cohort_id, **meeting)

        return self._stored(plan_all, "Het plan staat klaar. Pas het aan waar je wilt.")

    def add(self) -> bool:
        last = max((m.held_on for m in self.meetings), default=self.today())
        return self._stored(lambda: self.cb.plan_meeting(
            self.viewer, self.cohort_id, held_on=last + timedelta(weeks=SUGGESTED_WEEKS),
            title="Nieuwe bijeenkomst"), "Bijeenkomst toegevoegd; vul hieronder in wat er gebeurt.")

    def save(self) -> bool:
        meeting = self.chosen
        if self.day.value is None:
            self.message.problem("Geef de datum als dd-mm-jjjj.")
            return False
        chosen = list(self.modules.value)  # kept in the meeting's order; new ones at the end
        modules = [m for m in meeting.modules if m in chosen] + [
            m for m in chosen if m not in meeting.modules]
        return self._stored(lambda: self.cb.plan_meeting(
            self.viewer, self.cohort_id, meeting_id=meeting.id, held_on=self.day.value,
            title=self.title.value, work_form=self.work_form.value, theme=self.theme.value,
            minutes=self.minutes.value, modules=modules,
            exercises=list(self.exercises.value)), "De bijeenkomst is bewaard.")

    def move(self, step: int) -> None:
        meeting = self.chosen
        self.cb.move_meeting(self.viewer, meeting.id, step)
        self.message.done("Verplaatst.")
        self.refresh(meeting.id)
        self.on_change()

    def move_module(self, module_id: str, step: int) -> None:
        """Move a module of the chosen meeting earlier (-1) or later (+1) within it."""
        meeting = self.cb.move_module(self.viewer, self.chosen.id, module_id, step)
        # Only the order is drawn again: what is typed in the fields above stays.
        self.meetings = [meeting if m.id == meeting.id else m for m in self.meetings]
        self.table.value = meetings_table_html(self.content, self.meetings, self.today())
        self.show_module_order(meeting)
        self.message.done("De volgorde van de modules is bewaard.")
        self.on_change()

    def remove(self) -> None:
        self.cb.remove_meeting(self.viewer, self.chosen.id)
        self.message.done("De bijeenkomst is uit het plan gehaald.")
        self.chooser.value = None
        self.refresh()
        self.on_change()

    def toggle_open(self) -> None:
        meeting = self.cb.open_meeting(self.viewer, self.chosen.id, not self.chosen.opened)
        self.message.done("De oefeningen staan open voor de groep." if meeting.opened
                          else "De oefeningen zijn weer dicht.")
        self.refresh(meeting.id)

    def mark(self, member_id: int, present: bool) -> None:
        self.cb.mark_attendance(self.viewer, self.chosen.id, member_id, present)
        self.table.value = meetings_table_html(self.content, self.meetings, self.today())
        self.on_change()

    def take_theme(self, meeting_id: int, theme: str) -> bool:
        """Put a proposal from the group into a meeting of the plan as its theme."""
        meeting = next(m for m in self.meetings if m.id == meeting_id)
        return self._stored(lambda: self.cb.plan_meeting(
            self.viewer, self.cohort_id, meeting_id=meeting.id, held_on=meeting.held_on,
            title=meeting.title, work_form=meeting.work_form, theme=theme[:300],
            minutes=meeting.minutes, modules=meeting.modules, exercises=meeting.exercises),
            "Het voorstel staat in het plan.")
