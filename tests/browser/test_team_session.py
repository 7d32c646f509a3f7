"""Another exercise than the case discussion as a team session, in real Chromium: the facilitator
comes from the exercise on the Oefeningen page ("Met je team doen"), starts "Een spanningsveld verkennen" on a
tension field, two participants (one on a 360 px phone) place themselves between the poles, the
positions stay hidden until the facilitator reveals them, then every screen shows the spread.
Everyone is signed in as a member of Team Zuid and joins as themselves.

Screenshots: test-artifacts/screenshots/team-*.png.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_casusbespreking import (
    LIVE,
    LOAD,
    click,
    expect_text,
    join,
    projector_link,
    shoot,
)
from tests.browser.test_reflection import slide

pytestmark = pytest.mark.browser

EXERCISE = "spanningsveld-verkennen"
FIELD = "Privacy en bemoeienis"


def place(page, fraction: float) -> None:
    """Put yourself between the poles and save it."""
    form = page.locator(".wb-contribution-form").first
    slide(page, form.locator(".wb-poles-slider .noUi-target").first, fraction)
    form.locator("button.wb-add-contribution").click()
    page.wait_for_timeout(500)


def test_facilitator_runs_a_tension_field_exercise_with_hidden_positions(server, contexts):
    lead = contexts("GD-2")
    lead.goto(f"{server}voila/render/Oefeningen.ipynb?oefening={EXERCISE}", timeout=LOAD)
    link = lead.locator("a.wb-team-session")
    link.wait_for(timeout=LOAD)
    assert link.get_attribute("href") == f"Casusbespreking.ipynb?oefening={EXERCISE}"
    with lead.expect_navigation(timeout=LOAD):
        link.click()
    lead.wait_for_selector(".wb-start-form", timeout=LOAD)
    chosen = lead.locator(".wb-start-exercise select")
    assert chosen.input_value() == "Spanningsvelden: Een spanningsveld verkennen"
    assert lead.locator(".wb-start-case select").input_value() == "Geen casus"
    lead.locator(".wb-start-team select").select_option(label="Team Zuid (fictief)")
    field_choice = lead.locator(".wb-start-tension select")
    field_choice.select_option(label=field_choice.locator("option").filter(
        has_text=re.compile("privacy", re.I)).first.inner_text())
    screenshot(lead, "team-00-start-facilitator")
    click(lead, "button.wb-start")
    lead.wait_for_selector(".wb-facilitator", timeout=LIVE * 2)
    code = lead.locator(".wb-code").first.inner_text().strip()

    beamer = projector_link(lead)
    projector = contexts("GD-2", 1600, 900)
    projector.goto(f"{server}voila/render/{beamer}", timeout=LOAD)
    projector.wait_for_selector(".wb-projector", timeout=LOAD)
    gw, nw = contexts("GW-4"), contexts("Nacht-2", 360, 740, phone=True)
    assert join(gw, server, code) == "Je doet mee als GW-4 (Groepswerker)."
    assert join(nw, server, code) == "Je doet mee als Nacht-2 (Nachtwacht)."
    views = {"facilitator": lead, "projector": projector, "groepswerker": gw,
             "nachtwacht-telefoon": nw}

    click(lead, "button.wb-next")  # from the opening to step 1: where do you stand?
    for page in (gw, nw, projector):
        expect_text(page, "Waar sta jij?")
    assert lead.locator(".wb-collect-hidden input").is_checked()  # positions: hidden by default
    place(gw, 0.15)
    place(nw, 0.85)
    for page in (gw, nw, projector, lead):
        expect_text(page, "2 antwoorden binnen, nog verborgen")
    expect_text(nw, "Jouw antwoord (nog alleen voor jou)")
    for page in (gw, nw, projector):  # nobody sees another's position before the reveal
        assert page.locator(".wb-spread").count() == 0
    # Only their own side shows: the slider's line and the read-back of their own answer.
    sides = set(re.findall(r"dichter bij ([^\n(]+)", gw.inner_text("body")))
    assert len(sides) == 1, sides
    shoot(views, "01-posities-verborgen", prefix="team")

    click(lead, "button.wb-reveal")
    for page in (gw, nw, projector, lead):
        expect_text(page, "2 personen; samen gemiddeld")
        page.locator(".wb-spread").first.wait_for(timeout=LIVE)
    assert "GW-4" not in projector.inner_text(".wb-projector-body")
    assert "nog verborgen" not in projector.inner_text(".wb-projector-body")
    assert gw.inner_text(".wb-team").count("dichter bij") == 2  # both answers, not only one's own

    lead.locator(".wb-show-names input").check()  # the team agrees: names on their screens
    expect_text(nw, "GW-4 (Groepswerker)")
    projector.wait_for_timeout(3000)  # a few polls later the beamer still shows no names
    assert "GW-4" not in projector.inner_text(".wb-projector-body")
    shoot(views, "02-posities-zichtbaar", prefix="team")

    click(lead, "button.wb-next")  # a text step: answers come in openly
    for page in (gw, nw):
        expect_text(page, "Een situatie uit je werk")
    form = nw.locator(".wb-contribution-form").first
    form.locator("textarea").first.fill("In de nacht twijfelde ik of ik mocht aankloppen (fictief).")
    form.locator("button.wb-add-contribution").click()
    for page in (gw, projector, lead):
        expect_text(page, "twijfelde ik of ik mocht aankloppen")
    overflow = nw.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    shoot(views, "03-situatie", prefix="team")
    assert overflow <= 1
