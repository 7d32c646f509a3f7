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
        "kinderwerker",
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
        CaptureType.TEXT,  # step 0: the presenter's case and question
        CaptureType.SCALE,  # safety at the start
        CaptureType.TEXT,  # step 1: context from every role
        CaptureType.TEXT,  # step 1: the resident's, children's and chain partners' view
        CaptureType.HYPOTHESES,  # step 2
        CaptureType.TEXT,  # step 3: intervention and goal
        CaptureType.TEXT,  # what is needed
        CaptureType.ACTION,
        CaptureType.SCALE,  # safety at the end
    ]
    assert [s.id for s in exercise.steps][:3] == ["inbreng", "veiligheid-begin", "context"]
    assert all(step.minutes for step in exercise.steps)
    assert 50 <= exercise.minutes <= 70
    assert "Wat is er nodig?" in [step.title for step in exercise.steps]
    for step_id in ("veiligheid-begin", "veiligheid"):
        safety = exercise.step(step_id).scale
        assert (safety.min, safety.max) == (0, 10)
    assert exercise.steps[-1].id == "veiligheid"
    perspectives = exercise.step("perspectieven").prompt.lower()
    assert all(word in perspectives for word in ("bewoner", "kinderen", "ketenpartner", "níet weten"))
    assert exercise in content.exercises_of("verdiepen")


def test_every_step_of_the_case_discussion_has_a_facilitators_script(content):
    exercise = content.exercise("casusbespreking")
    for step in exercise.steps:
        assert step.facilitator_script and step.facilitator_script.say, step.id
    replies = [r for s in exercise.steps for r in s.facilitator_script.replies]
    refusal = [r for r in replies if "wat ik moet doen" in r.when.lower()]
    assert refusal, "the script says how to turn down a request for instructions"
    assert "opdracht" in refusal[0].reply and refusal[0].reply.rstrip().endswith('?"')
    opening = exercise.step("inbreng").facilitator_script.say.lower()
    assert "terugblik" in opening and "vorige keer" in opening  # last time's actions come first


def test_a_theme_discussion_can_replace_the_case(content):
    exercise = content.exercise("themabespreking")
    assert exercise.module == "verdiepen" and exercise.case is None
    assert exercise in content.exercises_of("verdiepen")
    assert "team" in exercise.audience and "aanbeveling 14" in exercise.intro.lower()
    assert exercise.steps[0].options and CaptureType.ACTION in [s.capture for s in exercise.steps]
    assert all(step.facilitator_script and step.minutes for step in exercise.steps)
    assert 45 <= exercise.minutes <= 60


def test_every_module_has_a_trainers_note(content):
    for module in content.modules.values():
        note = module.trainer_note
        assert note is not None, module.id
        assert note.goal and note.work_form and note.group_questions and note.pitfalls, module.id
        assert 5 <= note.minutes <= 240, module.id


def test_every_teaching_module_has_an_exercise(content):
    support = {"casussen", "rollen"}  # material the other modules use, not taught on their own
    without = [m for m in content.modules if m not in support and not content.exercises_of(m)]
    assert without == []


@pytest.mark.parametrize(
    "exercise_id",
    ["toontje-rituelen", "veerkracht-kind-in-beeld", "zelfredzaamheid-doen",
     "leren-drie-niveaus-team", "competenties-zelfscan", "doelen-naast-ons-werk"],
)
def test_module_exercises_fit_a_team_meeting_and_say_how_long(content, exercise_id):
    exercise = content.exercise(exercise_id)
    assert "team" in exercise.audience
    assert 30 <= exercise.minutes <= 45
    said = int(re.search(r"(\d+) minuten", exercise.intro).group(1))
    assert exercise.minutes <= said <= 45


def test_the_self_scan_ends_in_a_learning_question_for_the_course(content):
    exercise = content.exercise("competenties-zelfscan")
    assert exercise.steps[0].capture == CaptureType.SCALES
    assert content.options_for(exercise.steps[0]) == content.options_for(exercise.step("groeien"))
    assert "Ik wil leren" in exercise.step("leervraag").prompt
    assert "aanbeveling 11" in exercise.intro.lower()
    explained = next(i for i in content.items("competenties") if "parallelprocessen" in i.text)
    assert "overdracht" in explained.text and "team" in explained.text


def test_psycho_education_is_written_then_played_and_observed(content):
    exercise = content.exercise("psycho-educatie")
    assert exercise.case == "spelcomputer" and exercise.module == "dialoog"
    assert "drie zinnen" in exercise.step("uitleg").prompt
    assert "tweetallen" in exercise.step("rollenspel").prompt
    observer = exercise.step("waarnemer")
    assert observer.capture == CaptureType.MULTI_CHOICE and len(observer.options) >= 5


def test_confronting_questions_use_the_cases_no_other_exercise_used(content):
    exercise = content.exercise("confronterende-vragen")
    assert exercise.source == "§3.7" and "drietallen" in exercise.intro
    cases = [o.id for o in exercise.step("casus").options]
    assert cases == ["doel-geweigerd", "nachtdienst", "agressie-collega"]
    titles = {i.id: i.title for i in content.items("casussen")}
    assert all(o.label.startswith(titles[o.id]) for o in exercise.step("casus").options)
    assert {"evaluatief", "confronterend", "waarnemer"} <= {s.id for s in exercise.steps}


def test_every_fictional_case_is_used_by_an_exercise(content):
    used = {e.case for e in content.exercises.values()}
    used |= {o.id for e in content.exercises.values() for s in e.steps for o in s.options or ()}
    assert {i.id for i in content.items("casussen")} <= used


def test_the_principle_is_reworded_for_the_team_and_ends_in_one_action(content):
    steps = content.exercise("principes-leren").steps
    assert [s.id for s in steps[-2:]] == ["eigen-woorden", "actie"]
    assert steps[-1].capture == CaptureType.ACTION and "team" in steps[-2].prompt


def test_the_course_plan_orders_existing_modules_once(content):
    course = content.course
    assert course is not None and course.source.startswith("§6.3")
    order = course.module_order
    assert set(order) <= set(content.modules) and len(order) == len(set(order))
    assert "competenties" in course.blocks[0].modules  # learning questions come in at the start
    assert set(order) == set(content.modules)  # a cohort meets every module
    planned = [e for block in course.blocks for e in block.exercises]
    assert set(planned) <= set(content.exercises)
    assert [m.id for m in content.course_modules()] == order


def test_the_glossary_explains_the_hard_words(content):
    glossary = content.glossary
    assert glossary is not None and len(glossary.terms) >= 15
    assert {"hypothese", "interventie", "metapositie", "systeemgericht", "persoonsvolgend",
            "outreachend", "polen", "psycho-educatie", "parallelproces"} <= glossary.ids
    for term in glossary.terms:
        assert len(term.text.split()) >= 8, term.id


def test_terms_marked_as_used_occur_in_the_text(content):
    """A module's or exercise's `terms` are words a page can link: the finder sees them there."""
    glossary = content.glossary

    def found(texts):
        return {t for text in texts for t in glossary.terms_in(text)}

    for module in content.modules.values():
        texts = [module.title, module.summary]
        for item in module.items:
            texts += [item.title, item.text, item.direction or "", *item.examples]
        assert set(module.terms) <= found(texts), module.id
    for exercise in content.exercises.values():
        texts = [exercise.title, exercise.intro]
        for step in exercise.steps:
            texts += [step.title, step.prompt, step.help or "", step.reveal or ""]
            texts += [option.label for option in step.options or ()]
        assert set(exercise.terms) <= found(texts), exercise.id


def test_the_guide_is_not_said_to_say_more_than_it_does(content):
    oranje = content.module("oranje-huis").summary
    assert "goed beschreven" in oranje and "effectonderzoek" in oranje and "erkend" not in oranje
    direction = content.item("spanningsvelden", "individueel-groepsgericht").direction
    assert "upgrade nodig" in direction and "recht op" not in direction
    caseworker = content.item("rollen", "casemanager")
    assert caseworker.title == "Caseworker" and "casemanager" in caseworker.text
    three = content.item("aanbevelingen", "spanningen-benoemen").text
    assert "grenzen verleggen" in three and "gendersensitief" in three
    four = content.item("aanbevelingen", "dagindeling-verfijnen").text
    assert all(word in four for word in ("werkboek", "fasen", "thema", "daglijsten", "emotielijst"))
    sources = content.module("principes").summary
    assert "voetnoot 3" in sources and "niet óver" in sources  # the four learning-lab principles


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


def test_the_roles_people_pick_are_the_roles_module_in_its_words(content):
    from werkboek.session.participant_actions import PARTICIPANT_ROLES
    from werkboek.vocab import role_label

    titles = {item.id: item.title for item in content.items("rollen")}
    # A beheerder grants the work roles of module `rollen`, plus the roles of werkboek itself.
    assert set(PARTICIPANT_ROLES) - set(titles) == {"gespreksleider", "deelnemer", "beheerder"}
    assert {role: role_label(role) for role in titles} == titles
    assert [role_label(r) for r in ("beheerder", "deelnemer", "gast")] == ["Beheerder", "Deelnemer",
                                                                          "Gast"]
    assert role_label("kindwerker") == "Kinderwerker"  # casebooks that stored the old spelling
