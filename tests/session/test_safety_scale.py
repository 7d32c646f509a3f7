"""The case discussion's safety scale, asked at the start and again at the end: once the end's
scores are shown, every screen puts them beside the start's and says how the average moved."""

from __future__ import annotations

from tests.conftest import Immediate
from tests.session.conftest import go_to
from werkboek.session import display
from werkboek.ui.session.participant import ParticipantView

START, END = "veiligheid-begin", "veiligheid"


def score(participation, phase_id: str, value: int) -> None:
    participation.contribute(participation.room.phase_by_id(phase_id), value=value)


def test_the_end_shows_the_start_beside_it_and_how_the_average_moved(casebook, lead, join):
    gw, nw = join(lead, "GW-1", "groepswerker"), join(lead, "NW-1", "nachtwacht")
    go_to(lead, START)
    score(gw, START, 3)
    score(nw, START, 4)
    lead.reveal()
    go_to(lead, END)
    score(gw, END, 5)
    score(nw, END, 6)
    view = ParticipantView(gw, scheduler=Immediate())
    assert "Aan het begin" not in view.team.value  # the end's scores are still hidden
    lead.reveal()
    view.poller.tick()
    shown = view.team.value
    assert "Gemiddeld aan het begin: 3,5. Nu: 5,5. Dat is 2,0 hoger." in shown
    assert shown.index("Aan het begin") < shown.index("<h3>Nu</h3>")
    assert "de veiligheidsschaal aan het begin: 3, 4" in shown  # the start's spread, for a reader
    assert "van 5 tot 6" in shown


def test_the_start_shows_only_its_own_spread(casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    go_to(lead, START)
    score(gw, START, 7)
    lead.reveal()
    gw.room.refresh()
    summary = display.step_summary_html(gw.room, gw.room.phase)
    assert "1 score, van 7 tot 7" in summary and "Aan het begin" not in summary


def test_a_lower_score_at_the_end_is_said_plainly_even_if_the_start_was_never_shown(
        casebook, lead, join):
    gw = join(lead, "GW-1", "groepswerker")
    go_to(lead, START)
    score(gw, START, 6)  # the facilitator moves on without showing the start's scores
    go_to(lead, END)
    score(gw, END, 4)
    lead.reveal()
    gw.room.refresh()
    assert "Dat is 2,0 lager." in display.step_summary_html(gw.room, gw.room.phase)
