"""Course content as data: modules and exercises in YAML, validated with pydantic.

``load_content()`` gives the validated ``Content``; ``check_content()`` lists every
``Problem`` in Dutch, naming file, field and line.
"""

from werkboek.content.catalog import Content
from werkboek.content.loader import check_content, load_content
from werkboek.content.models import (
    CaptureType,
    Exercise,
    Item,
    Module,
    Option,
    Scale,
    Step,
)
from werkboek.content.problems import ContentError, Problem

__all__ = [
    "CaptureType",
    "Content",
    "ContentError",
    "Exercise",
    "Item",
    "Module",
    "Option",
    "Problem",
    "Scale",
    "Step",
    "check_content",
    "load_content",
]
