"""Step 0 of the case discussion and the psycho-education role-play, in real Chromium with two
browser contexts of Team Zuid: the facilitator (GW-3, laptop) and the presenter (CM-2, a 360 px
phone). The facilitator sees this case's open actions first and her script at every step; the
phone never sees the script, and opens a glossary word's explanation by keyboard. Then the pair
does the psycho-education role-play exercise as a team session.

Screenshots: test-artifacts/screenshots/stap0-*.png and rollenspel-*.png.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.test_casusbespreking import (
    LIVE,
    LOAD,
    PAGE,
    add_contribution,
    click,
    expect_text,
    fill,
    join,
    shoot,
)

pytestmark = pytest.mark.browser

TEAM = "Team Zuid (fictief)"


def start(lead, server: str, exercise: str | None = None) -> str:
    """Open the start form (with ``?oefening=``), start for Team Zuid; returns the join code."""
    lead.goto(server + PAGE + (f"?oefening={exercise}" if exercise else ""), timeout=LOAD)
    lead.wait_for_selector(".wb-start-form", timeout=LOAD)
    lead.locator(".wb-start-team select").select_option(label=TEAM)
    if exercise is None:  # the case discussion, on the team's own case about aggression
        cases = lead.locator(".wb-start-case select option").all_inner_texts()
        [own] = [c for c in cases if "agressie" in c.lower() and not c.startswith("Oefencasus")]
        lead.locator(".wb-start-case select").select_option(label=own)
        fill(lead, ".wb-start-presenter", "CM-2")
    click(lead, "button.wb-start")
    lead.wait_for_selector(".wb-facilitator", timeout=LIVE * 2)
    return lead.locator(".wb-code").first.inner_text().strip()


def no_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


def test_step_0_and_the_psycho_education_role_play_with_two_browsers(server, contexts):
    lead, phone = contexts("GW-3"), contexts("CM-2", 360, 740, phone=True)
    views = {"gespreksleider": lead, "inbrenger-telefoon": phone}

    code = start(lead, server)
    expect_text(lead, "Nazorgroute op één pagina")
    review = lead.inner_text(".wb-facilitator")
    assert review.index("Acties over deze casus") < review.index("Nazorgroute op één pagina")
    assert join(phone, server, code) == "Je doet mee als CM-2 (Caseworker)."
    assert phone.inner_text(".wb-presenter-note").startswith("Jij brengt vandaag de casus in.")
    expect_text(phone, "Nazorgroute op één pagina")  # the team reads along with the look back
    shoot(views, "00-terugblik", prefix="stap0")

    click(lead, "button.wb-next")
    expect_text(phone, "Stap 0: De inbreng en de vraag")
    expect_text(phone, "Onderdeel 1 van")
    script = lead.locator(".wb-script")
    script.wait_for(timeout=LIVE)
    assert "Zeg maar wat ik moet doen" in script.inner_text()
    assert phone.locator(".wb-script").count() == 0
    assert "draaiboek" not in phone.inner_text("body")
    add_contribution(phone, "Hoe kan ik na het incident weer rustig met haar praten (fictief)?")
    expect_text(lead, "weer rustig met haar praten")
    no_overflow(phone)
    shoot(views, "01-inbreng", prefix="stap0")

    for title in ("Veiligheid aan het begin", "Stap 1: Context ophalen",
                  "Stap 1: Wie hoor je nog niet?", "Stap 2: Samen duiden"):
        click(lead, "button.wb-next")
        expect_text(phone, title)
    word = phone.locator(".wb-terms summary").first  # "Wat betekent dit?", opened by keyboard
    word.focus()
    word.press("Enter")
    expect_text(phone, "Een mogelijke verklaring die je nog niet zeker weet")
    no_overflow(phone)
    shoot(views, "02-begrippen", prefix="stap0")
    click(lead, "button.wb-close-session")
    expect_text(phone, "is afgesloten")

    code = start(lead, server, "psycho-educatie")
    assert join(phone, server, code) == "Je doet mee als CM-2 (Caseworker)."
    for title in ("Wat mist de moeder?", "Je uitleg in drie zinnen", "Rollenspel: het gesprek"):
        click(lead, "button.wb-next")
        expect_text(phone, title)
    terms = phone.locator(".wb-terms summary")
    if terms.count():  # a glossary word in the step: open its explanation, as a reader would
        terms.first.click()
    add_contribution(phone, "Als moeder merkte ik vooral dat niemand mij iets uitlegde (fictief).")
    expect_text(lead, "niemand mij iets uitlegde")
    shoot(views, "02-gesprek", prefix="rollenspel")

    click(lead, "button.wb-next")  # the observer's step: what did the worker do?
    expect_text(phone, "De waarnemer: wat zag je?")
    form = phone.locator(".wb-contribution-form").first
    for i in range(2):
        form.locator("input[type=checkbox]").nth(i).check()
    form.locator("button.wb-add-contribution").click()
    lead.locator(".wb-counts").first.wait_for(timeout=LIVE)
    assert re.search(r"\b1\b", lead.inner_text(".wb-counts"))
    no_overflow(phone)
    shoot(views, "03-waarnemer", prefix="rollenspel")
    click(lead, "button.wb-close-session")
    expect_text(phone, "is afgesloten")
