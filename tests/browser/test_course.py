"""A small course in real Chromium from a real `werkboek serve` on the demo: the trainer plans
three meetings and marks who came, two participants (one on a phone) say where they stand and
one writes a learning question, and the trainer downloads the accreditation file (HTML and PDF):
it holds the plan, the dates, the attendance and the hours, no group figure of only two people,
and nothing a participant wrote. The trainer puts two modules of the first meeting in another
order. Screenshots of the Trainer page and the participant's course at 1280 and 360 px:
test-artifacts/screenshots/cursus-*.png; both views meet axe-core's WCAG A/AA rules at both
widths (findings in test-artifacts/axe/cursus-*.json).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.axe import axe_violations, summary
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_trainer import COHORT, FORBIDDEN, SLOW, enter

pytestmark = pytest.mark.browser

TITLES = ("Beginnen met leervragen", "Het kompas van de principes", "Samen verdiepen")
QUESTION = "Hoe blijf ik rustig als een bewoner boos de deur dichtslaat? (fictief)"
LINE = "Ik merk dat ik sneller uitleg waarom (fictief)"
MODULES = ("Competenties", "Leidende principes")  # two of the course's modules, by title


def course_shot(page, name: str) -> None:
    """The whole course view: Voilà scrolls inside the page and paints only what is in view, so
    the window is made as tall as the view for the picture, then given its height back."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    tall = page.evaluate("document.querySelector('.wb-course').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(tall + 300, 16000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"cursus-{name}.png"), full_page=True)
    page.set_viewport_size(size)


def commit(page, selector: str, text: str) -> None:
    """Type into a field that sends its value when it is left (as a person tabs on)."""
    field = page.locator(f"{selector} input")
    field.fill(text)
    field.press("Tab")


def plan_three(page) -> None:
    for number, title in enumerate(TITLES, start=1):
        page.click(".wb-plan-add")
        page.wait_for_selector(f".wb-plan-choice select option:has-text('{number} ·')", timeout=SLOW,
                               state="attached")
        page.locator(".wb-plan-choice select").select_option(index=number - 1)
        page.wait_for_function(
            "n => document.querySelector('.wb-plan-choice select').selectedIndex === n",
            arg=number - 1)
        commit(page, ".wb-plan-title", title)
        commit(page, ".wb-plan-work-form", "Kring en tweetallen")
        page.click(".wb-plan-save")
        page.wait_for_selector(f".wb-plan-table:has-text('{title}')", timeout=SLOW)


def download(page, button: str) -> bytes:
    page.locator(".wb-cohort-file a").evaluate_all("links => links.forEach(l => l.remove())")
    page.click(button)
    link = page.locator(".wb-cohort-file a.wb-download-link")
    try:
        link.wait_for(timeout=2 * SLOW)  # the PDF runs Chromium in the kernel; a busy box is slow
    except PlaywrightTimeout as late:
        raise AssertionError("no download link; the page says: "
                             + page.inner_text(".wb-course")[-1500:]) from late
    with page.expect_download(timeout=SLOW) as got:
        link.click()
    return open(got.value.path(), "rb").read()


def test_a_trainer_runs_a_small_course_and_downloads_its_file(server, contexts):
    trainer = contexts("Trainer-1")
    assert "Je bent Trainer in" in enter(trainer, server)
    plan_three(trainer)
    table = trainer.inner_text(".wb-plan-table")
    assert all(title in table for title in TITLES)

    phone = contexts("GW-5", 360, 740, phone=True)
    laptop = contexts("CM-3")
    for participant in (phone, laptop):
        enter(participant, server)
        participant.wait_for_selector(".wb-my-plan:has-text('Volgende bijeenkomst')", timeout=SLOW)
        assert TITLES[0] in participant.inner_text(".wb-my-plan")
        participant.locator(".wb-stand-line input").fill(LINE)  # saves itself: no button
        participant.wait_for_selector(".wb-my-stands:has-text('5 van 10')", timeout=SLOW)
    phone.locator(".wb-question-2 textarea").fill(QUESTION)  # the first holds their own
    phone.wait_for_selector(".wb-questions:has-text('deur dichtslaat')", timeout=SLOW)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    course_shot(phone, "deelnemer-360")
    course_shot(laptop, "deelnemer-1280")
    assert overflow <= 1
    for participant, name in ((phone, "cursus-deelnemer-360"), (laptop, "cursus-deelnemer-1280")):
        found = axe_violations(participant, name)
        assert not found, f"{name}: {summary(found)}"

    trainer.locator(".wb-plan-choice select").select_option(index=0)
    trainer.wait_for_selector(".wb-plan:has-text('Wie was er bij 1 · ')", timeout=SLOW)
    for member in ("GW-5", "CM-3"):
        trainer.locator(f".wb-present:has-text('{member}') input").check()
    trainer.wait_for_selector(".wb-plan-table:has-text('Beginnen')", timeout=SLOW)
    trainer.click(".wb-group-reread")
    trainer.wait_for_selector(".wb-course-progress:has-text('Per deelnemer')", timeout=SLOW)

    html = download(trainer, ".wb-cohort-html").decode("utf-8")
    assert f"Accreditatiedossier {COHORT}" in html
    assert all(title in html for title in TITLES)
    first_row = next(row for row in html.split("<tr>") if TITLES[0] in row)
    assert "2 van 5" in first_row  # GW-5 and CM-3 came to meeting 1, of the demo's five
    assert "niet bijgehouden" in next(row for row in html.split("<tr>") if TITLES[1] in row)
    assert "minder dan 3 deelnemers: niet getoond" in html  # two stands are not a group figure
    assert QUESTION not in html and LINE not in html and "dichtslaat" not in html
    assert download(trainer, ".wb-cohort-pdf")[:5] == b"%PDF-"

    # The first meeting gets two modules, then the second goes first
    trainer.locator(".wb-plan-modules select").select_option(label=list(MODULES))
    trainer.wait_for_timeout(500)  # the choice reaches the kernel before the button
    trainer.click(".wb-plan-save")
    trainer.wait_for_selector(".wb-module-step >> nth=1", timeout=SLOW)
    trainer.locator(".wb-module-step").nth(1).locator(".wb-module-earlier").click()
    trainer.wait_for_selector(f".wb-module-order:has-text('1. {MODULES[1]}')", timeout=SLOW)
    assert trainer.inner_text(".wb-plan-table").index(MODULES[1]) < \
        trainer.inner_text(".wb-plan-table").index(MODULES[0])

    course_shot(trainer, "trainer-1280")
    found = axe_violations(trainer, "cursus-trainer-1280")
    assert not found, f"cursus-trainer-1280: {summary(found)}"
    trainer.set_viewport_size({"width": 360, "height": 740})
    trainer.wait_for_timeout(500)
    overflow = trainer.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    course_shot(trainer, "trainer-360")
    assert overflow <= 1
    found = axe_violations(trainer, "cursus-trainer-360")
    assert not found, f"cursus-trainer-360: {summary(found)}"
    for page in (trainer, phone, laptop):
        text = page.inner_text("body")
        assert not any(forbidden in text for forbidden in FORBIDDEN)
