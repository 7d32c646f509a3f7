"""Attacks on who may see and do what, each tried as a person would in real Chromium against a
real `werkboek serve` (docs: /work/shared/access.md, "How it is proven").

Every attack runs in a browser context of its own, signed in as the attacker (or not signed in);
each test asserts the Dutch message the attacker sees and that the casebook did not change (a hash
of every table read with SQLAlchemy, before and after; sign-ins and the audit trail are left out,
as is the session lease the facilitator's screen renews). The attacks run against a casebook and
server of their own, shared by this file: removal, erasure and throttling change it for good.

What the attacker sees (as asserted below):
- a known pseudonym: no page has a field for one; another team's words are "Niets gevonden. ..."
- a session code plus the facilitator's pseudonym: "Alleen wie deze bespreking leidt kan hem leiden. ..."
- joining as someone already in a session: "Je doet mee als CM-1 (Caseworker)." and an empty note
- a self-chosen role: no role to choose; "Je bent Groepswerker in COMBINE-groep 1 (fictief)."
- another team's session code: "Dit is van een team waar je geen lid van bent. ..."
- another person's kernel id: 403 "Deze pagina hoort bij iemand anders. ..."
- the beamer link without its token: "Deze beamerlink klopt niet of is vervangen. ..."
- a removed member's open tab: "Het casebook geeft een melding. Je bent niet (meer) aangemeld. ..."
- an erased member: "Niets gevonden. ..."; not in the export, not in the database file
- fifty guessed passphrases: "Deze combinatie van naam en wachtzin klopt niet, of je mag nu even
  niet inloggen." every time, then for the right passphrase too
- a foreign Host: 403 "Dit adres hoort niet bij werkboek op deze computer. ..."
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from benchmarks.served import CHROMIUM_ARGS
from tests.browser.conftest import (
    NAVIGATION_TIMEOUT,
    SIGN_IN,
    SIGN_IN_TIMEOUT,
    screenshot,
    serving,
    sign_in,
    signed_in_state,
)
from werkboek.casebook.demo import DEMO_PASSPHRASE
from werkboek.chromium import chromium_path

pytestmark = pytest.mark.browser

LOAD = 120_000  # ms: a page and its kernel, on a busy machine
ACT = 30_000  # ms: one round trip to the kernel
PAGE = "voila/render/Casusbespreking.ipynb"
NOORD, ZUID = "Team Noord (fictief)", "Team Zuid (fictief)"
COHORT = "COMBINE-groep 1 (fictief)"
# Words only Team Noord wrote: "kabel" in a shared case discussion, "emmer" in GW-1's private journal.
NOORD_WORD, PRIVATE_WORD = "kabel", "emmer"
# The fields the pages had before sign-in: a typed pseudonym, a chosen role, a journal link.
OLD_IDENTITY_FIELDS = (
    ".wb-who-pseudonym, .wb-who-role, .wb-join-pseudonym, .wb-join-role, .wb-start-pseudonym, "
    ".wb-course-pseudonym, .wb-course-role, .wb-journal-pseudonym, .wb-journal-link, "
    ".wb-journal-identity, .wb-round-join-name, .wb-round-lead-name, "
    "input[placeholder*='Schuilnaam']"
)
# What the attacker is told (the pages' own Dutch texts).
NOTHING_FOUND = "Niets gevonden. Probeer minder of andere woorden, of zet een filter terug op 'Alle'."
NOTHING_IN_JOURNAL = "Niets gevonden met deze zoekterm of filters."
NOT_THE_LEAD = ("Alleen wie deze bespreking leidt kan hem leiden. Doe mee als deelnemer, of vraag "
                "de gespreksleider (of de beheerder) om hem aan jou over te dragen.")
NOT_IN_TEAM = ("Dit is van een team waar je geen lid van bent. Vraag de gespreksleider of de "
               "beheerder van dat team om je toe te voegen.")
NOT_YOUR_PAGE = "Deze pagina hoort bij iemand anders. Open werkboek opnieuw vanaf de startpagina."
WRONG_BEAMER = "Deze beamerlink klopt niet of is vervangen. Vraag de gespreksleider om de nieuwe link."
SIGNED_OUT = ("Het casebook geeft een melding. Je bent niet (meer) aangemeld. Laad de pagina "
              "opnieuw en meld je aan.")
SIGN_IN_FAILED = "Deze combinatie van naam en wachtzin klopt niet, of je mag nu even niet inloggen."
FOREIGN_HOST = ("Dit adres hoort niet bij werkboek op deze computer. Open werkboek via "
                "http://127.0.0.1 of http://localhost.")


# -- the attacked server -------------------------------------------------------------------

@pytest.fixture(scope="module")
def attack_casebook(tmp_path_factory) -> Path:
    """A SQLite casebook of its own with the fictional demo (its accounts included)."""
    path = tmp_path_factory.mktemp("attack-casebook") / "casebook.sqlite"
    werkboek(path, "init")
    werkboek(path, "demo")
    return path


@pytest.fixture(scope="module")
def attack_server(attack_casebook, scanner_service):
    env = {"WERKBOEK_DATABASE_URL": f"sqlite:///{attack_casebook}",
           "WERKBOEK_SCANNER_URL": scanner_service}
    with serving(env, "serve-attacks.log") as base:
        yield base


@pytest.fixture()
def person(contexts, attack_server):
    """``person(member=None, ...)``: a page in a new browser context on the attacked server,
    signed in as ``member`` (anonymous without)."""
    return lambda member=None, **options: contexts(member, base=attack_server, **options)


def werkboek(casebook: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """The `werkboek` command line on the attacked casebook, as its administrator runs it."""
    env = {**os.environ, "WERKBOEK_DATABASE_URL": f"sqlite:///{casebook}"}
    done = subprocess.run([sys.executable, "-m", "werkboek.cli", *args], env=env,
                          capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


# -- did anything change? ------------------------------------------------------------------

SKIPPED_TABLES = {"logins", "audit"}  # every sign-in and failed try is recorded: by design
VOLATILE_COLUMNS = {("sessions", "facilitator_seen_at")}  # the lead's screen renews its lease


def fingerprint(casebook: Path) -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a hash of them, read with SQLAlchemy (read-only).
    Personal journals a visitor's first personal page makes for them are left out."""
    import sqlalchemy as sa

    from werkboek.casebook import schema as t

    engine = sa.create_engine(f"sqlite:///file:{casebook}?mode=ro&uri=true")
    try:
        with engine.connect() as conn:
            personal = set(conn.execute(
                sa.select(t.teams.c.id).where(t.teams.c.kind == "personal")).scalars())
            tables = {}
            for table in t.metadata.sorted_tables:
                if table.name in SKIPPED_TABLES:
                    continue
                columns = [c for c in table.c if (table.name, c.name) not in VOLATILE_COLUMNS]
                rows = conn.execute(sa.select(*columns)).all()
                if table.name == "teams":
                    rows = [r for r in rows if r.id not in personal]
                if table.name == "members":
                    rows = [r for r in rows if r.team_id not in personal]
                digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
                tables[table.name] = (len(rows), digest)
            return tables
    finally:
        engine.dispose()


@contextmanager
def nothing_changes(casebook: Path):
    before = fingerprint(casebook)
    yield
    after = fingerprint(casebook)
    changed = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
    assert not changed, f"the attack changed the casebook: {changed}"


def scalar(casebook: Path, sql: str, **params):
    import sqlalchemy as sa

    engine = sa.create_engine(f"sqlite:///file:{casebook}?mode=ro&uri=true")
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(sql), params).scalar()
    finally:
        engine.dispose()


# -- what a person does on the pages -------------------------------------------------------

def open_page(page, base: str, name: str, ready: str, query: str = "") -> None:
    page.goto(f"{base}voila/render/{name}.ipynb{query}")
    page.wait_for_selector(ready, timeout=LOAD)


def alert_text(page, css: str = ".wb-alert .wb-message") -> str:
    page.locator(css).first.wait_for(timeout=ACT)
    return " ".join(page.locator(css).first.inner_text().split())


def says(page, text: str) -> None:
    """Wait until the page shows an element saying exactly ``text`` (spaces normalised)."""
    page.get_by_text(text, exact=True).first.wait_for(timeout=ACT)


def options(page, css: str) -> list[str]:
    """The choices of the dropdown ``css`` (ipywidgets writes their spaces as no-break spaces)."""
    return [" ".join(text.split()) for text in page.locator(f"{css} option").all_inner_texts()]


def search(page, words: str) -> None:
    page.locator(".wb-search input").fill(words)
    page.locator(".wb-search input").press("Enter")


def download(page, button: str) -> bytes:
    """Click an export button; the bytes of the download link it makes (a data: URL)."""
    page.locator(".wb-download-link").evaluate_all("links => links.forEach(l => l.remove())")
    page.click(button)
    link = page.locator("a.wb-download-link")
    link.wait_for(timeout=LOAD)
    return base64.b64decode(link.get_attribute("href").split(",", 1)[1])


def kernel_of(page) -> str:
    return page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def cookie_header(page, base: str) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in page.context.cookies(base))


@pytest.fixture(scope="module")
def noord_session(browser, signed_in_states, attack_server):
    """A case discussion of Team Noord, led by GW-1 on a screen that stays open for the file."""
    state = signed_in_state(browser, signed_in_states, attack_server, "GW-1")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL",
                                  storage_state=state)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    lead = context.new_page()
    open_page(lead, attack_server, "Casusbespreking", ".wb-start-form")
    lead.locator(".wb-start-team select").select_option(label=NOORD)
    lead.click("button.wb-start")
    lead.wait_for_selector(".wb-facilitator", timeout=LOAD)
    code = lead.locator(".wb-code").first.inner_text().strip()
    yield SimpleNamespace(lead=lead, code=code)
    context.close()


def join(page, base: str, code: str) -> str:
    open_page(page, base, "Casusbespreking", ".wb-join-form", f"?code={code}")
    page.click("button.wb-join")
    page.wait_for_selector(".wb-participant", timeout=ACT)
    return page.inner_text(".wb-participant .wb-who").strip()


# -- the attacks ---------------------------------------------------------------------------

def test_a_foreign_host_gets_403_and_the_dutch_text(browser, attack_server, attack_casebook):
    """DNS rebinding: a name the attacker controls points at 127.0.0.1. Chromium, resolving
    rebind.example to this machine, gets 403 and 'Dit adres hoort niet bij werkboek op deze
    computer. Open werkboek via http://127.0.0.1 of http://localhost.' on every path."""
    port = urlsplit(attack_server).port
    rebound = browser.browser_type.launch(
        executable_path=chromium_path(), headless=True,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP rebind.example 127.0.0.1"])
    with nothing_changes(attack_casebook):
        try:
            page = rebound.new_page()
            for path in ("", "voila/render/Casebook.ipynb", SIGN_IN, "api/kernels", "health"):
                response = page.goto(f"http://rebind.example:{port}/{path}")
                assert response.status == 403, path
                assert page.inner_text("body").strip() == FOREIGN_HOST, path
            screenshot(page, "aanval-vreemde-host")
        finally:
            rebound.close()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/voila/render/Mijn-reflecties.ipynb",
                           headers={"Host": f"evil.example:{port}"})
        answer = connection.getresponse()
        assert (answer.status, answer.read().decode()) == (403, FOREIGN_HOST)
        connection.close()


def test_a_known_pseudonym_gives_no_field_and_nothing_of_another_team(person, attack_server,
                                                                      attack_casebook):
    """GW-3 of Team Zuid knows that GW-1 of Team Noord exists. No page has a field to type a
    pseudonym any more; searching for Noord's and GW-1's words finds 'Niets gevonden. ...' on
    the Casebook and 'Niets gevonden met deze zoekterm of filters.' on Mijn reflecties, and no
    download holds them."""
    attacker = person("GW-3")
    with nothing_changes(attack_casebook):
        open_page(attacker, attack_server, "Casebook", ".wb-casebook-sections")
        assert attacker.locator(OLD_IDENTITY_FIELDS).count() == 0
        assert attacker.inner_text(".wb-who") == f"Je kijkt als lid van {ZUID} (Groepswerker)."
        # One team of their own, so no team to choose: Noord is nowhere on the page.
        assert options(attacker, ".wb-who-team") == []
        assert NOORD not in attacker.inner_text(".wb-casebook")
        attacker.locator(".wb-result-count", has_text="antwoorden gevonden").wait_for(timeout=ACT)
        csv = download(attacker, "button.wb-export-csv").decode("utf-8-sig")
        assert "GW-3" in csv  # Zuid's own casebook is in it ...
        for foreign in ("GW-1", "Noord", NOORD_WORD, PRIVATE_WORD):  # ... and nothing of Noord
            assert foreign not in csv, foreign
        for words in (NOORD_WORD, PRIVATE_WORD):
            search(attacker, "")
            attacker.locator(".wb-result-count", has_text="antwoorden gevonden").wait_for(
                timeout=ACT)
            search(attacker, words)
            says(attacker, NOTHING_FOUND)
            assert attacker.locator(".wb-results .wb-entry").count() == 0
        screenshot(attacker, "aanval-schuilnaam-casebook")

        open_page(attacker, attack_server, "Mijn-reflecties", ".wb-journal-filters")
        assert attacker.locator(OLD_IDENTITY_FIELDS).count() == 0
        search(attacker, PRIVATE_WORD)
        says(attacker, NOTHING_IN_JOURNAL)
        journal = download(attacker, ".wb-export-md").decode("utf-8")
        for foreign in ("GW-1", NOORD_WORD, PRIVATE_WORD):
            assert foreign not in journal, foreign
        screenshot(attacker, "aanval-schuilnaam-mijn-reflecties")

        for name, ready in (("Casusbespreking", ".wb-join-form"), ("Trainer", ".wb-course-form")):
            open_page(attacker, attack_server, name, ready)
            assert attacker.locator(OLD_IDENTITY_FIELDS).count() == 0, name
        open_page(attacker, attack_server, "Spanningsvelden", ".wb-page .wb-sections")
        attacker.click(".wb-section-samen")
        attacker.wait_for_selector(".wb-round-join", timeout=ACT)
        assert attacker.locator(OLD_IDENTITY_FIELDS).count() == 0
        assert options(attacker, ".wb-round-team") == [ZUID]


def test_a_self_chosen_trainer_role_is_not_on_offer(person, attack_server, attack_casebook):
    """GW-5, a participant of the course group, asks for the trainer's view (also through the
    URL). There is no role to pick; the page says 'Je bent Groepswerker in COMBINE-groep 1
    (fictief).' and shows the participant's view, not the trainer's."""
    attacker = person("GW-5")
    with nothing_changes(attack_casebook):
        open_page(attacker, attack_server, "Trainer", ".wb-course-form",
                  "?rol=trainer&role=trainer&trainer=1")
        assert attacker.locator(OLD_IDENTITY_FIELDS).count() == 0
        assert attacker.locator(".wb-course-creator").count() == 0  # no "new course group"
        assert options(attacker, ".wb-course-cohort") == [COHORT]
        attacker.click(".wb-course-enter")
        says(attacker, f"Je bent Groepswerker in {COHORT}.")
        attacker.wait_for_selector(".wb-course :text('Jouw opdrachten')", timeout=ACT)
        assert attacker.locator(".wb-assign, .wb-assign-choice, .wb-course-members").count() == 0
        screenshot(attacker, "aanval-zelfgekozen-rol")


def test_the_code_and_the_facilitators_name_do_not_give_the_lead(person, attack_server,
                                                                 attack_casebook, noord_session):
    """GW-2 of the same team knows the code and that GW-1 leads, and chooses 'Ik ben de
    gespreksleider': 'Alleen wie deze bespreking leidt kan hem leiden. Doe mee als deelnemer, of
    vraag de gespreksleider (of de beheerder) om hem aan jou over te dragen.' GW-1 still leads."""
    attacker = person("GW-2")
    lead_before = scalar(attack_casebook, "SELECT facilitator_id FROM sessions WHERE join_code = :c",
                         c=noord_session.code)
    with nothing_changes(attack_casebook):
        open_page(attacker, attack_server, "Casusbespreking", ".wb-join-form",
                  f"?code={noord_session.code}")
        assert attacker.locator(OLD_IDENTITY_FIELDS).count() == 0
        attacker.click("button.wb-resume-lead")
        says(attacker, NOT_THE_LEAD)
        assert attacker.locator(".wb-facilitator").count() == 0
        screenshot(attacker, "aanval-gespreksleider")
    assert scalar(attack_casebook, "SELECT facilitator_id FROM sessions WHERE join_code = :c",
                  c=noord_session.code) == lead_before
    assert noord_session.lead.locator(".wb-lead-lost").count() == 0  # the lead did not lose it


def test_joining_as_someone_already_in_the_session_makes_a_second_member(
        person, attack_server, attack_casebook, noord_session):
    """GW-2 is in the session and writes a private note. CM-1 joins with the same code, hoping
    to be GW-2: the page says 'Je doet mee als CM-1 (Caseworker).' and CM-1's own note is
    empty; GW-2's note is nowhere on CM-1's screen, also after joining again."""
    member = person("GW-2")
    assert join(member, attack_server, noord_session.code) == "Je doet mee als GW-2 (Groepswerker)."
    note = "Ik wil morgen zelf even bij haar langs (fictief notitie-woord zeppelin)."
    member.locator(".wb-private-note textarea").fill(note)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not scalar(
            attack_casebook, "SELECT count(*) FROM entries WHERE text LIKE '%zeppelin%'"):
        time.sleep(0.5)
    assert scalar(attack_casebook, "SELECT count(*) FROM entries WHERE text LIKE '%zeppelin%' "
                  "AND visibility = 'private'") == 1

    attacker = person("CM-1")
    with nothing_changes(attack_casebook):
        for _ in range(2):  # joining again changes nothing either
            assert join(attacker, attack_server, noord_session.code) == (
                "Je doet mee als CM-1 (Caseworker).")
            assert attacker.locator(".wb-private-note textarea").input_value() == ""
            assert "zeppelin" not in attacker.inner_text("body")
        screenshot(attacker, "aanval-tweede-lid")
    members = scalar(attack_casebook, "SELECT count(DISTINCT author_id) FROM entries "
                     "WHERE text LIKE '%zeppelin%'")
    assert members == 1


def test_another_teams_session_code_and_team_id_are_refused(person, attack_server,
                                                            attack_casebook, noord_session):
    """GW-3 of Team Zuid opens Team Noord's session code, joining and claiming the lead:
    'Dit is van een team waar je geen lid van bent. Vraag de gespreksleider of de beheerder van
    dat team om je toe te voegen.' Noord's team id in the Casebook's URL (?team=, ?team_id=)
    is ignored: the page shows 'Je kijkt als lid van Team Zuid (fictief) (Groepswerker).'"""
    noord = scalar(attack_casebook, "SELECT id FROM teams WHERE name = :n", n=NOORD)
    attacker = person("GW-3")
    with nothing_changes(attack_casebook):
        for button in ("button.wb-join", "button.wb-resume-lead"):
            open_page(attacker, attack_server, "Casusbespreking", ".wb-join-form",
                      f"?code={noord_session.code}&team={noord}")
            attacker.click(button)
            says(attacker, NOT_IN_TEAM)
            assert attacker.locator(".wb-participant, .wb-facilitator").count() == 0
        screenshot(attacker, "aanval-ander-team-code")
        open_page(attacker, attack_server, "Casebook", ".wb-casebook-sections",
                  f"?team={noord}&team_id={noord}")
        assert attacker.inner_text(".wb-who") == f"Je kijkt als lid van {ZUID} (Groepswerker)."
        search(attacker, NOORD_WORD)
        says(attacker, NOTHING_FOUND)


def test_another_persons_kernel_id_is_refused(person, attack_server, attack_casebook,
                                              noord_session):
    """GW-3 copies the kernel id of GW-1's open page and tries its websocket (from the browser
    and with the browser's cookies from a script), its API (GET, DELETE) and the shutdown beacon:
    every answer is 403, the API's with 'Deze pagina hoort bij iemand anders. Open werkboek
    opnieuw vanaf de startpagina.'; GW-1's kernel runs on."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    victim = noord_session.lead
    kernel = kernel_of(victim)
    attacker = person("GW-3")
    with nothing_changes(attack_casebook):
        open_page(attacker, attack_server, "Start", ".wb-page-body a")
        assert kernel_of(attacker) != kernel
        socket = attacker.evaluate("""url => new Promise(done => {
            const ws = new WebSocket(url);
            ws.onopen = () => { done('open'); ws.close(); };
            ws.onclose = event => done('closed ' + event.code);
        })""", f"ws://{urlsplit(attack_server).netloc}/api/kernels/{kernel}/channels")
        assert socket == "closed 1006"  # the handshake was refused: never open

        cookies = cookie_header(attacker, attack_server)
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://{urlsplit(attack_server).netloc}/api/kernels/{kernel}/channels",
                    additional_headers={"Cookie": cookies}, open_timeout=30)
        assert refused.value.response.status_code == 403

        xsrf = next(c["value"] for c in attacker.context.cookies(attack_server)
                    if c["name"] == "_xsrf")
        api = f"{attack_server}api/kernels/{kernel}"
        answers = {
            "GET": attacker.request.get(api),
            "DELETE": attacker.request.delete(api, headers={"X-XSRFToken": xsrf}),
            "beacon": attacker.request.post(f"{attack_server}voila/api/shutdown/{kernel}",
                                            headers={"X-XSRFToken": xsrf}),
        }
        for what, answer in answers.items():
            assert answer.status == 403, what
        assert answers["GET"].json()["message"] == NOT_YOUR_PAGE
        assert answers["DELETE"].json()["message"] == NOT_YOUR_PAGE

        anonymous = http.client.HTTPConnection(urlsplit(attack_server).hostname,
                                               urlsplit(attack_server).port, timeout=30)
        anonymous.request("GET", f"/api/kernels/{kernel}")
        assert anonymous.getresponse().status == 403  # the laptop's owner is not GW-1 either
        anonymous.close()

    own = victim.request.get(api)  # the victim's kernel is still there, and still theirs
    assert own.status == 200 and own.json()["id"] == kernel


def test_the_beamer_link_needs_its_token_and_shows_no_names(person, attack_server,
                                                            attack_casebook, noord_session):
    """Without the beamer token, or with a wrong one, the projector view says 'Deze beamerlink
    klopt niet of is vervangen. Vraag de gespreksleider om de nieuwe link.' With the token the
    facilitator made it shows the answers and no names, even with names switched on."""
    lead = noord_session.lead
    lead.click("button.wb-projector-link")
    link = lead.locator(".wb-projector-href a")
    link.wait_for(timeout=ACT)
    beamer = link.get_attribute("href")
    lead.locator(".wb-show-names input").check()
    for step in ("Stap 0: De inbreng", "Veiligheid aan het begin", "Stap 1: Context ophalen"):
        lead.click("button.wb-next")  # from the look back, past step 0 and the safety scale
        lead.locator(f"text={step}").first.wait_for(timeout=ACT)
    member = person("Nacht-1")
    join(member, attack_server, noord_session.code)
    member.locator("text=Stap 1: Context ophalen").first.wait_for(timeout=ACT)
    answer = "De moeder zet 's avonds de radio zacht aan (fictief)."
    member.locator(".wb-contribution-form textarea").first.fill(answer)
    member.click(".wb-contribution-form button.wb-add-contribution")
    lead.locator("text=Nacht-1 (Nachtwacht)").first.wait_for(timeout=ACT)  # named mode is on

    attacker = person("GW-3")
    token = re.search(r"beamer=([^&]+)", beamer).group(1)
    with nothing_changes(attack_casebook):
        for query in (f"?view=projector&code={noord_session.code}",
                      f"?view=projector&code={noord_session.code}&beamer=",
                      f"?view=projector&code={noord_session.code}&beamer={token[:-2]}xx"):
            open_page(attacker, attack_server, "Casusbespreking", ".wb-page-body .wb-message",
                      query)
            says(attacker, WRONG_BEAMER)
            assert attacker.locator(".wb-projector").count() == 0
            assert "radio" not in attacker.inner_text("body")
        screenshot(attacker, "aanval-beamer-zonder-token")

    projector = person("GW-1", width=1600, height=900)  # the facilitator's laptop on the beamer
    projector.goto(f"{attack_server}voila/render/{beamer}")
    projector.wait_for_selector(".wb-projector", timeout=LOAD)
    projector.locator(".wb-projector", has_text="radio zacht aan").wait_for(timeout=ACT)
    shown = projector.inner_text(".wb-projector")
    for name in ("Nacht-1", "GW-1", "GW-2", "CM-1"):
        assert name not in shown, name
    screenshot(projector, "aanval-beamer-met-token")


def test_a_removed_members_open_tab_gets_nothing_more(person, attack_server, attack_casebook):
    """KW-2 has the Casebook open when the beheerder runs `werkboek member remove`. Searching,
    turning to the next page and downloading in that tab then say 'Het casebook geeft een
    melding. Je bent niet (meer) aangemeld. Laad de pagina opnieuw en meld je aan.' and show
    nothing new; a reload asks to sign in, and signing in again fails."""
    tab = person("KW-2")
    open_page(tab, attack_server, "Casebook", ".wb-casebook-sections")
    tab.locator(".wb-result-count", has_text="antwoorden gevonden").wait_for(timeout=ACT)
    assert tab.locator(".wb-pager-bottom .wb-page-next").is_enabled()  # more than one page
    first_page = tab.inner_text(".wb-results")

    removed = werkboek(attack_casebook, "member", "remove", ZUID, "KW-2")
    assert "open pagina's werken niet meer" in removed.stdout
    time.sleep(6)  # a page kernel trusts a live sign-in for 5 s before it looks again
    with nothing_changes(attack_casebook):
        tab.click(".wb-pager-bottom .wb-page-next")
        tab.wait_for_timeout(5000)
        assert tab.inner_text(".wb-results") == first_page  # page 2 was never shown
        assert alert_text(tab) == SIGNED_OUT
        tab.click("button.wb-export-csv")  # the same message again (the page shows it once)
        tab.wait_for_timeout(3000)
        assert tab.locator("a.wb-download-link").count() == 0
        search(tab, "moeder")
        tab.wait_for_timeout(3000)
        assert tab.inner_text(".wb-results") == first_page
        assert alert_text(tab) == SIGNED_OUT
        screenshot(tab, "aanval-verwijderd-lid-open-tabblad")
        tab.reload()
        tab.wait_for_selector("#naam", timeout=LOAD)  # the page asks to sign in
        tab.fill("#naam", "KW-2")
        tab.fill("#wachtzin", DEMO_PASSPHRASE)
        with tab.expect_navigation(timeout=SIGN_IN_TIMEOUT):
            tab.click("button[type=submit]")
        assert tab.inner_text(".message") == SIGN_IN_FAILED


def test_an_erased_member_is_found_nowhere(person, attack_server, attack_casebook):
    """GD-2 writes a reflection with a word nobody else uses; the administrator erases GD-2
    (`werkboek erase --author GD-2`). A teammate searching for it reads 'Niets gevonden. ...';
    the export and the database file (with its write-ahead log) no longer hold the word."""
    marker = "kwartelvlucht"
    author = person("GD-2")
    open_page(author, attack_server, "Oefeningen", ".wb-capture textarea",
              "?oefening=dialoog-vier-niveaus")
    author.locator(".wb-capture textarea").first.fill(
        f"Na de overdracht dacht ik aan het woord {marker} en aan rust in de groep (fictief).")
    author.locator(".wb-save").first.click()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not scalar(
            attack_casebook, "SELECT count(*) FROM entries WHERE text LIKE :m", m=f"%{marker}%"):
        time.sleep(0.5)
    author.context.close()  # the tab is closed before the erasure: nothing saves it again
    assert marker.encode() in database_bytes(attack_casebook)  # the search below would see it

    erased = werkboek(attack_casebook, "erase", "--author", "GD-2", "--yes")
    assert "Gewist:" in erased.stdout

    exported = werkboek(attack_casebook, "export", "--format", "jsonl").stdout
    assert marker not in exported and '"author": "GD-2"' not in exported
    assert marker.encode() not in database_bytes(attack_casebook)
    teammate = person("GW-3")
    open_page(teammate, attack_server, "Casebook", ".wb-casebook-sections")
    search(teammate, marker)
    says(teammate, NOTHING_FOUND)
    screenshot(teammate, "aanval-gewist-lid")


def database_bytes(casebook: Path) -> bytes:
    """The database file and its write-ahead log, as a disk image would hold them."""
    wal = Path(f"{casebook}-wal")
    return casebook.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_fifty_guessed_passphrases_get_one_message_and_a_pause(person, attack_server,
                                                               attack_casebook):
    """Someone guesses the passphrase of Doelwit-1 (an account made for this test, through its
    invite) fifty times on the sign-in page; an unknown name gets the same answer. Every answer
    is 'Deze combinatie van naam en wachtzin klopt niet, of je mag nu even niet inloggen.', and
    right after it the right passphrase gets it too. Thirty seconds later it works again."""
    name, passphrase = "Doelwit-1", "een eigen lange wachtzin voor de test"
    added = werkboek(attack_casebook, "member", "add", NOORD, name, "--role", "groepswerker",
                     "--adres", attack_server)
    invite = re.search(r"(http://\S+/werkboek/uitnodiging/\S+)", added.stdout).group(1)
    owner = person()
    owner.goto(invite)
    owner.fill("#wachtzin", passphrase)
    owner.fill("#nogmaals", passphrase)
    with owner.expect_navigation(timeout=SIGN_IN_TIMEOUT, wait_until="commit"):
        owner.click("button[type=submit]")
    owner.context.close()
    account = scalar(attack_casebook, "SELECT id FROM accounts WHERE name = :n", n=name)
    logins = "SELECT count(*) FROM logins WHERE account_id = :a"
    signed_in = scalar(attack_casebook, logins, a=account)

    attacker = person()
    seen = []
    audited = "SELECT count(*) FROM audit WHERE event = 'sign_in_failed'"
    failed_before = scalar(attack_casebook, audited)

    def attempt(who: str, guess: str) -> None:
        attacker.fill("#naam", who)
        attacker.fill("#wachtzin", guess)
        with attacker.expect_navigation(timeout=SIGN_IN_TIMEOUT):
            attacker.click("button[type=submit]")
        seen.append(attacker.inner_text(".message"))

    with nothing_changes(attack_casebook):
        attacker.goto(f"{attack_server}{SIGN_IN}")
        attempt("Bestaat-niet-99", "een geraden wachtzin")
        for n in range(50):
            attempt(name, f"geraden wachtzin nummer {n}")
            if n == 4:
                fifth = time.monotonic()  # the fifth failure for this name: a pause begins
        screenshot(attacker, "aanval-vijftig-wachtzinnen")
        attempt(name, passphrase)  # the right one, during the pause
        assert set(seen) == {SIGN_IN_FAILED} and len(seen) == 52
        assert scalar(attack_casebook, logins, a=account) == signed_in  # no sign-in happened
    checked = scalar(attack_casebook, audited) - failed_before
    # Only the tries before the pause were checked (and audited): the unknown name's and
    # Doelwit-1's first five.
    assert checked == 6

    time.sleep(max(0.0, fifth + 31 - time.monotonic()))  # the first pause is 30 s
    sign_in(attacker, attack_server, name, passphrase)  # and clears the pause for this name
    assert scalar(attack_casebook, logins, a=account) == signed_in + 1
