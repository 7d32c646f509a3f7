"""What pages show about who the visitor is: their teams to choose from, and a way to sign in.

Who someone is and which role they have comes from the server (``werkboek.ui.visitor``); no page
asks for a name or lets a visitor choose a role.
"""

from __future__ import annotations

import os
from urllib.parse import quote

import ipywidgets as w

from werkboek.markup import esc
from werkboek.ui.kit import full_width

SIGN_IN_PATH = "werkboek/aanmelden"


def sign_in_href(page: str, query: str = "") -> str:
    """The sign-in page, coming back to ``page`` (with ``query``) afterwards."""
    base = os.environ.get("VOILA_BASE_URL", "/")
    back = f"{base}voila/render/{page}.ipynb" + (f"?{query}" if query else "")
    return f"{base}{SIGN_IN_PATH}?next={quote(back)}"


def sign_in_note(page: str, what: str = "Deze pagina") -> w.HTML:
    """A Dutch note with a link to sign in and come back to ``page`` (a notebook name)."""
    note = w.HTML(
        f'<div class="wb-message" role="status"><p>{esc(what)} is alleen voor leden van een '
        f'team. <a href="{esc(sign_in_href(page))}">Meld je aan</a> met de schuilnaam en '
        "wachtzin die je van je beheerder kreeg.</p></div>",
        layout=full_width(),
    )
    note.add_class("wb-sign-in-note")
    return note


def team_dropdown(teams, css_class: str) -> w.Dropdown:
    """A choice between ``teams`` (Team records) by name; its value is the team id."""
    dropdown = w.Dropdown(options=[(t.name, t.id) for t in teams], layout=full_width(),
                          description="Team", style={"description_width": "initial"})
    dropdown.add_class(css_class)
    return dropdown
