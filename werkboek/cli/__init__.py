"""The `werkboek` command: each submodule registers its commands on the shared app."""

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
