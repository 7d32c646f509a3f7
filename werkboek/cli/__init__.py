"""The `werkboek` command: each submodule registers its commands on the shared app."""

from werkboek.cli.app import app

COMMAND_MODULES = ("content", "privacy", "casebook", "serve", "report", "demo")


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        try:
            importlib.import_module(f"werkboek.cli.{name}")
        except ModuleNotFoundError as exc:  # a layer still being built
            if exc.name != f"werkboek.cli.{name}":
                raise


def main() -> None:
    _register()
    app()
