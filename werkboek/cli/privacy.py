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
    port: int = typer.Option(8867, "--port", help="Poort op 127.0.0.1; 0 kiest een vrije poort."),
) -> None:
    """Start de privacyscanner als aparte dienst op 127.0.0.1 (gebruikt door werkboek serve)."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.casebook.privacy.service import serve

    serve(port)
