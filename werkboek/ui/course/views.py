"""What an identified cohort member sees: the trainer's overview (plan, meetings, the group's
figures and file), or a participant's own course."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import ipywidgets as w

from werkboek.casebook.errors import InvalidInput
from werkboek.clock import day
from werkboek.course import cohort
from werkboek.markup import esc, paragraphs
from werkboek.ui.content_view import exercise_href
from werkboek.ui.course.group import CohortFile, GroupPanel, by_line
from werkboek.ui.course.journey import NAMED_LABEL, LookBackPanel, QuestionFields, StandPanel
from werkboek.ui.course.meetings import PlanEditor
from werkboek.ui.course.plan import (
    course_plan_html,
    meeting_label,
    meetings_table_html,
    next_meeting,
    prepare_html,
)
from werkboek.ui.feedback import Message
from werkboek.ui.fields import DayField, labelled_area
from werkboek.ui.guard import guarded
from werkboek.ui.kit import button, full_width, save_or_ask
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.ui.session.live import LivePoller
from werkboek.vocab import COURSE_KINDS, LEARNING_QUESTION_KIND, PROPOSAL_KIND, role_label

REREAD_SECONDS = 5.0  # how often the trainer's overview reads the casebook again


def html(value: str, css_class: str) -> w.HTML:
    block = w.HTML(value, layout=full_width())
    block.add_class(css_class)
    return block


def assignment_link(content, exercise_id: str) -> str:
    return f'<a class="wb-assignment-link" href="{exercise_href(exercise_id)}">' \
           f"{esc(content.exercise(exercise_id).title)}</a>"


@dataclass(frozen=True)
class NoteTexts:
    """What a panel of short course notes says (learning questions, proposals)."""

    kind: str
    title: str
    intro: str  # for the writers, above the text box
    label: str
    add: str
    empty: str
    missing: str
    saved: str
    css: str  # class prefix: wb-question, wb-proposal


QUESTIONS = NoteTexts(LEARNING_QUESTION_KIND, "Leervragen van de groep",
                      "Wat wil je in deze cursus leren? Schrijf één tot drie leervragen op. Wat "
                      "je typt, wordt vanzelf bewaard en gedeeld met je trainer en je groep; "
                      "zonder je naam, tenzij je die hieronder aanvinkt.",
                      "Je leervraag",
                      "Leervraag toevoegen", "Nog geen leervragen.", "Schrijf eerst je leervraag op.",
                      "Je leervraag is bewaard.", "wb-question")
PROPOSALS = NoteTexts(PROPOSAL_KIND, "Voorstellen voor een volgende bijeenkomst",
                      "Welke casus of welk thema wil je met de groep bespreken? Maak een casus "
                      "fictief of laat namen weg. De trainer kan het in het plan opnemen. Je "
                      "naam staat er niet bij, tenzij je die hieronder aanvinkt.",
                      "Jouw voorstel",
                      "Voorstel insturen", "Nog geen voorstellen.", "Schrijf eerst je voorstel op.",
                      "Je voorstel is bewaard; de trainer ziet het.", "wb-proposal")


class QuestionsPanel:
    """The cohort's notes of one kind (the learning questions unless told otherwise), without
    names unless the writer shared theirs; ``writable``: the writer's own learning questions,
    saved as they type (``QuestionFields``), or a text box to send a proposal."""

    def __init__(self, cb, viewer, cohort_id: int, *, writable: bool, texts: NoteTexts = QUESTIONS,
                 scheduler=None):
        self.cb, self.viewer, self.cohort_id, self.texts = cb, viewer, cohort_id, texts
        css = texts.css
        self.list = html("", f"{css}s")
        children = [html(f"<h3>{esc(texts.title)}</h3>", f"{css}s-title")]
        self.fields: QuestionFields | None = None
        if writable and texts.kind == LEARNING_QUESTION_KIND:  # own questions, then the group's
            self.fields = QuestionFields(cb, viewer, cohort_id, scheduler=scheduler,
                                         after=self.refresh)
            children = [html("<h3>Mijn leervragen</h3>", f"{css}s-title"),
                        html(f"<p>{esc(texts.intro)}</p>", f"{css}s-intro"), self.fields.widget,
                        html(f"<h4>{esc(texts.title)}</h4>", f"{css}s-group-title")]
        elif writable:
            children.append(html(f"<p>{esc(texts.intro)}</p>", f"{css}s-intro"))
            self.box = labelled_area(texts.label, f"{css}-text")
            self.named = w.Checkbox(value=False, indent=False, layout=full_width(),
                                    description=NAMED_LABEL)
            self.named.add_class(f"{css}-named")
            add = button(texts.add, f"{css}-add", fit_label=True, icon="plus", style="primary")
            add.on_click(guarded(lambda _b: self.add()))
            self.notice = PrivacyNotice()
            self.status = Message(f"{css}-status")
            children += [self.box, self.named, add, self.status.widget, self.notice.widget]
        self.widget = w.VBox([*children, self.list], layout=full_width())
        self.widget.add_class("wb-course-section")
        self.refresh()

    def refresh(self) -> bool:
        """Read the notes again; True when the list shown changed."""
        found = cohort.course_entries(self.cb, self.viewer, self.cohort_id, self.texts.kind)[::-1]
        shown = ("<ul>" + "".join(f'<li class="{self.texts.css}">{paragraphs(q.text)}'
                                  f"{by_line(cohort.shared_name(q))}</li>" for q in found) + "</ul>"
                 if found else f"<p><em>{esc(self.texts.empty)}</em></p>")
        changed, self.list.value = shown != self.list.value, shown
        return changed

    def add(self, privacy: str = "check") -> bool:
        """Store the box's text; False when it is empty or the store or privacy guard refused."""

        text = self.box.value.strip()
        if not text:
            self.status.problem(self.texts.missing)
            return False

        def store(mode: str) -> None:
            if self.texts.kind == LEARNING_QUESTION_KIND:
                cohort.add_question(self.cb, self.viewer, self.cohort_id, text, privacy=mode,
                                    named=self.named.value)
            else:
                cohort.add_note(self.cb, self.viewer, self.texts.kind, text, mode,
                                named=self.named.value)

        try:
            return save_or_ask(
                self.notice, store, [text], privacy=privacy, then=lambda _entry: self._added(),
                refused=lambda: self.status.problem("Niet opgeslagen: zie de melding hieronder."),
                retry=self.add)
        except InvalidInput as full:
            self.status.problem(str(full))
            return False

    def _added(self) -> None:
        self.box.value = ""
        self.status.done(self.texts.saved)
        self.refresh()


class TrainerView:
    """Members, assigning exercises with how many answered, learning questions, and the course
    plan with every module's trainer note.

    ``poller`` reads them again every few seconds once the page starts it, so what participants
    finish or ask shows up without a reload (only what changed is sent to the browser)."""

    def __init__(self, cb, content, viewer, cohort_id: int, *,
                 today: Callable[[], date] = date.today, cohort_file: CohortFile | None = None):
        self.cb, self.content, self.viewer, self.cohort_id = cb, content, viewer, cohort_id
        self.members = html(self._members_html(), "wb-course-members")
        self.plan = PlanEditor(cb, content, viewer, cohort_id, today=today,
                               on_change=lambda: self.group.refresh())
        self.group = GroupPanel(cb, content, viewer, cohort_id, self.plan,
                                cohort_file=cohort_file)
        exercises = [e for e in content.exercises.values() if "cursus" in e.audience]
        self.choice = w.Dropdown(options=[(e.title, e.id) for e in exercises],
                                 description="Oefening", layout=full_width())
        self.choice.add_class("wb-assign-choice")
        self.due = DayField("Klaar vóór (dd-mm-jjjj, mag leeg blijven)", "wb-assign-due")
        give = button("Geef als opdracht", "wb-assign", fit_label=True, icon="paper-plane", style="primary")
        give.on_click(guarded(lambda _b: self.due.valid and  # else the field says what is wrong
                              self.assign(self.choice.value, self.due.value)))
        self.progress = html("", "wb-assignments")
        self.questions = QuestionsPanel(cb, viewer, cohort_id, writable=False)
        modules = html(course_plan_html(content), "wb-trainer")
        again = button("Lees de cijfers opnieuw", "wb-group-reread", fit_label=True, icon="refresh")
        again.on_click(guarded(lambda _b: self.group.refresh()))
        self.widget = w.VBox([
            self.members, self.plan.widget,
            html("<h3>Opdrachten</h3><p>Kies een oefening en geef die aan de hele groep. "
                 "Deelnemers zien de opdracht op deze pagina, met een link naar de oefening.</p>",
                 "wb-assign-intro"),
            self.choice, self.due.widget, give, self.progress, self.questions.widget, self.group.widget, again,
            modules,
        ], layout=full_width())
        self.refresh()
        self.poller = LivePoller(self.refresh, on_change=lambda: None,  # refresh() draws
                                 is_closed=lambda: False, interval=REREAD_SECONDS)

    def _members_html(self) -> str:
        rows = "".join(f"<li>{esc(m.pseudonym)} ({esc(role_label(m.role))})</li>"
                       for m in self.cb.members(self.viewer, self.cohort_id))
        return f"<h3>Deelnemers</h3><ul>{rows}</ul>"

    def assign(self, exercise_id: str, due: date | None = None) -> None:
        if due is not None or exercise_id not in cohort.assignments(self.cb, self.viewer,
                                                                     self.cohort_id):
            cohort.assign(self.cb, self.viewer, self.content, exercise_id, due)
        self.refresh()

    def refresh(self) -> bool:
        """Members, assignments and learning questions read again; True when any changed."""
        shown = (self._members_html(), self._progress_html())
        changed = shown != (self.members.value, self.progress.value)
        self.members.value, self.progress.value = shown
        return self.questions.refresh() or changed

    def _progress_html(self) -> str:
        """The assignments with, per exercise, how many members answered (no names)."""
        assigned = cohort.assignments(self.cb, self.viewer, self.cohort_id)
        if not assigned:
            return "<p><em>Nog geen opdrachten gegeven.</em></p>"
        total = len(cohort.participants(self.cb, self.viewer, self.cohort_id))
        if not total:
            items = "".join(f"<li>{assignment_link(self.content, e)}</li>" for e in assigned)
            return (
                f'<ul class="wb-assignment-list">{items}</ul><p class="wb-no-participants">Er doen '
                "nog geen deelnemers mee aan deze cursusgroep. Zodra iemand meedoet, zie je hier per "
                "opdracht hoeveel deelnemers hem hebben afgerond.</p>")
        counts = cohort.answered_counts(self.cb, self.viewer, self.cohort_id, assigned)
        dues = cohort.due_dates(self.cb, self.viewer, self.cohort_id)
        rows = "".join(
            f'<tr><td>{assignment_link(self.content, e)}</td>'
            f'<td class="wb-answered">{counts[e]} van {total}</td>'
            f"<td>{day(dues[e]) if e in dues else ''}</td></tr>" for e in assigned)
        return (
            '<table class="wb-assignment-table"><thead><tr><th style="text-align:left">Opdracht</th>'
            '<th style="text-align:left">Afgerond door</th><th>Klaar vóór</th></tr></thead>'
            f"<tbody>{rows}</tbody></table><p>Je ziet alleen aantallen, geen namen. Privé-"
            "antwoorden tellen niet mee.</p>")


def my_plan_html(content, meetings, today: date) -> str:
    """The participant's view of the plan: the next meeting with what to prepare, then all."""
    coming = next_meeting(meetings, today)
    upcoming = (f'<div class="wb-card wb-next"><h4>Volgende bijeenkomst: {esc(meeting_label(coming))}'
                f"</h4><p>Werkvorm: {esc(coming.work_form or 'volgt')}</p>"
                + (f"<p>Thema uit de groep: {esc(coming.theme)}</p>" if coming.theme else "")
                + f"<p><strong>Voorbereiden</strong></p>{prepare_html(content, coming)}</div>"
                if coming is not None else "")
    return f"<h3>Het cursusplan</h3>{upcoming}{meetings_table_html(content, meetings, today)}"


def shared_html(content, cb, viewer, cohort_id: int) -> str:
    """What the participant shared with the course: per exercise how many answers, and when."""
    mine = [e for e in cb.entries(viewer, team_id=cohort_id, author_id=viewer.member_id,
                                  status="final")
            if e.kind not in COURSE_KINDS and e.visibility == "course" and e.exercise]
    per: dict[str, list] = {}
    for e in mine:
        per.setdefault(e.exercise, []).append(e)
    items = "".join(
        f"<li>{assignment_link(content, ex) if ex in content.exercises else esc(ex)}: "
        f"{len(found)} {'antwoord' if len(found) == 1 else 'antwoorden'}, laatst op "
        f"{day(max(e.updated_at for e in found))}</li>" for ex, found in per.items())
    return ("<h3>Wat ik met de cursus deelde</h3><p>Dit zien je trainer en je groep; wat je "
            "privé hield niet.</p>" + (f"<ul>{items}</ul>" if items else
                                       "<p><em>Nog niets gedeeld.</em></p>"))


class ParticipantView:
    """A participant's course: the plan with the next meeting and what to prepare, the
    assignments and the exercises of opened meetings (they open in the exercise runner here, so
    the answers land in the cohort, shared with the course), the learning questions, where they
    stand at each meeting, the look back at the end, proposals for a coming meeting, and what
    they shared with the course."""

    def __init__(self, cb, content, viewer, cohort_id: int, *, scheduler=None,
                 today: Callable[[], date] = date.today):
        # the exercise runner (~15 ms) after the frame: Trainer's has none
        from werkboek.ui.runner import ExerciseRunner

        meetings = cb.meetings(viewer, cohort_id)
        opened = [e for m in meetings if m.opened for e in m.exercises if e in content.exercises]
        self.assigned = list(dict.fromkeys([*cohort.assignments(cb, viewer, cohort_id), *opened]))
        self.runner = ExerciseRunner(content, cb, viewer, visibility="course",
                                     scheduler=scheduler, on_close=self.show_list)
        rows = []
        dues = cohort.due_dates(cb, viewer, cohort_id)
        for exercise_id in self.assigned:
            start = button("Doe de opdracht", f"wb-do-{exercise_id}", fit_label=True, icon="play", style="primary")
            start.on_click(guarded(lambda _b, e=exercise_id: self.start(e)))
            due = (f' <span class="wb-due">· klaar vóór {day(dues[exercise_id])}</span>'
                   if exercise_id in dues else "")
            rows.append(w.HBox([html(assignment_link(content, exercise_id) + due, "wb-assignment"),
                                start],
                               layout=w.Layout(width="100%", flex_flow="row wrap")))
        if not self.assigned:
            rows.append(html("<p><em>Nog geen opdrachten.</em></p>", "wb-no-assignments"))
        intro = html("<h3>Jouw opdrachten</h3><p>Doe een opdracht hier: je antwoorden zijn dan "
                     "zichtbaar voor je cursusgroep en de trainer.</p>", "wb-my-assignments")
        self.plan = html(my_plan_html(content, meetings, today()), "wb-my-plan")
        self.assignments = w.VBox([intro, *rows], layout=full_width())
        self.assignments.add_class("wb-course-section")
        self.questions = QuestionsPanel(cb, viewer, cohort_id, writable=True, scheduler=scheduler)
        self.stands = StandPanel(cb, viewer, cohort_id, today=today, scheduler=scheduler)
        self.lookback = LookBackPanel(cb, viewer, cohort_id, scheduler=scheduler)
        self.proposals = QuestionsPanel(cb, viewer, cohort_id, writable=True, texts=PROPOSALS)
        self.shared = html("", "wb-my-shared")
        self.shared.add_class("wb-course-section")
        self.cb, self.content, self.viewer, self.cohort_id = cb, content, viewer, cohort_id
        self.widget = w.VBox(layout=full_width())
        self.show_list()

    def start(self, exercise_id: str) -> None:
        self.runner.open(exercise_id)
        self.widget.children = (self.runner.widget,)

    def show_list(self) -> None:
        self.shared.value = shared_html(self.content, self.cb, self.viewer, self.cohort_id)
        self.widget.children = (self.plan, self.assignments, self.questions.widget,
                                self.stands.widget, self.lookback.widget, self.proposals.widget,
                                self.shared)
