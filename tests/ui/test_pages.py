"""Every page builds against a fresh casebook and shows its content in Dutch, without errors."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from tests.ui.test_shell import html_of
from werkboek.content import load_content
from werkboek.ui import registry, shell

CONTENT = load_content()


SIGN_IN_NOTE = "alleen voor leden van een team"  # werkboek.ui.identity.sign_in_note
PERSONAL = {"Start", "Oefeningen", "Dialoog", "Spanningsvelden", "Principes", "Mijn-reflecties"}


def visit_as(who: str, casebook, sign_in) -> None:
    """Make the pages' visitor the laptop's owner, a signed-in member, or nobody."""
    if who == "lokaal":
        sign_in.local()
    elif who == "lid":
        sign_in(casebook, None, "GW-1")
    else:
        sign_in.anonymous()


@pytest.mark.parametrize("who", ["lokaal", "lid"])
@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.notebook)
def test_every_page_builds_against_a_fresh_casebook_without_a_message(page, who, casebook,
                                                                      sign_in):
    visit_as(who, casebook, sign_in)
    module = importlib.import_module(f"werkboek.ui.pages.{page.module}")
    built = shell.build_page(module.build)
    html = html_of(built)
    assert "wb-page" in built._dom_classes
    assert f"<h1>{page.title}</h1>" in html
    assert "Er ging iets mis" not in html and "Traceback" not in html
    assert "Het casebook geeft een melding" not in html
    # The team pages are for members: the laptop's owner is asked to sign in there.
    assert (SIGN_IN_NOTE in html) == (who == "lokaal" and page.notebook not in PERSONAL)


@pytest.mark.parametrize("page", registry.PAGES, ids=lambda p: p.notebook)
def test_a_visitor_not_signed_in_reads_nothing_of_the_casebook_and_is_told_in_dutch(
        page, casebook, sign_in):
    visit_as("niemand", casebook, sign_in)
    module = importlib.import_module(f"werkboek.ui.pages.{page.module}")
    html = html_of(shell.build_page(module.build))
    assert f"<h1>{page.title}</h1>" in html and "Traceback" not in html
    assert "Er ging iets mis" not in html
    if page.notebook == "Start":  # the entrance shows itself, and where to sign in
        assert SIGN_IN_NOTE in html and 'href="Casusbespreking.ipynb"' in html
    elif page.notebook in PERSONAL:  # the server asks for sign-in before these, but if not:
        assert "Meld je eerst aan" in html
    else:
        assert SIGN_IN_NOTE in html and "Meld je aan" in html


def test_start_page_explains_the_three_ways_and_links_every_page(casebook, sign_in):
    from werkboek.ui.pages import start

    sign_in.local()

    html = html_of(start.build())
    for way in ("Teamsessie", "Cursus", "Persoonlijk"):
        assert way in html
    for page in registry.PAGES[1:]:
        assert f'href="{page.notebook}.ipynb"' in html
    assert "Open vervolgacties" not in html
    assert "Begrippenlijst: " in html and "<dt>hypothese</dt>" in html  # every hard word explained


def test_start_page_lists_open_follow_up_actions(casebook, sign_in):
    from werkboek.ui.pages import start

    viewer = casebook.viewer(sign_in.local())
    team_id = next(iter(viewer.team_ids))
    session = casebook.start_session(viewer, team_id, case_id=None, exercise_id="casusbespreking")
    casebook.add_action(viewer, session_id=session.id, what="avondritueel afspreken (fictief)",
                        owner="groepswerker", due=dt.date(2031, 2, 3))
    html = html_of(start.build())
    assert "Open vervolgacties" in html and "avondritueel afspreken (fictief)" in html
    assert "03-02-2031" in html


def test_tension_fields_page_shows_all_seven_with_both_poles(casebook, sign_in):
    from werkboek.ui.pages import spanningsvelden

    sign_in(casebook, None, "GW-1")
    html = html_of(spanningsvelden.build())
    items = CONTENT.items("spanningsvelden")
    assert len(items) == 7
    for item in items:
        assert item.pole_a.split(" ")[0] in html and item.pole_b.split(" ")[0] in html


def test_principles_page_shows_both_sets(casebook, sign_in):
    from werkboek.ui.pages import principes

    sign_in(casebook, None, "GW-1")
    html = html_of(principes.build())
    assert "Samen met bewoners" in html and "Voor werkers" in html
    assert html.count('class="wb-card wb-item"') == len(CONTENT.items("principes"))


def test_journal_shows_what_i_wrote_escaped_and_only_to_me(casebook, sign_in):
    from werkboek.ui.pages import mijn_reflecties

    me = sign_in(casebook, None, "GW-1")
    assert "nog niets opgeschreven" in html_of(mijn_reflecties.build())
    casebook.save_entry(me.personal_viewer(), kind="text", text="ik leerde <iets> nieuws",
                        exercise="dialoog-vier-niveaus", step="innerlijk", final=True)
    html = html_of(mijn_reflecties.build())
    assert "ik leerde &lt;iets&gt; nieuws" in html
    assert "Innerlijke dialoog" in html or "dialoog" in html.lower()
    assert "Toon ook deze antwoorden" not in html  # no typing a name to see other answers
    sign_in(casebook, me.team_id, "GW-2")  # a colleague on the same computer, signed in
    assert "ik leerde" not in html_of(mijn_reflecties.build())
    sign_in.local()  # the laptop's own journal is another one again
    assert "ik leerde" not in html_of(mijn_reflecties.build())


def test_exercises_page_opens_the_exercise_named_in_the_address(casebook, monkeypatch, sign_in):
    from werkboek.ui import handshake
    from werkboek.ui.pages import oefeningen

    sign_in(casebook, None, "GW-1")
    monkeypatch.setenv("QUERY_STRING", "oefening=vragen-stellen")
    handshake.visit_parameters.cache_clear()
    try:
        html = html_of(oefeningen.build())
    finally:
        handshake.visit_parameters.cache_clear()
    assert "Stap 1 van" in html and CONTENT.exercise("vragen-stellen").title in html
