"""The trainer's layer of the content: notes per module, facilitator scripts per step, the
glossary and the course plan. `werkboek check-content` fails, in Dutch, on each thing missing."""

from textwrap import dedent, indent

import pytest

from werkboek.content import ContentError, check_content, load_content

GLOSSARY = """\
    title: Begrippen
    intro: Fictieve uitleg vooraf.
    terms:
      - id: hypothese
        term: hypothese
        forms: [hypothesen, hypotheses]
        source: "§3.7"
        text: Een mogelijke verklaring.
      - id: polen
        term: polen
        forms: [pool]
        text: De twee kanten.
      - id: dialooggestuurd-werken
        term: dialooggestuurd werken
        forms: [dialooggestuurd]
        text: Werken vanuit het gesprek.
    """

COURSE = """\
    title: Fictieve cursus
    source: "§6.3"
    intro: Een fictief plan.
    blocks:
      - id: een
        title: Eerste bijeenkomst
        modules: [dialoog]
        minutes: 60
        text: Beginnen.
      - id: twee
        title: Tweede bijeenkomst
        modules: [spanningsvelden]
        exercises: [oefen]
        minutes: 90
        text: Verder.
    """

SCRIPT = """\
    facilitator_script:
      say: Zeg dit.
      watch: [Let hierop.]
      replies:
        - when: "Iemand zegt: zeg maar wat ik moet doen."
          reply: Geef de vraag terug aan de groep.
"""


def problems(folder) -> list[tuple[str, str, str]]:
    return [(p.file, p.field, p.message) for p in check_content(folder.root)]


def assert_reported(folder, field: str, words: str) -> list[tuple[str, str, str]]:
    """Some problem names ``field`` and says ``words``; returns all problems."""
    found = problems(folder)
    assert any(f == field and words in m for _file, f, m in found), found
    return found


# -- trainer's notes


def test_a_module_without_a_trainers_note_fails_the_check(folder):
    text = (folder.root / "modules/dialoog.yaml").read_text(encoding="utf-8")
    folder.write("modules/dialoog.yaml", text[: text.index("trainer_note:")])
    [(file, field, message)] = problems(folder)
    assert (file, field) == ("modules/dialoog.yaml", "trainer_note")
    assert "notitie voor de trainer" in message and "pitfalls" in message
    with pytest.raises(ContentError, match="trainer_note"):
        load_content(folder.root)


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("  pitfalls: [Fictieve valkuil.]\n", "", "trainer_note.pitfalls", "verplicht veld ontbreekt"),
        ("group_questions: [Fictieve vraag?]", "group_questions: []", "trainer_note.group_questions", "minstens 1"),
        ("minutes: 30", "minutes: 2", "trainer_note.minutes", "minstens 5"),
        ("goal: Fictief doel.", "doel: Fictief doel.", "trainer_note.doel", "onbekend veld"),
    ],
)
def test_an_incomplete_trainers_note_names_its_field(folder, old, new, field, words):
    folder.edit("modules/dialoog.yaml", old, new)
    assert_reported(folder, field, words)


# -- exercises and their facilitator scripts


def test_an_exercise_without_a_section_fails_the_check(folder):
    folder.edit("exercises/oefen.yaml", 'source: "§5.4"\n', "")
    assert problems(folder) == [("exercises/oefen.yaml", "source", "verplicht veld ontbreekt")]
    folder.edit("exercises/oefen.yaml", "module: spanningsvelden\n",
                "module: spanningsvelden\nsource: hoofdstuk 5\n")
    [(_file, field, message)] = problems(folder)
    assert field == "source" and "§5.4" in message


def with_script(folder) -> None:
    """Give the step `keuze` of the fixture's exercise minutes and the script above."""
    indented = indent(dedent(SCRIPT), "    ")
    folder.edit("exercises/oefen.yaml", "    options_from: dialoog\n",
                "    options_from: dialoog\n    minutes: 5\n" + indented)


def test_a_step_may_carry_a_facilitators_script(folder):
    with_script(folder)
    assert problems(folder) == []
    script = load_content(folder.root).exercise("oefen").step("keuze").facilitator_script
    assert script.say == "Zeg dit." and script.watch == ["Let hierop."]
    assert "wat ik moet doen" in script.replies[0].when


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("    minutes: 5\n", ""), "steps[keuze]", "ook minutes nodig"),
        (("      say: Zeg dit.\n", ""), "steps[keuze].facilitator_script.say", "verplicht veld ontbreekt"),
        (("          reply: Geef de vraag terug aan de groep.\n", ""),
         "steps[keuze].facilitator_script.replies[1].reply", "verplicht veld ontbreekt"),
        (("      watch:", "      kijk:"), "steps[keuze].facilitator_script.kijk", "onbekend veld"),
    ],
)
def test_a_broken_facilitators_script_names_its_field(folder, change, field, words):
    with_script(folder)
    folder.edit("exercises/oefen.yaml", *change)
    assert_reported(folder, field, words)


# -- glossary


def test_a_term_used_but_not_defined_fails_the_check(folder):
    folder.edit("modules/dialoog.yaml", "summary: Fictieve testmodule.\n",
                "summary: Fictieve testmodule.\nterms: [hypothese]\n")
    assert problems(folder) == [
        ("modules/dialoog.yaml", "terms[1]", "begrip 'hypothese' staat niet in modules/_begrippen.yaml")
    ]
    folder.write("modules/_begrippen.yaml", GLOSSARY)
    assert problems(folder) == []
    folder.edit("exercises/oefen.yaml", "audience: [persoonlijk]", "audience: [persoonlijk]\nterms: [metapositie]")
    assert problems(folder) == [
        ("exercises/oefen.yaml", "terms[1]", "begrip 'metapositie' staat niet in modules/_begrippen.yaml")
    ]


def test_a_broken_glossary_is_reported_once_not_by_every_file_using_it(folder):
    folder.edit("modules/dialoog.yaml", "summary: Fictieve testmodule.\n",
                "summary: Fictieve testmodule.\nterms: [hypothese]\n")
    folder.write("modules/_begrippen.yaml", GLOSSARY.replace("        text: De twee kanten.\n", ""))
    assert problems(folder) == [("modules/_begrippen.yaml", "terms[polen].text", "verplicht veld ontbreekt")]


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("  - id: polen", "  - id: hypothese", "terms[hypothese].id", "komt vaker voor"),
        ("forms: [pool]", "forms: [pool, Hypothesen]", "terms[polen]", "hoort ook al bij begrip 'hypothese'"),
        ("        source: \"§3.7\"\n", "        source: hoofdstuk 3\n", "terms[hypothese].source", "paragraafnummer"),
    ],
)
def test_glossary_problems_name_the_term(folder, old, new, field, words):
    folder.write("modules/_begrippen.yaml", GLOSSARY.replace(old, new))
    assert_reported(folder, field, words)


def test_the_finder_links_whole_words_in_any_form_longest_first(folder):
    folder.write("modules/_begrippen.yaml", GLOSSARY)
    content = load_content(folder.root)
    text = "Hypothesen over polen: wie werkt dialooggestuurd werken, en wie dialooggestuurd? Geen poolijs."
    matches = content.find_terms(text)
    assert [(m.term_id, m.text) for m in matches] == [
        ("hypothese", "Hypothesen"),
        ("polen", "polen"),
        ("dialooggestuurd-werken", "dialooggestuurd werken"),
        ("dialooggestuurd-werken", "dialooggestuurd"),
    ]
    assert all(text[m.start:m.end] == m.text for m in matches)
    assert content.glossary.terms_in(text) == ["hypothese", "polen", "dialooggestuurd-werken"]
    assert content.glossary.term("polen").words == ["polen", "pool"]
    assert content.find_terms("") == []


def test_without_a_glossary_nothing_is_linked(folder):
    assert load_content(folder.root).glossary is None
    assert load_content(folder.root).find_terms("een hypothese") == []


def test_an_unknown_underscore_file_is_a_problem(folder):
    folder.write("modules/_notities.yaml", "title: x\n")
    [(file, _field, message)] = problems(folder)
    assert file == "modules/_notities.yaml" and "_begrippen.yaml" in message


# -- course plan


def test_a_course_plan_is_loaded_in_its_order(folder):
    folder.write("modules/_cursusplan.yaml", COURSE)
    content = load_content(folder.root)
    assert content.course.module_order == ["dialoog", "spanningsvelden"]
    assert [m.id for m in content.course_modules()] == ["dialoog", "spanningsvelden"]
    assert load_content(folder.root).course is not None


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("modules: [dialoog]", "modules: [vragen]", "blocks[een].modules[1]", "module 'vragen' bestaat niet"),
        ("modules: [spanningsvelden]", "modules: [spanningsvelden, dialoog]", "blocks[twee].modules[2]",
         "staat al in een eerder blok"),
        ("exercises: [oefen]", "exercises: [oefen, weg]", "blocks[twee].exercises[2]",
         "oefening 'weg' bestaat niet"),
        ("modules: [dialoog]", "modules: []", "blocks[een].modules", "minstens 1"),
        ("  - id: twee", "  - id: een", "blocks[een].id", "komt vaker voor"),
    ],
)
def test_course_plan_problems_name_block_and_field(folder, old, new, field, words):
    folder.write("modules/_cursusplan.yaml", COURSE.replace(old, new))
    found = assert_reported(folder, field, words)
    assert all(file == "modules/_cursusplan.yaml" for file, _f, _m in found)


def test_without_a_course_plan_the_content_still_loads(folder):
    content = load_content(folder.root)
    assert content.course is None and content.course_modules() == []
