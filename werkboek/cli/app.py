"""The one Typer application that every command module registers on."""

import typer

app = typer.Typer(
    name="werkboek",
    help="werkboek: leer- en reflectiewerkboek voor teams. Elke opdracht heeft --help.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def werkboek() -> None:
    """werkboek: leer- en reflectiewerkboek voor teams. Elke opdracht heeft --help."""
