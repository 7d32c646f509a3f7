"""Dutch names for what entries and actions refer to by id: cases, sessions, exercise steps,
dialogue levels, tension fields, principles and roles."""

from __future__ import annotations

from werkboek.clock import day
from werkboek.content.answer_words import poles_of, position_words
from werkboek.ui.entry_view import step_title
from werkboek.ui.reflection.views import tag_labels, titles
from werkboek.vocab import LEVEL_MODULE, PRINCIPLE_MODULE, TENSION_MODULE, role_label


class Labels:
    """The look-ups of one team's casebook, read once per refresh of the filters."""

    def __init__(self, content, cases, sessions):
        self.content = content
        self.case_titles = {case.id: case.title for case in cases}
        self.sessions = {session.id: session for session in sessions}
        self.levels = titles(content, LEVEL_MODULE)
        self.tensions = titles(content, TENSION_MODULE)
        self.principles = titles(content, PRINCIPLE_MODULE)

    def case(self, case_id: int | None) -> str:
        return self.case_titles.get(case_id, "") if case_id is not None else ""

    def session(self, session_id: int | None) -> str:
        """'Bespreking van 12-03-2026 · case title', or '' for an answer outside a session."""
        session = self.sessions.get(session_id) if session_id is not None else None
        if session is None:
            return ""
        case = self.case(session.case_id)
        return f"Bespreking van {day(session.held_on)}" + (f" · {case}" if case else "")

    def step(self, entry) -> str:
        return step_title(self.content, entry)

    def position(self, entry) -> str:
        """Where a position lies, in the words of its tension field's poles ('' without one)."""
        if entry.position is None:
            return ""
        return position_words(entry.position, poles_of(self.content, entry.tension))

    def scale(self, entry):
        """The scale (min, max) of the entry's step, when that step asks for a score."""
        try:
            return self.content.exercise(entry.exercise).step(entry.step).scale
        except KeyError:
            return None

    def tags(self, entry) -> list[str]:
        return tag_labels(self.content, entry)

    @staticmethod
    def role(role: str) -> str:
        return role_label(role)
