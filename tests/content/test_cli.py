"""`werkboek check-content` tells a trainer in Dutch whether the content is in order."""

from typer.testing import CliRunner

import werkboek.cli.content  # noqa: F401  (registers the command)
from werkboek.cli.app import app
from werkboek.settings import REPO_ROOT

runner = CliRunner()


def invoke(*args: str):
    """Run `werkboek check-content ARGS`."""
    return runner.invoke(app, ["check-content", *args])


def test_real_content_is_in_order():
    result = invoke("--content-dir", str(REPO_ROOT))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Inhoud in orde: ")
    assert "modules" in result.output and "oefeningen" in result.output


def test_broken_folder_lists_every_problem_and_fails(folder):
    folder.edit("exercises/oefen.yaml", "capture: scale", "capture: tekstvak")
    folder.edit("modules/dialoog.yaml", "title: Dialoog\n", "")
    folder.write("modules/leeg.yaml", "")
    result = invoke("--content-dir", str(folder.root))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "modules/dialoog.yaml, regel 1, veld 'title': verplicht veld ontbreekt",
        "modules/leeg.yaml, regel 1: het bestand is leeg",
        "exercises/oefen.yaml, regel 21, veld 'steps[cijfer].capture': onbekend vastlegtype "
        "'tekstvak'; kies uit: 'text', 'scale', 'poles', 'choice', 'multi_choice', 'scales', "
        "'hypotheses', 'action' or 'polarity_map'",
    ]
    assert "3 problemen gevonden." in result.stderr


def test_help_is_dutch():
    result = invoke("--help")
    assert result.exit_code == 0
    assert "Controleer alle modules en oefeningen" in result.output
    assert "Map met modules/ en exercises/" in result.output


def test_a_missing_trainers_note_and_an_undefined_term_fail_the_command(folder):
    text = (folder.root / "modules/dialoog.yaml").read_text(encoding="utf-8")
    folder.write("modules/dialoog.yaml", text[: text.index("trainer_note:")] + "terms: [metapositie]\n")
    result = invoke("--content-dir", str(folder.root))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "modules/dialoog.yaml, regel 1, veld 'trainer_note': elke module heeft een notitie voor de "
        "trainer nodig: trainer_note met goal, work_form, minutes, group_questions en pitfalls",
        "modules/dialoog.yaml, regel 10, veld 'terms[1]': begrip 'metapositie' staat niet in "
        "modules/_begrippen.yaml",
    ]
