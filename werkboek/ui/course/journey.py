"""A participant's own way through the course: where they stand on their learning questions at
each meeting (0–10 and a line), and the look back at the end ("wat heb ik geleerd, wat staat
nog open"). Both save as they type (drafts only the writer sees) and are shared with the group's
trainer once saved with the button; pages show them without names."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from werkboek.ui.autosave import EntrySaver, StatusLine
from werkboek.ui.course import cohort
from werkboek.ui.course.figures import scale_of
from werkboek.ui.course.plan import meeting_label
from werkboek.ui.fields import labelled_area, labelled_text
from werkboek.ui.guard import guarded
from werkboek.ui.kit import button, full_width
from werkboek.ui.markup import esc
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.vocab import LOOKBACK_KIND, STAND_KIND

LOOKBACK_PARTS = (("geleerd", "Wat heb ik geleerd?"), ("open", "Wat staat nog open?"))


def own_saver(cb, viewer, cohort_id: int, *, kind: str, step: str | None, fields, is_empty,
              notice: PrivacyNotice, status: StatusLine, scheduler, on_stored=None):
    """An autosaver of the viewer's one entry of ``kind`` (at ``step``) in the cohort, carrying
    on with the entry already written; returns (saver, that entry or None)."""
    found = cohort.own_entry(cb, viewer, cohort_id, kind, step)
    saver = EntrySaver(cb, viewer, fields=fields, is_empty=is_empty, notice=notice, status=status,
                       scheduler=scheduler, entry_id=found.id if found else None,
                       tags={"kind": kind, "step": step, "visibility": "course"},
                       on_stored=on_stored)
    return saver, found


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
        save = button("Bewaar en deel met de trainer", "wb-stand-save", fit_label=True, icon="save", style="primary")
        save.on_click(guarded(lambda _b: self.save()))
        self.mine = w.HTML(layout=full_width())
        self.mine.add_class("wb-my-stands")
        self.touched = False
        self.saver: EntrySaver | None = None
        self.chooser.observe(guarded(lambda _c: self.choose()), names="value")
        self.scale.observe(self._changed, names="value")
        self.line.observe(self._changed, names="value")
        intro = ("<h3>Waar sta ik met mijn leervragen?</h3><p>Zeg bij elke bijeenkomst waar je "
                 "staat: 0 is nog nergens, 10 is helemaal waar je wilt zijn. Je ziet hieronder "
                 "hoe je beweegt. De trainer ziet de cijfers van de groep, zonder namen.</p>")
        parts = [w.HTML(intro, layout=full_width())]
        parts += ([self.chooser, self.scale, self.line, save, self.status.widget,
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
            is_empty=lambda: not self.touched, notice=self.notice, status=self.status)
        self._loading = True
        self.scale.value = scale_of(found) if found and scale_of(found) is not None else 5
        self.line.value = found.text if found else ""
        self._loading = False
        self.touched = found is not None
        self.status.clear()
        self.show_mine()

    _loading = False

    def save(self) -> bool:
        self.touched = True
        stored = self.saver.save(final=True)
        self.show_mine()
        return stored

    def show_mine(self) -> None:
        number = {cohort.meeting_step(m.id): m for m in self.meetings}
        mine = [e for e in self.cb.entries(self.viewer, team_id=self.cohort_id,
                                           kind=STAND_KIND, author_id=self.viewer.member_id)
                if e.step in number and scale_of(e) is not None]
        latest = {e.step: e for e in mine}
        rows = "".join(
            f"<li>{esc(meeting_label(number[step]))}: <strong>{scale_of(e)} van 10</strong>"
            f"{' · ' + esc(e.text) if e.text else ''}"
            f"{'' if e.status == 'final' else ' <em>(concept)</em>'}</li>"
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
        save = button("Bewaar en deel met de trainer", "wb-lookback-save", fit_label=True, icon="save",
                            style="primary")
        save.on_click(guarded(lambda _b: self.saver.save(final=True)))
        self.widget = w.VBox([
            w.HTML("<h3>Terugkijken aan het eind</h3><p>Kijk terug op je leervragen van het "
                   "begin.</p>", layout=full_width()),
            *self.areas.values(), save, self.status.widget, self.notice.widget],
            layout=full_width())
        self.widget.add_class("wb-course-section")
        self.widget.add_class("wb-lookback")
