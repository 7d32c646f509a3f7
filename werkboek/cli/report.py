"""`werkboek report SESSION`: the session report as an HTML or PDF file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from werkboek.casebook import CasebookError
from werkboek.chromium import PrintFailed
from werkboek.cli.app import app


@app.command("report")
def report_command(
    session: Annotated[
        str, typer.Argument(help="Nummer of code van de sessie, bijvoorbeeld 12 of K7M4QX.")
    ],
    fmt: Annotated[str, typer.Option("--format", help="html of pdf.")] = "html",
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Bestand voor het verslag; standaard verslag-sessie-SESSIE.html/.pdf."),
    ] = None,
) -> None:
    """Maak het verslag van een casusbespreking (zonder code, in gewone taal)."""
    # at call: --help stays fast (see cli/__init__)
    from werkboek.report import ReportFailed, render_report

    fmt = fmt.lower()
    if fmt not in ("html", "pdf"):
        typer.echo("Kies --format html of --format pdf.", err=True)
        raise typer.Exit(2)
    try:
        data = render_report(session, fmt=fmt)
    except (ReportFailed, PrintFailed, CasebookError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    target = out or Path(f"verslag-sessie-{session}.{fmt}")
    target.write_bytes(data)
    typer.echo(f"Verslag geschreven: {target} ({len(data) // 1024} kB)")
