"""The facilitator's screen: which exercise (unless the case discussion), join code, step controls
with timer, the step's facilitator script (this screen only), the opening (a review of open
actions, this case's first, or a welcome), contributions arriving live (each can be hidden) with
a summary that fits the step's capture type, switches for hidden collection and named mode, the
reveal of hidden answers, the agreed intervention (case discussion) and actions, the report
download, and closing.

The 2-second poll redraws only what changed: the timer label on a quiet tick, the list of
contributions only when an entry, a vote or the step changed."""

from __future__ import annotations

import ipywidgets as w

from werkboek.clock import day
from werkboek.markup import esc
from werkboek.session import display
from werkboek.session.facilitator_actions import Facilitation, LeadTaken
from werkboek.session.room import ACTION_PROPOSAL, CASE_DISCUSSION, HYPOTHESIS, REVIEW_CASE
from werkboek.ui.captures import ActionCapture, CaptureSpec
from werkboek.ui.feedback import Message
from werkboek.ui.fields import labelled_area, labelled_text
from werkboek.ui.guard import guarded
from werkboek.ui.kit import button, full_width, save_or_ask
from werkboek.ui.privacy_notice import PrivacyNotice, texts_in
from werkboek.ui.replace import replace_children
from werkboek.ui.session.live import LivePoller
from werkboek.ui.session.participant import html_box
from werkboek.ui.session.script import script_html
from werkboek.ui.session.style import STYLE
from werkboek.vocab import REVIEW_CHOICES

HEARTBEAT_ROUNDS = 10  # claim the lead again every 10 poll rounds (~20 s; the lease is 60 s)


def switch(label: str, css: str) -> w.Checkbox:
    box = w.Checkbox(value=False, description=label, indent=False,
                     layout=w.Layout(width="auto", max_width="100%"))
    box.add_class(css)
    return box


class FacilitatorView:
    def __init__(self, lead: Facilitation, *, report_link=None):
        self.lead = lead
        self.room = lead.room
        self.report_link = report_link
        self.lead_banner = html_box("wb-lead-banner")
        self.take_over_button = w.Button(description="Overnemen", icon="hand-paper-o",
                                         layout=w.Layout(display="none"))
        self.take_over_button.add_class("wb-take-over")
        self.take_over_button.on_click(guarded(lambda _b: self._take_over()))
        self.header = html_box("wb-session-header")
        self.timer = html_box("wb-timer-box")
        self.phase = html_box("wb-phase-box")
        self.script = html_box("wb-script-box")  # this screen only: never shared with the team
        self.case = html_box("wb-case-box")
        self.notice = PrivacyNotice()
        self.back = button("Vorige stap", "wb-prev", self._act(lead.previous_phase), icon="arrow-left")
        self.next = button("Volgende stap", "wb-next", self._act(lead.next_phase),
                           icon="arrow-right", style="primary")
        self.start = button("Start tijd", "wb-timer-start", self._act(lead.start_timer), icon="play")
        self.pause = button("Pauze", "wb-timer-pause", self._act(lead.pause_timer), icon="pause")
        less = button("−1 min", "wb-timer-less", self._act(lambda: lead.adjust_timer(-1)))
        more = button("+1 min", "wb-timer-more", self._act(lambda: lead.adjust_timer(+1)))
        self.reveal = button("Laat alle antwoorden zien", "wb-reveal", self._act(lead.reveal),
                             icon="eye", style="warning")
        controls = w.HBox([self.back, self.next, self.start, self.pause, less, more, self.reveal],
                          layout=w.Layout(width="100%", flex_flow="row wrap"))
        controls.add_class("wb-controls")
        self.hidden_switch = switch("Verborgen verzamelen (pas zichtbaar als jij ze laat zien)",
                                    "wb-collect-hidden")
        self.names_switch = switch("Namen tonen op alle schermen", "wb-show-names")
        self._syncing = False
        self.hidden_switch.observe(self._switched(lead.collect_hidden), names="value")
        self.names_switch.observe(self._switched(lead.show_names), names="value")
        self.guests_switch = switch("Gasten toelaten (alleen bij deze bespreking)",
                                    "wb-allow-guests")
        self.guests_switch.value = lead.room.session.guests_allowed
        self.guests_switch.observe(guarded(lambda change: self._allow_guests(change["new"])),
                                   names="value")
        self._projector_html = ""
        beamer = button("Link voor de beamer", "wb-projector-link", self._projector_link,
                        icon="television")
        switches = w.HBox([self.hidden_switch, self.names_switch, self.guests_switch, beamer],
                          layout=w.Layout(width="100%", flex_flow="row wrap"))
        switches.add_class("wb-switches")
        self.successor = w.Dropdown(options=lead.successors(), value=None,
                                    description="Leiding overdragen aan",
                                    style={"description_width": "initial"}, layout=full_width())
        self.successor.add_class("wb-handover-to")
        handover = button("Draag over", "wb-handover", self._hand_over, icon="exchange")
        self.handover_box = w.VBox([self.successor, handover], layout=full_width())
        self.handover_box.add_class("wb-handover-box")
        self.review_box = w.VBox(layout=full_width())
        self.review_box.add_class("wb-review")
        self.live_box = w.VBox(layout=full_width())
        self.live_box.add_class("wb-live")
        self.summary = html_box("wb-summary")
        self.agreements = self._agreements()
        self.close_button = button(f"{self.room.session_word.capitalize()} afsluiten",
                                   "wb-close-session", self._close,
                                   icon="flag-checkered", style="danger")
        self.report_box = w.VBox(layout=full_width())
        self.report_box.add_class("wb-report-box")
        self.widget = w.VBox(
            [w.HTML(STYLE), self.lead_banner, self.take_over_button, self.header, self.timer, controls,
             switches, self.phase, self.script, self.case, self.review_box, self.live_box,
             self.summary, self.notice.widget, self.agreements, self.close_button, self.handover_box,
             self.report_box],
            layout=full_width(),
        )
        self.widget.add_class("wb-facilitator")
        self.poller = LivePoller(self.room.refresh, self.render, on_idle=self._idle,
                                 is_closed=lambda: self.room.closed)
        self._shown_phase = None
        self._live_key: tuple | None = None
        self._entry_rows: dict[tuple, w.Widget] = {}  # drawn rows of contributions, by look
        self.render()

    def _act(self, change):
        def run() -> None:
            try:
                change()
            except LeadTaken as taken:
                self.say_lead_lost(str(taken))
                return
            self.render()
        return run

    def _switched(self, change):
        """A switch's handler: save the new setting, unless ``render`` is only showing it."""
        @guarded
        def run(event) -> None:
            if not self._syncing:
                self._act(lambda: change(event["new"]))()
        return run

    def _sync_switches(self) -> None:
        room, phase = self.room, self.room.phase
        self._syncing = True
        try:
            self.hidden_switch.value = phase.id in room.control.hidden
            self.names_switch.value = room.named
        finally:
            self._syncing = False
        self.hidden_switch.layout.display = None if phase.capture else "none"
        self.hidden_switch.disabled = self.names_switch.disabled = room.closed

    def say_lead_lost(self, text: str) -> None:
        self.lead_banner.value = f'<div class="wb-lead-lost" role="alert">{esc(text)}</div>'
        self.take_over_button.layout.display = None

    def _take_over(self) -> None:
        self.lead.take_over()
        self.lead_banner.value = ""
        self.take_over_button.layout.display = "none"
        self.render()

    def _idle(self) -> None:
        if self.poller.rounds % HEARTBEAT_ROUNDS == 0:
            had = self.lead.has_lead
            if not self.lead.claim():
                self.say_lead_lost(str(LeadTaken()))
            elif not had:
                self.lead_banner.value = ""
                self.take_over_button.layout.display = "none"
        self.timer.value = display.timer_html(self.room)

    def _allow_guests(self, allowed: bool) -> None:
        self.room.session = self.lead.cb.allow_guests(self.lead.viewer, self.room.session.id,
                                                      allowed)
        self.render()

    def _hand_over(self) -> None:
        if self.successor.value is None:
            self.lead_banner.value = ('<div class="wb-message" role="alert">Kies aan wie je de '
                                      "leiding overdraagt.</div>")
            return
        name = self.successor.label
        self.lead.hand_over(self.successor.value)
        self.poller.stop()
        self.lead_banner.value = (f'<div class="wb-lead-lost" role="status">{esc(name)} leidt '
                                  "deze bespreking nu. Wil je meedoen? Open de pagina opnieuw en "
                                  "doe mee met de code.</div>")
        self.widget.children = (self.lead_banner,)

    def _projector_link(self) -> None:
        """A new read-only link for the beamer (an older one stops working)."""
        from urllib.parse import urlencode

        token = self.lead.cb.projector_link(self.lead.viewer, self.room.session.id)
        query = urlencode({"view": "projector", "code": self.room.session.join_code,
                           "beamer": token})
        self._projector_html = (
            f'<p class="wb-projector-href">Open op de beamer: <a href="Casusbespreking.ipynb?'
            f'{esc(query)}" target="_blank">deze link</a>. Wie de link heeft, kan meekijken '
            "zonder namen; deel hem niet verder.</p>")
        self.render()

    # -- drawing
    def render(self) -> None:
        room = self.room
        self.header.value = display.exercise_html(room) + display.code_html(room) + (
            f"<p>Deelnemers openen deze pagina en vullen de code in: <strong>"
            f"{esc(room.session.join_code)}</strong>.</p>") + self._projector_html + (
            '<p class="wb-guests-on">Gasten kunnen meedoen met de link '
            f'<code>Casusbespreking.ipynb?code={esc(room.session.join_code)}</code>, zonder '
            "account; ze zien alleen deze bespreking.</p>" if room.session.guests_allowed else "")
        self.timer.value = display.timer_html(room)
        self.phase.value = display.phase_html(room, with_help=False)
        self.script.value = script_html(room.step)
        self.case.value = display.case_html(room)
        phase = room.phase
        self.back.disabled = room.control.is_first or room.closed
        self.next.disabled = room.control.is_last or room.closed
        self.reveal.description = ("Laat alle hypothesen zien" if phase.kind == HYPOTHESIS
                                   else "Laat alle antwoorden zien")
        self.reveal.layout.display = None if room.held_back(phase.id) else "none"
        self._sync_switches()
        if self._shown_phase != phase.id:
            self._shown_phase = phase.id
            self._render_review()
        self._render_live()
        self.summary.value = "".join([
            display.intervention_html(room),
            "<h3>Afgesproken vervolgacties</h3>" + display.actions_html(self.lead.session_actions()),
        ])
        if room.closed:
            self.close_button.disabled = True
            self.agreements.layout.display = "none"  # closed: nothing more to agree or add
            self._render_report()

    def _render_review(self) -> None:
        room = self.room
        if room.phase.capture is not None:
            replace_children(self.review_box, ())
            return
        if room.review is None:  # this session does not look back at actions: a welcome
            replace_children(self.review_box, (w.HTML(
                "<p>Laat iedereen meedoen met de code. Is het team compleet? Ga dan naar stap 1."
                "</p>"),))
            return
        actions = self.lead.open_actions()
        about_case = room.review == REVIEW_CASE
        if not actions:
            none = ("Er staan geen acties open over deze casus." if about_case
                    else "Er staan geen acties open van vorige keer.")
            replace_children(self.review_box, (w.HTML(f"<p>{none}</p>"),))
            return
        rows = []
        for action, heading in zip(actions, display.review_headings(room, actions), strict=True):
            if heading:
                rows.append(w.HTML(f"<h3>{heading}</h3>"))
            status = w.Dropdown(options=REVIEW_CHOICES, value="klaar", layout=full_width())
            note = labelled_text("Wat is er gebeurd? (één zin)", "wb-review-note")
            done = Message("wb-review-message")
            save = button("Vastleggen", "wb-review-save",
                          lambda a=action, s=status, n=note, d=done: self._review(a, s, n, d))
            row = w.VBox([w.HTML(f"<p><strong>{esc(action.what)}</strong> · {esc(action.owner)} · "
                                 f"{day(action.due)}</p>"), status, note, save, done.widget],
                         layout=full_width())
            row.add_class("wb-review-row")
            rows.append(row)
        replace_children(self.review_box, tuple(rows))

    def _review(self, action, status, note, done) -> None:
        if not note.value.strip():
            done.problem("Schrijf in één zin wat er gebeurd is.")
            return
        self._guarded_save(lambda privacy: self.lead.review_action(
            action.id, status.value, note.value, privacy=privacy), {"text": note.value},
            lambda: done.done("Vastgelegd."))

    def _guarded_save(self, save, fields: dict, after) -> None:
        """Run ``save(privacy)``; a privacy refusal shows the notice and retries on a choice."""

        def store(privacy: str) -> bool:
            try:
                save(privacy)
            except LeadTaken as taken:
                self.say_lead_lost(str(taken))
                return False
            return True

        def stored(kept: bool) -> None:
            if kept:
                after()
                self.render()

        save_or_ask(self.notice, store, texts_in(fields), then=stored)

    def _render_live(self) -> None:
        room, phase = self.room, self.room.phase
        entries = room.shown(phase_id=phase.id, for_member=self.lead.member.id)
        held = room.held_back(phase.id)
        key = (phase.id, held, room.named, room.closed, room.waiting_hidden(phase.id),
               tuple((e.id, e.updated_at, room.votes.get(e.id, 0)) for e in entries))
        if key == self._live_key:
            return  # nothing new: keep the widgets as they are
        self._live_key = key
        if phase.capture is None:
            self._entry_rows = {}
            replace_children(self.live_box, ())
            return
        votes = room.votes
        entries.sort(key=lambda e: -votes.get(e.id, 0))
        rows = [w.HTML(display.hidden_html(room, phase) if held
                       else display.step_summary_html(room, phase))]
        rows.append(w.HTML(f"<h3>Binnengekomen ({len(entries)})</h3>"))
        # A contribution's row is drawn once and kept while it looks the same: one new
        # contribution adds one row, instead of redrawing every row of the step.
        before, self._entry_rows = self._entry_rows, {}
        for entry in entries:
            votes = room.votes.get(entry.id, 0)
            key = (entry.id, entry.updated_at, votes, room.named)
            row = before.get(key) or self._entry_row(entry, votes)
            self._entry_rows[key] = row
            rows.append(row)
        if phase.has_columns:
            rows.append(w.HTML(display.columns_html(room, phase.id)))
        replace_children(self.live_box, tuple(rows))

    def _entry_row(self, entry, votes: int) -> w.Widget:
        count = f'<span class="wb-votes">{display.votes_label(votes)}</span> ' \
            if entry.kind == HYPOTHESIS else ""
        text = w.HTML(f'<div class="wb-contribution">{count}'
                      f"{display.entry_body(self.room, entry)}</div>",  # names only when on
                      layout=full_width())
        parts = [button("Verberg", "wb-hide", self._act(lambda e=entry: self.lead.hide(e.id)))]
        if entry.kind == ACTION_PROPOSAL:
            parts.insert(0, button("Neem over als actie", "wb-adopt",
                                   lambda e=entry: self._adopt(e)))
        row = w.VBox([text, w.HBox(parts)], layout=full_width())
        row.add_class("wb-live-row")
        return row

    # -- agreements
    def _agreements(self) -> w.Widget:
        self.intervention = labelled_area("De interventie die we samen kiezen",
                                          "wb-intervention-text", rows=2)
        self.goal = labelled_area("Wat willen we bereiken? Hoe merken we dat het werkt?",
                                  "wb-intervention-goal", rows=2)
        self.needed = labelled_area("Wat is er nodig? (bij de bewoner, bij ons, bij een "
                                    "ketenpartner)", "wb-intervention-needed", rows=2)
        current = self.room.intervention()
        if current is not None:
            self.intervention.value = current.text
            self.goal.value = (current.value or {}).get("goal", "")
            self.needed.value = (current.value or {}).get("needed", "")
        save = button("Interventie vastleggen", "wb-save-intervention", self._save_intervention,
                      style="primary")
        self.action = ActionCapture(CaptureSpec())
        add = button("Actie toevoegen", "wb-add-action", self._add_action, style="primary")
        # One message per form, each under its own button.
        self.intervention_status = Message("wb-intervention-message")
        self.agreement_status = Message("wb-action-message")
        intervention = [w.HTML("<h3>Afspraken</h3>"), self.intervention, self.goal, self.needed,
                        save, self.intervention_status.widget]
        if self.room.exercise.id != CASE_DISCUSSION:
            intervention = []  # the agreed intervention belongs to the case discussion
        box = w.VBox([*intervention, w.HTML("<h3>Vervolgactie</h3>"), self.action.widget, add,
                      self.agreement_status.widget], layout=full_width())
        box.add_class("wb-agreements")
        return box

    def _save_intervention(self) -> None:
        if not self.intervention.value.strip():
            self.intervention_status.problem("Schrijf eerst de interventie op.")
            return
        fields = {"text": self.intervention.value,
                  "value": {"goal": self.goal.value, "needed": self.needed.value}}
        self._guarded_save(
            lambda privacy: self.lead.agree_intervention(
                self.intervention.value, self.goal.value, self.needed.value, privacy=privacy),
            fields, lambda: self.intervention_status.done("Interventie vastgelegd."))

    def _add_action(self, value: dict | None = None) -> None:
        value = value or self.action.value
        if not value.get("what", "").strip() or not value.get("owner", "").strip() \
                or not value.get("due"):
            self.agreement_status.problem("Vul wat, wie en wanneer in (wanneer als dd-mm-jjjj).")
            return
        from datetime import date

        def done() -> None:
            self.action.value = None
            self.agreement_status.done("Actie toegevoegd.")

        self._guarded_save(
            lambda privacy: self.lead.add_action(value["what"], value["owner"],
                                                 date.fromisoformat(value["due"]), privacy=privacy),
            {"value": {"what": value["what"], "owner": value["owner"]}}, done)

    def _adopt(self, entry) -> None:
        """A proposal with what, who and when becomes an action; one that lacks a part fills
        the action form, to be completed there."""
        proposal = dict(entry.value or {})
        if all(str(proposal.get(part) or "").strip() for part in ("what", "owner", "due")):
            self._add_action(proposal)
            return
        self.action.value = proposal
        self.agreement_status.problem("Overgenomen in het formulier: vul aan wat nog ontbreekt "
                                      "(wie en wanneer, als dd-mm-jjjj) en kies 'Actie toevoegen'.")

    # -- closing and report
    def _close(self) -> None:
        self._act(self.lead.close)()

    def _render_report(self) -> None:
        if self.report_link is None or self.report_box.children:
            return
        replace_children(self.report_box, (self.report_link(self.room.session.id),))
