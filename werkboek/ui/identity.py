"""The pieces of a "who are you" form: team, pseudonym and role, without accounts.

Shared by the case-discussion entrance and the Casebook page, so both ask the same way and
refuse a real name with the same words.
"""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.captures import full_width, text_line
from werkboek.ui.session.participation import PARTICIPANT_ROLES
from werkboek.ui.session.room import role_label

PSEUDONYM_PLACEHOLDER = "Schuilnaam of initialen, bijvoorbeeld GW-2"
NOT_A_NAME = "Gebruik een schuilnaam of initialen, geen echte naam."
DEFAULT_ROLE = "groepswerker"


def pseudonym_line(css_class: str, placeholder: str = PSEUDONYM_PLACEHOLDER) -> w.Text:
    line = text_line(placeholder)
    line.add_class(css_class)
    return line


def role_dropdown(css_class: str) -> w.Dropdown:
    dropdown = w.Dropdown(options=[(role_label(r), r) for r in PARTICIPANT_ROLES],
                          value=DEFAULT_ROLE, layout=full_width())
    dropdown.add_class(css_class)
    return dropdown


def team_dropdown(teams, css_class: str) -> w.Dropdown:
    """A choice between ``teams`` (Team records) by name; its value is the team id."""
    dropdown = w.Dropdown(options=[(t.name, t.id) for t in teams], layout=full_width(),
                          description="Team", style={"description_width": "initial"})
    dropdown.add_class(css_class)
    return dropdown
