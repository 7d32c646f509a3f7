"""`werkboek serve`: the pages in Voilà, with the privacy scanner beside them."""

from __future__ import annotations

import typer

from werkboek.cli.app import app
from werkboek.serving import ServeOptions, ServeRefused, serve


@app.command("serve")
def serve_command(
    port: int = typer.Option(8866, "--port", help="Poort waarop werkboek luistert."),
    ip: str = typer.Option(
        "127.0.0.1",
        "--ip",
        help="Adres waarop werkboek luistert. Alleen deze computer (127.0.0.1) tenzij je een --token geeft.",
    ),
    token: str = typer.Option(
        "", "--token", envvar="WERKBOEK_TOKEN", help="Toegangssleutel; verplicht buiten 127.0.0.1."
    ),
    no_browser: bool = typer.Option(False, "--no-browser", help="Open geen browservenster."),
    preheat: bool = typer.Option(
        True, "--preheat/--no-preheat", help="Houd per pagina een opgewarmde kernel klaar."
    ),
    cull_idle_timeout: int = typer.Option(
        900, "--cull-idle-timeout", help="Seconden tot een kernel zonder open tabblad stopt."
    ),
) -> None:
    """Start werkboek in Voilà en toon het adres van de startpagina."""
    options = ServeOptions(
        ip=ip,
        port=port,
        token=token,
        open_browser=not no_browser,
        preheat=preheat,
        cull_idle_timeout=cull_idle_timeout,
    )
    try:
        serve(options)
    except ServeRefused as refusal:
        typer.echo(str(refusal), err=True)
        raise typer.Exit(2) from None
