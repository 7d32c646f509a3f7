"""Casebook commands: init, export, import, backup, purge, erase (all messages Dutch).

Exit codes: 0 done; 1 done in part (import: some lines refused) or refused by the user's
data; 2 nothing done (unreadable file, casebook unusable).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from werkboek.casebook import CasebookError
from werkboek.cli.app import app
from werkboek.markup import counted
from werkboek.settings import get_settings

FORMAT_HELP = ("Formaat: jsonl (alles, ook om terug te lezen), csv of xlsx (Excel). csv en xlsx "
               "zijn om te lezen, met Nederlandse woorden; de bijeenkomsten van een cursusgroep "
               "staan in Excel op het blad Bijeenkomsten en bij csv in een tweede bestand naast "
               "--out: NAAM-bijeenkomsten.csv.")


def _fail(message: str, code: int = 2) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)
    raise typer.Exit(code)


def _open(upgrade: bool = False):
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook import open_casebook
    from werkboek.casebook.store import location_of

    try:
        return open_casebook(upgrade=upgrade)
    except CasebookError as exc:  # the operator may see where (a page never does)
        _fail(f"{exc} ({location_of(get_settings().url)})")


@app.command()
def init() -> None:
    """Maak het casebook aan, of werk een bestaand casebook bij naar de nieuwste versie."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.engine import get_engine
    from werkboek.casebook.migrate import revision_of

    url = get_settings().url
    try:
        before = revision_of(get_engine(url))
    except Exception:  # noqa: BLE001 - a missing file or server is reported by _open below
        before = None
    casebook = _open(upgrade=True)
    try:
        after = revision_of(casebook.engine)
    except CasebookError as exc:
        _fail(str(exc))
    if before is None:
        typer.echo(f"Nieuw casebook aangemaakt: {casebook.location} (versie {after}).")
    elif before != after:
        typer.echo(f"Casebook bijgewerkt van versie {before} naar {after}: {casebook.location}.")
    else:
        typer.echo(f"Casebook is al bij (versie {after}): {casebook.location}.")


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Bestand; zonder: naar het scherm.")
    ] = None,
    author: Annotated[
        str | None,
        typer.Option("--member", "--author",
                     help="Alleen wat van dit lid is, in al zijn teams (inzage, AVG): zijn "
                          "antwoorden en de bijeenkomsten waar hij aanwezig of afwezig was, "
                          "met alleen zijn eigen aanwezigheid."),
    ] = None,
) -> None:
    """Exporteer de antwoorden (ook concepten) en de bijeenkomsten van de cursusgroepen."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.transfer import export as run_export

    casebook = _open()
    try:
        done = run_export(casebook, format, out if out is not None else sys.stdout, author)
        casebook.audit_event(None, f"export:{format}", "member" if author else "casebook",
                             author)
    except CasebookError as exc:
        _fail(str(exc))
    meetings = counted(done.meetings, "bijeenkomst", "bijeenkomsten")
    if out is None:
        if format == "csv" and done.meetings:
            typer.echo(f"Op het scherm staan alleen de antwoorden. Met --out BESTAND.csv komen "
                       f"de {meetings} in BESTAND-bijeenkomsten.csv.", err=True)
        return
    also = f" en {meetings}" if done.meetings else ""
    where = f" (de bijeenkomsten in {done.meetings_file})" if done.meetings_file else ""
    typer.echo(f"{counted(done.entries, 'antwoord', 'antwoorden')}{also} geëxporteerd naar "
               f"{out}{where}.")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="Een JSONL-bestand uit `werkboek export`.")],
) -> None:
    """Lees antwoorden in uit een JSONL-bestand; elke tekst gaat langs de privacycontrole.

    Antwoorden die er al zijn (zelfde id) worden overgeslagen. Elke geweigerde regel wordt
    met de reden genoemd.
    """
    from rich.progress import Progress

    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.transfer import UnreadableFile, import_jsonl, read_jsonl

    casebook = _open()
    try:
        total = sum(1 for _ in read_jsonl(file))
        with Progress(transient=True) as progress:
            task = progress.add_task("Inlezen", total=total)
            report = import_jsonl(
                casebook, file, lambda n: progress.advance(task, n)
            )
    except UnreadableFile as exc:
        _fail(str(exc), 2)
    except CasebookError as exc:
        _fail(f"Het inlezen is gestopt: {exc}", 2)
    meetings = (f" en {counted(report.meetings, 'bijeenkomst', 'bijeenkomsten')}"
                if report.meetings else "")
    typer.echo(
        f"{counted(report.imported, 'antwoord', 'antwoorden')}{meetings} ingelezen, "
        f"{report.already_present} {'was' if report.already_present == 1 else 'waren'} er al, "
        f"{len(report.refused)} geweigerd."
    )
    for number, reason in report.refused:
        typer.echo(f"  regel {number}: {reason}")
    if report.refused:
        raise typer.Exit(1)


@app.command()
def backup(
    dest: Annotated[Path, typer.Argument(help="Bestand of map voor de reservekopie.")],
) -> None:
    """Maak een reservekopie van het casebook (ook terwijl het in gebruik is)."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.engine import sqlite_file
    from werkboek.casebook.maintenance import PG_DUMP_ADVICE, backup as run_backup

    url = get_settings().url
    if sqlite_file(url) is None:
        typer.echo(PG_DUMP_ADVICE)
        return
    try:
        written = run_backup(url, dest)
    except CasebookError as exc:
        _fail(str(exc), 1)
    typer.echo(f"Reservekopie gemaakt: {written}")


@app.command()
def purge(
    older_than: Annotated[
        str | None,
        typer.Option(
            "--older-than",
            help="Bijvoorbeeld 24m of 2j. Zonder: de bewaartermijn uit WERKBOEK_RETENTION_MONTHS.",
        ),
    ] = None,
) -> None:
    """Verwijder antwoorden (en afgeronde acties) die langer dan de bewaartermijn niet zijn gewijzigd."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.maintenance import parse_months

    try:
        months = parse_months(older_than) if older_than else get_settings().retention_months
        casebook = _open()
        count = casebook.purge(months)
    except CasebookError as exc:
        _fail(str(exc))
    typer.echo(f"{counted(count, 'antwoord', 'antwoorden')} ouder dan "
               f"{counted(months, 'maand', 'maanden')} verwijderd.")


@app.command()
def erase(
    author: Annotated[str, typer.Option("--member", "--author",
                                        help="Het lid (schuilnaam) waarvan alles weg moet.")],
    yes: Annotated[bool, typer.Option("--yes", help="Niet om bevestiging vragen.")] = False,
) -> None:
    """Wis alles van één lid, in al zijn teams, met zijn account (AVG: recht op
    vergetelheid). Dit kan niet terug."""

    casebook = _open()
    if not yes:
        typer.confirm(f"Alles van '{author}' definitief wissen?", abort=True)
    try:
        result = casebook.erase(author)
    except CasebookError as exc:
        _fail(str(exc))
    if not result["members"]:
        typer.echo(f"Er is niemand met de schuilnaam '{author}'; er is niets gewist.")
        raise typer.Exit(1)
    typer.echo(
        f"Gewist: {counted(result['entries'], 'antwoord', 'antwoorden')} en "
        f"{counted(result['members'], 'lidmaatschap', 'lidmaatschappen')} van '{author}'; bij "
        f"{counted(result['actions'], 'actie', 'acties')} is de naam weggehaald."
    )
