"""A whole case discussion in real Chromium: a facilitator, a projector and three participants
(one on a 360 px phone), each in its own browser context signed in as a demo member, from join
code to session report. Nobody types a name or picks a role: each joins as themselves.

Live updates are asserted with a 5 s limit and no reload. Screenshots of every step are written to
test-artifacts/screenshots/casus-*.png.
"""

from __future__ import annotations

import base64
import re

import pytest

from tests.browser.conftest import screenshot
from tests.signin import server_view
from werkboek.vocab import CONTRIBUTION_KIND

pytestmark = pytest.mark.browser

LIVE = 5_000  # ms: what someone else does must show up within 5 s
LOAD = 90_000  # ms: the first page load (kernel start, imports)
PAGE = "voila/render/Casusbespreking.ipynb"


def click(page, css: str, name: str | None = None):
    target = page.locator(css) if name is None else page.locator(css, has_text=name)
    target.first.click()


def fill(page, css: str, text: str) -> None:
    page.locator(f"{css} input, {css} textarea").first.fill(text)


def join(page, server: str, code: str) -> str:
    """Join with the code in the link as the page's signed-in member; returns who the page says
    they are ("Je doet mee als GW-1 (Groepswerker).")."""
    page.goto(f"{server}{PAGE}?code={code}", timeout=LOAD)
    page.wait_for_selector(".wb-join-form", timeout=LOAD)
    assert page.locator(".wb-join-code-input input").input_value() == code
    assert page.locator(".wb-join-pseudonym, .wb-join-role").count() == 0  # nothing to choose
    click(page, "button.wb-join")
    page.wait_for_selector(".wb-participant", timeout=LIVE * 2)
    return page.inner_text(".wb-who")


def projector_link(lead) -> str:
    """The read-only beamer link the facilitator's screen makes (relative to the page)."""
    click(lead, "button.wb-projector-link")
    link = lead.locator(".wb-projector-href a")
    link.wait_for(timeout=LIVE * 2)
    return link.get_attribute("href")


def add_contribution(page, text: str) -> None:
    form = page.locator(".wb-contribution-form").first
    form.locator("textarea").first.fill(text)
    form.locator("button.wb-add-contribution").click()
    page.wait_for_selector("text=Toegevoegd", timeout=LIVE)


def expect_text(page, text: str, timeout: int = LIVE) -> None:
    page.locator(f"text={text}").first.wait_for(timeout=timeout)


def shoot(views: dict, step: str, prefix: str = "casus") -> None:
    """A screenshot of each whole view: Voilà scrolls inside the page, so the window is made as
    tall as the content for the picture, then put back."""
    for who, page in views.items():
        size = page.viewport_size
        height = page.evaluate("Math.max(...[...document.querySelectorAll('*')]"
                               ".map(e => e.scrollHeight))")
        page.set_viewport_size({"width": size["width"], "height": min(height + 40, 8000)})
        page.wait_for_timeout(200)
        screenshot(page, f"{prefix}-{step}-{who}")
        page.set_viewport_size(size)


def test_full_case_discussion_from_join_code_to_report(server, contexts, casebook_url):
    lead = contexts("TL-1")
    lead.goto(server + PAGE)
    lead.wait_for_selector(".wb-start-form", timeout=LOAD)
    assert lead.locator(".wb-start-pseudonym").count() == 0  # the lead is who signed in
    lead.locator(".wb-start-team select").select_option(label="Team Noord (fictief)")
    lead.locator(".wb-start-case select").select_option(label="Oefencasus: De bewoner die nooit iets vraagt")
    fill(lead, ".wb-start-presenter", "CM-1")
    screenshot(lead, "casus-00-start-facilitator")
    click(lead, "button.wb-start")
    lead.wait_for_selector(".wb-facilitator", timeout=LIVE * 2)
    code = lead.locator(".wb-code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code)

    beamer = projector_link(lead)
    assert beamer.startswith(f"Casusbespreking.ipynb?view=projector&code={code}&beamer=")
    projector = contexts("TL-1", 1600, 900)  # the facilitator's laptop on the beamer
    projector.goto(f"{server}voila/render/{beamer}")
    projector.wait_for_selector(".wb-projector", timeout=LOAD)
    assert code in projector.inner_text(".wb-projector-top")

    gw, cm, nw = contexts("GW-1"), contexts("CM-1"), contexts("Nacht-1", 360, 740, phone=True)
    assert join(gw, server, code) == "Je doet mee als GW-1 (Groepswerker)."
    assert join(cm, server, code) == "Je doet mee als CM-1 (Caseworker)."
    assert join(nw, server, code) == "Je doet mee als Nacht-1 (Nachtwacht)."
    views = {"facilitator": lead, "projector": projector, "groepswerker": gw,
             "casemanager": cm, "nachtwacht-telefoon": nw}
    shoot(views, "01-terugblik")

    # Step 0 and the first safety scale: everyone follows the facilitator without reloading
    click(lead, "button.wb-next")
    for page in (gw, cm, nw, projector):
        expect_text(page, "Stap 0: De inbreng en de vraag")
    click(lead, "button.wb-next")
    expect_text(gw, "Veiligheid aan het begin")

    # Step 1: "Context ophalen"
    click(lead, "button.wb-next")
    for page in (gw, cm, nw, projector):
        expect_text(page, "Stap 1: Context ophalen")
    add_contribution(gw, "Ze eet nooit mee in de gezamenlijke keuken (fictief).")
    add_contribution(cm, "Haar plan noemt werk zoeken, maar daar spreekt ze niet over.")
    add_contribution(nw, "'s Nachts brandt er lang licht in haar appartement.")
    for page in (lead, projector, gw):
        expect_text(page, "brandt er lang licht")
    assert "GW-1" not in projector.inner_text(".wb-projector-body")  # no names on the projector
    shoot(views, "02-context")

    # Bad input: a phone number is shown highlighted and not saved
    form = gw.locator(".wb-contribution-form").first
    form.locator("textarea").first.fill("Haar zus belt vaak op 06-12345678.")
    form.locator("button.wb-add-contribution").click()
    gw.wait_for_selector(".wb-privacy mark.wb-found", timeout=LIVE)
    assert "06-12345678" in gw.locator(".wb-privacy mark.wb-found").all_inner_texts()
    screenshot(gw, "casus-02b-privacy-groepswerker")
    form.locator("textarea").first.fill("")

    # Step 1 goes on with the views of those not in the room; then step 2: hypotheses
    # collected hidden, revealed together, then voted on
    click(lead, "button.wb-next")
    expect_text(gw, "Stap 1: Wie hoor je nog niet?")
    click(lead, "button.wb-next")
    for page in (gw, cm, nw):
        expect_text(page, "Stap 2: Samen duiden")
    add_contribution(gw, "Misschien schaamt ze zich voor haar situatie.")
    add_contribution(cm, "Misschien is ze bang om fouten te maken.")
    expect_text(nw, "2 hypothesen binnen")
    assert "schaamt" not in nw.inner_text("body") and "bang om fouten" not in gw.inner_text("body")
    shoot(views, "03-hypothesen-verborgen")
    click(lead, "button.wb-reveal")
    for page in (gw, cm, nw, projector):
        expect_text(page, "schaamt ze zich")
        expect_text(page, "bang om fouten")
    for page in (gw, cm, nw):
        vote_for(page, "bang om fouten")
    vote_for(gw, "schaamt")
    expect_text(lead, "3 stemmen")
    expect_text(projector, "3 stemmen")
    expect_text(nw, "nog 2 stemmen over")
    shoot(views, "04-hypothesen-gestemd")

    # Step 3 and on: the agreed intervention and a follow-up action
    click(lead, "button.wb-next")
    expect_text(cm, "Stap 3")
    add_contribution(cm, "Elke ochtend even aanbellen met een vaste collega.")
    expect_text(lead, "Elke ochtend even aanbellen")
    lead.locator(".wb-agreements textarea").nth(0).fill("Elke ochtend even aanbellen (fictief).")
    lead.locator(".wb-agreements textarea").nth(1).fill("Ze durft weer om hulp te vragen.")
    lead.locator(".wb-agreements textarea").nth(2).fill("Een vaste collega per dagdeel.")
    click(lead, "button.wb-save-intervention")
    expect_text(lead, "Interventie vastgelegd")
    agreements = lead.locator(".wb-agreements")
    agreements.locator(".wb-action-what input").fill("Rooster voor het aanbellen maken")
    agreements.locator(".wb-action-owner input").fill("CM-1")
    agreements.locator(".wb-action-due input").fill("01-05-2031")  # dd-mm-jjjj, as shown
    agreements.locator(".wb-action-due input").press("Tab")
    lead.wait_for_timeout(500)
    click(lead, "button.wb-add-action")
    expect_text(lead, "Actie toegevoegd")
    shoot(views, "05-interventie")

    # The safety scale: a spread of everyone's score
    for _ in range(3):  # wat-is-nodig, acties, veiligheid
        click(lead, "button.wb-next")
        lead.wait_for_timeout(300)
    for page, score in ((gw, "4"), (cm, "6"), (nw, "4")):
        expect_text(page, "Veiligheid aan het eind")
        form = page.locator(".wb-contribution-form").first
        form.get_by_role("button", name=score, exact=True).click()
        form.locator("button.wb-add-contribution").click()
        page.wait_for_timeout(300)
    expect_text(projector, "3 antwoorden binnen, nog verborgen")  # nobody anchors on a score
    click(lead, "button.wb-reveal")
    expect_text(lead, "3 scores, van 4 tot 6")
    expect_text(projector, "3 scores, van 4 tot 6")
    shoot(views, "06-veiligheid")

    # Close, and download the report from the facilitator's screen
    click(lead, "button.wb-close-session")
    for page in (gw, cm, nw):
        expect_text(page, "De bespreking is afgesloten")
    click(lead, "button.wb-report-html")
    link = lead.locator("a.wb-download-link")
    link.wait_for(timeout=120_000)
    shoot(views, "07-afgesloten")
    href = link.get_attribute("href")
    report = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
    for text in ("Verslag van de casusbespreking", "brandt er lang licht", "Nachtwacht",
                 "Hypothesen en stemmen", "3 stemmen", "Elke ochtend even aanbellen",
                 "Rooster voor het aanbellen maken", "01-05-2031", "Plotly.newPlot"):
        assert text in report, text
    report_page = contexts()
    report_page.set_content(report)
    report_page.wait_for_timeout(1000)
    screenshot(report_page, "casus-08-verslag")

    # What the casebook holds
    from werkboek.casebook import open_casebook

    cb = open_casebook(casebook_url)
    session = next(s for s in _sessions(cb) if s.join_code == code)
    assert session.closed
    votes = sorted(cb.votes(server_view(cb), session.id).values())
    assert votes == [1, 3]
    [action] = [a for a in cb.actions(_team_viewer(cb, session), session.team_id, open_only=False)
                if a.session_id == session.id]
    assert action.owner == "CM-1" and str(action.due) == "2031-05-01"
    entries = cb.entries(_team_viewer(cb, session), session_id=session.id)
    assert {e.author for e in entries if e.kind == CONTRIBUTION_KIND} == {"GW-1", "CM-1", "Nacht-1"}
    assert not any("06-12345678" in e.text for e in entries)


def _team_viewer(cb, session):
    return cb.system_viewer({session.team_id})


def _sessions(cb):
    return cb.sessions(cb.system_viewer(t.id for t in cb.teams()))


def test_second_facilitator_and_wrong_code(server, contexts):
    """The lead on a second screen only watches while the first leads; a wrong code is refused."""
    lead = contexts("GW-3")
    lead.goto(server + PAGE)
    lead.wait_for_selector(".wb-start-form", timeout=LOAD)
    lead.locator(".wb-start-team select").select_option(label="Team Zuid (fictief)")
    click(lead, "button.wb-start")
    lead.wait_for_selector(".wb-facilitator", timeout=LIVE * 2)
    code = lead.locator(".wb-code").first.inner_text().strip()

    other = contexts("GW-3")  # the same facilitator, on a second screen
    other.goto(f"{server}{PAGE}?code={code}")
    other.wait_for_selector(".wb-join-form", timeout=LOAD)
    click(other, "button.wb-resume-lead")
    expect_text(other, "al geleid vanaf een ander scherm")
    screenshot(other, "casus-09-tweede-gespreksleider")

    wrong = contexts("GW-5", 360, 740, phone=True)
    wrong.goto(f"{server}{PAGE}?code=QQQQQQ")
    wrong.wait_for_selector(".wb-join-form", timeout=LOAD)
    click(wrong, "button.wb-join")
    expect_text(wrong, "hoort niet bij een lopende bespreking")
    overflow = wrong.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(wrong, "casus-10-verkeerde-code-telefoon")
    assert overflow <= 1


def vote_for(page, words: str) -> None:
    """Pick the hypothesis with ``words`` on the vote board and give it a vote."""
    picker = page.locator(".wb-vote-picker select")
    labels = picker.evaluate("select => [...select.options].map(option => option.text)")
    # ipywidgets writes the spaces of option labels as no-break spaces
    label = next(text for text in labels if words in text.replace("\xa0", " "))
    picker.select_option(label=label)
    page.wait_for_timeout(300)  # the choice reaches the kernel before the click
    page.locator("button.wb-vote").click()
    page.wait_for_timeout(300)
