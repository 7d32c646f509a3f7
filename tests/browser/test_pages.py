"""Every page opens in real Chromium from a real `werkboek serve`, shows Dutch text and widgets, no tracebacks.

On loopback the personal pages open for the laptop's owner without signing in; the team pages
(Casusbespreking, Casebook, Trainer) send a visitor to the sign-in page first, so they are opened
signed in as a demo member.
"""

import time
import urllib.request

import psutil
import pytest

from benchmarks.served import WIDGET
from tests.browser.conftest import PAGES, SIGN_IN, screenshot, serving

pytestmark = pytest.mark.browser

FORBIDDEN = ["Traceback", "Error displaying widget", "Exception", "File \"", "def ", "import "]
# The pages that ask for sign-in (the others are the laptop owner's own), and who opens them:
# a member of Team Noord, and for the course a participant of the demo's course group.
TEAM_PAGES = {"Casusbespreking": "GW-1", "Casebook": "GW-1", "Trainer": "GW-5"}


def test_server_root_opens_the_start_page(server, page):
    page.goto(server)
    page.wait_for_selector(".wb-page", timeout=60_000)
    assert page.url.endswith("/voila/render/Start.ipynb")


def test_health_check_answers_without_starting_a_page(server):
    with urllib.request.urlopen(server + "health", timeout=5) as response:
        assert response.read() == b"ok"


def test_closing_a_tab_stops_its_kernel(server, browser):
    """A closed tab gives its kernel (about 80 MB) back at once instead of at the next culling."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}voila/render/Start.ipynb")
    page.wait_for_selector(".wb-page", timeout=60_000)
    kernel = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert kernel_running(kernel)
    # (The kernel's API answers only its own visitor: the browser that opened it.)
    assert page.request.get(f"{server}api/kernels/{kernel}").status == 200
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 30
    while kernel_running(kernel) and time.monotonic() < deadline:
        time.sleep(0.5)
    context.close()
    assert not kernel_running(kernel)


def kernel_running(kernel: str) -> bool:
    """Whether the kernel process with this id (its connection file names it) still runs."""
    for process in psutil.process_iter(["cmdline"]):
        if any(f"kernel-{kernel}.json" in part for part in process.info["cmdline"] or ()):
            return True
    return False


def test_a_page_still_loading_says_so_in_dutch_and_stays_still(server, page):
    """Until its scripts have run, a page shows one still line of Dutch instead of Voilà's
    spinner and English progress text: a group opening pages together on one small server
    should not spend its processor on fifteen spinning wheels. (The scripts are held back
    here so the loading screen stays.)"""
    page.route("**/static/voila.js", lambda route: route.abort())
    page.goto(f"{server}voila/render/Start.ipynb", wait_until="load")
    loading = page.locator("#loading")
    assert loading.is_visible()
    assert loading.inner_text().strip() == "Even geduld: de pagina wordt klaargezet."
    text = page.inner_text("body")
    for english in ("Running", "Executing", "Reading"):
        assert english not in text
    assert page.evaluate("document.getAnimations().length") == 0
    screenshot(page, "page-laden")


@pytest.mark.parametrize("name", list(TEAM_PAGES))
def test_a_team_page_sends_a_visitor_to_sign_in_first(server, page, name):
    """Not signed in, a team page answers with the Dutch sign-in page, which comes back to it."""
    page.goto(f"{server}voila/render/{name}.ipynb")
    page.wait_for_selector("#naam", timeout=60_000)
    assert page.url == f"{server}{SIGN_IN}?next=%2Fvoila%2Frender%2F{name}.ipynb"
    assert page.inner_text("h1") == "Aanmelden"
    assert page.locator("#wachtzin[type=password]").count() == 1
    assert page.locator(".wb-page").count() == 0  # no page, no kernel before signing in
    assert page.evaluate("document.documentElement.lang") == "nl"


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_widgets_and_dutch_text_without_traceback(server, page, contexts, name):
    if name in TEAM_PAGES:
        page = contexts(TEAM_PAGES[name])
    page.goto(f"{server}voila/render/{name}.ipynb")
    # (a member of one team gets no team choice: that first control stays hidden)
    page.locator(WIDGET).filter(visible=True).first.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    text = page.inner_text("body")
    assert PAGES[name] in text
    assert "werkboek" in text.lower()
    for forbidden in FORBIDDEN:
        assert forbidden not in text, f"{name} shows {forbidden!r}"
    assert page.locator(".jupyter-widgets").count() > 3
    assert page.evaluate("document.documentElement.lang") == "nl"  # read aloud in Dutch
    # a field or card as wide as its column must end inside whatever clips it, or its right
    # border is cut off
    cut_off = page.evaluate("""() => [...document.querySelectorAll(
        '.wb-page :is(.widget-text, .widget-textarea, .widget-dropdown, .widget-datepicker, .wb-card, .widget-accordion, .widget-tab)')]
        .filter(box => {
            if (!box.offsetParent) return false;
            let clip = box.parentElement;
            while (clip && getComputedStyle(clip).overflowX === 'visible') clip = clip.parentElement;
            return clip && box.getBoundingClientRect().right > clip.getBoundingClientRect().right + 0.5;
        }).map(box => box.className)""")
    assert cut_off == [], f"{name}: the right edge is cut off of {cut_off}"
    screenshot(page, f"page-{name}")


@pytest.mark.parametrize("name", ["Start", "Oefeningen"])
def test_page_fits_a_phone_screen(server, phone_page, name):
    phone_page.goto(f"{server}voila/render/{name}.ipynb")
    phone_page.wait_for_selector(WIDGET, state="visible", timeout=60_000)  # the body, not the frame
    phone_page.wait_for_timeout(500)
    assert "Even geduld" not in phone_page.inner_text("body")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(phone_page, f"phone-{name}")
    assert overflow <= 1, f"{name} is {overflow}px wider than a 360px phone"


def test_a_page_asks_nothing_of_other_servers_and_still_shows_its_icons(server, contexts):
    """Every request stays on this server (no CDN learns about a visit), the sign-in page's
    included, and the button icons (Font Awesome, served by werkboek itself) are drawn."""
    elsewhere: list[str] = []
    signing_in = contexts()
    signing_in.on("request", lambda r: None if r.url.startswith(server) else elsewhere.append(r.url))
    signing_in.goto(f"{server}{SIGN_IN}")
    signing_in.wait_for_load_state("networkidle")
    page = contexts(TEAM_PAGES["Casebook"])
    page.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:")
            else elsewhere.append(r.url))
    page.goto(f"{server}voila/render/Casebook.ipynb")
    page.wait_for_selector(".wb-page button i.fa", timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Font Awesome 5 Free')"
                         " && f.status === 'loaded')")
    icon = page.locator(".wb-page button i.fa").first
    assert icon.evaluate("e => getComputedStyle(e, '::before').content") not in ("none", "normal", "")


@pytest.fixture(scope="module")
def cold_server(casebook_url, scanner_service):
    """`werkboek serve --no-preheat`: every visit starts its own kernel."""
    env = {"WERKBOEK_DATABASE_URL": casebook_url, "WERKBOEK_SCANNER_URL": scanner_service}
    with serving(env, "serve-cold.log", ("--no-preheat",)) as base:
        yield base


@pytest.mark.parametrize(("name", "control"), [
    ("Start", ".wb-page-body a"),
    ("Casusbespreking", ".wb-join-code-input input"),
    ("Casebook", ".wb-page-body button"),
])
def test_a_page_in_a_kernel_started_for_the_visit_fills_in_its_body(cold_server, contexts, name,
                                                                     control):
    """Without a waiting kernel the frame (navigation, title, a Dutch waiting line) comes first
    and the page's own controls follow in the same place, with nothing left of the waiting line."""
    page = contexts(TEAM_PAGES.get(name), base=cold_server)
    page.goto(f"{cold_server}voila/render/{name}.ipynb")
    page.wait_for_selector(control, state="visible", timeout=60_000)
    body = page.inner_text(".wb-page")
    assert PAGES[name] in body
    assert "Even geduld" not in body
    for word in FORBIDDEN:
        assert word not in body
    screenshot(page, f"koud-{name.lower()}")
