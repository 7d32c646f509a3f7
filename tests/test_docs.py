"""The README documents every setting and every command; a new one fails here until it is documented."""

from pathlib import Path

from werkboek.cli import _register
from werkboek.cli.app import app
from werkboek.settings import ENV_PREFIX, Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def test_every_setting_is_documented():
    missing = [
        ENV_PREFIX + name.upper()
        for name in Settings.model_fields
        if f"`{ENV_PREFIX}{name.upper()}`" not in README
    ]
    assert missing == []


def test_every_command_is_documented():
    _register()
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert commands, "the CLI registers no command"
    missing = [name for name in commands if f"`werkboek {name}" not in README]
    assert missing == []


def test_readme_names_the_two_commands():
    assert "make serve" in README and "make test" in README
