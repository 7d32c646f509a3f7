"""Team commands: make a team or a course group (cohort), and list them (messages in Dutch).

A fresh casebook holds only the fictional demo; this is how an organisation adds its own teams.
Names pass the privacy guard like every other text.
"""

from __future__ import annotations

from typing import Annotated

import typer

from werkboek.casebook import CasebookError
from werkboek.cli.app import app
from werkboek.cli.casebook import _fail, _open
from werkboek.vocab import TEAM_KIND_LABELS

# (the …, a new …): Dutch articles differ per word
PHRASES = {"team": ("Het team", "Nieuw team"), "cohort": ("De cursusgroep", "Nieuwe cursusgroep")}


@app.command("team")
def add_team(
    name: Annotated[str, typer.Argument(help="Naam van het team, bijvoorbeeld 'Team Oost'.")],
    cursusgroep: Annotated[bool, typer.Option(
        "--cursusgroep", help="Maak een cursusgroep (COMBINE) in plaats van een team.")] = False,
) -> None:
    """Maak een team of cursusgroep aan (bestaat hij al, dan verandert er niets)."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview

    kind = "cohort" if cursusgroep else "team"
    casebook = _open()
    known = {t.name for t in casebook.teams(kind)}
    try:
        team = casebook.create_team(name, kind=kind)
    except (PrivacyBlocked, PrivacyReview):
        _fail("Die naam lijkt persoonsgegevens te bevatten (een naam, adres of nummer). "
              "Kies een naam zonder gegevens van mensen, bijvoorbeeld 'Team Oost'.", code=1)
    except CasebookError as exc:
        _fail(str(exc), code=1)
    the, new = PHRASES[kind]
    if team.name in known:
        typer.echo(f"{the} '{team.name}' bestond al (nummer {team.id}).")
    else:
        typer.echo(f"{new} aangemaakt: '{team.name}' (nummer {team.id}).")


@app.command("teams")
def list_teams() -> None:
    """Toon alle teams en cursusgroepen in het casebook."""
    teams = _open().teams()
    if not teams:
        typer.echo("Er zijn nog geen teams. Maak er een met: werkboek team 'Team Oost'")
        return
    for team in sorted(teams, key=lambda t: (t.kind, t.name)):
        typer.echo(f"{team.id:>4}  {TEAM_KIND_LABELS.get(team.kind, team.kind):<12} {team.name}")
