"""Commands of the privacy guard: scan a text, build deduce's cache, run the scanner service."""

from __future__ import annotations

import json
import sys
import time

import typer

from werkboek.cli.app import app


@app.command()
def scan(
    text: str = typer.Argument(
        "-", help="De tekst om te controleren; '-' leest de tekst van stdin."
    ),
) -> None:
    """Controleer een tekst op namen, adressen, telefoonnummers en andere gegevens (JSON-uitvoer)."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.privacy import get_scanner

    if text == "-":
        text = sys.stdin.read()
    result = get_scanner().scan(text)
    typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))


@app.command()
def warmup() -> None:
    """Bouw de opzoeklijsten van de privacycontrole (deduce); de eerste keer duurt dit ongeveer een minuut."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.privacy.engine import LocalScanner

    started = time.monotonic()
    LocalScanner().warm()
    typer.echo(f"Privacycontrole klaar in {time.monotonic() - started:.0f} s.")


@app.command()
def scanner(
    port: int = typer.Option(8867, "--port", help="Poort; 0 kiest een vrije poort."),
    host: str = typer.Option(
        "127.0.0.1", "--host",
        help="Adres om op te luisteren. Iets anders dan 127.0.0.1 alleen met --hub."),
    hub: bool = typer.Option(
        False, "--hub",
        help="Scan alleen voor wie een token van de hub met toegang tot deze dienst heeft "
             "(JUPYTERHUB_API_URL: het adres van de hub; zie deploy/hub/README.md)."),
) -> None:
    """Start de privacyscanner als aparte dienst (gebruikt door werkboek serve en de hub)."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.privacy.service import serve

    serve(port, host=host, hub=hub)
