"""The session report: what a team reads afterwards, from the notebook run to HTML and PDF."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from tests.session.conftest import go_to
from werkboek.report import render_report
from werkboek.vocab import CONTRIBUTION_KIND


@pytest.fixture()
def held_session(casebook, lead, join, pages_env):
    """A full fictional session: contributions from three roles, hypotheses with votes, a scale,
    an intervention and two actions; then closed."""
    code = lead.room.session.join_code
    gw = join(lead, "GW-1", "groepswerker")
    cm = join(lead, "CM-1", "casemanager")
    nw = join(lead, "NW-1", "nachtwacht")
    room = gw.room
    go_to(lead, "context")
    gw.contribute(room.phase_by_id("context"), text="Ze eet niet mee in de gezamenlijke keuken.")
    nw.contribute(room.phase_by_id("context"), text="'s Nachts brandt er lang licht bij haar.")
    go_to(lead, "hypothesen")
    first = gw.contribute(room.phase_by_id("hypothesen"), text="Misschien schaamt ze zich.",
                          tension="privacy-bemoeienis")
    second = cm.contribute(room.phase_by_id("hypothesen"), text="Misschien slaapt ze slecht.")
    lead.reveal()
    for person in (gw, cm, nw):
        person.vote(second.id)
    gw.vote(first.id)
    for person, score in ((gw, 4), (cm, 6), (nw, 4)):
        person.contribute(room.phase_by_id("veiligheid"), value=score)
    cm.contribute(room.phase_by_id("veiligheid"), text="Ze zoekt zelf geen contact.",
                  value={"soort": "zorgen"}, kind=CONTRIBUTION_KIND)
    gw.contribute(room.phase_by_id("doel"), text="Dat ze weer aanschuift bij het eten.")
    lead.agree_intervention("Dagelijks kort even aanbellen (fictief).", "Ze voelt zich gezien.",
                            "Een vaste collega per dagdeel.")
    lead.add_action("Rooster voor het aanbellen maken", "CM-1", date(2031, 5, 1))
    lead.close()
    return lead.session_id, code


def test_report_follows_the_steps_in_order_hypotheses_of_step_2_before_step_3(held_session):
    session_id, _code = held_session
    html = render_report(session_id, fmt="html").decode("utf-8")
    order = [html.index(text) for text in ("Stap 1: Context ophalen", "Hypothesen en stemmen",
                                           "Stap 3: Het doel van de interventie",
                                           "Dat ze weer aanschuift bij het eten")]
    assert order == sorted(order)


def test_html_report_has_every_part_and_no_code(held_session):
    session_id, _code = held_session
    html = render_report(session_id, fmt="html").decode("utf-8")
    for text in ("Verslag van de casusbespreking", "Bewoner trekt zich terug (fictief)",
                 "Groepswerker", "Nachtwacht", "Ze eet niet mee", "Hypothesen en stemmen",
                 "3 stemmen", "Misschien slaapt ze slecht", "Afgesproken interventie",
                 "Ze voelt zich gezien", "Rooster voor het aanbellen maken", "01-05-2031",
                 "Veiligheidsschaal", "Zorgen"):
        assert text in html, text
    assert html.index("Misschien slaapt ze slecht") < html.index("Misschien schaamt ze zich")
    # the safety scale at the start and at the end, each with its own spread
    assert "Veiligheid aan het begin" in html and "Veiligheid aan het eind" in html
    assert "Er zijn geen scores op de veiligheidsschaal gegeven." in html  # none at the start
    assert "report_sections" not in html and "import" not in html.split("<body")[1][:2000]
    assert "Plotly.newPlot" in html  # the figure, with plotly.js inside the page:
    assert "<script src=" not in html  # nothing is fetched from the internet
    assert '<html lang="nl">' in html
    assert "GW-1" not in html  # no names outside named mode


def test_report_by_join_code_and_as_pdf_via_cli(held_session, tmp_path):
    _session_id, code = held_session
    out = tmp_path / "verslag.pdf"
    done = subprocess.run([sys.executable, "-m", "werkboek.cli", "report", code, "--format", "pdf",
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    assert "Verslag geschreven" in done.stdout


def test_unknown_session_gets_a_dutch_message(pages_env):
    done = subprocess.run([sys.executable, "-m", "werkboek.cli", "report", "QQQQQQ"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Er is geen sessie met code QQQQQQ" in done.stderr


def test_report_of_a_team_session_on_another_exercise_has_a_section_per_step(
        casebook, team, content, clock, pages_env, tmp_path, sign_in, join):
    from werkboek.session.facilitator_actions import start_session

    gl = sign_in(casebook, team.id, "GL-3", "gespreksleider")
    lead = start_session(casebook, team_id=team.id, principal=gl.principal,
                         exercise_id="spanningsveld-verkennen", case=None,
                         tension="privacy-bemoeienis", content=content, clock=clock)
    code = lead.room.session.join_code
    gw = join(lead, "GW-1", "groepswerker")
    nw = join(lead, "NW-1", "nachtwacht")
    room = gw.room
    gw.contribute(room.phase_by_id("positie"), value=0.25, position=0.25)
    nw.contribute(room.phase_by_id("positie"), value=0.75, position=0.75,
                  text="Ik klop liever een keer te veel aan.")
    gw.contribute(room.phase_by_id("situatie"), text="Ze wilde niet dat ik haar post zag (fictief).")
    nw.contribute(room.phase_by_id("kaart"), value={"what_helps": "Eerst vragen of het mag."})
    lead.add_action("Afspraak over aankloppen in de nacht", "NW-1", date(2031, 6, 1))
    lead.close()  # the positions were never revealed: the report shows them all the same
    out = tmp_path / "verslag.html"
    done = subprocess.run([sys.executable, "-m", "werkboek.cli", "report", code, "--format", "html",
                           "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    for text in ("Verslag van de teamsessie: Een spanningsveld verkennen", "Waar sta jij?",
                 "Waar staat het team?", "2 personen; samen gemiddeld precies in het midden",
                 "Ik klop liever een keer te veel aan.", "Een situatie uit je werk",
                 "Ze wilde niet dat ik haar post zag", "Nachtwacht", "Eerst vragen of het mag.",
                 "Wat neem je mee?", "Hier is niets ingevuld.",
                 "Afspraak over aankloppen in de nacht", "01-06-2031"):
        assert text in html, text
    assert html.count("Plotly.newPlot") == 1 and "<script src=" not in html
    assert "Veiligheidsschaal" not in html and "casusbespreking" not in html.lower()
    assert "GW-1" not in html and "NW-1 " not in html
