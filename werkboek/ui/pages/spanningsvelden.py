"""Page "Spanningsvelden": the seven tension fields (the guide's direction held back), placing
yourself on all seven, exploring one field with a polarity map, the team round (everyone places
themselves, the spread is revealed together), and what it shows back: a team's positions on all
seven fields (a dot per person, no names) and my own positions over time.
"""

from __future__ import annotations

import uuid

import ipywidgets as w

from werkboek.charts import position_history, tension_spread
from werkboek.content import load_content
from werkboek.content.models import CaptureType
from werkboek.ui import visitor
from werkboek.ui.autosave import EntrySaver, StatusLine
from werkboek.ui.captures import CaptureSpec, PolesCapture, label_html
from werkboek.ui.charts import responsive_chart
from werkboek.ui.feedback import Message
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width
from werkboek.ui.privacy_notice import PrivacyNotice
from werkboek.ui.reflection.page import ReflectionPage
from werkboek.ui.reflection.tally import latest_positions, positions_over_time
from werkboek.ui.reflection.team_round import RoundEntrance
from werkboek.ui.reflection.views import chart_block, empty_note, explanation
from werkboek.vocab import TENSION_MODULE

MODULE = TENSION_MODULE
EXERCISE = "spanningsveld-verkennen"
PLACE_STEP = "waar-sta-ik"  # the page's own part, not a step of EXERCISE (see entry_view)


class PlaceOnAll:
    """A line per tension field to place yourself on; each save adds the placements made or
    moved since the last one to your history (pressing "Opslaan" again stores nothing twice)."""

    def __init__(self, content, cb, viewer, *, on_saved, scheduler=None):
        self.status = StatusLine()
        self.message = Message("wb-place-message")
        self.notice = PrivacyNotice()
        self.on_saved = on_saved
        self.titles: dict[str, str] = {}
        self.captures: dict[str, PolesCapture] = {}
        self.savers: dict[str, EntrySaver] = {}
        self.saved: dict[str, float] = {}  # field → the position the last "Opslaan" stored
        rows = []
        for item in content.items(MODULE):
            capture = PolesCapture(CaptureSpec(pole_a=item.pole_a, pole_b=item.pole_b,
                                               label=item.title))
            saver = EntrySaver(
                cb, viewer, fields=capture.entry_fields, is_empty=capture.is_empty,
                tags={"kind": CaptureType.POLES, "module": MODULE, "exercise": None, "step": PLACE_STEP,
                      "tension": item.id},
                notice=self.notice, status=self.status, scheduler=scheduler,
            )
            capture.observe_change(saver.changed)
            self.titles[item.id] = item.title
            self.captures[item.id], self.savers[item.id] = capture, saver
            row = w.VBox([label_html(item.title), capture.widget], layout=full_width())
            row.add_class("wb-place-row")
            rows.append(row)
        save = w.Button(description="Opslaan", button_style="primary", icon="check")
        save.add_class("wb-place-save")
        save.on_click(guarded(lambda _b: self.save()))
        intro = w.HTML("<p>Waar sta jij nu, op elk van de zeven spanningsvelden? Zet de schuif "
                       "tussen de twee polen. Sta je precies in het midden? Kies dan 'Ik sta in "
                       "het midden'. Er is geen goed of fout. Kom over een paar weken terug: dan "
                       "zie je of je verschuift.</p>", layout=full_width())
        self.widget = w.VBox([intro, *rows, self.status.widget, self.notice.widget, save,
                              self.message.widget], layout=full_width())
        self.widget.add_class("wb-place-all")

    def save(self) -> bool:
        """Finalise every placement made or moved since the last save; one not moved since is
        not stored again. A field moved after a save becomes a new placement (a new moment)."""
        placed = [field for field, capture in self.captures.items() if not capture.is_empty()]
        if not placed:
            self.message.problem("Zet eerst minstens één schuif op de plek waar jij staat, of "
                                 "kies 'Ik sta in het midden'.")
            return False
        current = {field: self.captures[field].value for field in placed}
        changed = [field for field in placed
                   if self.savers[field].stored or current[field] != self.saved.get(field)]
        if not changed:
            self.message.done("Dit had je al opgeslagen; er is niets veranderd.")
            return True
        for field in changed:
            if not self.savers[field].save(final=True):
                self.message.problem("Niet opgeslagen: zie de melding hierboven.")
                return False
        for field in changed:
            self.saved[field] = current[field]
            self.savers[field].entry_id, self.savers[field].stored = uuid.uuid4(), False
        self.status.clear()  # the message under the button says it all
        missing = [self.titles[f] for f in self.captures if f not in placed]
        rest = (f" Nog niet geplaatst: {', '.join(missing)}. Sta je daar in het midden? Kies dan "
                "'Ik sta in het midden'." if missing else "")
        self.message.done(f"Opgeslagen: {len(placed)} van de {len(self.captures)} "
                          f"spanningsvelden.{rest} Kijk bij 'Wat zie ik terug?' hoe je positie "
                          "zich ontwikkelt.")
        self.on_saved()
        return True


class TensionPage(ReflectionPage):
    def __init__(self, content, cb, viewer, *, scheduler=None):
        self.fields = [(i.id, i.pole_a, i.pole_b) for i in content.items(MODULE)]
        super().__init__(content, cb, viewer, scheduler=scheduler)

    def parts(self):
        return [
            ("uitleg", "Uitleg", lambda: explanation(self.content, MODULE, hide_directions=True)),
            ("plaatsen", "Waar sta ik?", self._place),
            ("verkennen", "Eén veld verkennen", self.exercise(EXERCISE)),
            ("samen", "Samen", self._together),
            ("terugblik", "Wat zie ik terug?", self.team_review),
        ]

    def _place(self) -> w.Widget:
        self.placing = PlaceOnAll(self.content, self.cb, self.viewer, on_saved=self.charts.refresh,
                                  scheduler=self.scheduler)
        return self.placing.widget

    def _together(self) -> w.Widget:
        box = w.VBox(layout=full_width())
        box.add_class("wb-together")
        intro = w.HTML(
            "<p>Een teamoefening. De gespreksleider kiest één spanningsveld en start een ronde. "
            "Iedereen plaatst zich op de lijn, op een eigen laptop of telefoon. Daarna laat de "
            "gespreksleider de spreiding aan iedereen tegelijk zien, en bespreken jullie: wat "
            "valt op? Waar liggen de verschillen, en wat zegt dat over jullie werk?</p>",
            layout=full_width())

        def show_round(view) -> None:
            self.round_view = view
            box.children = (intro, view.widget)

        # The visitor the server proved (the team picker of "Wat zie ik terug?" may not exist yet).
        self.entrance = RoundEntrance(self.content, self.cb, visitor.principal(),
                                      on_round=show_round,
                                      scheduler=self.scheduler)
        box.children = (intro, self.entrance.widget)
        return box

    # -- read-back
    def my_placements(self) -> list:
        return self.cb.entries(self.viewer, kind=CaptureType.POLES, author_id=self.viewer.member_id,
                               status="final")

    def team_placements(self) -> list:
        return [] if self.team.is_empty else self.team.entries(kind=CaptureType.POLES)

    def chart_widgets(self) -> list[w.Widget]:
        legend = ("<p>Boven elke lijn staat links de ene pool (◀) en rechts de andere (▶).</p>")
        team_name = self.team.label.split(": ", 1)[-1]
        spread = latest_positions(self.team_placements())
        if spread:
            team = chart_block(f"Waar staat {team_name}?",
                               "<p>Elke stip is één persoon (zonder naam). Liggen de stippen ver "
                               f"uit elkaar, dan kijkt het team verschillend naar dit veld.</p>{legend}",
                               responsive_chart(tension_spread(self.fields, spread, title="")))
        else:
            team = chart_block(f"Waar staat {team_name}?", "",
                               empty_note("Dit team heeft nog geen posities gedeeld."))
        history = positions_over_time(self.my_placements())
        if history:
            mine = chart_block("Mijn posities door de tijd",
                               "<p>Elke stip is een keer dat je jezelf plaatste. De grote, donkere "
                               f"stip is de laatste keer; de lichte zijn eerder.</p>{legend}",
                               responsive_chart(position_history(self.fields, history)))
        else:
            mine = chart_block("Mijn posities door de tijd", "",
                               empty_note("Je hebt jezelf nog niet geplaatst. Doe dat bij "
                                          "'Waar sta ik?'."))
        return [mine, self.team.widget, team]


def build(*, scheduler=None) -> w.Widget:
    from werkboek.casebook import open_casebook  # the store (SQLAlchemy) after the frame

    content = load_content()
    cb = open_casebook()
    return TensionPage(content, cb, visitor.personal_viewer(cb), scheduler=scheduler).widget
