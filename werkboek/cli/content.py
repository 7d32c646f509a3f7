"""`werkboek check-content`: validate the course content and list every problem in Dutch."""

from pathlib import Path
from typing import Annotated

import typer

from werkboek.cli.app import app
from werkboek.content import check_content, load_content
from werkboek.markup import counted


@app.command("check-content")
def check_content_command(
    content_dir: Annotated[
        Path | None,
        typer.Option(
            "--content-dir",
            help="Map met modules/ en exercises/. Standaard de ingestelde inhoudsmap "
            "(WERKBOEK_CONTENT_DIR).",
        ),
    ] = None,
) -> None:
    """Controleer alle modules en oefeningen: elk probleem op een eigen regel, met bestand, regel en veld."""
    problems = check_content(content_dir)
    if problems:
        for problem in problems:
            typer.echo(str(problem))
        count = len(problems)
        typer.echo(f"{counted(count, 'probleem', 'problemen')} gevonden.", err=True)
        raise typer.Exit(1)
    content = load_content(content_dir)
    items = sum(len(module.items) for module in content.modules.values())
    steps = sum(len(exercise.steps) for exercise in content.exercises.values())
    typer.echo(
        f"Inhoud in orde: {len(content.modules)} modules ({items} items), "
        f"{len(content.exercises)} oefeningen ({steps} stappen)."
    )
