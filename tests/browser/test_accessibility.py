"""axe-core's WCAG 2.2 A/AA rules on every page, in the states people use it in, on a 360 px
phone and a 1280 px screen: 0 violations. The full findings are in
test-artifacts/axe/<state>-<width>.json. The course on the Trainer page as its trainer and as a
participant of the demo's course group see it on a phone, too (a course being run, with its
plan, attendance and module order, is in test_course.py at both widths).
"""

from __future__ import annotations

import pytest

from tests.browser.axe import STATES, axe_violations, open_state, summary
from tests.browser.conftest import NAVIGATION_TIMEOUT, screenshot, signed_in_state
from tests.browser.test_course import course_shot
from tests.browser.test_trainer import enter

pytestmark = pytest.mark.browser

WIDTHS = {"telefoon": (360, 740), "scherm": (1280, 900)}


@pytest.fixture(scope="module", params=list(WIDTHS))
def sized_page(request, browser, server, signed_in_states):
    """A page at this width, signed in as GW-1 of Team Noord (the team pages ask for it)."""
    width, height = WIDTHS[request.param]
    state = signed_in_state(browser, signed_in_states, server, "GW-1")
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                                  storage_state=state)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page = context.new_page()
    yield request.param, width, page
    context.close()


@pytest.mark.parametrize("state, address, action", STATES, ids=[s[0] for s in STATES])
def test_page_state_meets_wcag_a_and_aa(server, sized_page, state, address, action):
    label, width, page = sized_page
    open_state(page, server, address, action)
    found = axe_violations(page, f"{state}-{width}")
    if width == 360 or state in ("spanningsvelden-plaatsen", "oefening-keuze"):
        screenshot(page, f"axe-{state}-{width}")
    assert not found, f"{state} op {label} ({width} px): {summary(found)}"


COURSE_VIEWS = (("trainer", "Trainer-1"), ("deelnemer", "GW-5"))


@pytest.mark.parametrize("view, member", COURSE_VIEWS, ids=[v for v, _m in COURSE_VIEWS])
def test_the_course_views_meet_wcag_a_and_aa_on_a_phone(server, contexts, view, member):
    page = contexts(member, 360, 740, phone=True)
    enter(page, server)
    page.wait_for_timeout(1500)
    found = axe_violations(page, f"cursus-{view}-start-360")
    course_shot(page, f"{view}-start-360")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert not found, f"cursus als {view} (360 px): {summary(found)}"
    assert overflow <= 1
