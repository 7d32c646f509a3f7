"""werkboek on a real JupyterHub (deploy/hub/): people log in at the hub, never at werkboek, and
each sees exactly what they may. One hub for the module: configurable-http-proxy, users' servers
as local processes (`werkboek serve --hub`), the scanner as a hub service, the casebook on
PostgreSQL (migrated by the hub). Screenshots in test-artifacts/screenshots/hub-*.png.

Two groepswerkers of Team Oost and one of Team West (hub groups ``werkboek:<team>:<role>``) each
write a private question and share another with their team, through the pages. Two more users
(Team Noord) are the only ones the idle culler may stop, after 30 s here: one leaves their page
alone, the other keeps using it.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime

import pytest

from benchmarks.casebooks import throwaway_database
from benchmarks.hubs import ADMIN_PASSWORD, hub_login, running_hub, scanner_grant
from tests.browser.conftest import NAVIGATION_TIMEOUT, ROOT, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

SLOW = 120_000  # ms: a page's first kernel on a busy 2-core machine (as NAVIGATION_TIMEOUT)
LIVE = 5_000  # ms: what someone does on their server shows on another's within 5 s
OOST, WEST = "Team Oost (fictief)", "Team West (fictief)"
OOST_GROUP = f"werkboek:{OOST}:groepswerker"
IDLE, BUSY = "stil-noord-1", "bezig-noord-1"
CULL_SECONDS = 30  # the culler's --timeout here (deployed: an hour)
GROUPS = {OOST_GROUP: ["gw-oost-1", "gw-oost-2"],
          f"werkboek:{WEST}:groepswerker": ["gw-west-1"],
          "werkboek:Team Noord (fictief):groepswerker": [IDLE, BUSY]}
HUB_ADMIN = "hubbeheer"  # may open every server at the hub; werkboek still lets only the owner in
TEAM_OF = {"gw-oost-1": OOST, "gw-oost-2": OOST, "gw-west-1": WEST}
# One private and one shared question per person, each with a word nobody else uses.
PRIVATE = {"gw-oost-1": "Wat merkte je bij de appelboom in de tuin?",
           "gw-oost-2": "Wat merkte je bij de perenboom in de tuin?",
           "gw-west-1": "Wat merkte je bij de kersenboom in de tuin?"}
SHARED = {"gw-oost-1": "Hoe ging het water geven aan de zonnebloem?",
          "gw-oost-2": "Hoe ging het water geven aan het madeliefje?",
          "gw-west-1": "Hoe ging het water geven aan de klaproos?"}


@pytest.fixture(scope="module")
def hub(pg_admin_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hub")
    with throwaway_database("postgresql", admin_url=pg_admin_url, prefix="werkboek_hub_") as url, \
            running_hub(url, folder, GROUPS, ROOT / "test-artifacts" / "hub.log",
                        admins=(HUB_ADMIN,), culled=(IDLE, BUSY),
                        cull_seconds=CULL_SECONDS) as running:
        yield running


@pytest.fixture(scope="module")
def people(hub, browser):
    """A browser context per person, logged in at the hub (their server started by it)."""
    pages = {}
    for user in TEAM_OF:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
        pages[user] = context.new_page()
        hub_login(pages[user], hub, user)
    yield pages
    for page in pages.values():
        page.context.close()


def open_page(page, hub, user: str, name: str, ready: str = ".wb-page .wb-sections") -> None:
    page.goto(hub.user_url(user, name))
    try:
        page.wait_for_selector(ready, timeout=SLOW)
    except Exception:
        screenshot(page, f"hub-stuck-{user}-{name}")
        raise


def write_questions(page, hub, user: str) -> None:
    """Dialoog, "vragen": the first question saved (private), the second too, then shared with
    the team on Mijn reflecties."""
    open_page(page, hub, user, "Dialoog")
    page.click(".wb-section-vragen")
    page.wait_for_selector(".wb-progress:has-text('Stap 1 van 6')", timeout=SLOW)
    page.locator(".wb-runner .wb-capture textarea").first.fill(PRIVATE[user])
    page.click(".wb-runner .wb-save")
    page.wait_for_selector(".wb-reveal:has-text('Voorbeelden')", timeout=SLOW)
    page.click(".wb-runner .wb-next")
    page.wait_for_selector(".wb-progress:has-text('Stap 2 van 6')", timeout=SLOW)
    page.locator(".wb-runner .wb-capture textarea").first.fill(SHARED[user])
    page.click(".wb-runner .wb-next")
    page.wait_for_selector(".wb-progress:has-text('Stap 3 van 6')", timeout=SLOW)

    open_page(page, hub, user, "Mijn-reflecties", ".wb-journal-count")
    page.locator(".wb-search input").type(SHARED[user].split()[-1].rstrip("?"), delay=30)
    page.wait_for_selector(".wb-journal-count:has-text('1 antwoord.')", timeout=SLOW)
    page.locator(".wb-share", has_text=f"Deel met {TEAM_OF[user]}").click()
    page.wait_for_selector(f".wb-share-message:has-text('Gedeeld met {TEAM_OF[user]}')",
                           timeout=SLOW)


def casebook_texts(page, hub, user: str) -> str:
    open_page(page, hub, user, "Casebook", ".wb-casebook-sections")
    page.wait_for_selector(".wb-result-count", timeout=SLOW)
    return page.inner_text(".wb-page")


def test_after_the_hubs_login_werkboek_asks_nothing(hub, people):
    page = people["gw-oost-1"]
    open_page(page, hub, "gw-oost-1", "Start", ".wb-page a.wb-account")
    screenshot(page, "hub-start-gw-oost-1")
    assert page.locator("a.wb-account").inner_text() == "Afmelden"
    assert page.locator("#naam, #wachtzin, .wb-sign-in-note").count() == 0


def test_the_hubs_own_pages_speak_dutch(hub, people):
    page = people["gw-oost-1"]
    page.goto(f"{hub.url}hub/home")
    screenshot(page, "hub-home")
    bar = page.inner_text("nav")
    assert "Mijn werkplek" in bar and "Afmelden" in bar
    assert not {"Home", "Token", "Logout"} & set(bar.split())
    assert page.locator("#start").inner_text().strip() == "Naar mijn werkplek"
    assert page.evaluate("document.documentElement.lang") == "nl"


def test_each_person_sees_their_own_private_writing_and_their_teams_shared_writing(hub, people):
    for user, page in people.items():
        write_questions(page, hub, user)
    for user, page in people.items():
        seen = casebook_texts(page, hub, user)
        screenshot(page, f"hub-casebook-{user}")
        team_shared = {SHARED[other] for other in TEAM_OF if TEAM_OF[other] == TEAM_OF[user]}
        assert {text for text in SHARED.values() if text in seen} == team_shared, user
        assert {text for text in PRIVATE.values() if text in seen} <= {PRIVATE[user]}, user

        open_page(page, hub, user, "Mijn-reflecties", ".wb-journal-count")
        journal = page.inner_text(".wb-journal")
        screenshot(page, f"hub-mijn-reflecties-{user}")
        assert PRIVATE[user] in journal and SHARED[user] in journal
        others = [PRIVATE[o] for o in TEAM_OF if o != user] + [SHARED[o] for o in TEAM_OF
                                                                if o != user]
        assert not [text for text in others if text in journal], user


def test_a_case_discussion_runs_live_across_two_peoples_servers(hub, people):
    """gw-oost-2 leads from their server, gw-oost-1 joins from theirs with the code: each sees
    the other's step within 5 s, through the one casebook."""
    lead, participant = people["gw-oost-2"], people["gw-oost-1"]
    open_page(lead, hub, "gw-oost-2", "Casusbespreking", ".wb-start-form")
    lead.locator(".wb-start-team select").select_option(label=OOST)
    assert lead.locator(".wb-start-case select").input_value().startswith("Oefencasus:")
    lead.locator(".wb-start-presenter input").fill("GW-2")
    lead.click("button.wb-start")
    lead.wait_for_selector(".wb-facilitator", timeout=LIVE * 2)
    code = lead.locator(".wb-code").first.inner_text().strip()

    participant.goto(f"{hub.user_url('gw-oost-1', 'Casusbespreking')}?code={code}")
    participant.wait_for_selector(".wb-join-form", timeout=SLOW)
    participant.click("button.wb-join")
    participant.wait_for_selector(".wb-participant", timeout=LIVE * 2)
    assert participant.inner_text(".wb-who") == "Je doet mee als gw-oost-1 (Groepswerker)."

    lead.click("button.wb-next")
    participant.locator("text=Stap 0: De inbreng en de vraag").first.wait_for(timeout=LIVE)
    lead.click("button.wb-next")
    lead.click("button.wb-next")
    participant.locator("text=Stap 1: Context ophalen").first.wait_for(timeout=LIVE)
    form = participant.locator(".wb-contribution-form").first
    form.locator("textarea").first.fill("Ze eet nooit mee in de gezamenlijke keuken (fictief).")
    form.locator("button.wb-add-contribution").click()
    lead.locator("text=nooit mee in de gezamenlijke keuken").first.wait_for(timeout=LIVE)
    screenshot(lead, "hub-casus-gespreksleider")
    screenshot(participant, "hub-casus-deelnemer")


def test_leaving_the_hub_group_ends_the_team_membership_and_coming_back_restores_it(hub, people):
    """The hub's administrator takes gw-oost-1 out of Team Oost's group: at their next page
    they are in no team (Casebook says so); put back, they see Team Oost's shared writing
    again, without an error page."""
    page, group = people["gw-oost-1"], urllib.parse.quote(OOST_GROUP, safe="")
    hub.api("DELETE", f"groups/{group}/users", {"users": ["gw-oost-1"]})
    try:
        deadline = time.monotonic() + 40  # werkboek remembers the hub's answer 10 s
        while "geen lid van een team" not in (text := casebook_or_no_team(page, hub, "gw-oost-1")):
            assert time.monotonic() < deadline, "still a member of Team Oost"
            time.sleep(3)
        assert SHARED["gw-oost-2"] not in text
        screenshot(page, "hub-uit-de-groep")
    finally:
        hub.api("POST", f"groups/{group}/users", {"users": ["gw-oost-1"]})
    deadline = time.monotonic() + 40
    while SHARED["gw-oost-2"] not in (seen := casebook_or_no_team(page, hub, "gw-oost-1")):
        assert time.monotonic() < deadline, f"not back in Team Oost: {seen[:300]}"
        time.sleep(3)


def scanner_tokens(hub, user: str) -> list[set[str]]:
    """What each scanner token the hub holds for ``user`` may do (deploy/hub/scanner_token.py),
    besides telling the owner's own name and groups (every token may)."""
    tokens = hub.api("GET", f"users/{user}/tokens")["api_tokens"]
    identify = {f"read:users:name!user={user}", f"read:users:groups!user={user}"}
    return [set(token["scopes"]) - identify for token in tokens
            if token["note"] == scanner_grant().TOKEN_NOTE]


def scan_status(hub, token: str | None) -> int:
    """The HTTP status the shared scanner answers a scan with ``token``."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"token {token}"
    request = urllib.request.Request(f"{hub.scanner_url}/scan", headers=headers,
                                     data=json.dumps({"text": "Rustige avond."}).encode())
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


def test_the_shared_scanner_scans_only_for_a_token_the_hub_granted_for_it(hub, people):
    """Each person's server got a token for the scanner from the hub when it started (the
    pages' saves above went through the scanner with it). Nobody else gets a scan: not without
    a token, not with a guessed one, not with a real token of the same person that lacks the
    scanner's scope."""
    scope = scanner_grant().SCANNER_SCOPE
    for user in TEAM_OF:
        assert scanner_tokens(hub, user) == [{scope}]
    person = "gw-oost-1"
    plain, granted = (hub.api("POST", f"users/{person}/tokens", {"scopes": scopes})["token"]
                      for scopes in ([f"read:users:name!user={person}"], [scope]))
    assert scan_status(hub, None) == 401
    assert scan_status(hub, "een-geraden-token") == 403
    assert scan_status(hub, plain) == 403
    assert scan_status(hub, granted) == 200


def casebook_or_no_team(page, hub, user: str) -> str:
    """The Casebook page's text once it shows its search results or says there is no team."""
    open_page(page, hub, user, "Casebook", ".wb-page")
    page.locator(".wb-result-count").or_(page.get_by_text("geen lid van een team")).first.wait_for(
        timeout=SLOW)
    return page.inner_text(".wb-page")


def test_an_idle_server_is_culled_and_a_used_one_is_not(hub, browser):
    """Only these two users' servers may be culled (30 s idle here). One leaves the start page
    open and does nothing; the other keeps typing in a search box on theirs (kernel messages
    only, no page requests). werkboek reports its activity to the hub like singleuser, so the
    culler stops the first and keeps the second."""
    contexts = [browser.new_context(locale="nl-NL") for _ in (IDLE, BUSY)]
    try:
        idle, busy = (context.new_page() for context in contexts)
        for page in (idle, busy):
            page.context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
        hub_login(idle, hub, IDLE)
        hub_login(busy, hub, BUSY)
        open_page(busy, hub, BUSY, "Mijn-reflecties", ".wb-search input")
        used_since = time.monotonic()
        search, letters = busy.locator(".wb-search input"), "zonnebloem"
        typed = 0
        while hub.server(IDLE) is not None or time.monotonic() - used_since < 2.5 * CULL_SECONDS:
            assert time.monotonic() - used_since < 6 * CULL_SECONDS, "the idle server still runs"
            search.type(letters[typed % len(letters)], delay=30)
            typed += 1
            time.sleep(3)
        server = hub.server(BUSY)
        assert server is not None and server["ready"], "the server in use was stopped"
        # the stopped server's scanner token was revoked; the running one keeps its own
        assert scanner_tokens(hub, IDLE) == []
        assert scanner_tokens(hub, BUSY) == [{scanner_grant().SCANNER_SCOPE}]
        last = datetime.fromisoformat(server["last_activity"].replace("Z", "+00:00"))
        assert (datetime.now(UTC) - last).total_seconds() < CULL_SECONDS / 2
        assert "Culling server" in hub.log.read_text(errors="replace")
        screenshot(busy, "hub-in-gebruik-na-culling")
    finally:
        for context in contexts:
            context.close()


def test_a_person_cannot_open_someone_elses_server(hub, people):
    page = people["gw-oost-2"]
    response = page.goto(hub.user_url("gw-oost-1", "Mijn-reflecties"))
    screenshot(page, "hub-ander-zijn-werkplek")
    assert response.status == 403
    assert "Dit mag je niet openen" in page.inner_text("body")  # the hub's page, in Dutch
    assert page.locator(".wb-page").count() == 0
    assert PRIVATE["gw-oost-1"] not in page.inner_text("body")


def test_not_even_the_hubs_administrator_reads_someone_elses_workbook(hub, browser, people):
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        hub_login(page, hub, HUB_ADMIN, password=ADMIN_PASSWORD)
        page.goto(hub.user_url("gw-oost-1", "Mijn-reflecties"))
        # The hub asks its administrator to let gw-oost-1's server identify them; they agree.
        with page.expect_navigation(url="**/voila/render/Mijn-reflecties.ipynb") as navigation:
            page.get_by_role("button", name="Authorize").click()
        screenshot(page, "hub-beheerder-bij-een-ander")
        assert navigation.value.status == 403
        assert "Deze werkplek hoort bij iemand anders" in page.inner_text("body")
        assert page.locator(".wb-page").count() == 0
        assert PRIVATE["gw-oost-1"] not in page.inner_text("body")
    finally:
        context.close()


def test_a_header_or_cookie_a_browser_sends_names_nobody(hub, people):
    """Without the hub's cookie for this server, a request naming someone is sent to the hub's
    login, whatever werkboek header it carries."""
    request = urllib.request.Request(
        hub.user_url("gw-oost-1", "Mijn-reflecties"),
        headers={"X-Werkboek-Principal": "eyJsb2dpbiI6IDF9.vervalst",
                 "Cookie": "werkboek_login=geraden; jupyterhub-user-gw-oost-1=geraden"})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    assert answer.value.code == 302
    assert "/hub/api/oauth2/authorize" in answer.value.headers["Location"]


def test_after_logging_out_of_the_hub_the_pages_are_closed(hub, people):
    """A page left open in another tab stops working and says so; a page opened after the
    logout goes to the hub's login."""
    page = people["gw-west-1"]
    left_open = page.context.new_page()
    open_page(left_open, hub, "gw-west-1", "Mijn-reflecties", ".wb-search input")
    page.goto(f"{hub.url}hub/logout")
    # The server asks the hub every 5 s; the hub's answer is remembered up to 10 s.
    left_open.wait_for_selector(".wb-logged-out", timeout=30_000)
    screenshot(left_open, "hub-afgemeld-open-pagina")
    assert "Je bent afgemeld" in left_open.inner_text(".wb-logged-out")
    left_open.close()
    page.goto(hub.user_url("gw-west-1", "Mijn-reflecties"))
    page.wait_for_load_state()
    screenshot(page, "hub-afgemeld")
    assert "/hub/login" in page.url
    assert "Aanmelden bij werkboek" in page.inner_text("body")
    assert page.locator(".wb-page").count() == 0
    assert PRIVATE["gw-west-1"] not in page.inner_text("body")
