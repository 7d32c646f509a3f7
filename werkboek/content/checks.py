"""Checks that span objects or files: duplicate ids, fields some modules need, references,
and text copied from the practice guide.

Each check returns ``(loc, message)`` findings on one validated module, exercise, glossary or
course plan; the loader turns them into Problems with the file's field path and line.
``modules`` maps every module id found on disk to its model, or to None when that file itself
failed to validate (then references into it are not checked a second time). ``terms`` is the
set of glossary term ids, or None when the glossary file failed to validate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from werkboek.content.fingerprint import RUN, copied_runs
from werkboek.content.glossary import Glossary
from werkboek.content.models import TENSION_CAPTURES, CoursePlan, Exercise, Module
from werkboek.content.yaml_source import Loc
from werkboek.vocab import CASE_MODULE, LEVEL_MODULE, LIFE_DOMAIN_MODULE, TENSION_MODULE

Finding = tuple[Loc, str]
KnownModules = Mapping[str, Module | None]
KnownTerms = set[str] | None

GLOSSARY_FILE = "modules/_begrippen.yaml"
TRAINER_NOTE_MISSING = (
    "elke module heeft een notitie voor de trainer nodig: trainer_note met goal, work_form, "
    "minutes, group_questions en pitfalls"
)

# Item fields that the items of these modules cannot do without.
REQUIRED_ITEM_FIELDS = {
    TENSION_MODULE: ("pole_a", "pole_b", "direction"),
    CASE_MODULE: ("life_domains", "tension_fields"),
}
# Item fields whose values are item ids of another module.
ITEM_REFERENCES = {"life_domains": LIFE_DOMAIN_MODULE, "tension_fields": TENSION_MODULE}


def module_findings(
    module: Module, modules: KnownModules, exercise_ids: set[str], terms: KnownTerms = None
) -> list[Finding]:
    findings = _duplicate_ids([item.id for item in module.items], ("items",))
    if module.trainer_note is None:
        findings.append((("trainer_note",), TRAINER_NOTE_MISSING))
    findings += _undefined_terms(module.terms, terms)
    findings += _duplicate_ids(module.exercises, ("exercises",), by_position=True)
    for index, exercise_id in enumerate(module.exercises):
        if exercise_id not in exercise_ids:
            findings.append(
                (
                    ("exercises", index),
                    f"oefening '{exercise_id}' bestaat niet (geen bestand exercises/{exercise_id}.yaml)",
                )
            )
    for index, item in enumerate(module.items):
        for field in REQUIRED_ITEM_FIELDS.get(module.id, ()):
            if getattr(item, field) is None:
                findings.append(
                    (("items", index, field), f"verplicht veld voor items van module '{module.id}'")
                )
        for field, target in ITEM_REFERENCES.items():
            for position, item_id in enumerate(getattr(item, field) or ()):
                message = _missing_item(modules, target, item_id)
                if message:
                    findings.append((("items", index, field, position), message))
    return findings


def exercise_findings(
    exercise: Exercise, modules: KnownModules, terms: KnownTerms = None
) -> list[Finding]:
    findings = _duplicate_ids([step.id for step in exercise.steps], ("steps",))
    findings += _undefined_terms(exercise.terms, terms)
    if exercise.module not in modules:
        findings.append(
            (
                ("module",),
                f"module '{exercise.module}' bestaat niet (geen bestand modules/{exercise.module}.yaml)",
            )
        )
    if exercise.case is not None:
        message = _missing_item(modules, CASE_MODULE, exercise.case)
        if message:
            findings.append((("case",), message))
    for index, step in enumerate(exercise.steps):
        loc = ("steps", index)
        findings += _duplicate_ids([o.id for o in step.options or ()], (*loc, "options"))
        if step.capture in TENSION_CAPTURES and step.tension is None and not exercise.choose_tension:
            findings.append(
                (
                    (*loc, "tension"),
                    f"capture '{step.capture}' heeft een spanningsveld nodig: zet tension bij de "
                    "stap of choose_tension: true bij de oefening",
                )
            )
        for field, target in (("level", LEVEL_MODULE), ("tension", TENSION_MODULE)):
            value = getattr(step, field)
            message = value and _missing_item(modules, target, value)
            if message:
                findings.append(((*loc, field), message))
        if step.options_from is not None:
            source = step.options_from
            if source not in modules:
                findings.append(
                    ((*loc, "options_from"), f"module '{source}' bestaat niet (geen modules/{source}.yaml)")
                )
            elif modules[source] is not None and not modules[source].items:
                findings.append(
                    ((*loc, "options_from"), f"module '{source}' heeft geen items om uit te kiezen")
                )
    return findings


def copied_findings(data: object, loc: Loc = ()) -> list[Finding]:
    """A finding for every text in ``data`` (a parsed content file) that has a run of eight
    words in a row from the practice guide; keys are not texts."""
    if isinstance(data, str):
        copied = copied_runs(data)
        if not copied:
            return []
        return [(loc, f"{RUN} woorden op een rij komen letterlijk uit de handreiking "
                      f"('{copied[0]}'); schrijf dit in eigen woorden")]
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return []
    return [finding for key, value in items for finding in copied_findings(value, (*loc, key))]


def glossary_findings(glossary: Glossary) -> list[Finding]:
    """Duplicate term ids, and a word form that two terms claim (the finder could not choose)."""
    findings = _duplicate_ids([term.id for term in glossary.terms], ("terms",))
    owner: dict[str, str] = {}
    for index, term in enumerate(glossary.terms):
        for word in term.words:
            key = word.casefold()
            if key in owner and owner[key] != term.id:
                findings.append(
                    (("terms", index), f"het woord '{word}' hoort ook al bij begrip '{owner[key]}'")
                )
            owner.setdefault(key, term.id)
    return findings


def course_findings(course: CoursePlan, modules: KnownModules, exercise_ids: set[str]) -> list[Finding]:
    """Blocks name existing modules (each module once in the whole plan) and existing exercises."""
    findings = _duplicate_ids([block.id for block in course.blocks], ("blocks",))
    planned: set[str] = set()
    for index, block in enumerate(course.blocks):
        for position, module_id in enumerate(block.modules):
            loc = ("blocks", index, "modules", position)
            if module_id not in modules:
                findings.append(
                    (loc, f"module '{module_id}' bestaat niet (geen bestand modules/{module_id}.yaml)")
                )
            elif module_id in planned:
                findings.append((loc, f"module '{module_id}' staat al in een eerder blok"))
            planned.add(module_id)
        for position, exercise_id in enumerate(block.exercises):
            if exercise_id not in exercise_ids:
                findings.append(
                    (
                        ("blocks", index, "exercises", position),
                        f"oefening '{exercise_id}' bestaat niet (geen bestand exercises/{exercise_id}.yaml)",
                    )
                )
    return findings


def _undefined_terms(used: list[str], terms: KnownTerms) -> list[Finding]:
    """A finding for every listed term the glossary does not define (unknowable when it is broken)."""
    if terms is None:
        return []
    return [
        (("terms", index), f"begrip '{term_id}' staat niet in {GLOSSARY_FILE}")
        for index, term_id in enumerate(used)
        if term_id not in terms
    ]


def _missing_item(modules: KnownModules, module_id: str, item_id: str) -> str | None:
    """Why ``item_id`` cannot be found in ``module_id``, or None when it can (or cannot be told)."""
    if module_id not in modules:
        return f"'{item_id}' verwijst naar module '{module_id}', maar die bestaat niet"
    module = modules[module_id]
    if module is None or any(item.id == item_id for item in module.items):
        return None
    known = ", ".join(item.id for item in module.items)
    return f"'{item_id}' is geen item van module '{module_id}' (wel: {known})"


def _duplicate_ids(ids: Iterable[str], loc: Loc, by_position: bool = False) -> list[Finding]:
    """A finding for every repeat of an id; the loc points at the repeated entry's id."""
    seen: set[str] = set()
    findings = []
    for index, value in enumerate(ids):
        if value in seen:
            where = (*loc, index) if by_position else (*loc, index, "id")
            findings.append((where, f"id '{value}' komt vaker voor; elke id moet uniek zijn"))
        seen.add(value)
    return findings
