"""A small, valid, fictional content folder that each test can break in its own way."""

from pathlib import Path
from textwrap import dedent

import pytest

# The pages' SQLite casebook (with the real scanner), for the glossary and step-number tests
# that check the helpers inside the exercise runner.
from tests.ui.conftest import casebook, scanner_url  # noqa: F401

# Every module needs a note for the trainer; at the end, so line numbers above stay put.
# (It continues the module's last, indented line: hence no indent before its first key.)
TRAINER_NOTE = """trainer_note:
          goal: Fictief doel.
          work_form: Fictieve werkvorm.
          minutes: 30
          group_questions: [Fictieve vraag?]
          pitfalls: [Fictieve valkuil.]
        """

MINI_MODULES = {
    "spanningsvelden": """\
        id: spanningsvelden
        title: Spanningsvelden
        source: "§5.4"
        summary: Fictieve testmodule.
        items:
          - id: privacy-bemoeienis
            title: Privacy en bemoeienis
            source: "§5.4"
            text: Fictieve uitleg.
            pole_a: Privacy
            pole_b: Bemoeienis
            direction: Fictieve richting.
        exercises: [oefen]
        """ + TRAINER_NOTE,
    "dialoog": """\
        id: dialoog
        title: Dialoog
        source: "§5.3"
        summary: Fictieve testmodule.
        items:
          - id: innerlijke-dialoog
            title: Innerlijke dialoog
            source: "§5.3"
            text: Fictieve uitleg.
        """ + TRAINER_NOTE,
}

MINI_EXERCISE = """\
    id: oefen
    title: Fictieve oefening
    module: spanningsvelden
    source: "§5.4"
    intro: Een fictieve oefening voor de tests.
    audience: [persoonlijk]
    steps:
      - id: positie
        title: Waar sta je?
        prompt: Zet de schuif.
        capture: poles
        tension: privacy-bemoeienis
      - id: keuze
        title: Kies
        prompt: Welk niveau?
        capture: choice
        options_from: dialoog
      - id: cijfer
        title: Cijfer
        prompt: Welk cijfer?
        capture: scale
        scale: {min: 0, max: 10, low: laag, high: hoog}
    """


class ContentFolder:
    """A temporary content folder: ``write`` puts a (possibly broken) file in place."""

    def __init__(self, root: Path):
        self.root = root
        for kind in ("modules", "exercises"):
            (root / kind).mkdir()
        for name, text in MINI_MODULES.items():
            self.write(f"modules/{name}.yaml", text)
        self.write("exercises/oefen.yaml", MINI_EXERCISE)

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.root / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(dedent(text), encoding="utf-8")
        return path

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def folder(tmp_path) -> ContentFolder:
    return ContentFolder(tmp_path)
