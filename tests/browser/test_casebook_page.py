"""The Casebook page in real Chromium, on the fictional demo: sign in (the page sends an unknown
visitor to the sign-in page and back), search, filter, download what you found, review a follow-up
action and find the review again after a reload; and the same page on a 360 px phone.
Screenshots: test-artifacts/screenshots/casebook-*.png.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import SIGN_IN_TIMEOUT, screenshot
from werkboek.casebook.demo import DEMO_PASSPHRASE

pytestmark = pytest.mark.browser

LOAD = 90_000  # ms: the first page load (kernel start, imports)
ACT = 10_000  # ms: one round trip to the kernel
CHART = 60_000  # ms: a chart drawn on the kernel and in the browser, on a busy machine
PAGE = "voila/render/Casebook.ipynb"
TEAM = "Team Noord (fictief)"


def shoot(page, name: str, slice_height: int = 1200) -> None:
    """Screenshots of the whole page, and of it in slices readable at full size: Voilà scrolls
    inside the page, so the window is made as tall as the content for the pictures."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('.wb-page').scrollHeight") + 40
    page.set_viewport_size({"width": size["width"], "height": min(height, 8000)})
    page.wait_for_timeout(300)
    path = screenshot(page, name)
    for n, top in enumerate(range(0, min(height, 8000), slice_height)):
        clip = {"x": 0, "y": top, "width": size["width"],
                "height": min(slice_height, min(height, 8000) - top)}
        page.screenshot(path=str(path.with_name(f"{name}-{n + 1}.png")), clip=clip)
    page.set_viewport_size(size)


def open_casebook(page, server: str, role: str = "Groepswerker") -> None:
    """Open the page as its signed-in member: the casebook of their only team opens at once."""
    page.goto(server + PAGE)
    page.wait_for_selector(".wb-casebook-sections", timeout=LOAD)
    assert page.locator(".wb-who-pseudonym, .wb-who-enter").count() == 0  # nobody types a name
    assert page.inner_text(".wb-who") == f"Je kijkt als lid van {TEAM} ({role})."


def wait_for_count(page, text: str) -> None:
    page.locator(".wb-result-count", has_text=text).wait_for(timeout=ACT)


def open_tab(page, title: str) -> None:
    page.locator(".wb-casebook-sections button", has_text=title).click()


def test_search_filter_download_and_review_an_action(server, page):
    page.goto(server + PAGE)  # not signed in: the page asks for it first, then comes back
    page.wait_for_selector("#naam", timeout=LOAD)
    assert "/werkboek/aanmelden?next=" in page.url
    assert page.locator(".wb-casebook-search").count() == 0
    screenshot(page, "casebook-00-aanmelden")
    page.fill("#naam", "GW-1")
    page.fill("#wachtzin", DEMO_PASSPHRASE)
    with page.expect_navigation(timeout=SIGN_IN_TIMEOUT):
        page.click("button[type=submit]")
    page.wait_for_selector(".wb-casebook-sections", timeout=LOAD)
    assert page.url == server + PAGE
    assert page.inner_text(".wb-who") == f"Je kijkt als lid van {TEAM} (Groepswerker)."
    wait_for_count(page, "antwoorden gevonden")
    assert page.locator(".wb-results .wb-entry").count() == 25
    shoot(page, "casebook-01-resultaten")

    page.locator(".wb-search input").fill("kabel")
    page.locator(".wb-search input").press("Enter")
    page.locator(".wb-result-count", has_text="Je ziet 1 tot en met").wait_for(timeout=ACT)
    page.wait_for_function("document.querySelectorAll('.wb-results .wb-entry').length < 25", timeout=ACT)
    cards = page.locator(".wb-results .wb-entry").all_inner_texts()
    assert cards and all("kabel" in card.lower() for card in cards)

    page.locator(".wb-search input").fill("")
    page.locator(".wb-search input").press("Enter")
    page.locator(".wb-filter-toggle", has_text="Filters").locator("text=Filters").first.click()
    page.locator(".wb-filter-role select").select_option(label="Kinderwerker")
    page.wait_for_function(
        "[...document.querySelectorAll('.wb-results .wb-entry .wb-source')]"
        ".every(e => e.innerText.includes('(Kinderwerker)'))", timeout=ACT)
    assert page.locator(".wb-results .wb-entry").count() > 0
    shoot(page, "casebook-02-filter-kinderwerker")

    page.locator("button.wb-export-csv").click()
    link = page.locator("a.wb-download-link")
    link.wait_for(timeout=ACT)
    assert link.get_attribute("href").startswith("data:text/csv;base64,")
    assert link.get_attribute("download").endswith(".csv")
    page.locator("button.wb-export-xlsx").click()
    page.locator("a.wb-download-link", has_text=".xlsx").wait_for(timeout=ACT)

    open_tab(page, "Vervolgacties")
    page.locator(".wb-chart .js-plotly-plot").wait_for(timeout=CHART)
    first = page.locator(".wb-open-action").first
    what = first.locator(".wb-action h3").inner_text()
    first.locator("button.wb-review-open").click()
    first.locator(".wb-review-status button", has_text="Loopt nog").click()
    first.locator(".wb-review-note input").fill("Eerste gesprek gevoerd, vervolg volgende week (fictief).")
    first.locator("button.wb-review-save").click()
    page.locator(".wb-actions-message", has_text="Opgeslagen").wait_for(timeout=ACT)
    shoot(page, "casebook-03-acties")

    open_casebook(page, server)  # a reload: what was saved is still there
    open_tab(page, "Vervolgacties")
    reviewed = page.locator(".wb-open-action", has_text=what).first
    reviewed.wait_for(timeout=ACT)
    text = reviewed.inner_text()
    assert "loopt nog" in text and "Eerste gesprek gevoerd, vervolg volgende week (fictief)." in text


def test_casebook_on_a_phone_fits_the_screen(server, contexts):
    phone_page = contexts("CM-1", 360, 740, phone=True)
    open_casebook(phone_page, server, "Caseworker")
    wait_for_count(phone_page, "antwoorden gevonden")
    shoot(phone_page, "casebook-10-telefoon-zoeken")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1
    open_tab(phone_page, "Vervolgacties")
    phone_page.locator(".wb-chart .js-plotly-plot").wait_for(timeout=CHART)
    phone_page.locator("button.wb-review-open").first.click()
    shoot(phone_page, "casebook-11-telefoon-acties")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_a_cases_life_domain_profile_compares_two_sessions(server, contexts):
    page, phone_page = contexts("GW-1"), contexts("GW-1", 360, 740, phone=True)
    for view, name in ((page, "casebook-04-casus-profiel"), (phone_page, "casebook-12-telefoon-profiel")):
        open_casebook(view, server)
        open_tab(view, "Casussen")
        view.locator(".wb-case-choice select").select_option(label="De spelcomputer (fictief)")
        view.locator(".wb-case-card", has_text="Leefgebieden:").wait_for(timeout=ACT)
        plot = view.locator(".wb-cases .js-plotly-plot")
        plot.wait_for(timeout=CHART)
        # the newest case has a profile of its own: wait until the chart is the game console's
        view.wait_for_function(
            "[...document.querySelectorAll('.wb-cases .annotation-text')]"
            ".some(e => e.textContent === 'Kinderen en opvoeding')", timeout=CHART)
        texts = "els => els.map(e => e.textContent)"  # SVG text has no innerText
        legend = view.locator(".wb-cases .legendtext").evaluate_all(texts)
        assert len(legend) == 2 and all(t.startswith("Bespreking") for t in legend)
        assert "Kinderen en opvoeding" in view.locator(".wb-cases .annotation-text").evaluate_all(texts)
        assert plot.bounding_box()["width"] <= view.viewport_size["width"]
        shoot(view, name)


def test_the_next_page_opens_at_the_top_of_the_list_with_the_focus_there(server, contexts):
    page = contexts("GW-1")
    open_casebook(page, server)
    wait_for_count(page, "antwoorden gevonden")
    page.locator(".wb-pager-bottom button.wb-page-next").scroll_into_view_if_needed()
    page.locator(".wb-pager-bottom button.wb-page-next").click()
    wait_for_count(page, "Je ziet 26 tot en met")
    page.wait_for_function(
        "document.activeElement && document.activeElement.closest('.wb-pager-top') !== null",
        timeout=ACT)
    box = page.locator(".wb-pager-top").bounding_box()
    assert 0 <= box["y"] <= page.viewport_size["height"] - box["height"]  # on screen
    shoot(page, "casebook-04-volgende-pagina")
