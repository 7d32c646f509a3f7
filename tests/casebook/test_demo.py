"""The fictional demo casebook: `werkboek demo` fills a casebook that a team can explore at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from tests.signin import server_view
from werkboek.casebook import Casebook, Entry, open_casebook
from werkboek.casebook.demo import DemoSummary, load_demo
from werkboek.casebook.engine import dispose_engine
from werkboek.content import load_content
from werkboek.settings import get_settings
from werkboek.vocab import ROLES

CASE_IDS = {
    "spelcomputer", "moeder-lvb", "agressie-collega",
    "nachtdienst", "teruggetrokken-bewoner", "doel-geweigerd",
}
# step 0 (the question), the three verdiepen steps, and the safety scale at start and end
DISCUSSION_STEPS = {"inbreng", "veiligheid-begin", "context", "hypothesen", "doel", "veiligheid"}


@dataclass
class Loaded:
    cb: Casebook
    summary: DemoSummary
    today: date


@pytest.fixture(scope="module")
def demo(tmp_path_factory, scanner_service) -> Loaded:
    folder = tmp_path_factory.mktemp("demo")
    settings = get_settings(casebook_dir=folder, scanner_url=scanner_service)
    url = f"sqlite:///{folder / 'casebook.sqlite'}"
    cb = open_casebook(url, upgrade=True, settings=settings)
    yield Loaded(cb, load_demo(cb), date.today())
    dispose_engine(url)


def team_views(cb: Casebook):
    """(team, viewer of one of its members) for every demo team and cohort."""
    return [(team, cb.viewer_for(cb.members(server_view(cb), team.id)[0].id)) for team in cb.teams()]


def visible_entries(cb: Casebook) -> list[Entry]:
    return [e for team, viewer in team_views(cb) for e in cb.entries(viewer, team_id=team.id)]


def all_actions(cb: Casebook):
    return [a for team, viewer in team_views(cb) for a in cb.actions(viewer, team.id, open_only=False)]


def all_sessions(cb: Casebook):
    return [s for team, viewer in team_views(cb) for s in cb.sessions(viewer, team_id=team.id)]


def test_the_six_fictional_cases_are_each_discussed_recently(demo):
    content = load_content()
    cases = [c for team, viewer in team_views(demo.cb) for c in demo.cb.cases(viewer, team.id)]
    expected = {content.item("casussen", case_id).title for case_id in CASE_IDS}
    assert {c.title.removesuffix(" (fictief)") for c in cases} == expected
    sessions = all_sessions(demo.cb)
    assert {s.case_id for s in sessions} == {c.id for c in cases}
    assert all(s.closed and s.exercise_id == "casusbespreking" for s in sessions)
    held = sorted(s.held_on for s in sessions)
    assert held[-1] <= demo.today and held[0] >= demo.today - timedelta(days=120)
    assert held[-1] >= demo.today - timedelta(days=14), "the demo should feel recent"
    assert len(set(held)) == len(sessions), "sessions are spread over the months"


def test_every_discussion_has_all_three_steps_and_a_safety_scale(demo):
    entries = visible_entries(demo.cb)
    for session in all_sessions(demo.cb):
        own = [e for e in entries if e.session_id == session.id]
        assert {e.step for e in own} >= DISCUSSION_STEPS, session
        context_roles = {e.role for e in own if e.step == "context"}
        assert len(context_roles) >= 2, "context comes from several roles"
        for step in ("veiligheid-begin", "veiligheid"):
            scales = [e for e in own if e.step == step]
            assert len(scales) >= 4 and all(0 <= e.value <= 10 for e in scales)
            assert len({e.author for e in scales}) == len(scales), "one scale per participant"
        [question] = [e for e in own if e.step == "inbreng"]
        assert question.author == session.presenter and question.text.removesuffix(" (fictief)").endswith("?")
        hypotheses = [e for e in own if e.step == "hypothesen"]
        assert hypotheses and all(e.tension and e.level and e.principles for e in hypotheses)
        assert all(isinstance(e.value, list) and e.value for e in hypotheses)


def test_follow_up_actions_are_partly_done_and_partly_open(demo):
    actions = all_actions(demo.cb)
    statuses = {a.status for a in actions}
    assert {"open", "klaar", "loopt"} <= statuses
    reviewed = [a for a in actions if a.status != "open"]
    assert all(a.reviewed_session_id not in (None, a.session_id) and a.review_note for a in reviewed)
    latest = max(all_sessions(demo.cb), key=lambda s: s.held_on)
    assert any(a.session_id == latest.id and a.status == "open" for a in actions)


def test_the_charts_have_every_level_field_and_principle_to_show(demo):
    content = load_content()
    entries = visible_entries(demo.cb)
    levels = {item.id for item in content.items("dialoog")}
    fields = {item.id for item in content.items("spanningsvelden")}
    principles = {item.id for item in content.items("principes")}
    assert {e.level for e in entries if e.level} == levels
    positions = [e for e in entries if e.kind == "poles"]
    assert {e.tension for e in positions} == fields
    for field_id in fields:
        placed = [e for e in positions if e.tension == field_id]
        assert len({e.author_id for e in placed}) >= 4
        assert all(0 <= e.position <= 1 for e in placed)
    cited = [p for e in entries for p in e.principles]
    assert set(cited) <= principles and len(set(cited)) >= 10
    assert any(e.visibility == "course" and e.principles for e in entries)


def test_the_personal_journal_is_private_and_spans_several_weeks(demo):
    cb = demo.cb
    noord = next(t for t in cb.teams() if t.name == "Team Noord (fictief)")
    members = {m.pseudonym: m for m in cb.members(server_view(cb), noord.id)}
    author, colleague = cb.viewer_for(members["GW-1"].id), cb.viewer_for(members["GW-2"].id)
    journal = [e for e in cb.entries(author, module="dialoog") if e.visibility == "private"]
    assert {e.level for e in journal} == {
        "innerlijke-dialoog", "dialoog-met-clienten", "dialoog-met-ideeen", "dialoog-met-collegas"
    }
    days = sorted(e.created_at.date() for e in journal)
    assert days[-1] - days[0] >= timedelta(weeks=4)
    assert not [e for e in cb.entries(colleague, module="dialoog") if e.visibility == "private"]


def test_every_demo_text_says_it_is_fictional(demo):
    cb = demo.cb
    rollen = {item.id for item in load_content().items("rollen")}
    for team, _viewer in team_views(cb):
        assert "(fictief)" in team.name
        for member in cb.members(server_view(cb), team.id):
            assert re.fullmatch(r"[A-Za-z]+-\d+", member.pseudonym)
            # a role of module `rollen`, or the team's beheerder (who grants the roles)
            assert member.role in rollen or member.role == "beheerder"
            assert member.role in ROLES
    for team, viewer in team_views(cb):
        for case in cb.cases(viewer, team.id):
            assert "(fictief)" in case.title and "fictie" in case.summary.lower()
    texts = []
    for entry in visible_entries(cb):
        texts += [entry.text] if entry.text else []
        texts += entry.value if entry.kind == "hypotheses" else []
    for action in all_actions(cb):
        texts += [action.what] + ([action.review_note] if action.review_note else [])
    assert len(texts) > 100
    assert [text for text in texts if "fictief" not in text.lower()] == []


def test_loading_again_adds_nothing(casebook):
    first = load_demo(casebook)
    before = casebook.counts()
    assert first.cases == 6 and before["entries"] == first.entries
    again = load_demo(casebook, today=date.today() + timedelta(days=3))
    assert not again.added_anything
    assert casebook.counts() == before
    assert "niets toegevoegd" in again.as_dutch()


@pytest.fixture
def cli(monkeypatch, scanner_service, tmp_path):
    """Run `werkboek ...` against a new, empty casebook in tmp_path; returns (run, casebook)."""
    from werkboek.cli import _register, app

    _register()
    monkeypatch.setenv("WERKBOEK_SCANNER_URL", scanner_service)
    url = f"sqlite:///{tmp_path / 'casebook.sqlite'}"
    cb = open_casebook(url, upgrade=True, settings=get_settings(scanner_url=scanner_service))

    def run(*args: str):
        result = CliRunner().invoke(app, [*args, "--url", url])
        assert result.exit_code == 0, result.output
        return result.output

    yield run, cb
    dispose_engine(url)


def test_cli_loads_the_demo_and_reports_in_dutch(cli):
    run, cb = cli
    output = run("demo", "--if-empty")
    assert "Fictieve demo geladen" in output and "6 casussen" in output
    assert cb.counts()["cases"] == 6
    assert "niets toegevoegd" in run("demo")


def test_cli_if_empty_leaves_a_casebook_in_use_alone(cli):
    run, cb = cli
    team = cb.create_team("Team West (fictief)")
    worker = cb.viewer_for(cb.join_team(team.id, "GW-7", "groepswerker").id)
    cb.save_entry(worker, kind="text", text="Een eigen aantekening (fictief).", final=True)
    before = cb.counts()
    output = run("demo", "--if-empty")
    assert "niet geladen" in output
    assert cb.counts() == before


def test_cli_help_is_dutch():
    from werkboek.cli import _register, app

    _register()
    output = CliRunner().invoke(app, ["demo", "--help"]).output
    assert "fictieve voorbeeld-casebook" in output and "--if-empty" in output


# -- what the pages are for: something to talk about


def entries_of_case(cb, case_id: str) -> tuple[list, list]:
    """The sessions on the demo case ``case_id`` (oldest first) and their visible entries."""
    title = load_content().item("casussen", case_id).title
    sessions = sorted((s for s in all_sessions(cb) if any(
        c.id == s.case_id and c.title.startswith(title)
        for team, viewer in team_views(cb) for c in cb.cases(viewer, team.id))),
        key=lambda s: s.held_on)
    ids = {s.id for s in sessions}
    return sessions, [e for e in visible_entries(cb) if e.session_id in ids]


def test_the_journal_leans_on_two_levels_until_the_course_starts(demo):
    cb = demo.cb
    noord = next(t for t in cb.teams() if t.name == "Team Noord (fictief)")
    author = cb.viewer_for(next(m for m in cb.members(server_view(cb), noord.id) if m.pseudonym == "GW-1").id)
    journal = [e for e in cb.entries(author, module="dialoog") if e.visibility == "private"]
    counts = {level: sum(1 for e in journal if e.level == level) for level in
              ("innerlijke-dialoog", "dialoog-met-clienten", "dialoog-met-ideeen", "dialoog-met-collegas")}
    assert counts["dialoog-met-clienten"] >= 3 * counts["innerlijke-dialoog"] >= 3
    assert counts["dialoog-met-ideeen"] <= 2
    first_inner = min(e.created_at for e in journal if e.level == "innerlijke-dialoog")
    assert all(e.level in ("dialoog-met-clienten", "dialoog-met-collegas")
               for e in journal if e.created_at < first_inner)
    scaled = next(e for e in journal if "schaalvraag werkte" in e.text)
    assert scaled.level == "dialoog-met-clienten"  # a talk with a resident, not with oneself


def test_tension_positions_are_placed_at_two_moments(demo):
    positions = [e for e in visible_entries(demo.cb) if e.kind == "poles"]
    by_place: dict = {}
    for entry in positions:
        by_place.setdefault((entry.author_id, entry.tension), []).append(entry)
    assert all(len(placed) == 2 for placed in by_place.values())
    moved = [p for p in by_place.values() if p[0].position != p[1].position]
    assert len(moved) >= len(by_place) // 3
    days = {e.created_at.date() for e in positions}
    assert len(days) == 2 and max(days) - min(days) >= timedelta(weeks=8)


def test_the_cohort_has_assignments_answers_and_learning_questions(demo):
    from werkboek.course import cohort

    cb = demo.cb
    group = next(t for t in cb.teams(kind="cohort"))
    trainer = cb.viewer_for(next(m for m in cb.members(server_view(cb), group.id) if m.role == "trainer").id)
    assigned = cohort.assignments(cb, trainer, group.id)
    assert len(assigned) >= 3 and set(assigned) <= set(load_content().exercises)
    counts = cohort.answered_counts(cb, trainer, group.id, assigned)
    participants = len(cohort.participants(cb, server_view(cb), group.id))
    assert any(n == participants for n in counts.values()), counts  # one finished by all
    assert any(0 < n < participants for n in counts.values()), counts  # one under way
    questions = cohort.questions(cb, trainer, group.id)
    assert len(questions) >= 3 and len({q.author_id for q in questions}) == len(questions)


def test_one_case_stalls(demo):
    sessions, entries = entries_of_case(demo.cb, "teruggetrokken-bewoner")
    assert len(sessions) == 2
    first, last = sessions
    actions = [a for a in all_actions(demo.cb) if a.session_id in {first.id, last.id}]
    earlier = [a for a in actions if a.session_id == first.id]
    assert earlier and all(a.status == "loopt" and a.reviewed_session_id == last.id for a in earlier)
    late = [a for a in actions if a.session_id == last.id and a.due < demo.today]
    assert late, "an action of the last discussion is already overdue"

    def mean(step, session):
        scores = [e.value for e in entries if e.step == step and e.session_id == session.id]
        return sum(scores) / len(scores)

    assert mean("veiligheid", last) <= mean("veiligheid-begin", first)
    profiles = [e for e in entries if e.kind == "scales"]
    assert {e.session_id for e in profiles} == {first.id, last.id}


def test_the_refused_goal_is_the_same_language_course_everywhere(demo):
    case = load_content().item("casussen", "doel-geweigerd")
    assert "taalcursus" in case.text
    _sessions, entries = entries_of_case(demo.cb, "doel-geweigerd")
    texts = " ".join(e.text + " ".join(e.value if e.kind == "hypotheses" else []) for e in entries)
    assert "taalcursus" in texts and "dagbesteding" not in texts


def test_tags_fit_what_the_entry_says(demo):
    entries = visible_entries(demo.cb)
    information = [e for e in entries if "privacy-digitale-veiligheid" in e.principles]
    assert information and all("app" in e.text or "bericht" in e.text for e in information)
    identity = [e for e in entries if e.kind == "hypotheses" and e.tension == "oude-nieuwe-identiteit"]
    assert identity and not any("moeder" in " ".join(e.value) for e in identity)


def test_demo_members_sign_in_with_the_demo_passphrase_in_the_role_they_were_given(demo):
    from werkboek.casebook import Principal
    from werkboek.casebook.demo import DEMO_PASSPHRASE

    cb = demo.cb
    for name, team_kind, role in (("Beheer-1", "team", "beheerder"),
                                  ("Trainer-1", "cohort", "trainer")):
        _browser, login = cb.sign_in(name, DEMO_PASSPHRASE)
        viewer = cb.viewer(Principal(login_id=login.id))
        [(team_id, granted)] = viewer.roles
        assert cb.team(team_id).kind == team_kind and granted == role
    assert all(account.has_passphrase for team in cb.teams()
               for _member, account in cb.accounts_of_team(server_view(cb), team.id))
