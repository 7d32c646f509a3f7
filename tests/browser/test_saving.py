"""Text typed and saved at once is saved whole: the click must not overtake the last keystrokes."""

import time

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

TRIES = 5


def saved_text(casebook_url: str) -> str | None:
    from werkboek.casebook import open_casebook

    cb = open_casebook(casebook_url)
    # Reopening resumes where the last visit stopped, so each try may write another step.
    found = cb.entries(cb.local_viewer(), exercise="dialoog-vier-niveaus")
    return max(found, key=lambda e: e.updated_at).text if found else None


def first_new_text(casebook_url: str, old: str | None, seconds: float = 15) -> str | None:
    """The first stored text that differs from ``old``: what the save button stored."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = saved_text(casebook_url)
        if text != old:
            return text
        time.sleep(0.05)
    return old


def test_typing_and_clicking_save_without_a_pause_saves_the_whole_text(server, browser, casebook_url):
    previous = saved_text(casebook_url)
    for attempt in range(TRIES):
        text = (f"Poging {attempt}: de bewoner bleef vanavond lang op de gang staan en keek steeds "
                f"naar de deur; ik twijfelde of ik haar moest aanspreken (fictief) {attempt}.")
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{server}voila/render/Oefeningen.ipynb?oefening=dialoog-vier-niveaus")
        box = page.locator(".wb-capture textarea").first
        box.wait_for(timeout=60_000)
        box.fill("")
        box.type(text, delay=0)
        page.locator(".wb-save").first.click()  # no pause after typing
        # Typing takes well under the 1.5 s autosave delay, so the first new text is the click's.
        stored = first_new_text(casebook_url, previous)
        if attempt == 0:
            screenshot(page, "save-typed-and-clicked")
        context.close()
        assert stored == text, f"attempt {attempt} saved {stored!r}"
        previous = stored


def test_a_draft_typed_just_before_the_tab_closes_is_saved(server, browser, casebook_url):
    """Closing the tab stops its kernel at once; the draft waiting for its autosave goes first."""
    previous = saved_text(casebook_url)
    text = "Laatste gedachte voor het sluiten: morgen vraag ik haar hoe de nacht was (fictief)."
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}voila/render/Oefeningen.ipynb?oefening=dialoog-vier-niveaus")
    box = page.locator(".wb-capture textarea").first
    box.wait_for(timeout=60_000)
    box.fill(text)
    page.wait_for_timeout(500)  # the text reaches the kernel; its draft save is 1.5 s away
    assert saved_text(casebook_url) == previous  # not saved yet: the tab closes first
    page.close(run_before_unload=True)
    context.close()
    assert first_new_text(casebook_url, previous) == text
