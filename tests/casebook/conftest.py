"""A small fictional team around one session, used by most store tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from werkboek.casebook import Case, Casebook, Session, Team, Viewer
from werkboek.cli import _register


@dataclass
class Scene:
    casebook: Casebook
    team: Team
    lead: Viewer  # facilitator (gedragsdeskundige)
    worker: Viewer  # participant (groepswerker)
    other: Viewer  # participant of another team
    case: Case
    session: Session


@pytest.fixture
def scene(casebook) -> Scene:
    team = casebook.create_team("Team Noord (fictief)")
    elsewhere = casebook.create_team("Team Zuid (fictief)")
    lead = casebook.viewer_for(casebook.join_team(team.id, "GD-1", "gedragsdeskundige").id)
    worker = casebook.viewer_for(casebook.join_team(team.id, "GW-2", "groepswerker").id)
    other = casebook.viewer_for(casebook.join_team(elsewhere.id, "GW-9", "groepswerker").id)
    case = casebook.create_case(
        lead,
        team.id,
        "Spelcomputer (fictief)",
        "Fictieve casus: een moeder en haar zoon botsen over schermtijd.",
        life_domains=["veiligheid", "opvoeding"],
        tension_fields=["privacy-bemoeienis"],
    )
    session = casebook.start_session(
        lead, team.id, case_id=case.id, exercise_id="casusbespreking", module_id="verdiepen"
    )
    return Scene(casebook, team, lead, worker, other, case, session)


@pytest.fixture
def cli_env(tmp_path, monkeypatch, casebook_settings) -> CliRunner:
    """A runner for `werkboek` commands on a SQLite casebook of its own in ``tmp_path/cli``."""
    monkeypatch.setenv("WERKBOEK_CASEBOOK_DIR", str(tmp_path / "cli"))
    monkeypatch.setenv("WERKBOEK_SCANNER_URL", casebook_settings.scanner_url)
    monkeypatch.delenv("WERKBOEK_DATABASE_URL", raising=False)
    _register()
    return CliRunner()
