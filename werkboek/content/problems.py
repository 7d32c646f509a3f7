"""Problems found in course content, in Dutch, each naming its file, field and line.

``Problem`` is one finding; ``ContentError`` carries all of them. ``validation_message``
turns a pydantic error into the Dutch sentence a trainer reads in ``werkboek check-content``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content: which file, which field, what, and on which line."""

    file: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, regel {self.line}"
        if self.field:
            return f"{where}, veld '{self.field}': {self.message}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """The content could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        heading = "1 probleem" if count == 1 else f"{count} problemen"
        lines = "\n".join(f"- {problem}" for problem in self.problems)
        super().__init__(f"De inhoud bevat {heading}:\n{lines}")


_FIXED_MESSAGES = {
    "missing": "verplicht veld ontbreekt",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_type": "moet true of false zijn",
    "bool_parsing": "moet true of false zijn",
    "list_type": "moet een lijst zijn (regels die met '- ' beginnen)",
    "model_type": "moet een blok met velden zijn",
    "model_attributes_type": "moet een blok met velden zijn",
    "dict_type": "moet een blok met velden zijn",
}

SOURCE_HINT = 'moet beginnen met een paragraafnummer uit de handreiking, bijvoorbeeld "§5.4"'
ID_HINT = "moet een id zijn van kleine letters, cijfers en streepjes, bijvoorbeeld 'samen-duiden'"


def validation_message(error: dict) -> str:
    """The Dutch sentence for one entry of ``ValidationError.errors()``."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind in _FIXED_MESSAGES:
        return _FIXED_MESSAGES[kind]
    if kind == "extra_forbidden":
        return "onbekend veld; controleer de spelling (de README noemt alle velden)"
    if kind in ("enum", "literal_error"):
        label = "onbekend vastlegtype" if error["loc"][-1:] == ("capture",) else "onbekende waarde"
        return f"{label} '{error['input']}'; kies uit: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return SOURCE_HINT if error["loc"][-1:] == ("source",) else ID_HINT
    if kind == "too_short":
        return f"moet minstens {ctx.get('min_length', 1)} onderdeel bevatten"
    if kind == "greater_than_equal":
        return f"moet minstens {ctx['ge']} zijn"
    if kind == "less_than_equal":
        return f"mag hoogstens {ctx['le']} zijn"
    if kind == "value_error":
        return str(ctx["error"])
    return f"ongeldige waarde ({error['msg']})"
