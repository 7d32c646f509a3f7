"""`python -m werkboek.cli` runs the `werkboek` command."""

from werkboek.cli import main

main()
