"""The `werkboek` command: each submodule registers its commands on the shared app.

A command imports its work (the store with SQLAlchemy and Alembic, the privacy package, deduce)
inside itself, so `werkboek --help` stays fast: about 0.5 s now (2-core box, busy; registering all
commands about 0.3 s of it), and importing `werkboek.cli.casebook`'s work at the top alone added
0.2-0.4 s (measured 2026-12, `time werkboek --help` and perf_counter around the imports).
"""

import importlib

from werkboek.cli.app import app

COMMAND_MODULES = ("content", "privacy", "casebook", "teams", "members", "demo", "serve",
                   "report")


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"werkboek.cli.{name}")


def main() -> None:
    _register()
    app()
