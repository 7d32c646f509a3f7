"""A trainer who breaks a content file is told in Dutch which file, field and line is wrong."""

import pytest

from werkboek.content import ContentError, check_content, load_content


def only_problem(folder):
    problems = check_content(folder.root)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_the_fixture_itself_is_valid(folder):
    assert check_content(folder.root) == []
    content = load_content(folder.root)
    assert list(content.exercises) == ["oefen"]


def test_bad_yaml_names_the_file_and_the_line(folder):
    folder.edit("exercises/oefen.yaml", "  - id: keuze\n", "  - id: keuze\n   title: [niet dicht\n")
    problem = only_problem(folder)
    assert problem.file == "exercises/oefen.yaml"
    assert problem.line == 14
    assert "geen geldige YAML" in str(problem)
    assert "regel" in str(problem)


def test_unknown_capture_type_names_field_line_and_allowed_types(folder):
    folder.edit("exercises/oefen.yaml", "capture: scale", "capture: tekstvak")
    problem = only_problem(folder)
    assert problem.field == "steps[cijfer].capture"
    assert problem.line == 21
    assert "onbekend vastlegtype 'tekstvak'" in problem.message
    assert "polarity_map" in problem.message
    assert str(problem).startswith("exercises/oefen.yaml, regel 21, veld 'steps[cijfer].capture'")


def test_missing_field_names_the_field(folder):
    folder.edit("modules/dialoog.yaml", "title: Dialoog\n", "")
    problem = only_problem(folder)
    assert (problem.file, problem.field) == ("modules/dialoog.yaml", "title")
    assert problem.message == "verplicht veld ontbreekt"


def test_missing_field_of_an_item_points_at_that_item(folder):
    folder.edit("modules/dialoog.yaml", "    text: Fictieve uitleg.\n", "")
    problem = only_problem(folder)
    assert problem.field == "items[innerlijke-dialoog].text"
    assert problem.line == 6


def test_unknown_field_is_reported(folder):
    folder.edit("modules/dialoog.yaml", "summary:", "samenvatting: x\nsummary:")
    problem = only_problem(folder)
    assert problem.field == "samenvatting"
    assert "onbekend veld" in problem.message


def test_module_naming_a_missing_exercise(folder):
    folder.edit("modules/spanningsvelden.yaml", "exercises: [oefen]", "exercises: [oefen, bestaat-niet]")
    problem = only_problem(folder)
    assert problem.field == "exercises[2]"
    assert "oefening 'bestaat-niet' bestaat niet" in problem.message
    assert problem.line == 13


def test_duplicate_step_ids(folder):
    folder.edit("exercises/oefen.yaml", "- id: cijfer", "- id: keuze")
    problem = only_problem(folder)
    assert problem.field == "steps[keuze].id"
    assert problem.line == 18
    assert "komt vaker voor" in problem.message


def test_duplicate_yaml_key(folder):
    folder.edit("modules/dialoog.yaml", "source: \"§5.3\"\n", "source: \"§5.3\"\nsource: \"§5.4\"\n")
    problem = only_problem(folder)
    assert (problem.field, problem.line) == ("source", 4)
    assert "twee keer" in problem.message


def test_file_name_must_equal_id(folder):
    (folder.root / "modules/dialoog.yaml").rename(folder.root / "modules/gesprek.yaml")
    problems = [str(p) for p in check_content(folder.root)]
    assert any(
        "modules/gesprek.yaml" in p and "'id'" in p and "bestandsnaam 'gesprek'" in p for p in problems
    ), problems


def test_non_utf8_file(folder):
    folder.write("modules/dialoog.yaml", "id: dialoog\ntitle: Caf\xe9\n".encode("latin-1"))
    problem = only_problem(folder)
    assert problem.file == "modules/dialoog.yaml"
    assert problem.line == 2
    assert "UTF-8" in problem.message


def test_empty_file(folder):
    folder.write("modules/dialoog.yaml", "# alleen commentaar\n")
    problem = only_problem(folder)
    assert problem.file == "modules/dialoog.yaml"
    assert "leeg" in problem.message


def test_file_that_is_a_list_instead_of_fields(folder):
    folder.write("modules/dialoog.yaml", "- id: dialoog\n")
    assert "blok met velden" in only_problem(folder).message


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("    scale: {min: 0, max: 10, low: laag, high: hoog}\n", "", "steps[cijfer]", "veld scale nodig"),
        ("low: laag", "low: ''", "steps[cijfer].scale.low", "mag niet leeg zijn"),
        ("min: 0, max: 10", "min: 10, max: 0", "steps[cijfer].scale", "kleiner zijn dan max"),
        ("    options_from: dialoog\n", "", "steps[keuze]", "options_from (een module) of options"),
        ("options_from: dialoog", "options_from: bestaat-niet", "steps[keuze].options_from", "module 'bestaat-niet' bestaat niet"),
        ("    tension: privacy-bemoeienis\n", "", "steps[positie].tension", "choose_tension"),
        ("tension: privacy-bemoeienis", "tension: rust-regels", "steps[positie].tension", "geen item van module 'spanningsvelden'"),
        ("module: spanningsvelden", "module: onbekend", "module", "module 'onbekend' bestaat niet"),
        ('source: "§5.4"', "source: hoofdstuk vijf", "source", "paragraafnummer"),
        ("audience: [persoonlijk]", "audience: [iedereen]", "audience[1]", "kies uit"),
        ("id: oefen", "id: Oefen Een", "id", "kleine letters"),
    ],
)
def test_step_requirements_per_capture_and_references(folder, old, new, field, words):
    folder.edit("exercises/oefen.yaml", old, new)
    problems = check_content(folder.root)
    assert any(p.field == field and words in p.message for p in problems), [str(p) for p in problems]
    assert all(p.file == "exercises/oefen.yaml" and p.line for p in problems)


def test_choose_tension_allows_poles_without_tension(folder):
    folder.edit("exercises/oefen.yaml", "    tension: privacy-bemoeienis\n", "")
    folder.edit("exercises/oefen.yaml", "audience: [persoonlijk]", "audience: [persoonlijk]\nchoose_tension: true")
    assert check_content(folder.root) == []


def test_level_and_case_must_name_existing_items(folder):
    folder.edit("exercises/oefen.yaml", "    capture: choice\n", "    capture: choice\n    level: buitenste-dialoog\n")
    folder.edit("exercises/oefen.yaml", "audience: [persoonlijk]", "audience: [persoonlijk]\ncase: spelcomputer")
    messages = {p.field: p.message for p in check_content(folder.root)}
    assert "geen item van module 'dialoog'" in messages["steps[keuze].level"]
    assert "module 'casussen', maar die bestaat niet" in messages["case"]


def test_all_problems_of_all_files_are_collected(folder):
    folder.edit("exercises/oefen.yaml", "capture: scale", "capture: tekstvak")
    folder.edit("modules/dialoog.yaml", "title: Dialoog\n", "")
    folder.write("modules/leeg.yaml", "")
    problems = check_content(folder.root)
    assert sorted(p.file for p in problems) == [
        "exercises/oefen.yaml",
        "modules/dialoog.yaml",
        "modules/leeg.yaml",
    ]
    with pytest.raises(ContentError) as raised:
        load_content(folder.root)
    assert raised.value.problems == problems
    assert "3 problemen" in str(raised.value)


def test_a_broken_module_is_not_reported_again_by_files_that_use_it(folder):
    folder.write("modules/dialoog.yaml", "id: dialoog\ntitle: [kapot\n")
    problems = check_content(folder.root)
    assert [p.file for p in problems] == ["modules/dialoog.yaml"]


def test_missing_folder(tmp_path):
    (tmp_path / "modules").mkdir()
    problems = check_content(tmp_path)
    assert [str(p) for p in problems] == [f"exercises/: de map exercises/ ontbreekt in {tmp_path.resolve()}"]


def test_scale_range_belongs_only_to_scale_steps(folder):
    folder.edit("exercises/oefen.yaml", "    options_from: dialoog\n", "    options_from: dialoog\n    scale: {low: a, high: b}\n")
    problem = only_problem(folder)
    assert problem.field == "steps[keuze]"
    assert "scale hoort alleen bij" in problem.message
    folder.edit("exercises/oefen.yaml", "capture: choice", "capture: scales")
    assert check_content(folder.root) == []
