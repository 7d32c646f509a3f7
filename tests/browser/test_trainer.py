"""The Trainer page in real Chromium from a real `werkboek serve`: a trainer, signed in, picks
the course group and gives an exercise as an assignment; a participant of that group, signed in
on a phone, sees the assignment and adds a learning question; the trainer's open page shows it
within seconds, without answers by name. Who is trainer comes from the membership, not from the page.
Screenshots in test-artifacts/screenshots/trainer-*.png.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, screenshot

pytestmark = pytest.mark.browser

SLOW = 60_000
LIVE = 20_000  # ms: the trainer's page reads the casebook again every 5 s
COHORT = "COMBINE-groep 1 (fictief)"  # in the fictional demo, with Trainer-1 and GW-5
FORBIDDEN = ("Traceback", "Error displaying widget", "Er ging iets mis")


def enter(page, server: str) -> str:
    """Open the Trainer page as the page's signed-in member and go into the demo's course group;
    returns what the page says the member is there."""
    page.goto(f"{server}voila/render/Trainer.ipynb")
    page.wait_for_selector(".wb-course-form", timeout=SLOW)
    assert page.locator(".wb-course-pseudonym, .wb-course-role").count() == 0  # nothing to type
    page.locator(".wb-course-cohort select").select_option(label=COHORT)
    page.click(".wb-course-enter")
    page.wait_for_selector(f".wb-who:has-text('{COHORT}')", timeout=SLOW)
    return page.inner_text(".wb-who")


def test_an_assignment_given_by_the_trainer_reaches_a_participant(server, contexts):
    page = contexts("Trainer-1")
    phone_page = contexts("GW-5", 360, 740, phone=True)
    assert "Je bent Trainer in" in enter(page, server)
    choice = page.locator(".wb-assign-choice select")
    choice.select_option(index=1)
    title = " ".join(choice.locator("option:checked").inner_text().split())  # no &nbsp;
    page.click(".wb-assign")
    page.wait_for_selector(f".wb-assignments:has-text('{title}')", timeout=SLOW)
    assert "0 van" in page.inner_text(".wb-assignments")  # counts, no names
    screenshot(page, "trainer-opdracht-gegeven")

    assert "Je bent Groepswerker in" in enter(phone_page, server)
    phone_page.wait_for_selector(".wb-my-assignments:has-text('Jouw opdrachten')", timeout=SLOW)
    assert title in phone_page.inner_text(".wb-course")
    assert phone_page.locator("button[class*='wb-do-']").count() >= 1
    phone_page.locator(".wb-question-2 textarea").fill(  # saves itself; the first holds their own
        "Hoe houd ik rust in de groep als er spanning is bij het avondeten? (fictief)")
    phone_page.wait_for_selector(".wb-questions:has-text('rust in de groep')", timeout=SLOW)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(phone_page, "trainer-deelnemer-telefoon")
    assert overflow <= 1

    # The trainer's page, open all along, shows the new question without a reload
    page.wait_for_selector(".wb-questions:has-text('rust in de groep')", timeout=LIVE)
    assert title in page.inner_text(".wb-assignments")
    screenshot(page, "trainer-leervraag-gezien")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)  # Voilà scrolls inside the page: the whole view
    page.locator(".wb-course").screenshot(path=str(ARTIFACTS / "trainer-leervraag-gezien-alles.png"))
    text = page.inner_text("body")
    for forbidden in FORBIDDEN:
        assert forbidden not in text
