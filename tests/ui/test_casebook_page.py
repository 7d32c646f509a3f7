"""The Casebook page without a browser: who is looking, search and filters, follow-up actions,
export and the actions chart, on a real SQLite casebook holding the fictional demo."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tests.conftest import ManualScheduler
from tests.signin import server_view
from werkboek.casebook.demo import load_demo
from werkboek.clock import local
from werkboek.content import load_content
from werkboek.ui.casebook_view.search import PAGE_SIZE
from werkboek.ui.pages.casebook import CasebookPage

CONTENT = load_content()
NOORD = "Team Noord (fictief)"
ZUID = "Team Zuid (fictief)"


@pytest.fixture()
def demo(casebook):
    load_demo(casebook, content=CONTENT)
    return casebook


def team_id(cb, name: str) -> int:
    return next(t.id for t in cb.teams() if t.name == name)


def member(cb, team: str, pseudonym: str):
    return next(m for m in cb.members(server_view(cb), team_id(cb, team)) if m.pseudonym == pseudonym)


@pytest.fixture()
def open_as(sign_in):
    """``open_as(cb, team, pseudonym)``: the casebook of ``team`` on the page of that member,
    signed in."""
    def opened(cb, team: str, pseudonym: str, scheduler=None):
        who = sign_in(cb, team_id(cb, team), pseudonym)
        page = CasebookPage(cb, CONTENT, who.principal, scheduler=scheduler or ManualScheduler())
        page.team.value = team_id(cb, team)
        assert page.view is not None and page.view.viewer.member_id == who.member.id
        return page.view
    return opened


def chart_figure(panel):
    """The plotly figure in a loaded chart panel (heading, then the chart's box)."""
    return panel.widget.children[0].children[1].children[0]


def narrowed(view, name: str, value):
    """Set one filter; the result must be exactly the matching part of the unfiltered result."""
    view.search.filters[name].value = value
    return view.search.found


# -- who is looking


def test_a_visitor_who_is_not_signed_in_sees_the_explanation_and_a_sign_in_note(demo, sign_in):
    page = CasebookPage(demo, CONTENT, sign_in.anonymous())
    assert page.body.children == ()
    intro, note = page.form.children
    assert "Privé-antwoorden van anderen zie je nooit" in intro.value
    assert "wb-sign-in-note" in note._dom_classes and "Meld je aan" in note.value
    assert not hasattr(page, "team")  # no team to pick, nothing of the casebook read


def test_a_member_sees_their_own_team_with_the_role_they_were_granted(demo, sign_in):
    kw = sign_in(demo, team_id(demo, NOORD), "KW-1")
    page = CasebookPage(demo, CONTENT, kw.principal, scheduler=ManualScheduler())
    assert [team.name for team in page.teams.values()] == [NOORD]  # not Zuid, not the cohort
    assert page.team not in page.form.children  # one team: nothing to choose
    assert page.view.viewer.member_id == kw.member.id and page.view.viewer.login_id == kw.login.id
    who = page.body.children[0].value
    assert f"Je kijkt als lid van <strong>{NOORD}</strong> (Kinderwerker)" in who
    assert "wb-who-pseudonym" not in str([c._dom_classes for c in page.form.children])


def test_a_member_of_two_teams_picks_one_and_looks_with_that_teams_role(demo, sign_in):
    gw = sign_in(demo, team_id(demo, NOORD), "GW-1")
    demo.add_member(team_id(demo, ZUID), "GW-1", "casemanager")  # granted on the command line
    page = CasebookPage(demo, CONTENT, gw.principal, scheduler=ManualScheduler())
    assert [label for label, _id in page.team.options] == [NOORD, ZUID]  # teams before cohorts
    assert page.team.layout.display is None
    assert "(Groepswerker)" in page.body.children[0].value
    page.team.value = team_id(demo, ZUID)
    assert page.view.team_id == team_id(demo, ZUID)
    assert f"<strong>{ZUID}</strong> (Caseworker)" in page.body.children[0].value
    assert {e.team_id for e in page.view.search.found} == {team_id(demo, ZUID)}


# -- visibility


def test_private_entries_of_another_member_never_appear(demo, open_as):
    author = open_as(demo, NOORD, "GW-1")
    private = [e for e in author.search.found if e.visibility == "private"]
    assert private and all(e.author == "GW-1" for e in private)
    assert "privé" in author.search.results.value

    colleague = open_as(demo, NOORD, "GW-2")
    seen = {e.id for e in colleague.search.found}
    assert seen and not seen & {e.id for e in private}
    word = private[0].text.split()[3]
    colleague.search.query.value = word
    assert all(e.visibility != "private" or e.author == "GW-2" for e in colleague.search.found)
    assert private[0].id not in {e.id for e in colleague.search.found}


def test_another_team_sees_none_of_this_teams_entries(demo, open_as):
    noord = {e.id for e in open_as(demo, NOORD, "GW-1").search.found}
    zuid = open_as(demo, ZUID, "GW-3").search.found
    assert zuid and not noord & {e.id for e in zuid}
    assert {e.team_id for e in zuid} == {team_id(demo, ZUID)}


# -- search, filters, paging


def test_results_are_newest_first_in_pages_of_25_with_dutch_labels(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    found = view.search.found
    assert len(found) > PAGE_SIZE
    assert [e.created_at for e in found] == sorted((e.created_at for e in found), reverse=True)
    assert view.search.results.value.count('class="wb-card wb-entry"') == PAGE_SIZE
    assert f"{len(found)} antwoorden gevonden" in view.search.count.value
    assert view.search.previous.disabled and not view.search.next.disabled
    view.search.next.click()
    shown = min(PAGE_SIZE, len(found) - PAGE_SIZE)
    assert view.search.results.value.count('class="wb-card wb-entry"') == shown
    assert f"Je ziet {PAGE_SIZE + 1} tot en met {PAGE_SIZE + shown}" in view.search.count.value

    view.search.filters["exercise"].value = "casusbespreking"
    html = view.search.results.value
    hypothesis = next(e for e in view.search.found if e.level and e.tension and e.principles)
    assert "Casusbespreking in drie stappen · " in html
    assert "Bespreking van " in html
    for module_id, item_id in (("dialoog", hypothesis.level), ("spanningsvelden", hypothesis.tension),
                               ("principes", hypothesis.principles[0])):
        assert CONTENT.item(module_id, item_id).title.replace("'", "&#x27;") in html
    assert f"{hypothesis.author} (" in html


@pytest.mark.parametrize("name", ["case_id", "session_id", "exercise", "role", "level", "tension"])
def test_each_filter_narrows_to_exactly_the_matching_entries(demo, name, open_as):
    view = open_as(demo, NOORD, "GD-1")
    everything = list(view.search.found)
    field = {"case_id": "case_id", "session_id": "session_id"}.get(name, name)
    values = [v for _label, v in view.search.filters[name].options if v != ""]
    value = next(v for v in values if any(getattr(e, field) == v for e in everything))
    expected = [e.id for e in everything if getattr(e, field) == value]
    assert 0 < len(expected) < len(everything)
    assert [e.id for e in narrowed(view, name, value)] == expected


def test_principle_filter_and_full_text_search_narrow(demo, open_as):
    view = open_as(demo, NOORD, "GD-1")
    everything = list(view.search.found)
    cited = next(p for e in everything for p in e.principles)
    assert [e.id for e in narrowed(view, "principle", cited)] == [
        e.id for e in everything if cited in e.principles]
    view.search.filters["principle"].value = ""
    view.search.query.value = "kabel"
    found = view.search.found
    assert found and len(found) < len(everything)
    assert all("kabel" in (e.text + str(e.value)).lower() for e in found)
    view.search.query.value = "woordkomtnergensvoor"
    assert view.search.found == [] and "Niets gevonden" in view.search.count.value


def test_date_range_keeps_only_entries_of_those_days(demo, open_as):
    view = open_as(demo, NOORD, "GD-1")
    days = sorted({local(e.created_at).date() for e in view.search.found})
    first, last = days[1], days[-2]
    view.search.since.value = first
    view.search.until.value = last
    found = view.search.found
    assert found and all(first <= local(e.created_at).date() <= last for e in found)
    assert {local(e.created_at).date() for e in found} == {d for d in days if first <= d <= last}


def test_a_score_says_its_scale(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    scored = narrowed(view, "exercise", "casusbespreking")
    score = next(e for e in scored if isinstance(e.value, int))
    step = CONTENT.exercise(score.exercise).step(score.step)
    assert (f"Score {score.value} (van {step.scale.min} tot {step.scale.max})"
            in view.search.results.value)


def test_entry_text_is_escaped(demo, open_as):
    viewer = demo.viewer_for(member(demo, NOORD, "KW-1").id)
    demo.save_entry(viewer, kind="text", text="<b>vet</b> & 'quote' (fictief)", final=True,
                    visibility="team", exercise="casusbespreking", privacy="fictional")
    view = open_as(demo, NOORD, "GW-2")
    view.search.query.value = "vet quote"
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; &#x27;quote&#x27;" in view.search.results.value
    assert "<b>vet</b>" not in view.search.results.value


# -- follow-up actions


def test_open_actions_show_owner_due_date_and_overdue_mark(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    actions = demo.actions(view.viewer, team_id(demo, NOORD), open_only=False)
    still_open = [a for a in actions if a.status in ("open", "loopt")]
    late = [a for a in still_open if a.due < date.today()]
    assert set(view.actions.forms) == {a.id for a in still_open}
    heading = view.actions.open_box.children[0].value
    assert f"Open ({len(still_open)}" in heading
    assert late  # the demo has actions past their date
    assert f"waarvan {len(late)} te laat" in heading
    card = view.actions.forms[late[0].id].widget.children[0].value
    assert "te laat" in card and late[0].due.strftime("%d-%m-%Y") in card
    on_time = next(a for a in still_open if a.due >= date.today())
    assert "te laat" not in view.actions.forms[on_time.id].widget.children[0].value
    finished = [a for a in actions if a.status in ("klaar", "vervallen")]
    assert finished and all(a.what.replace("'", "&#x27;") in view.actions.done.value for a in finished)


def test_reviewing_an_action_persists_and_moves_it_to_done(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    action_id, form = next(iter(view.actions.forms.items()))
    form.toggle()
    assert form.form.layout.display is None
    form.status.value = "klaar"
    form.note.value = "Samen met moeder afgerond (fictief)."
    session_id = form.session.value
    form.form.children[3].click()  # Opslaan
    stored = next(a for a in demo.actions(view.viewer, team_id(demo, NOORD), open_only=False)
                  if a.id == action_id)
    assert (stored.status, stored.review_note, stored.reviewed_session_id) == (
        "klaar", "Samen met moeder afgerond (fictief).", session_id)
    assert "Opgeslagen" in view.actions.message.widget.value
    assert 'role="status"' in view.actions.message.widget.value
    assert action_id not in view.actions.forms

    again = open_as(demo, NOORD, "CM-1")  # a colleague, later
    assert action_id not in again.actions.forms
    assert "Samen met moeder afgerond (fictief)." in again.actions.done.value


def test_a_review_needs_a_note_and_a_phone_number_is_never_stored(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    action_id, form = next(iter(view.actions.forms.items()))
    form.save("check")
    assert "hoe het ging" in form.message.widget.value  # by its own button, as an alert
    assert 'role="alert"' in form.message.widget.value and view.actions.message.kind is None
    form.note.value = "Gebeld op 06-12345678 (fictief)."
    form.save("check")
    assert form.notice.kind == "blocked"
    stored = next(a for a in demo.actions(view.viewer, team_id(demo, NOORD)) if a.id == action_id)
    assert stored.status in ("open", "loopt") and "06-12345678" not in (stored.review_note or "")


# -- export


def test_csv_export_holds_exactly_the_visible_filtered_rows(demo, open_as):
    view = open_as(demo, NOORD, "GW-2")
    view.search.filters["exercise"].value = "casusbespreking"
    view.search.filters["role"].value = "groepswerker"
    found = view.search.found
    data = view.export.make("csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(found) > 0
    assert [r["Tekst"] for r in rows] == [e.text for e in found]
    assert {r["Rol"] for r in rows} == {"Groepswerker"}
    assert all(r["Oefening en stap"].startswith("Casusbespreking in drie stappen") for r in rows)
    assert all(r["Zichtbaar voor"] != "privé" or r["Schuilnaam"] == "GW-2" for r in rows)
    assert 'class="wb-download-link"' in view.export.link.value
    assert 'download="casebook-' in view.export.link.value and "data:text/csv;base64," in view.export.link.value
    view.search.query.value = "kabel"
    assert view.export.link.value == ""  # a new search: the old file is gone


def test_csv_export_never_hands_a_spreadsheet_a_formula(demo, open_as):
    viewer = demo.viewer_for(member(demo, NOORD, "KW-1").id)
    demo.save_entry(viewer, kind="text", text="=HYPERLINK(\"x\") formule (fictief)", final=True,
                    visibility="team", exercise="casusbespreking", privacy="fictional")
    view = open_as(demo, NOORD, "GW-1")
    rows = list(csv.reader(io.StringIO(view.export.make("csv").decode("utf-8-sig")), delimiter=";"))
    texts = [row[6] for row in rows[1:]]
    assert "'=HYPERLINK(\"x\") formule (fictief)" in texts
    assert not any(text.startswith(("=", "+", "-", "@")) for row in rows[1:] for text in row)


def test_excel_export_matches_and_keeps_formulas_as_text(demo, open_as):
    viewer = demo.viewer_for(member(demo, NOORD, "KW-1").id)
    demo.save_entry(viewer, kind="text", text="=SOM(A1:A3) formule (fictief)", final=True,
                    visibility="team", exercise="casusbespreking", privacy="fictional")
    view = open_as(demo, NOORD, "GW-1")
    private_of_gw1 = [e for e in view.search.found if e.visibility == "private"]
    sheet = load_workbook(io.BytesIO(view.export.make("xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == len(view.search.found)
    texts = [r[6] for r in rows[1:]]
    assert "=SOM(A1:A3) formule (fictief)" in texts
    assert next(c for c in sheet["G"] if c.value and c.value.startswith("=SOM")).data_type == "s"

    other = open_as(demo, NOORD, "GW-2")
    other_rows = list(load_workbook(io.BytesIO(other.export.make("xlsx"))).active.iter_rows(values_only=True))
    assert not {e.text for e in private_of_gw1} & {r[6] for r in other_rows}


# -- chart


def test_actions_chart_loads_after_first_view_and_follows_reviews(demo, open_as):
    scheduler = ManualScheduler()
    view = open_as(demo, NOORD, "GW-1", scheduler=scheduler)
    assert view.chart is None  # nothing drawn while the actions are not on screen
    view.section.value = "actions"
    assert view.boxes["actions"].layout.display is None and view.boxes["search"].layout.display == "none"
    assert not view.chart.loaded and "geladen" in view.chart.widget.children[0].value
    view.chart.widget._view_count = 1  # the browser shows it
    scheduler.advance(60)  # whatever was deferred falls due
    assert view.chart.loaded
    figure = chart_figure(view.chart)
    actions = demo.actions(view.viewer, team_id(demo, NOORD), open_only=False)
    totals = {trace.name: sum(trace.y) for trace in figure.data}
    assert totals.get("Klaar", 0) == sum(a.status == "klaar" for a in actions)
    assert sum(totals.values()) == len(actions)

    action_id = next(a.id for a in actions if a.status == "open")
    view.actions.review(action_id, status="vervallen", note="Niet meer nodig (fictief).",
                        session_id=next(iter(view.actions.labels.sessions)))
    figure = chart_figure(view.chart)
    assert {t.name: sum(t.y) for t in figure.data}["Vervallen"] == totals.get("Vervallen", 0) + 1


def test_a_team_without_actions_gets_a_note_instead_of_a_chart(casebook, sign_in):
    gw = sign_in(casebook, casebook.create_team("Team Leeg (fictief)").id, "GW-1")
    page = CasebookPage(casebook, CONTENT, gw.principal, scheduler=ManualScheduler())
    view = page.view
    view.show("actions")
    view.chart.load()
    assert "Nog geen vervolgacties" in view.chart.widget.children[0].value
    assert "nog leeg" in view.search.count.value
    assert "Er staan geen acties open" in view.actions.open_box.children[0].value
    assert view.export.make("csv") == b"" and "niets gevonden" in view.export.link.value



# -- cases and their life-domain profile


def test_a_cases_profile_compares_the_team_mean_per_domain_between_sessions(demo, open_as):
    scheduler = ManualScheduler()
    view = open_as(demo, NOORD, "GW-1", scheduler=scheduler)
    assert view.cases is None  # nothing read while the cases are not on screen
    view.section.value = "cases"
    cases = view.cases
    cases.choice.value = next(v for label, v in cases.choice.options if label.startswith("De spelcomputer"))
    assert "Leefgebieden:" in cases.card.value and "Kinderen" in cases.card.value
    cases.chart.widget._view_count = 1
    scheduler.advance(60)  # whatever was deferred falls due
    figure = chart_figure(cases.chart)
    first, second = figure.data  # oldest session first
    assert first.name.startswith("Bespreking") and first.name.endswith("(3)")
    rows = [a.text for a in figure.layout.annotations]
    children = rows.index("Kinderen en opvoeding")
    # demo: kinderen scored 8, 7, 9 in the first session and 5, 4, 5 in the second
    assert first.x[children] == 8.0 and second.x[children] == 4.7
    assert len(rows) == 5  # only the domains someone scored


def test_a_new_profile_answer_in_a_session_moves_that_sessions_bar(demo, open_as):
    view = open_as(demo, NOORD, "CM-1")
    view.show("cases")
    cases = view.cases
    cases.choice.value = next(v for label, v in cases.choice.options if label.startswith("De spelcomputer"))
    session = max((s for s in view.labels.sessions.values() if s.case_id == cases.choice.value),
                  key=lambda s: s.held_on)
    demo.save_entry(view.viewer, final=True, kind="scales", module="leefgebieden",
                    exercise="leefgebieden-profiel", step="steun-per-leefgebied",
                    session_id=session.id, case_id=session.case_id, visibility="team",
                    value={"zingeving": 6})
    cases.show()  # picking the case again reads the casebook again
    cases.chart.load()
    figure = chart_figure(cases.chart)
    newest = figure.data[-1]
    rows = [a.text for a in figure.layout.annotations]
    assert newest.x[rows.index("Zingeving")] == 6.0


def test_a_case_without_a_profile_explains_how_to_make_one(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    view.show("cases")
    cases = view.cases
    # the demo's profiles are on the game console and on the resident who never asks
    cases.choice.value = next(v for label, v in cases.choice.options if label.startswith("Een moeder"))
    cases.chart.load()
    assert "Profiel over de leefgebieden" in cases.chart.widget.children[0].value


def test_a_case_summary_is_shown_as_text_not_as_html(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    noord = team_id(demo, NOORD)
    demo.create_case(view.viewer, noord, "Casus met opmaak (fictief)",
                     "Een *fictief* verhaal <script>alert(1)</script>", privacy="fictional")
    view.show("cases")
    cases = view.cases
    cases.choice.value = next(v for label, v in cases.choice.options if label.startswith("Casus met"))
    assert "<script>" not in cases.card.value and "&lt;script&gt;" in cases.card.value
    assert "<em>fictief</em>" in cases.card.value


def test_a_case_shows_what_happened_in_each_session_before_any_profile(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    view.show("cases")
    cases = view.cases
    case_id = next(v for label, v in cases.choice.options if not label.startswith("De spelcomputer"))
    sessions = sorted((s for s in view.labels.sessions.values() if s.case_id == case_id),
                      key=lambda s: s.held_on)
    cases.choice.value = case_id
    history = cases.history.value
    assert "Wat er gebeurde" in history and "nog geen profiel" not in history
    dates = [history.index(f"Bespreking van {s.held_on.strftime('%d-%m-%Y')}") for s in sessions]
    assert dates == sorted(dates) and len(dates) == len(sessions) >= 1
    actions = [a for a in demo.actions(view.viewer, team_id(demo, NOORD), open_only=False)
               if a.session_id in {s.id for s in sessions}]
    assert all(a.what in history for a in actions)
    hypotheses = demo.entries(view.viewer, case_id=case_id, step="hypothesen")
    assert hypotheses and all(e.value[0][:30] in history for e in hypotheses)
    assert "Interventie:" in history


def test_search_runs_as_you_type_once_typing_pauses(demo, open_as):
    from werkboek.ui.casebook_view.search import SearchPanel

    view = open_as(demo, NOORD, "GW-1")
    clock = ManualScheduler()
    panel = SearchPanel(demo, view.viewer, view.team_id, view.labels, CONTENT, scheduler=clock)
    panel.refresh()
    everything = len(panel.found)
    panel.search_box.value = "kab"
    panel.search_box.value = "kabel"
    assert len(panel.found) == everything  # still typing: no Enter needed, but a pause
    clock.advance(1)
    assert 0 < len(panel.found) < everything


def test_dates_are_written_and_read_as_dd_mm_jjjj_with_a_dutch_message(demo, open_as):
    view = open_as(demo, NOORD, "GD-1")
    since = view.search.since
    assert since.input.placeholder == "dd-mm-jjjj" and since.input.description == "Vanaf"
    everything = len(view.search.found)
    since.input.value = "12/31/2030"
    assert "Schrijf de datum als dd-mm-jjjj" in since.message.widget.value
    assert 'role="alert"' in since.message.widget.value and len(view.search.found) == everything
    since.input.value = "31-02-2030"
    assert "geen bestaande datum" in since.message.widget.value
    days = sorted({local(e.created_at).date() for e in view.search.found})
    since.input.value = days[-1].strftime("%d-%m-%Y")
    assert since.message.widget.value == "" and since.value == days[-1]
    assert {local(e.created_at).date() for e in view.search.found} == {days[-1]}


def test_paging_from_the_bottom_moves_the_focus_to_the_top_of_the_list(demo, monkeypatch, open_as):
    view = open_as(demo, NOORD, "GW-1")
    focused = []
    monkeypatch.setattr(type(view.search.top_next), "focus", lambda self: focused.append(self))
    view.search.next.click()
    assert view.search.page == 1 and focused in ([view.search.top_next], [view.search.top_previous])
    assert not view.search.top_previous.disabled


def test_a_review_form_drawn_before_the_list_changed_still_reviews_its_own_action(demo, open_as):
    view = open_as(demo, NOORD, "GW-1")
    (first_id, first), (second_id, second) = list(view.actions.forms.items())[:2]
    second.note.value = "De tweede actie loopt nog (fictief)."
    second.status.value = "loopt"
    first.note.value = "De eerste is klaar (fictief)."
    first.save("check")  # the list is drawn again: new forms, in another order
    assert first_id not in view.actions.forms and second is not view.actions.forms[second_id]
    second.save("check")  # a tap on the form that was on screen before
    stored = {a.id: a for a in demo.actions(view.viewer, team_id(demo, NOORD), open_only=False)}
    assert (stored[first_id].status, stored[first_id].review_note) == (
        "klaar", "De eerste is klaar (fictief).")
    assert (stored[second_id].status, stored[second_id].review_note) == (
        "loopt", "De tweede actie loopt nog (fictief).")
