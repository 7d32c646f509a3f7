"""The course content in modules/ and exercises/ is complete, valid and sourced."""

import re
from collections import Counter

import pytest

from werkboek.content import CaptureType, check_content, load_content
from werkboek.settings import REPO_ROOT

SOURCE = re.compile(r"^§\d+(\.\d+)*")


@pytest.fixture(scope="module")
def content():
    return load_content(REPO_ROOT)


def test_the_real_content_has_no_problems():
    assert [str(p) for p in check_content(REPO_ROOT)] == []


@pytest.mark.parametrize(
    ("module_id", "count"),
    [
        ("verdiepen", 3),
        ("dialoog", 4),
        ("spanningsvelden", 7),
        ("principes", 18),
        ("aanbevelingen", 19),
        ("onderzoeksvragen", 6),
        ("leefgebieden", 10),
        ("buffers", 4),
        ("multiprobleem", 5),
        ("toontje", 4),
        ("veerkracht", 8),
        ("doelen-beschermd-wonen", 6),
        ("leren-drie-niveaus", 3),
        ("dagindeling", 7),
        ("casussen", 6),
        ("deugden", 4),
    ],
)
def test_each_model_has_all_its_elements(content, module_id, count):
    assert len(content.items(module_id)) == count


def test_fixed_item_ids_that_other_layers_rely_on(content):
    def ids(module_id):
        return [item.id for item in content.items(module_id)]

    assert ids("verdiepen") == ["context-ophalen", "samen-duiden", "betekenisvolle-interventie"]
    assert ids("dialoog") == [
        "innerlijke-dialoog",
        "dialoog-met-clienten",
        "dialoog-met-ideeen",
        "dialoog-met-collegas",
    ]
    assert ids("spanningsvelden") == [
        "privacy-bemoeienis",
        "zelfredzaamheid-ondersteuning",
        "wmo-doelen-dagelijks",
        "traumaspecifiek-doelgericht",
        "dialoog-grenzen",
        "individueel-groepsgericht",
        "oude-nieuwe-identiteit",
    ]
    assert set(ids("rollen")) == {
        "groepswerker",
        "casemanager",
        "nachtwacht",
        "gedragsdeskundige",
        "kindwerker",
        "teamleider",
        "trainer",
        "anders",
    }
    assert ids("casussen") == [
        "spelcomputer",
        "moeder-lvb",
        "agressie-collega",
        "nachtdienst",
        "teruggetrokken-bewoner",
        "doel-geweigerd",
    ]


def test_every_tension_field_has_two_poles_and_a_direction(content):
    for item in content.items("spanningsvelden"):
        assert item.pole_a and item.pole_b and item.direction, item.id
        assert item.pole_a != item.pole_b


def test_principles_come_in_two_sets(content):
    groups = Counter(item.group for item in content.items("principes"))
    assert groups == {"samen": 10, "werkers": 8}


def test_recommendations_come_in_three_groups_in_order(content):
    groups = [item.group for item in content.items("aanbevelingen")]
    assert groups == ["methodisch"] * 5 + ["professionaliteit"] * 5 + ["toerusting"] * 9


def test_question_types_each_have_own_example_questions(content):
    ids = {item.id for item in content.items("vragen")}
    assert {"open", "verdiepend", "evaluatief", "schaal", "perspectief", "uitzondering", "wondervraag"} <= ids
    for item in content.items("vragen"):
        assert item.examples, item.id
        assert all(example.endswith("?") for example in item.examples), item.id


def test_cases_are_fictional_and_linked_to_domains_and_tension_fields(content):
    domains = {item.id for item in content.items("leefgebieden")}
    fields = {item.id for item in content.items("spanningsvelden")}
    for case in content.items("casussen"):
        assert "fictie" in case.text.lower(), case.id
        assert case.life_domains and set(case.life_domains) <= domains
        assert case.tension_fields and set(case.tension_fields) <= fields
    assert "fictie" in content.module("casussen").summary.lower()


def test_everything_records_its_section_in_the_guide(content):
    for module in content.modules.values():
        assert SOURCE.match(module.source), module.id
        for item in module.items:
            assert SOURCE.match(item.source), f"{module.id}/{item.id}"
    for exercise in content.exercises.values():
        assert SOURCE.match(exercise.source), exercise.id


def test_case_discussion_follows_the_three_steps(content):
    exercise = content.exercise("casusbespreking")
    captures = [step.capture for step in exercise.steps]
    assert captures == [
        CaptureType.TEXT,
        CaptureType.HYPOTHESES,
        CaptureType.TEXT,
        CaptureType.TEXT,
        CaptureType.ACTION,
        CaptureType.SCALE,
    ]
    assert all(step.minutes for step in exercise.steps)
    assert "Wat is er nodig?" in [step.title for step in exercise.steps]
    safety = exercise.step("veiligheid").scale
    assert (safety.min, safety.max) == (0, 10)
    assert exercise in content.exercises_of("verdiepen")


def test_dialogue_exercise_visits_every_level_once(content):
    exercise = content.exercise("dialoog-vier-niveaus")
    levels = [step.level for step in exercise.steps if step.level]
    assert levels == [item.id for item in content.items("dialoog")]
    assert exercise.steps[0].level is None
    assert [step.id for step in exercise.steps[-2:]] == ["geleerd", "nodig"]


def test_tension_exercise_lets_the_user_choose_and_reveals_the_direction_last(content):
    exercise = content.exercise("spanningsveld-verkennen")
    assert exercise.choose_tension
    captures = [step.capture for step in exercise.steps]
    assert captures[:3] == [CaptureType.POLES, CaptureType.TEXT, CaptureType.POLARITY_MAP]
    assert exercise.steps[2].reveal and "richting" in exercise.steps[2].reveal
    assert not any(step.reveal for step in exercise.steps[:2])
    options = content.options_for(exercise.steps[0], exercise)
    assert [option.id for option in options] == [i.id for i in content.items("spanningsvelden")]


def test_principles_exercise_offers_all_eighteen_principles(content):
    exercise = content.exercise("principes-leren")
    options = content.options_for(exercise.step("principe"), exercise)
    assert len(options) == 18
    assert options[0].label == content.items("principes")[0].title


def test_question_exercise_uses_a_fictional_case_and_reveals_examples(content):
    exercise = content.exercise("vragen-stellen")
    assert exercise.case in {item.id for item in content.items("casussen")}
    assert [step.id for step in exercise.steps] == [
        "open",
        "verdiepend",
        "schaal",
        "perspectief",
        "uitzondering",
        "wondervraag",
    ]
    assert all(step.reveal and "Voorbeeld" in step.reveal for step in exercise.steps)


def test_text_steps_offer_nothing_to_choose(content):
    exercise = content.exercise("casusbespreking")
    assert content.options_for(exercise.step("context"), exercise) == []
