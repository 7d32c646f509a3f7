"""The reflection pages in real Chromium from a real `werkboek serve`: fill in, save, reload,
see it back, see the chart change; screenshots in test-artifacts/screenshots/reflection-*.png.

The server's casebook holds the fictional demo; on loopback the personal pages write as the
laptop's owner without signing in, so the tests run in file order (the journal test reads what the
exercise tests wrote, and erases last). What a team shares (a team round, a team's chart) needs a
signed-in member: those parts run in contexts signed in as demo members.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import ARTIFACTS, screenshot

pytestmark = pytest.mark.browser

SLOW = 60_000
FORBIDDEN = ("Traceback", "Error displaying widget", "Er ging iets mis")


def open_page(page, server: str, name: str) -> None:
    page.goto(f"{server}voila/render/{name}.ipynb")
    page.wait_for_selector(".wb-page .wb-sections", timeout=SLOW)


def section(page, key: str) -> None:
    page.click(f".wb-section-{key}")
    page.wait_for_timeout(300)


def plots(page) -> int:
    return page.locator(".wb-lazy .js-plotly-plot").count()


def wait_for_charts(page) -> None:
    page.wait_for_selector(".wb-lazy .wb-chart", timeout=SLOW)
    page.wait_for_timeout(800)


def answer_steps(page, texts: list[str]) -> None:
    """Type one text per text step of the runner and go on; finishes the exercise."""
    for n, text in enumerate(texts, start=1):
        page.wait_for_selector(f".wb-progress:has-text('Stap {n} van')", timeout=SLOW)
        page.locator(".wb-runner .wb-capture textarea").first.fill(text)
        page.click(".wb-runner .wb-next")
    page.wait_for_selector(".wb-summary", timeout=SLOW)


def slide(page, slider, fraction: float) -> None:
    """Tap a pole line at ``fraction`` of its width (0 = pole A, 1 = pole B)."""
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
    page.wait_for_timeout(200)


def shot(page, selector: str, name: str) -> None:
    """A screenshot of one part of the page (Voilà scrolls inside the page, so a full-page
    screenshot would not show the charts further down)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(selector).first.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def no_errors(page) -> None:
    text = page.inner_text("body")
    for forbidden in FORBIDDEN:
        assert forbidden not in text


PLOT_EDGES = """() => [...document.querySelectorAll('.wb-lazy .js-plotly-plot')].map(plot => {
  const drawn = plot.querySelector('.main-svg');
  return Math.max(plot.getBoundingClientRect().right, drawn ? drawn.getBoundingClientRect().right : 1e6);
})"""


def fits_phone(phone_page, server: str, name: str, key: str) -> None:
    """On a 360 px phone the page does not scroll sideways and every chart is drawn within the
    screen's width (not drawn wider and cut off or scrolled)."""
    open_page(phone_page, server, name)
    section(phone_page, key)
    wait_for_charts(phone_page)
    width = phone_page.viewport_size["width"]
    phone_page.wait_for_function(f"({PLOT_EDGES})().length > 0", timeout=SLOW)
    # plotly may draw first at its default width; the chart then redraws to fit (or the
    # assertion below says how wide it stayed)
    with contextlib.suppress(PlaywrightTimeout):
        phone_page.wait_for_function(f"Math.max(...({PLOT_EDGES})()) <= {width}", timeout=10_000)
    edges = phone_page.evaluate(PLOT_EDGES)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(phone_page, f"reflection-phone-{name}-{key}")
    shot(phone_page, ".wb-lazy", f"reflection-phone-{name}-{key}-charts")
    assert overflow <= 1, f"{name} is {overflow}px wider than a 360px phone"
    assert max(edges) <= width, f"a chart on {name} reaches {max(edges)}px on a {width}px phone"


def test_dialogue_reflection_is_saved_and_my_balance_chart_appears(server, page, phone_page):
    open_page(page, server, "Dialoog")
    assert "Innerlijke dialoog" in page.inner_text("body")
    section(page, "terugblik")
    wait_for_charts(page)
    assert "nog geen reflecties op de vier niveaus" in page.inner_text(".wb-lazy")
    team_plots = plots(page)
    screenshot(page, "reflection-dialoog-before")

    section(page, "oefening")
    answer_steps(page, [
        "Een bewoner wilde niet praten over haar week (fictief).",
        "Ik had haast en wilde het snel oplossen.",
        "Ik vroeg wat zij deze maand zelf wil bereiken.",
        "De training over traumasensitief werken hielp.",
        "Ik besprak het met de nachtdienst.",
        "Eerst luisteren, dan pas voorstellen doen.",
        "Tijd in de overdracht om dit te bespreken.",
    ])
    section(page, "terugblik")
    page.wait_for_selector(".wb-lazy :text('even vaak op alle vier niveaus')", timeout=SLOW)
    assert plots(page) == team_plots + 1
    screenshot(page, "reflection-dialoog-after")
    shot(page, ".wb-lazy", "reflection-dialoog-charts")

    page.reload()
    page.wait_for_selector(".wb-page .wb-sections", timeout=SLOW)
    section(page, "terugblik")
    page.wait_for_selector(".wb-lazy :text('even vaak op alle vier niveaus')", timeout=SLOW)
    assert plots(page) == team_plots + 1
    no_errors(page)
    fits_phone(phone_page, server, "Dialoog", "terugblik")


def test_questions_show_examples_after_trying_and_stay_in_the_question_bank(server, page):
    open_page(page, server, "Dialoog")
    section(page, "vragen")
    page.wait_for_selector(".wb-progress:has-text('Stap 1 van 6')", timeout=SLOW)
    assert not page.locator(".wb-reveal").is_visible()
    page.locator(".wb-runner .wb-capture textarea").first.fill("Hoe ging het ontbijt vanochtend?")
    page.click(".wb-runner .wb-save")
    page.wait_for_selector(".wb-reveal:has-text('Voorbeelden')", timeout=SLOW)
    screenshot(page, "reflection-vragen-voorbeelden")
    page.click(".wb-runner .wb-next")
    answer_steps_from = ["Wat gebeurde er gisteravond vlak voor het naar bed gaan?",
                         "Welk cijfer van 0 tot 10 geef je de ochtenden nu?",
                         "Wat zou je dochter zeggen over de avonden?",
                         "Wanneer ging het wel een keer soepel?",
                         "Stel dat het morgen vanzelf goed gaat: wat merk je als eerste?"]
    for n, text in enumerate(answer_steps_from, start=2):
        page.wait_for_selector(f".wb-progress:has-text('Stap {n} van 6')", timeout=SLOW)
        page.locator(".wb-runner .wb-capture textarea").first.fill(text)
        page.click(".wb-runner .wb-next")
    page.wait_for_selector(".wb-question-bank:has-text('Hoe ging het ontbijt vanochtend?')",
                           timeout=SLOW)
    page.reload()
    page.wait_for_selector(".wb-page .wb-sections", timeout=SLOW)
    section(page, "vragen")
    page.wait_for_selector(".wb-question-bank:has-text('Stel dat het morgen vanzelf goed gaat')",
                           timeout=SLOW)
    screenshot(page, "reflection-vragenbank")


def test_placing_myself_on_the_fields_shows_in_my_positions_over_time(server, contexts):
    """KW-1 (signed in, never placed in the demo) beside the spread Team Noord shared."""
    page, phone_page = contexts("KW-1"), contexts("KW-1", 360, 740, phone=True)
    open_page(page, server, "Spanningsvelden")
    assert "Richting uit de handreiking" not in page.inner_text("body")
    section(page, "terugblik")
    wait_for_charts(page)
    assert "nog niet geplaatst" in page.inner_text(".wb-lazy")
    assert plots(page) == 1  # the demo team's spread
    screenshot(page, "reflection-spanningsvelden-before")

    section(page, "plaatsen")
    sliders = page.locator(".wb-place-all .wb-poles-slider .noUi-target")
    # The section is built on the kernel after the click: wait for its seven sliders to arrive.
    page.wait_for_function(
        "document.querySelectorAll('.wb-place-all .wb-poles-slider .noUi-target').length >= 7",
        timeout=SLOW)
    assert sliders.count() == 7
    for n in range(3):
        slide(page, sliders.nth(n), 0.15 + 0.3 * n)
    page.locator(".wb-place-row").nth(3).locator("button.wb-poles-middle").click()  # stays put
    page.locator(".wb-place-row").nth(3).locator(":text('precies in het midden')").wait_for(
        timeout=SLOW)
    page.click(".wb-place-save")
    page.wait_for_selector(".wb-place-message :text('Opgeslagen: 4 van de 7')", timeout=SLOW)
    screenshot(page, "reflection-spanningsvelden-placed")
    page.click(".wb-place-save")  # again: nothing is stored twice
    page.wait_for_selector(".wb-place-message :text('al opgeslagen')", timeout=SLOW)
    assert page.locator(".wb-place-message").count() == 1
    section(page, "terugblik")
    page.wait_for_selector(".wb-lazy :text('Mijn posities door de tijd')", timeout=SLOW)
    page.wait_for_function("document.querySelectorAll('.wb-lazy .js-plotly-plot').length == 2",
                           timeout=SLOW)
    screenshot(page, "reflection-spanningsvelden-after")
    shot(page, ".wb-lazy", "reflection-spanningsvelden-charts")

    page.reload()
    page.wait_for_selector(".wb-page .wb-sections", timeout=SLOW)
    section(page, "terugblik")
    page.wait_for_function("document.querySelectorAll('.wb-lazy .js-plotly-plot').length == 2",
                           timeout=SLOW)
    no_errors(page)
    fits_phone(phone_page, server, "Spanningsvelden", "terugblik")


def test_team_round_reveals_the_spread_on_every_screen(server, contexts):
    lead = contexts("TL-1")
    member = contexts("GW-2", 360, 740, phone=True)
    open_page(lead, server, "Spanningsvelden")
    section(lead, "samen")
    lead.wait_for_selector(".wb-round-start", timeout=SLOW)
    assert lead.locator(".wb-round-lead-name, .wb-round-join-name").count() == 0  # no names typed
    lead.click(".wb-round-start")
    code = lead.locator(".wb-round-code").inner_text(timeout=SLOW).strip()
    open_page(member, server, "Spanningsvelden")
    section(member, "samen")
    member.locator(".wb-round-code-input input").fill(code)
    member.click(".wb-round-join")
    member.wait_for_selector(".wb-round", timeout=SLOW)
    slide(member, member.locator(".wb-round .wb-poles-slider .noUi-target"), 0.8)
    member.click(".wb-round-place")
    member.wait_for_selector(".wb-round-count:has-text('1 persoon')", timeout=SLOW)
    assert member.locator(".wb-round-spread .js-plotly-plot").count() == 0
    lead.wait_for_selector(".wb-round-count:has-text('1 persoon')", timeout=SLOW)
    lead.click(".wb-round-reveal")
    member.wait_for_selector(".wb-round-spread .js-plotly-plot", timeout=SLOW)
    member.wait_for_timeout(800)
    assert "GW-2" not in member.inner_text(".wb-round-spread")
    shot(lead, ".wb-round", "reflection-teamronde-gespreksleider")
    shot(member, ".wb-round", "reflection-teamronde-deelnemer")


def test_principle_exercise_is_counted_in_the_chart(server, page, phone_page, contexts):
    open_page(page, server, "Principes")
    assert "Voor werkers" in page.inner_text("body")
    section(page, "oefening")
    page.wait_for_selector(".wb-progress:has-text('Stap 1 van 6')", timeout=SLOW)
    page.locator(".wb-runner .widget-radio-box label:has-text('Rust en structuur')").click()
    page.click(".wb-runner .wb-next")
    answer_steps_after_choice = ["Een vaste avondroutine gaf rust (fictief).",
                                 "De moeder wilde zelf de bedtijd bepalen.",
                                 "Samen een schema maken.",
                                 "Rust komt van dingen die elke avond hetzelfde gaan."]
    for n, text in enumerate(answer_steps_after_choice, start=2):
        page.wait_for_selector(f".wb-progress:has-text('Stap {n} van 6')", timeout=SLOW)
        page.locator(".wb-runner .wb-capture textarea").first.fill(text)
        page.click(".wb-runner .wb-next")
    # The last step: one action to work by the reworded principle (§4.2).
    page.wait_for_selector(".wb-progress:has-text('Stap 6 van 6')", timeout=SLOW)
    page.locator(".wb-runner .wb-action-what input").fill("Avondschema met de moeder maken")
    page.locator(".wb-runner .wb-action-owner input").fill("GW-1")
    page.click(".wb-runner .wb-next")
    page.wait_for_selector(".wb-summary", timeout=SLOW)
    section(page, "terugblik")
    page.locator(".wb-scope select").select_option(label="Alleen mijn antwoorden")
    page.wait_for_selector(".wb-lazy :text('1 keer een principe genoemd')", timeout=SLOW)
    page.wait_for_timeout(800)
    never = page.inner_text(".wb-never")
    assert "Rust en structuur" not in never and "Veiligheid voorop" in never
    shot(page, ".wb-lazy", "reflection-principes-mijn")
    assert page.locator(".wb-scope select option").count() == 1  # the laptop's owner: no team
    no_errors(page)
    fits_phone(phone_page, server, "Principes", "terugblik")  # my own citations: a chart

    member = contexts("GD-1")  # a signed-in member also sees what their team shared
    open_page(member, server, "Principes")
    section(member, "terugblik")
    member.locator(".wb-scope select").select_option(label="Team: Team Noord (fictief)")
    member.wait_for_selector(".wb-lazy :text('Team')", timeout=SLOW)
    member.wait_for_timeout(1000)
    shot(member, ".wb-lazy", "reflection-principes-team")
    no_errors(member)


def test_journal_searches_filters_shares_exports_and_erases(server, page, phone_page, contexts):
    open_page_journal = f"{server}voila/render/Mijn-reflecties.ipynb"
    page.goto(open_page_journal)
    page.wait_for_selector(".wb-page .wb-journal-filters", timeout=SLOW)
    screenshot(page, "reflection-mijn-reflecties-open")
    page.wait_for_selector(".wb-journal-count", timeout=SLOW)
    assert "Hoe ging het ontbijt vanochtend?" in page.inner_text(".wb-question-bank")
    page.locator(".wb-filter-principle select").select_option(label="Rust en structuur")
    page.wait_for_selector(".wb-journal-count:has-text('1 antwoord.')", timeout=SLOW)
    page.locator(".wb-filter-principle select").select_option(index=0)
    page.wait_for_timeout(500)
    # Typed, no Enter: the list follows the search.
    page.locator(".wb-search input").type("nachtdienst", delay=30)
    page.wait_for_selector(".wb-journal-count:has-text('1 antwoord.')", timeout=SLOW)
    result = page.locator(".wb-journal .wb-entry-meta")
    assert result.count() == 1 and "privé" in result.inner_text()
    # The laptop's owner is in no team: nothing to share with, and the page does not claim it.
    assert page.locator(".wb-share").count() == 0
    assert "Ben je aangemeld, dan kun je zelf een antwoord delen" in page.inner_text(".wb-page")
    page.locator(".wb-search input").fill("")
    page.wait_for_selector(".wb-journal-count:not(:has-text('1 antwoord.'))", timeout=SLOW)

    member = contexts("GW-1")  # signed in: an answer written in Team Noord goes to Team Noord
    member.goto(open_page_journal)
    member.wait_for_selector(".wb-journal-count", timeout=SLOW)
    member.locator(".wb-search input").type("bijpraten", delay=30)
    member.wait_for_selector(".wb-journal-count:has-text('1 antwoord.')", timeout=SLOW)
    member.locator(".wb-share", has_text="Deel met Team Noord (fictief)").click()
    member.wait_for_selector(
        ".wb-share-message:has-text('Gedeeld met Team Noord (fictief)')", timeout=SLOW)
    assert "gedeeld met het team" in member.locator(".wb-journal .wb-entry-meta").inner_text()
    screenshot(member, "reflection-mijn-reflecties-gedeeld")
    page.click(".wb-export-md")
    page.wait_for_selector("a.wb-download-link[download='mijn-reflecties.md']", timeout=SLOW)
    screenshot(page, "reflection-mijn-reflecties")
    phone_page.goto(open_page_journal)
    phone_page.wait_for_selector(".wb-page .wb-journal-filters", timeout=SLOW)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(phone_page, "reflection-phone-mijn-reflecties")
    assert overflow <= 1

    page.locator(".wb-erase-confirm input").fill("WISSEN")
    page.click(".wb-erase")
    page.wait_for_selector(".wb-erase-message:has-text('antwoorden zijn gewist')", timeout=SLOW)
    page.reload()
    page.wait_for_selector(".wb-page", timeout=SLOW)
    page.wait_for_selector(":text('nog niets opgeschreven')", timeout=SLOW)
    no_errors(page)
