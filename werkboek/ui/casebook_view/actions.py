"""The team's follow-up actions: the open ones (overdue marked) with a form to record how each
went, and the ones already done or dropped. Reviews go through ``cb.review_action``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import ipywidgets as w

from werkboek.ui.casebook_view.cards import action_card, is_overdue
from werkboek.ui.casebook_view.labels import Labels
from werkboek.ui.feedback import Message
from werkboek.ui.fields import labelled_text
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width, save_or_ask
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.vocab import OPEN_STATUSES, REVIEW_CHOICES


class ReviewForm:
    """How one open action went: status, a short note, and the session it was discussed in."""

    def __init__(self, panel: ActionsPanel, action):
        self.panel = panel
        self.action = action
        self.status = w.ToggleButtons(options=REVIEW_CHOICES, value="klaar", layout=full_width())
        self.status.add_class("wb-review-status")
        self.note = labelled_text("Hoe ging het? (kort, zonder namen)", "wb-review-note")
        sessions = panel.labels.sessions
        self.session = w.Dropdown(options=[(panel.labels.session(sid), sid) for sid in sessions],
                                  description="Besproken in", layout=full_width(),
                                  style={"description_width": "initial"})
        self.session.add_class("wb-review-session")
        save = w.Button(description="Opslaan", button_style="primary", icon="check")
        save.add_class("wb-review-save")
        save.on_click(guarded(lambda _b: self.save("check")))
        self.notice = PrivacyNotice()
        self.message = Message("wb-review-message")  # by its own button
        self.form = w.VBox([self.status, self.note, self.session, save, self.message.widget,
                            self.notice.widget],
                           layout=full_width(display="none"))
        self.form.add_class("wb-review-form")
        toggle = w.Button(description="Bijwerken", icon="pencil")
        toggle.add_class("wb-review-open")
        toggle.on_click(guarded(lambda _b: self.toggle()))
        card = w.HTML(action_card(panel.labels, action, panel.today()), layout=full_width())
        self.widget = w.VBox([card, toggle, self.form], layout=full_width())
        self.widget.add_class("wb-open-action")

    def toggle(self) -> None:
        self.form.layout.display = None if self.form.layout.display == "none" else "none"

    def save(self, privacy: str) -> None:
        if not self.note.value.strip():
            self.message.problem("Schrijf in een paar woorden hoe het ging.")
            return
        save_or_ask(self.notice, lambda mode: self.panel.review(
            self.action.id, status=self.status.value, note=self.note.value,
            session_id=self.session.value, privacy=mode), [self.note.value], privacy=privacy,
            retry=self.save)


class ActionsPanel:
    """Open and finished follow-up actions of one team; ``refresh()`` reads them again."""

    def __init__(self, cb, viewer, team_id: int, labels: Labels,
                 today: Callable[[], date] = date.today):
        self.cb = cb
        self.viewer = viewer
        self.team_id = team_id
        self.labels = labels
        self.today = today
        self.forms: dict[int, ReviewForm] = {}
        self._listeners: list[Callable[[], None]] = []
        self.message = Message("wb-actions-message")  # what the last review did (its form is gone)
        self.open_box = w.VBox(layout=full_width())
        self.open_box.add_class("wb-open-actions")
        self.done = w.HTML(layout=full_width())
        self.done.add_class("wb-done-actions")
        self.widget = w.VBox([self.message.widget, self.open_box,
                              w.HTML("<h3>Afgerond of vervallen</h3>", layout=full_width()),
                              self.done], layout=full_width())
        self.widget.add_class("wb-actions")

    def on_change(self, callback: Callable[[], None]) -> None:
        """``callback()`` after an action was reviewed (the chart follows)."""
        self._listeners.append(callback)

    def say(self, text: str) -> None:
        self.message.done(text)

    def refresh(self) -> None:
        actions = self.cb.actions(self.viewer, self.team_id, open_only=False)
        still_open = [a for a in actions if a.status in OPEN_STATUSES]
        finished = sorted((a for a in actions if a.status not in OPEN_STATUSES),
                          key=lambda a: a.updated_at, reverse=True)
        self.forms = {a.id: ReviewForm(self, a) for a in still_open}
        late = sum(is_overdue(a, self.today()) for a in still_open)
        heading = (f"<h3>Open ({len(still_open)}{f', waarvan {late} te laat' if late else ''})</h3>"
                   if still_open else "<h3>Open</h3><p>Er staan geen acties open.</p>")
        self.open_box.children = (w.HTML(heading, layout=full_width()),
                                  *(form.widget for form in self.forms.values()))
        self.done.value = ("".join(action_card(self.labels, a, self.today()) for a in finished)
                           or "<p>Nog geen acties afgerond.</p>")

    def review(self, action_id: int, *, status: str, note: str, session_id: int,
               privacy: str = "check"):
        """Record the review in the store, then show the lists again."""
        action = self.cb.review_action(self.viewer, action_id, session_id=session_id,
                                       status=status, note=note.strip(), privacy=privacy)
        self.refresh()
        label = dict((v, k) for k, v in REVIEW_CHOICES)[status].lower()
        self.say(f"Opgeslagen: '{action.what}' staat nu op {label}.")
        for callback in list(self._listeners):
            callback()
        return action
