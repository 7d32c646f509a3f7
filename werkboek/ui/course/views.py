"""What an identified cohort member sees: the trainer's overview, or a participant's own page."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.content_view import exercise_href
from werkboek.ui.course import cohort
from werkboek.ui.course.plan import course_plan_html
from werkboek.ui.feedback import Message
from werkboek.ui.fields import labelled_area
from werkboek.ui.markup import esc, paragraphs
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.ui.session.live import LivePoller
from werkboek.ui.session.room import role_label
from werkboek.ui.shell import guarded

REREAD_SECONDS = 5.0  # how often the trainer's overview reads the casebook again


def button(description: str, css_class: str, *, icon: str, primary: bool = False) -> w.Button:
    """A button as wide as its label (the default width wraps longer Dutch labels)."""
    b = w.Button(description=description, icon=icon, button_style="primary" if primary else "",
                 layout=w.Layout(width="max-content", flex="0 0 auto"))
    b.add_class(css_class)
    return b


def html(value: str, css_class: str) -> w.HTML:
    block = w.HTML(value, layout=full_width())
    block.add_class(css_class)
    return block


def assignment_link(content, exercise_id: str) -> str:
    return f'<a class="wb-assignment-link" href="{exercise_href(exercise_id)}">' \
           f"{esc(content.exercise(exercise_id).title)}</a>"


class QuestionsPanel:
    """The cohort's learning questions; ``writable``: a text box to add one."""

    def __init__(self, cb, viewer, cohort_id: int, *, writable: bool):
        self.cb, self.viewer, self.cohort_id = cb, viewer, cohort_id
        self.list = html("", "wb-questions")
        children = [html("<h3>Leervragen van de groep</h3>", "wb-questions-title")]
        if writable:
            self.box = labelled_area("Je leervraag: wat wil je in deze cursus leren?",
                                     "wb-question-text")
            self.box.add_class("wb-question-text")
            add = button("Leervraag toevoegen", "wb-question-add", icon="plus", primary=True)
            add.on_click(guarded(lambda _b: self.add()))
            self.notice = PrivacyNotice()
            self.status = Message("wb-question-status")
            children += [self.box, add, self.status.widget, self.notice.widget]
        self.widget = w.VBox([*children, self.list], layout=full_width())
        self.refresh()

    def refresh(self) -> bool:
        """Read the questions again; True when the list shown changed."""
        found = cohort.questions(self.cb, self.viewer, self.cohort_id)
        shown = ("<ul>" + "".join(f'<li class="wb-question">{paragraphs(q.text)}</li>'
                                  for q in found) + "</ul>"
                 if found else "<p><em>Nog geen leervragen.</em></p>")
        changed, self.list.value = shown != self.list.value, shown
        return changed

    def add(self, privacy: str = "check") -> bool:
        """Store the box's question; False when it is empty or the privacy guard refused."""
        from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview

        text = self.box.value.strip()
        if not text:
            self.status.problem("Schrijf eerst je leervraag op.")
            return False
        try:
            cohort.add_question(self.cb, self.viewer, text, privacy=privacy)
        except (PrivacyBlocked, PrivacyReview) as exc:
            self.status.problem("Niet opgeslagen: zie de melding hieronder.")
            self.notice.show(exc, [text], lambda choice: self.add(choice))
            return False
        self.notice.clear()
        self.box.value = ""
        self.status.done("Je leervraag is bewaard.")
        self.refresh()
        return True


class TrainerView:
    """Members, assigning exercises with how many answered, learning questions, and the course
    plan with every module's trainer note.

    ``poller`` reads them again every few seconds once the page starts it, so what participants
    finish or ask shows up without a reload (only what changed is sent to the browser)."""

    def __init__(self, cb, content, viewer, cohort_id: int):
        self.cb, self.content, self.viewer, self.cohort_id = cb, content, viewer, cohort_id
        self.members = html(self._members_html(), "wb-course-members")
        exercises = [e for e in content.exercises.values() if "cursus" in e.audience]
        self.choice = w.Dropdown(options=[(e.title, e.id) for e in exercises],
                                 description="Oefening", layout=full_width())
        self.choice.add_class("wb-assign-choice")
        give = button("Geef als opdracht", "wb-assign", icon="paper-plane", primary=True)
        give.on_click(guarded(lambda _b: self.assign(self.choice.value)))
        self.progress = html("", "wb-assignments")
        self.questions = QuestionsPanel(cb, viewer, cohort_id, writable=False)
        modules = html(course_plan_html(content), "wb-trainer")
        self.widget = w.VBox([
            self.members,
            html("<h3>Opdrachten</h3><p>Kies een oefening en geef die aan de hele groep. "
                 "Deelnemers zien de opdracht op deze pagina, met een link naar de oefening.</p>",
                 "wb-assign-intro"),
            self.choice, give, self.progress, self.questions.widget, modules,
        ], layout=full_width())
        self.refresh()
        self.poller = LivePoller(self.refresh, on_change=lambda: None,  # refresh() draws
                                 is_closed=lambda: False, interval=REREAD_SECONDS)

    def _members_html(self) -> str:
        rows = "".join(f"<li>{esc(m.pseudonym)} ({esc(role_label(m.role))})</li>"
                       for m in self.cb.members(self.viewer, self.cohort_id))
        return f"<h3>Deelnemers</h3><ul>{rows}</ul>"

    def assign(self, exercise_id: str) -> None:
        if exercise_id not in cohort.assignments(self.cb, self.viewer, self.cohort_id):
            cohort.assign(self.cb, self.viewer, self.content, exercise_id)
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
        rows = "".join(
            f'<tr><td>{assignment_link(self.content, e)}</td>'
            f'<td class="wb-answered">{counts[e]} van {total}</td></tr>' for e in assigned)
        return (
            '<table class="wb-assignment-table"><thead><tr><th style="text-align:left">Opdracht</th>'
            '<th style="text-align:left">Afgerond door</th></tr></thead>'
            f"<tbody>{rows}</tbody></table><p>Je ziet alleen aantallen, geen namen. Privé-"
            "antwoorden tellen niet mee.</p>")


class ParticipantView:
    """A participant's assignments and the learning questions. An assignment opens in the
    exercise runner here, so the answers land in the cohort (shared with the course)."""

    def __init__(self, cb, content, viewer, cohort_id: int, *, scheduler=None):
        from werkboek.ui.runner import ExerciseRunner

        self.assigned = cohort.assignments(cb, viewer, cohort_id)
        self.runner = ExerciseRunner(content, cb, viewer, visibility="course",
                                     scheduler=scheduler, on_close=self.show_list)
        rows = []
        for exercise_id in self.assigned:
            start = button("Doe de opdracht", f"wb-do-{exercise_id}", icon="play", primary=True)
            start.on_click(guarded(lambda _b, e=exercise_id: self.start(e)))
            rows.append(w.HBox([html(assignment_link(content, exercise_id), "wb-assignment"), start],
                               layout=full_width()))
        if not self.assigned:
            rows.append(html("<p><em>Nog geen opdrachten.</em></p>", "wb-no-assignments"))
        intro = html("<h3>Jouw opdrachten</h3><p>Doe een opdracht hier: je antwoorden zijn dan "
                     "zichtbaar voor je cursusgroep en de trainer.</p>", "wb-my-assignments")
        self.assignments = w.VBox([intro, *rows], layout=full_width())
        self.questions = QuestionsPanel(cb, viewer, cohort_id, writable=True)
        self.widget = w.VBox(layout=full_width())
        self.show_list()

    def start(self, exercise_id: str) -> None:
        self.runner.open(exercise_id)
        self.widget.children = (self.runner.widget,)

    def show_list(self) -> None:
        self.widget.children = (self.assignments, self.questions.widget)
