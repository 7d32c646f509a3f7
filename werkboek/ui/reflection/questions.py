"""The personal question bank: the questions written in the exercise "Vragen stellen"."""

from __future__ import annotations

from werkboek.markup import esc, paragraphs
from werkboek.vocab import QUESTION_KIND

QUESTIONS_EXERCISE = "vragen-stellen"


def my_questions(cb, viewer) -> list:
    return cb.entries(viewer, kind=QUESTION_KIND, author_id=viewer.member_id, newest_first=True)


def question_bank_html(content, entries) -> str:
    """Questions grouped by question type (the exercise's steps), newest first."""
    exercise = content.exercise(QUESTIONS_EXERCISE)
    groups = []
    for step in exercise.steps:
        mine = [e for e in entries if e.step == step.id and e.text.strip()]
        if mine:
            rows = "".join(f"<li>{paragraphs(e.text)}</li>" for e in mine)
            groups.append(f"<h4>{esc(step.title)}</h4><ul>{rows}</ul>")
    if not groups:
        return ("<p>Je vragenbank is nog leeg. De vragen die je bedenkt in de oefening 'Vragen "
                "stellen' (pagina Dialoog) komen hier te staan.</p>")
    return "".join(groups)
