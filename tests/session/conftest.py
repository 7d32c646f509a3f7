"""Fixtures for the case-discussion tests: a team, a running session on a fictional case and a
hand-driven clock, on the shared ``casebook`` fixture (SQLite and PostgreSQL, real privacy guard)."""

from __future__ import annotations

import pytest

from tests.conftest import Clock
from werkboek.content import load_content


def text_of(widget) -> str:
    """All HTML a widget tree shows, as one string."""
    value = getattr(widget, "value", "")
    own = value if isinstance(value, str) else ""
    return " ".join([own, *(text_of(child) for child in getattr(widget, "children", ()))])


def go_to(lead, phase_id: str) -> None:
    """Move the session forward until ``phase_id`` is the current phase (by id, not by count)."""
    while lead.room.phase.id != phase_id:
        lead.next_phase()


@pytest.fixture()
def pages_env(monkeypatch, casebook, casebook_settings):
    """Point code that opens the casebook itself (pages, the report notebook) at this casebook."""
    url = casebook.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("WERKBOEK_DATABASE_URL", url)
    monkeypatch.setenv("WERKBOEK_SCANNER_URL", casebook_settings.scanner_url)
    monkeypatch.setenv("WERKBOEK_CASEBOOK_DIR", str(casebook_settings.casebook_dir))
    return url


@pytest.fixture()
def content():
    return load_content()


@pytest.fixture()
def team(casebook):
    return casebook.create_team("Team Oost (fictief)")


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def lead(casebook, team, content, clock, sign_in):
    """A running session of the `casusbespreking` exercise on a new fictional case, started by
    GL-1, signed in as the team's gespreksleider."""
    from werkboek.session.facilitator_actions import NewCase, start_session

    gl = sign_in(casebook, team.id, "GL-1", "gespreksleider")
    return start_session(
        casebook, team_id=team.id, principal=gl.principal, exercise_id="casusbespreking",
        case=NewCase("Bewoner trekt zich terug (fictief)",
                     "Een fictieve bewoner blijft in haar appartement en vraagt nooit iets.",
                     privacy="fictional"),
        presenter="CM-1", content=content, clock=clock,
    )


@pytest.fixture()
def join(casebook, content, sign_in):
    """``join(lead, "GW-1", "groepswerker")``: that member of the session's team signs in and
    joins the session of ``lead`` (with ``code`` when given: the code as typed)."""
    from werkboek.session.participant_actions import join_session

    def joined(lead, name: str = "GW-1", role: str | None = None, *, code: str | None = None):
        who = sign_in(casebook, lead.room.session.team_id, name, role)
        return join_session(casebook, lead.room.session.join_code if code is None else code,
                            who.principal, content=content)

    return joined
