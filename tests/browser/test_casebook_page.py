"""The Casebook page in real Chromium, on the fictional demo: say who you are, search, filter,
download what you found, review a follow-up action and find the review again after a reload;
and the same page on a 360 px phone. Screenshots: test-artifacts/screenshots/casebook-*.png.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

LOAD = 90_000  # ms: the first page load (kernel start, imports)
ACT = 10_000  # ms: one round trip to the kernel
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


def identify(page, server: str, pseudonym: str) -> None:
    page.goto(server + PAGE)
    page.wait_for_selector(".wb-who-form", timeout=LOAD)
    page.locator(".wb-who-team select").select_option(label=TEAM)
    page.locator(".wb-who-pseudonym input").fill(pseudonym)
    page.locator("button.wb-who-enter").click()
    page.wait_for_selector(".wb-casebook-sections", timeout=ACT)
    assert f"Je kijkt als {pseudonym}" in page.inner_text(".wb-who")


def wait_for_count(page, text: str) -> None:
    page.locator(".wb-result-count", has_text=text).wait_for(timeout=ACT)


def open_tab(page, title: str) -> None:
    page.locator(".wb-casebook-sections button", has_text=title).click()


def test_search_filter_download_and_review_an_action(server, page):
    page.goto(server + PAGE)
    page.wait_for_selector(".wb-who-form", timeout=LOAD)
    assert page.locator(".wb-casebook-search").count() == 0  # nothing before identification
    shoot(page, "casebook-00-wie-ben-je")

    identify(page, server, "GW-1")
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
    page.locator(".wb-chart .js-plotly-plot").wait_for(timeout=ACT * 2)
    first = page.locator(".wb-open-action").first
    what = first.locator(".wb-action h3").inner_text()
    first.locator("button.wb-review-open").click()
    first.locator(".wb-review-status button", has_text="Loopt nog").click()
    first.locator(".wb-review-note input").fill("Eerste gesprek gevoerd, vervolg volgende week (fictief).")
    first.locator("button.wb-review-save").click()
    page.locator(".wb-actions-message", has_text="Opgeslagen").wait_for(timeout=ACT)
    shoot(page, "casebook-03-acties")

    identify(page, server, "GW-1")  # a reload: what was saved is still there
    open_tab(page, "Vervolgacties")
    reviewed = page.locator(".wb-open-action", has_text=what).first
    reviewed.wait_for(timeout=ACT)
    text = reviewed.inner_text()
    assert "loopt nog" in text and "Eerste gesprek gevoerd, vervolg volgende week (fictief)." in text


def test_casebook_on_a_phone_fits_the_screen(server, phone_page):
    identify(phone_page, server, "CM-1")
    wait_for_count(phone_page, "antwoorden gevonden")
    shoot(phone_page, "casebook-10-telefoon-zoeken")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360 + 1
    open_tab(phone_page, "Vervolgacties")
    phone_page.locator(".wb-chart .js-plotly-plot").wait_for(timeout=ACT * 2)
    phone_page.locator("button.wb-review-open").first.click()
    shoot(phone_page, "casebook-11-telefoon-acties")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_a_cases_life_domain_profile_compares_two_sessions(server, page, phone_page):
    for view, name in ((page, "casebook-04-casus-profiel"), (phone_page, "casebook-12-telefoon-profiel")):
        identify(view, server, "GW-1")
        open_tab(view, "Casussen")
        view.locator(".wb-case-choice select").select_option(label="De spelcomputer (fictief)")
        view.locator(".wb-case-card", has_text="Leefgebieden:").wait_for(timeout=ACT)
        plot = view.locator(".wb-cases .js-plotly-plot")
        plot.wait_for(timeout=ACT * 2)
        # the newest case has a profile of its own: wait until the chart is the game console's
        view.wait_for_function(
            "[...document.querySelectorAll('.wb-cases .annotation-text')]"
            ".some(e => e.textContent === 'Kinderen en opvoeding')", timeout=ACT * 2)
        texts = "els => els.map(e => e.textContent)"  # SVG text has no innerText
        legend = view.locator(".wb-cases .legendtext").evaluate_all(texts)
        assert len(legend) == 2 and all(t.startswith("Bespreking") for t in legend)
        assert "Kinderen en opvoeding" in view.locator(".wb-cases .annotation-text").evaluate_all(texts)
        assert plot.bounding_box()["width"] <= view.viewport_size["width"]
        shoot(view, name)


def test_the_next_page_opens_at_the_top_of_the_list_with_the_focus_there(server, page):
    identify(page, server, "GW-1")
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
