"""The pages with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys), as someone
without a mouse or with a screen reader uses them: a whole exercise, the tension-field sliders,
and joining a case discussion and voting on its hypotheses.

At every stop the focus is visible (a real outline or ring in the computed style), and after
"Volgende", "Afronden", joining and the last vote it moves to the next thing to do, never back
to the top of the page. Screenshots: test-artifacts/screenshots/toetsenbord-*.png.
"""

from __future__ import annotations

import re

import pytest

from benchmarks.served import WIDGET
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

LOAD = 120_000  # ms: a page's first load on a busy machine
ACT = 15_000  # ms: one round trip to the kernel
TABS = 80  # at most this many key presses to reach a control

FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || "").slice(0, 60),
            classes: String(el.className), outline: style.outlineStyle,
            outlineWidth: parseFloat(style.outlineWidth) || 0, shadow: style.boxShadow};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_visible(page) -> dict:
    """The focused element shows a ring of at least 2 px (outline or box shadow)."""
    now = focused(page)
    assert now["tag"] != "body", "the focus fell back to the page"
    ring = now["outline"] not in ("none", "") and now["outlineWidth"] >= 2
    assert ring or now["shadow"] not in ("none", ""), f"focus not visible on {now}"
    return now


def focus_is_in(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement.closest(s)", selector)


def wait_for_focus_in(page, selector: str, timeout: int = ACT) -> dict:
    """Wait until the page itself moved the focus into ``selector``; it must be visible there."""
    try:
        page.wait_for_function("s => !!document.activeElement.closest(s)", arg=selector,
                               timeout=timeout)
    except Exception:
        screenshot(page, "toetsenbord-fout")
        raise AssertionError(f"the focus is not in {selector} but on {focused(page)}") from None
    return assert_focus_visible(page)


def tab_to(page, selector: str, key: str = "Tab") -> dict:
    """Press ``key`` (Tab or Shift+Tab) until the focus is in ``selector``; the focus is visible
    at every stop on the way."""
    for _ in range(TABS):
        page.keyboard.press(key)
        if focused(page)["tag"] != "body":
            assert_focus_visible(page)
        if focus_is_in(page, selector):
            return focused(page)
    raise AssertionError(f"{selector} not reached with {key} in {TABS} presses")


def press(page, key: str, wait: int = 400) -> None:
    page.keyboard.press(key)
    page.wait_for_timeout(wait)  # the key's change reaches the kernel before the next key


def open_page(page, server: str, address: str) -> None:
    page.goto(f"{server}voila/render/{address}", timeout=LOAD)
    page.wait_for_selector(WIDGET, state="visible", timeout=LOAD)
    page.wait_for_timeout(1500)


def test_a_whole_exercise_by_keyboard(server, page):
    open_page(page, server, "Oefeningen.ipynb?oefening=deugden-moment")
    wait_for_focus_in(page, ".wb-exercise-title")  # the exercise starts at its title
    progress = page.locator(".wb-runner .wb-progress").first

    tab_to(page, ".wb-runner .wb-step textarea, .wb-runner .widget-textarea textarea")
    page.keyboard.type("Ik bleef rustig toen het druk werd (fictief).")
    tab_to(page, "button.wb-next")
    assert tab_to(page, "button.wb-save", key="Shift+Tab")["text"].strip() == "Opslaan"
    tab_to(page, "button.wb-next")
    press(page, "Enter")
    page.wait_for_function("t => document.querySelector('.wb-runner .wb-progress')"
                           ".innerText.includes(t)", arg="Stap 2 van 5", timeout=ACT)
    # Step 2, a choice: the focus is on its first option, not left on "Volgende"
    assert wait_for_focus_in(page, ".widget-radio-box")["tag"] == "input"
    press(page, "ArrowDown")  # moves to the second option and chooses it
    assert page.locator(".wb-runner .widget-radio-box input:checked").count() == 1
    screenshot(page, "toetsenbord-oefening-keuze")
    tab_to(page, "button.wb-next")
    press(page, "Enter")

    assert "Stap 3 van 5" in _wait_step(progress, "Stap 3 van 5")
    wait_for_focus_in(page, ".wb-runner textarea")
    page.keyboard.type("Geduld, omdat ik eerst luisterde.")
    tab_to(page, "button.wb-next")
    press(page, "Enter")

    _wait_step(progress, "Stap 4 van 5")  # a scale: its buttons
    assert wait_for_focus_in(page, ".widget-toggle-buttons")["tag"] == "button"
    tab_to(page, ".widget-toggle-button:nth-child(8)")  # the scale's 7
    press(page, "Space")
    assert page.locator(".widget-toggle-button.mod-active").count() == 1
    tab_to(page, "button.wb-next")
    press(page, "Enter")

    _wait_step(progress, "Stap 5 van 5")
    wait_for_focus_in(page, ".wb-runner textarea")
    page.keyboard.type("Volgende keer vraag ik eerder om hulp.")
    finish = tab_to(page, "button.wb-next")
    assert "Afronden" in finish["text"]
    press(page, "Enter")
    # After "Afronden": on what was written, not at the top of the page
    assert "Wat je schreef" in wait_for_focus_in(page, ".wb-summary-title")["text"]
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    screenshot(page, "toetsenbord-oefening-afgerond")
    tab_to(page, "button.wb-restart")  # and on to "Nog een oefening"


def _wait_step(progress, text: str) -> str:
    progress.filter(has_text=text).wait_for(timeout=ACT)
    return progress.inner_text()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_tension_field_sliders_by_keyboard(server, contexts, width):
    page = contexts(width=width, height=800, phone=width == 360)
    open_page(page, server, "Spanningsvelden.ipynb")
    tab_to(page, "button.wb-section-plaatsen")
    press(page, "Enter", wait=1500)
    rows = page.locator(".wb-place-row")
    rows.first.wait_for(timeout=ACT)

    handle = tab_to(page, ".wb-place-row [role=slider]")
    assert handle["classes"] and "noUi-handle" in handle["classes"]
    for _ in range(3):
        press(page, "ArrowRight", wait=150)
    page.wait_for_timeout(800)
    first_state = rows.nth(0).locator(".wb-poles-state")
    assert first_state.inner_text() != "Nog niet gekozen"
    # The second field: Tab past its slider to "Ik sta in het midden", chosen with Enter
    tab_to(page, ".wb-place-row:nth-child(3) .wb-poles-middle")
    press(page, "Enter", wait=1000)
    assert "midden" in rows.nth(1).locator(".wb-poles-state").inner_text()
    tab_to(page, "button.wb-place-save")
    press(page, "Enter", wait=1500)
    message = page.locator(".wb-place-message")
    message.filter(has_text="Opgeslagen: 2 van de 7").wait_for(timeout=ACT)
    assert_focus_visible(page)  # still on "Opslaan", the message beside it
    screenshot(page, f"toetsenbord-spanningsvelden-{width}")


def test_join_and_vote_by_keyboard(server, contexts):
    lead = contexts("TL-1")
    lead.goto(f"{server}voila/render/Casusbespreking.ipynb", timeout=LOAD)
    lead.wait_for_selector(".wb-start-form", timeout=LOAD)
    lead.locator(".wb-start-team select").select_option(label="Team Noord (fictief)")
    lead.locator("button.wb-start").click()
    lead.wait_for_selector(".wb-facilitator", timeout=ACT)
    code = lead.locator(".wb-code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)

    gw = contexts("GW-1", 360, 740, phone=True)
    open_page(gw, server, "Casusbespreking.ipynb")
    tab_to(gw, ".wb-join-code-input input")
    gw.keyboard.type(code)
    tab_to(gw, "button.wb-join")
    press(gw, "Enter")
    # Joined: the focus is on who you are in the session, not back at the top of the page
    assert "Je doet mee als GW-1" in wait_for_focus_in(gw, ".wb-who", timeout=ACT * 2)["text"]
    screenshot(gw, "toetsenbord-meedoen-telefoon")

    # The lead goes on to step 2 with the mouse (not what is tested here), one phase at a time
    # on the lead's own page, so a slow participant page never makes the lead overshoot it
    title = lead.locator(".wb-facilitator .wb-step-title").first
    for _ in range(8):
        before = title.inner_text()
        if before == "Stap 2: Samen duiden":
            break
        lead.locator("button.wb-next").first.click()
        lead.wait_for_function(  # the phase's HTML is replaced, so look the title up anew
            "before => document.querySelector('.wb-facilitator .wb-step-title')"
            ".innerText !== before", arg=before, timeout=ACT)
    gw.locator("text=Stap 2: Samen duiden").first.wait_for(timeout=ACT * 2)
    tab_to(gw, ".wb-contribution-form textarea")
    gw.keyboard.type("Misschien schaamt ze zich voor haar situatie (fictief).")
    tab_to(gw, "button.wb-add-contribution")
    press(gw, "Enter")
    gw.locator("text=Toegevoegd").first.wait_for(timeout=ACT * 2)  # a save is scanned first
    lead.locator("button.wb-reveal").first.click()

    board = gw.locator(".wb-vote-board")
    board.wait_for(timeout=ACT)
    tab_to(gw, ".wb-vote-picker select")
    tab_to(gw, "button.wb-vote")
    for left in ("nog 2 stemmen", "nog 1 stem ", "nog 0 stemmen"):
        press(gw, "Enter")
        gw.locator(".wb-votes-left").filter(has_text=left).wait_for(timeout=ACT)
    # "Stem" is used up: the focus moves to "Stem terug", not off the board
    wait_for_focus_in(gw, "button.wb-unvote")
    press(gw, "Space")
    gw.locator(".wb-votes-left").filter(has_text="nog 1 stem ").wait_for(timeout=ACT)
    screenshot(gw, "toetsenbord-stemmen-telefoon")
