"""`werkboek serve`: the pages in Voilà, with the privacy scanner beside them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from werkboek.cli.app import app
from werkboek.serving import PAGE_POOLS, ServeOptions, ServeRefused, serve

DEFAULTS = ServeOptions()


def page_pools(values: list[str], notebooks_dir) -> dict[str, int]:
    """``["Casusbespreking=16", "Trainer=0"]`` → ``{"Casusbespreking": 16, "Trainer": 0}``:
    pools pinned to that size (the others follow demand); a wrong value or an unknown page is
    refused in Dutch."""
    pools = dict(PAGE_POOLS)
    for value in values:
        page, _, size = value.partition("=")
        page = page.strip().removesuffix(".ipynb")
        if not size.strip().isdigit():
            raise ServeRefused(f"--pool {value}: schrijf PAGINA=AANTAL, bijvoorbeeld "
                               "--pool Casusbespreking=16.")
        if not (notebooks_dir / f"{page}.ipynb").is_file():
            raise ServeRefused(f"--pool {value}: er is geen pagina {page}.")
        pools[page] = int(size)
    return pools


@app.command("serve")
def serve_command(
    port: int = typer.Option(DEFAULTS.port, "--port", help="Poort waarop werkboek luistert."),
    ip: str = typer.Option(
        DEFAULTS.ip,
        "--ip",
        help="Adres waarop werkboek luistert. Een ander adres dan deze computer (127.0.0.1) "
        "alleen met HTTPS: --certfile en --keyfile, of --behind-proxy.",
    ),
    certfile: Annotated[Path | None, typer.Option(
        "--certfile", help="Certificaat voor HTTPS (PEM), samen met --keyfile.")] = None,
    keyfile: Annotated[Path | None, typer.Option(
        "--keyfile", help="Sleutel van het certificaat (PEM).")] = None,
    behind_proxy: bool = typer.Option(
        False, "--behind-proxy",
        help="Er staat een proxy vóór werkboek die HTTPS spreekt (zie de README). Elke pagina "
        "vraagt dan om aanmelden.",
    ),
    no_browser: bool = typer.Option(False, "--no-browser", help="Open geen browservenster."),
    preheat: bool = typer.Option(
        DEFAULTS.preheat, "--preheat/--no-preheat",
        help="Houd per pagina opgewarmde kernels klaar (een pagina opent dan sneller).",
    ),
    pool_size: int = typer.Option(
        DEFAULTS.pool_size, "--pool-size", min=0,
        help="Aantal opgewarmde kernels per pagina, zodra iemand de pagina heeft geopend.",
    ),
    pool: Annotated[list[str] | None, typer.Option(
        "--pool", metavar="PAGINA=AANTAL",
        help="Zet het aantal opgewarmde kernels van één pagina vast (vanaf de start, ook als "
        "niemand komt), bijvoorbeeld Casusbespreking=16 of Trainer=0. Mag vaker.",
    )] = None,
    pool_refill_delay: float = typer.Option(
        DEFAULTS.pool_refill_delay, "--pool-refill-delay", min=0,
        help="Seconden na een bezoek voordat een nieuwe kernel wordt opgewarmd, zodat een groep "
        "die samen begint niet wordt afgeremd.",
    ),
    cull_idle_timeout: int = typer.Option(
        DEFAULTS.cull_idle_timeout, "--cull-idle-timeout",
        help="Seconden tot een kernel zonder open tabblad stopt.",
    ),
    unconnected_timeout: int = typer.Option(
        DEFAULTS.unconnected_timeout, "--unconnected-timeout", min=0,
        help="Seconden tot de kernel stopt van een pagina die nooit in een browser aankwam "
        "(tabblad dicht tijdens het laden); 0: pas bij --cull-idle-timeout.",
    ),
    hub: bool = typer.Option(
        False, "--hub",
        help="Draai als werkplek van één gebruiker onder JupyterHub (zie deploy/hub/README.md): "
        "de hub bepaalt wie iemand is en op welk adres werkboek luistert; werkboek vraagt "
        "niet om aanmelden.",
    ),
) -> None:
    """Start werkboek in Voilà en toon het adres van de startpagina."""
    try:
        options = ServeOptions(
            ip=ip,
            port=port,
            certfile=certfile,
            keyfile=keyfile,
            behind_proxy=behind_proxy,
            open_browser=not no_browser,
            preheat=preheat,
            pool_size=pool_size,
            page_pools=page_pools(pool or [], DEFAULTS.notebooks_dir),
            pool_refill_delay=pool_refill_delay,
            cull_idle_timeout=cull_idle_timeout,
            unconnected_timeout=unconnected_timeout,
            hub=hub,
        )
        serve(options)
    except ServeRefused as refusal:
        typer.echo(str(refusal), err=True)
        raise typer.Exit(2) from None
