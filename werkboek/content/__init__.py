"""Course content as data: modules and exercises in YAML, validated with pydantic.

``load_content()`` gives the validated ``Content``; ``check_content()`` lists every
``Problem`` in Dutch, naming file, field and line.
"""

from werkboek.content.catalog import Content
from werkboek.content.glossary import Glossary, Term, TermMatch
from werkboek.content.loader import check_content, load_content
from werkboek.content.models import (
    CaptureType,
    CourseBlock,
    CoursePlan,
    Exercise,
    FacilitatorScript,
    Item,
    Module,
    Option,
    Reply,
    Scale,
    Step,
    TrainerNote,
)
from werkboek.content.problems import ContentError, Problem

__all__ = [
    "CaptureType",
    "Content",
    "ContentError",
    "CourseBlock",
    "CoursePlan",
    "Exercise",
    "FacilitatorScript",
    "Glossary",
    "Item",
    "Module",
    "Option",
    "Problem",
    "Reply",
    "Scale",
    "Step",
    "Term",
    "TermMatch",
    "TrainerNote",
    "check_content",
    "load_content",
]
