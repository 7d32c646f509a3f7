"""Find, parse, validate and cache the course content of one content folder.

``modules/`` holds one file per module plus two optional files whose names start with ``_``:
the glossary (``_begrippen.yaml``) and the course plan (``_cursusplan.yaml``).
``check_content`` collects every problem in ``modules/`` and ``exercises/``, text copied from
the practice guide included; ``load_content`` returns the ``Content`` or raises ``ContentError``
with all problems but copied text (pages keep working while a trainer rewrites it).
Loaded content is cached per folder and reloaded as soon as a file is added,
removed or changed (its mtime or size differs).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from werkboek.content.catalog import Content
from werkboek.content.checks import (
    Finding,
    copied_findings,
    course_findings,
    exercise_findings,
    glossary_findings,
    module_findings,
)
from werkboek.content.glossary import Glossary
from werkboek.content.models import CoursePlan, Exercise, Module
from werkboek.content.problems import ContentError, Problem, validation_message
from werkboek.content.yaml_source import YamlSource, read_yaml
from werkboek.settings import get_settings

MODULES_DIR = "modules"
EXERCISES_DIR = "exercises"
SUFFIX = ".yaml"
GLOSSARY_NAME = "_begrippen"  # modules/_begrippen.yaml
COURSE_NAME = "_cursusplan"  # modules/_cursusplan.yaml
SPECIAL = {GLOSSARY_NAME: Glossary, COURSE_NAME: CoursePlan}  # files in modules/ that are no module

Fingerprint = tuple[tuple[str, int, int], ...]

M = TypeVar("M", bound=BaseModel)

_cache: dict[Path, tuple[Fingerprint, Content]] = {}


def load_content(content_dir: Path | None = None) -> Content:
    """The validated content of ``content_dir`` (default: the configured content folder)."""
    folder = _folder(content_dir)
    fingerprint = _fingerprint(folder)
    cached = _cache.get(folder)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    content, problems = _scan(folder)
    if problems:
        raise ContentError(problems)
    _cache[folder] = (fingerprint, content)
    return content


def check_content(content_dir: Path | None = None) -> list[Problem]:
    """Every problem in the content of ``content_dir``; an empty list means all is well."""
    folder = _folder(content_dir)
    try:
        load_content(folder)
        problems = []
    except ContentError as exc:
        problems = exc.problems
    return problems + _copied_problems(folder)


def _copied_problems(folder: Path) -> list[Problem]:
    """Every text in a content file that has a run of eight words from the practice guide."""
    problems = []
    for kind in (MODULES_DIR, EXERCISES_DIR):
        for path in sorted((folder / kind).glob(f"*{SUFFIX}")):
            source = read_yaml(path, f"{kind}/{path.name}")
            if isinstance(source, YamlSource):
                problems += _problems(source, copied_findings(source.data))
    return problems


def _problems(source: YamlSource, findings: list[Finding]) -> list[Problem]:
    return [source.problem(loc, message) for loc, message in findings]


def _folder(content_dir: Path | None) -> Path:
    if content_dir is None:
        content_dir = get_settings().content_dir
    return Path(content_dir).resolve()


def _fingerprint(folder: Path) -> Fingerprint:
    entries = []
    for kind in (MODULES_DIR, EXERCISES_DIR):
        try:
            with os.scandir(folder / kind) as scan:
                for entry in scan:
                    stat = entry.stat()
                    entries.append((f"{kind}/{entry.name}", stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            entries.append((kind, -1, -1))
    return tuple(sorted(entries))


def _scan(folder: Path) -> tuple[Content, list[Problem]]:
    problems: list[Problem] = []
    modules = _parse_kind(folder, MODULES_DIR, Module, problems)
    exercises = _parse_kind(folder, EXERCISES_DIR, Exercise, problems)
    glossary_found = GLOSSARY_NAME in modules
    glossary_source, glossary = modules.pop(GLOSSARY_NAME, (None, None))
    course_source, course = modules.pop(COURSE_NAME, (None, None))
    known_modules = {module_id: model for module_id, (_, model) in modules.items()}
    if glossary is not None:
        terms: set[str] | None = glossary.ids
    else:  # no glossary file: no term is defined; a broken one: its own problems say why
        terms = None if glossary_found else set()

    for source, module in modules.values():
        if module is not None:
            problems += _problems(source, module_findings(module, known_modules, set(exercises),
                                                          terms))
    for source, exercise in exercises.values():
        if exercise is not None:
            problems += _problems(source, exercise_findings(exercise, known_modules, terms))
    if glossary is not None:
        problems += _problems(glossary_source, glossary_findings(glossary))
    if course is not None:
        problems += _problems(course_source, course_findings(course, known_modules,
                                                              set(exercises)))
    content = Content(
        modules={key: model for key, (_, model) in modules.items() if model is not None},
        exercises={key: model for key, (_, model) in exercises.items() if model is not None},
        glossary=glossary,
        course=course,
    )
    return content, problems


def _parse_kind(
    folder: Path, kind: str, model: type[M], problems: list[Problem]
) -> dict[str, tuple[YamlSource | None, BaseModel | None]]:
    """Parse and validate every file of one kind, keyed by file name without suffix.

    A broken file is kept with model None, so that references to it count as
    existing and its problems are not reported a second time by other files.
    """
    directory = folder / kind
    if not directory.is_dir():
        problems.append(Problem(f"{kind}/", "", f"de map {kind}/ ontbreekt in {folder}"))
        return {}
    parsed: dict[str, tuple[YamlSource | None, BaseModel | None]] = {}
    for path in sorted(directory.iterdir()):
        name = f"{kind}/{path.name}"
        if path.suffix == ".yml":
            problems.append(Problem(name, "", f"hernoem het bestand naar {path.stem}{SUFFIX}"))
            continue
        if path.suffix != SUFFIX or path.is_dir():
            continue
        schema = model
        if path.stem.startswith("_"):
            schema = SPECIAL.get(path.stem) if kind == MODULES_DIR else None
            if schema is None:
                known = ", ".join(f"{stem}{SUFFIX}" for stem in SPECIAL)
                problems.append(Problem(name, "", f"onbekend bestand; in modules/ mogen alleen {known} "
                                        "met een liggend streepje beginnen"))
                continue
        source = read_yaml(path, name)
        parsed[path.stem] = (None, None)
        if isinstance(source, Problem):
            problems.append(source)
            continue
        if not isinstance(source.data, dict):
            problems.append(
                Problem(name, "", "het bestand moet een blok met velden zijn (id:, title:, ...)", 1)
            )
            continue
        file_id = source.data.get("id")
        if schema is model and isinstance(file_id, str) and file_id != path.stem:
            problems.append(
                source.problem(
                    ("id",), f"id '{file_id}' moet gelijk zijn aan de bestandsnaam '{path.stem}'"
                )
            )
        try:
            parsed[path.stem] = (source, schema.model_validate(source.data))
        except ValidationError as exc:
            parsed[path.stem] = (source, None)
            problems.extend(
                source.problem(error["loc"], validation_message(error)) for error in exc.errors()
            )
    return parsed
