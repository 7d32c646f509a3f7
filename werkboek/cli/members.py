"""Member commands: grant membership and roles, send invites, end access; read the audit trail.

Rights are granted here (or by a team's beheerder on the Casebook page), never chosen by the
person. `werkboek member add` prints a one-time link, valid for 7 days, where the person
chooses their passphrase. Messages are Dutch.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from werkboek.casebook import CasebookError
from werkboek.cli.app import app
from werkboek.cli.casebook import _fail, _open
from werkboek.vocab import role_label

member_app = typer.Typer(help="Leden van een team: toevoegen, uitnodigen, rol, verwijderen.",
                         no_args_is_help=True)
app.add_typer(member_app, name="member")

ADDRESS_HELP = ("Adres van werkboek zoals leden het openen (voor de uitnodigingslink); "
                "standaard WERKBOEK_PUBLIC_URL of http://127.0.0.1:8866/.")
Address = Annotated[str, typer.Option("--adres", envvar="WERKBOEK_PUBLIC_URL", help=ADDRESS_HELP)]
DEFAULT_ADDRESS = "http://127.0.0.1:8866/"


def _team_id(casebook, team: str) -> int:
    found = [t for t in casebook.teams() if t.name == team or str(t.id) == team]
    if not found:
        _fail(f"Er is geen team of cursusgroep '{team}'. Bekijk ze met: werkboek teams", code=1)
    return found[0].id


def _invite_line(address: str, token: str) -> str:
    return (f"Uitnodigingslink (7 dagen geldig, één keer te gebruiken):\n"
            f"  {address.rstrip('/')}/werkboek/uitnodiging/{token}\n"
            "Geef hem persoonlijk door, niet in een groepsapp.")


def _run(action):
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview

    try:
        return action()
    except (PrivacyBlocked, PrivacyReview):
        _fail("Die schuilnaam lijkt een echte naam of ander persoonsgegeven. Kies een schuilnaam "
              "of initialen, bijvoorbeeld GW-2.", code=1)
    except CasebookError as exc:
        _fail(str(exc), code=1)


@member_app.command("add")
def add(
    team: Annotated[str, typer.Argument(help="Naam (of nummer) van het team of de cursusgroep.")],
    pseudonym: Annotated[str, typer.Argument(help="Schuilnaam, bijvoorbeeld GW-2.")],
    role: Annotated[str, typer.Option("--role", help="De rol in dit team, bijvoorbeeld "
                                      "groepswerker, gespreksleider, trainer of beheerder.")],
    address: Address = DEFAULT_ADDRESS,
) -> None:
    """Maak iemand lid van een team met een rol en toon de uitnodigingslink."""
    casebook = _open()
    member, token = _run(lambda: casebook.add_member(_team_id(casebook, team), pseudonym, role))
    typer.echo(f"{member.pseudonym} is lid van '{team}' als {role_label(member.role)}.")
    if token is None:
        typer.echo(f"{member.pseudonym} heeft al een wachtzin en meldt zich daarmee aan. "
                   f"Vergeten? Maak een nieuwe link met: werkboek member reset '{team}' "
                   f"{member.pseudonym}")
        return
    typer.echo(_invite_line(address, token))


@member_app.command("list")
def list_members(
    team: Annotated[str, typer.Argument(help="Naam (of nummer) van het team.")],
) -> None:
    """Toon de leden van een team, hun rol en of ze al een wachtzin hebben."""
    casebook = _open()
    team_id = _team_id(casebook, team)
    rows = casebook.accounts_of_team(casebook.system_viewer({team_id}), team_id)
    if not rows:
        typer.echo(f"'{team}' heeft nog geen leden met een account.")
        return
    for member, account in rows:
        state = "wachtzin gekozen" if account.has_passphrase else "nog niet aangemeld (uitnodiging)"
        # The name to sign in with, and to give reset, role and remove: the account's.
        typer.echo(f"{account.name:<20} {role_label(member.role):<20} {state}")


@member_app.command("reset")
def reset(
    team: Annotated[str, typer.Argument(help="Naam (of nummer) van het team.")],
    pseudonym: Annotated[str, typer.Argument(help="Schuilnaam van het lid.")],
    address: Address = DEFAULT_ADDRESS,
) -> None:
    """Maak een nieuwe uitnodigingslink (de oude wachtzin en aanmeldingen vervallen)."""
    casebook = _open()
    token = _run(lambda: casebook.reset_member(_team_id(casebook, team), pseudonym))
    typer.echo(f"De wachtzin van {pseudonym} is vervallen; overal afgemeld.")
    typer.echo(_invite_line(address, token))


@member_app.command("role")
def set_role(
    team: Annotated[str, typer.Argument(help="Naam (of nummer) van het team.")],
    pseudonym: Annotated[str, typer.Argument(help="Schuilnaam van het lid.")],
    role: Annotated[str, typer.Argument(help="De nieuwe rol.")],
) -> None:
    """Geef een lid een andere rol in dit team."""
    casebook = _open()
    member = _run(lambda: casebook.set_role(_team_id(casebook, team), pseudonym, role))
    typer.echo(f"{member.pseudonym} is nu {role_label(member.role)} in '{team}'.")


@member_app.command("remove")
def remove(
    team: Annotated[str, typer.Argument(help="Naam (of nummer) van het team.")],
    pseudonym: Annotated[str, typer.Argument(help="Schuilnaam van het lid.")],
) -> None:
    """Beëindig het lidmaatschap meteen (ook open pagina's). Wat iemand schreef blijft, tot je
    het wist met `werkboek erase --author`."""
    casebook = _open()
    _run(lambda: casebook.remove_member(_team_id(casebook, team), pseudonym))
    typer.echo(f"{pseudonym} is geen lid meer van '{team}'; open pagina's werken niet meer.")


@app.command("audit")
def audit(
    since: Annotated[int, typer.Option("--since", help="Alleen de laatste N dagen.")] = 0,
) -> None:
    """Toon het logboek: wie deed wanneer wat (aanmelden, uitnodigen, rollen, exporteren,
    delen, wissen, overdragen). Nooit de inhoud."""
    start = datetime.now(UTC) - timedelta(days=since) if since else None
    for row in _open().audit_log(start):
        who = "server" if row["actor_id"] is None else f"#{row['actor_id']}"
        what = f"{row['object_type']} {row['object_id'] or ''}".strip()
        typer.echo(f"{row['at']:%d-%m-%Y %H:%M}  {who:<7} {row['event']:<20} {what}")
