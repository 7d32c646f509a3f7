"""The contribution form of a phase: the step's capture widget from ``werkboek.ui.captures`` (any
capture type, set up from the content as the runner does), optional tag pickers, an add button,
draft autosave and the privacy notice.

The answer in progress autosaves as a draft (so a closed tab loses nothing); the button finalises
it and, for captures a member gives more than once, clears the form for the next contribution.
A one-per-member answer (a score, a position, a choice) stays in the form and can be changed.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from werkboek.content.models import CaptureType
from werkboek.session.participant_actions import Participation
from werkboek.session.room import ACTION_PROPOSAL, COLUMNS, HYPOTHESIS, SCALE, Phase
from werkboek.ui.autosave import EntrySaver, StatusLine
from werkboek.ui.captures import CaptureSpec, make_capture
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.ui.runner import capture_spec
from werkboek.ui.scheduling import QuietTracker
from werkboek.vocab import CONTRIBUTION_KIND, LEVEL_MODULE, PRINCIPLE_MODULE, TENSION_MODULE

NO_TAG = "—"
EMPTY_MESSAGE = "Er staat nog niets in. Een lege bijdrage wordt niet opgeslagen."
BUTTON_LABELS = {HYPOTHESIS: "Voeg hypothese toe", SCALE: "Bewaar mijn score",
                 ACTION_PROPOSAL: "Stel deze actie voor"}
PICKED_TAGS = ("tension", "level")  # tags a hypothesis picker sets instead of the phase


class _FinalisingSaver(EntrySaver):
    """An EntrySaver that reports every successful final save (also after a privacy choice)."""

    after_final: Callable[[], None] | None = None

    def save(self, *, final: bool, privacy: str | None = None) -> bool:
        saved = super().save(final=final, privacy=privacy)
        if saved and final and self.after_final is not None:
            self.after_final()
        return saved


def tag_picker(label: str, options: list[tuple[str, str]]) -> w.Dropdown:
    picker = w.Dropdown(options=[(NO_TAG, "")] + options, value="", description=label,
                        layout=full_width(), style={"description_width": "initial"})
    picker.add_class("wb-tag-picker")
    return picker


def phase_spec(room, phase: Phase) -> CaptureSpec:
    """The capture spec of ``phase``'s step, with the session's tension field for its poles."""
    spec = capture_spec(room.content, room.exercise, room.exercise.step(phase.id), room.tension)
    if phase.kind == HYPOTHESIS:
        return CaptureSpec(placeholder="Misschien is het zo dat…")
    return spec


class ContributionForm:
    """One form for one phase; ``capture_type`` "text" with ``column=True`` adds a column picker."""

    def __init__(self, participation: Participation, phase: Phase, notice: PrivacyNotice, *,
                 column: bool = False, scheduler=None, on_saved: Callable[[], None] | None = None):
        self.participation = participation
        self.phase = phase
        self.notice = notice
        self.scheduler = scheduler
        self.on_saved = on_saved
        room = participation.room
        # Hypotheses are written one at a time (each gets its own votes), so they use a text box.
        capture_type = CaptureType.TEXT if column or phase.kind == HYPOTHESIS else phase.capture
        self.capture = make_capture(capture_type, phase_spec(room, phase))
        if capture_type == CaptureType.TEXT:
            self.capture.area.rows = 3
        self.kind_tags = {} if not column else {"kind": CONTRIBUTION_KIND}
        self.pickers: dict[str, w.Dropdown] = {}
        if column:
            self.pickers["soort"] = tag_picker("Kolom", [(t, k) for k, t in COLUMNS.items()])
            self.pickers["soort"].value = next(iter(COLUMNS))
        elif phase.kind == HYPOTHESIS:
            for field, module_id, label in (("tension", TENSION_MODULE, "Spanningsveld"),
                                            ("principle", PRINCIPLE_MODULE, "Leidend principe"),
                                            ("level", LEVEL_MODULE, "Dialoogniveau")):
                items = room.content.items(module_id)
                self.pickers[field] = tag_picker(label, [(i.title, i.id) for i in items])
        self.one_per_member = phase.one_per_member and not column
        label = BUTTON_LABELS.get(phase.kind, "Bewaar mijn antwoord" if self.one_per_member
                                  else "Voeg toe")
        if column:
            label = "Zet in de kolom"
        self.button = w.Button(description=label, button_style="primary", icon="check")
        self.button.add_class("wb-add-contribution")
        self.button.on_click(guarded(lambda _b: self._submit_after_flush()))
        self.status = StatusLine()
        self.saver = self._new_saver(resume=True)
        self.tracker = QuietTracker(self.saver.scheduler)
        self.capture.observe_change(self.tracker.touch)
        self.capture.observe_change(lambda _c: self.saver.changed())
        for picker in self.pickers.values():
            picker.observe(lambda _c: self.saver.changed(), names="value")
        rows = [self.capture.widget, *self.pickers.values(),
                w.HBox([self.button], layout=full_width()), self.status.widget]
        self.widget = w.VBox(rows, layout=full_width())
        self.widget.add_class("wb-contribution-form")

    def _tags(self) -> dict:
        tags = self.participation.entry_tags(self.phase, **self.kind_tags)
        for name in PICKED_TAGS:
            if name in self.pickers:
                del tags[name]
        return tags

    def _fields(self) -> dict:
        fields = self.capture.entry_fields()
        picked = {name: p.value for name, p in self.pickers.items() if p.value}
        if "soort" in picked:
            fields["value"] = {"soort": picked["soort"]}
        for name in PICKED_TAGS:
            if name in self.pickers:
                fields[name] = picked.get(name)
        if "principle" in picked:
            fields["principles"] = [picked["principle"]]
        return fields

    def _resume(self) -> tuple:
        """The entry id to continue with and whether it exists: the member's one entry for
        one-per-member kinds, else an unfinished draft of this phase."""
        if self.one_per_member:
            entry_id = self.participation.entry_id_for(self.phase)
            own = [*self.participation.drafts(self.phase.id), *self.participation.mine(self.phase.id)]
            existing = next((e for e in own if e.id == entry_id), None)
            return entry_id, existing
        kind = self._tags()["kind"]
        draft = next((d for d in self.participation.drafts(self.phase.id) if d.kind == kind), None)
        return (draft.id, draft) if draft else (None, None)

    def _new_saver(self, *, resume: bool) -> _FinalisingSaver:
        entry_id, existing = self._resume() if resume else (None, None)
        if existing is not None:
            self.capture.load_entry(text=existing.text, value=existing.value,
                                    position=existing.position)
        kwargs = {"scheduler": self.scheduler} if self.scheduler else {}
        saver = _FinalisingSaver(
            self.participation.cb, self.participation.viewer, fields=self._fields,
            tags=self._tags(), is_empty=self.capture.is_empty, notice=self.notice,
            status=self.status, entry_id=entry_id if existing is not None else None, **kwargs,
        )
        if entry_id is not None:
            saver.entry_id = entry_id
        saver.after_final = self._finalised
        return saver

    def _submit_after_flush(self) -> None:
        self.tracker.after_flush(guarded(self.submit))

    def submit(self) -> bool:
        """Finalise the contribution; False when it is empty or the privacy guard stopped it."""
        if self.capture.is_empty():
            self.status.problem(EMPTY_MESSAGE)
            return False
        return self.saver.save(final=True)

    def _finalised(self) -> None:
        if not self.one_per_member:
            with self.capture._quiet():
                self.capture.value = None
            self.saver = self._new_saver(resume=False)
            self.status.say("Toegevoegd. Je kunt nog iets toevoegen.")
        if self.on_saved is not None:
            self.on_saved()
