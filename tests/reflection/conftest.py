"""Fixtures for the reflection pages: a fresh casebook the pages find, a hand-driven clock, and
helpers to find widgets and figures in a page."""

from __future__ import annotations

import ipywidgets as w
import pytest

from tests.ui.conftest import casebook, scanner_url  # noqa: F401
from werkboek.content import load_content

CONTENT = load_content()


def html_of(widget) -> str:
    """All HTML text inside a widget tree."""
    parts = [getattr(widget, "value", "")] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()):
        parts.append(html_of(child))
    return "".join(p for p in parts if isinstance(p, str))


def figures_in(widget) -> list:
    """The plotly FigureWidgets inside a widget tree, in order."""
    import plotly.graph_objects as go

    if isinstance(widget, go.FigureWidget):
        return [widget]
    return [f for child in getattr(widget, "children", ()) for f in figures_in(child)]


def fill_runner(runner, answers: dict[str, object]) -> None:
    """Answer every step of the runner's exercise (by step id) and finish it."""
    while not runner.finished:
        state = runner.current
        if state.step.id in answers:
            state.capture.value = answers[state.step.id]
        runner.next()


@pytest.fixture()
def me(casebook, sign_in):  # noqa: F811
    """GW-1, signed in: a member of the practice team "Team Oefen (fictief)", and the pages'
    visitor."""
    return sign_in(casebook, None, "GW-1")


@pytest.fixture()
def viewer(me):
    """My own journal (the personal pages' viewer of the signed-in visitor)."""
    return me.personal_viewer()


@pytest.fixture()
def team(casebook, me):  # noqa: F811
    """My team, with two colleagues who share answers with it (made on the command line)."""
    team = casebook.team(me.team_id)
    members = [casebook.join_team(team.id, name, "groepswerker") for name in ("GW-7", "GW-8")]
    return team, [casebook.viewer_for(m.id) for m in members]
