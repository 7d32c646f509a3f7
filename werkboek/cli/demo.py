"""`werkboek demo`: load the fictional demo casebook and say in Dutch what was added."""

import time
from typing import Annotated

import typer

from werkboek.casebook import CasebookError
from werkboek.cli.app import app


@app.command("demo")
def demo_command(
    if_empty: Annotated[
        bool,
        typer.Option(
            "--if-empty",
            help="Alleen laden als het casebook nog geen antwoorden bevat.",
        ),
    ] = False,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="Adres van het casebook (SQLAlchemy-URL). Standaard het ingestelde casebook "
            "(WERKBOEK_DATABASE_URL of casebook/casebook.sqlite).",
        ),
    ] = None,
) -> None:
    """Laad het fictieve voorbeeld-casebook: teams, casussen, bijeenkomsten, antwoorden en acties.

    Alles in de demo is verzonnen. Twee keer laden voegt niets dubbel toe.
    """
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook import open_casebook
    from werkboek.casebook.demo import load_demo

    started = time.perf_counter()
    try:
        cb = open_casebook(url)
        if if_empty and not cb.is_empty():
            typer.echo("Het casebook bevat al antwoorden; de demo is niet geladen.")
            return
        summary = load_demo(cb)
    except CasebookError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(summary.as_dutch())
    typer.echo(f"Klaar in {time.perf_counter() - started:.1f} seconden.")
