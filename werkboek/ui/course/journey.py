"""A participant's own way through the course: their one to three learning questions, where they
stand on them at each meeting (0–10 and a line), and the look back at the end ("wat heb ik
geleerd, wat staat nog open"). All save as they type, like every answer elsewhere, and reach
the group's trainer with that save (no button to press); pages show them without names. A
save the privacy guard refuses stores nothing and says why, as elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from werkboek.course import cohort
from werkboek.course.figures import scale_of
from werkboek.markup import esc
from werkboek.ui.autosave import EntrySaver, StatusLine
from werkboek.ui.course.plan import meeting_label
from werkboek.ui.fields import labelled_area, labelled_text
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.vocab import LEARNING_QUESTION_KIND, LOOKBACK_KIND, STAND_KIND

LOOKBACK_PARTS = (("geleerd", "Wat heb ik geleerd?"), ("open", "Wat staat nog open?"))
NAMED_LABEL = "Zet mijn schuilnaam erbij"  # short: a longer one is cut off on a phone
SAVES_ITSELF = ("Wat je typt, wordt vanzelf bewaard en gedeeld met je trainer en je groep, "
                "zonder naam.")


class SharedSaver(EntrySaver):
    """An autosaver whose every save, the one while typing too, is final: what a participant
    writes for the course reaches the trainer as they type. ``after`` runs after each save that
    went through (to show the list again)."""

    def __init__(self, *args, after: Callable[[], None] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.after = after

    def save(self, *, final: bool = True, privacy: str | None = None) -> bool:
        stored = super().save(final=True, privacy=privacy)
        if stored and self.after is not None:
            self.after()
        return stored


def own_saver(cb, viewer, cohort_id: int, *, kind: str, step: str | None, fields, is_empty,
              notice: PrivacyNotice, status: StatusLine, scheduler, on_stored=None, after=None):
    """An autosaver of the viewer's one entry of ``kind`` (at ``step``) in the cohort, carrying
    on with the entry already written; returns (saver, that entry or None)."""
    found = cohort.own_entry(cb, viewer, cohort_id, kind, step)
    saver = SharedSaver(cb, viewer, fields=fields, is_empty=is_empty, notice=notice,
                        status=status, scheduler=scheduler, entry_id=found.id if found else None,
                        tags={"kind": kind, "step": step, "visibility": "course"},
                        on_stored=on_stored, after=after)
    return saver, found


class QuestionFields:
    """The participant's own learning questions: one to three fields that save as they type,
    each into its own entry, with or without their pseudonym."""

    def __init__(self, cb, viewer, cohort_id: int, *, scheduler=None,
                 after: Callable[[], None] = lambda: None):
        mine = cb.entries(viewer, team_id=cohort_id, kind=LEARNING_QUESTION_KIND,
                          author_id=viewer.member_id)[: cohort.MAX_QUESTIONS]  # oldest first
        self.named = w.Checkbox(value=any(cohort.shared_name(e) for e in mine), indent=False,
                                layout=full_width(), description=NAMED_LABEL)
        self.named.add_class("wb-question-named")
        self.areas: list[w.Textarea] = []
        self.savers: list[SharedSaver] = []
        self.statuses: list[StatusLine] = []
        self.notices: list[PrivacyNotice] = []
        parts = []
        for n in range(cohort.MAX_QUESTIONS):
            label = f"Leervraag {n + 1}" + (" (mag leeg blijven)" if n else "")
            area = labelled_area(label, f"wb-question-{n + 1}")
            area.add_class("wb-question-field")
            found = mine[n] if n < len(mine) else None
            area.value = found.text if found else ""
            notice, status = PrivacyNotice(), StatusLine()
            saver = SharedSaver(
                cb, viewer, scheduler=scheduler, entry_id=found.id if found else None,
                fields=lambda a=area: {"text": a.value,
                                       "value": {cohort.NAMED: True} if self.named.value else None},
                is_empty=lambda a=area: not a.value.strip(), notice=notice, status=status,
                tags={"kind": LEARNING_QUESTION_KIND, "visibility": "course"}, after=after)
            area.observe(saver.changed, names="value")
            self.areas.append(area)
            self.savers.append(saver)
            self.statuses.append(status)
            self.notices.append(notice)
            parts += [area, status.widget, notice.widget]
        self.named.observe(self._named_changed, names="value")
        self.widget = w.VBox([*parts, self.named], layout=full_width())
        self.widget.add_class("wb-my-questions")

    def _named_changed(self, _change=None) -> None:
        for saver in self.savers:
            saver.changed()  # an empty question that was never stored stays unsaved

    def flush(self) -> None:
        """Save what waits for its timer now."""
        for saver in self.savers:
            saver.flush()


class StandPanel:
    """Per meeting: "waar sta ik nu met mijn leervragen?" on 0–10 with a line, and the
    participant's own stands so far."""

    def __init__(self, cb, viewer, cohort_id: int, *, today: Callable[[], date] = date.today,
                 scheduler=None):
        self.cb, self.viewer, self.cohort_id, self.scheduler = cb, viewer, cohort_id, scheduler
        self.meetings = cb.meetings(viewer, cohort_id)
        self.chooser = w.Dropdown(options=[(meeting_label(m), m.id) for m in self.meetings],
                                  description="Bijeenkomst", layout=full_width(),
                                  style={"description_width": "initial"})
        self.chooser.add_class("wb-stand-meeting")
        held = [m.id for m in self.meetings if m.held_on <= today()]
        if held:
            self.chooser.value = held[-1]
        self.scale = w.IntSlider(min=0, max=10, value=5, description="Cijfer",
                                 style={"description_width": "initial"},
                                 layout=w.Layout(width="100%", max_width="32rem"))
        self.scale.add_class("wb-stand-scale")
        self.line = labelled_text("In één zin: waarom dit cijfer?", "wb-stand-line")
        self.notice, self.status = PrivacyNotice(), StatusLine()
        self.mine = w.HTML(layout=full_width())
        self.mine.add_class("wb-my-stands")
        self.touched = False
        self.saver: SharedSaver | None = None
        self.chooser.observe(guarded(lambda _c: self.choose()), names="value")
        self.scale.observe(self._changed, names="value")
        self.line.observe(self._changed, names="value")
        intro = ("<h3>Waar sta ik met mijn leervragen?</h3><p>Zeg bij elke bijeenkomst waar je "
                 "staat: 0 is nog nergens, 10 is helemaal waar je wilt zijn. Je ziet hieronder "
                 "hoe je beweegt. Wat je kiest en typt, wordt vanzelf bewaard; de trainer ziet "
                 "de cijfers van de groep, zonder namen.</p>")
        parts = [w.HTML(intro, layout=full_width())]
        parts += ([self.chooser, self.scale, self.line, self.status.widget,
                   self.notice.widget, self.mine] if self.meetings else
                  [w.HTML("<p><em>Zodra de trainer bijeenkomsten plant, kun je hier zeggen waar "
                          "je staat.</em></p>")])
        self.widget = w.VBox(parts, layout=full_width())
        self.widget.add_class("wb-course-section")
        self.widget.add_class("wb-stands")
        if self.meetings:
            self.choose()

    def _changed(self, _change=None) -> None:
        if self._loading:
            return
        self.touched = True
        self.saver.changed()

    def choose(self) -> None:
        """Show (and carry on with) the stand at the chosen meeting."""
        if self.saver is not None:
            self.saver.flush()
        self.saver, found = own_saver(
            self.cb, self.viewer, self.cohort_id, kind=STAND_KIND,
            step=cohort.meeting_step(self.chooser.value), scheduler=self.scheduler,
            fields=lambda: {"text": self.line.value, "value": {"schaal": self.scale.value}},
            is_empty=lambda: not self.touched, notice=self.notice, status=self.status,
            after=self.show_mine)
        self._loading = True
        self.scale.value = scale_of(found) if found and scale_of(found) is not None else 5
        self.line.value = found.text if found else ""
        self._loading = False
        self.touched = found is not None
        self.status.clear()
        self.show_mine()

    _loading = False

    def save(self) -> bool:
        """Save now, without waiting for the timer (as leaving the page does)."""
        self.touched = True
        return self.saver.save()

    def show_mine(self) -> None:
        number = {cohort.meeting_step(m.id): m for m in self.meetings}
        mine = [e for e in self.cb.entries(self.viewer, team_id=self.cohort_id,
                                           kind=STAND_KIND, author_id=self.viewer.member_id)
                if e.step in number and scale_of(e) is not None]
        latest = {e.step: e for e in mine}
        rows = "".join(
            f"<li>{esc(meeting_label(number[step]))}: <strong>{scale_of(e)} van 10</strong>"
            f"{' · ' + esc(e.text) if e.text else ''}"
            f"{'' if e.status == 'final' else ' <em>(nog niet gedeeld)</em>'}</li>"
            for step, e in sorted(latest.items(), key=lambda kv: number[kv[0]].number))
        self.mine.value = (f"<h4>Hoe ik beweeg</h4><ul>{rows}</ul>" if rows else "")


class LookBackPanel:
    """At the end of the course: what did I learn, what is still open."""

    def __init__(self, cb, viewer, cohort_id: int, *, scheduler=None):
        self.areas = {key: labelled_area(label, f"wb-lookback-{key}") for key, label in
                      LOOKBACK_PARTS}
        self.notice, self.status = PrivacyNotice(), StatusLine()
        self.saver, found = own_saver(
            cb, viewer, cohort_id, kind=LOOKBACK_KIND, step=None, scheduler=scheduler,
            fields=lambda: {"value": {k: a.value for k, a in self.areas.items()}},
            is_empty=lambda: not any(a.value.strip() for a in self.areas.values()),
            notice=self.notice, status=self.status)
        for key, area in self.areas.items():
            if found is not None and isinstance(found.value, dict):
                area.value = found.value.get(key, "")
            area.observe(self.saver.changed, names="value")
        self.widget = w.VBox([
            w.HTML("<h3>Terugkijken aan het eind</h3><p>Kijk terug op je leervragen van het "
                   f"begin. {SAVES_ITSELF}</p>", layout=full_width()),
            *self.areas.values(), self.status.widget, self.notice.widget],
            layout=full_width())
        self.widget.add_class("wb-course-section")
        self.widget.add_class("wb-lookback")
