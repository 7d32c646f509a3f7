"""Read-back of casebook entries as escaped HTML: what someone wrote, for which exercise step."""

from __future__ import annotations

from werkboek.ui.answer_words import answer_lines
from werkboek.ui.markup import esc, paragraphs


def answer_html(content, entry) -> str:
    """The entry's value in the words of its step (``answer_words``), escaped; '' without one."""
    lines = answer_lines(content, entry)
    if not lines:
        return ""
    if len(lines) == 1:
        return f"<p>{paragraphs(lines[0])}</p>"
    return "<ul>" + "".join(f"<li>{paragraphs(line)}</li>" for line in lines) + "</ul>"


def step_title(content, entry) -> str:
    """'Exercise title · step title' when the content still knows them, else the raw ids."""
    try:
        exercise = content.exercise(entry.exercise)
    except KeyError:
        return " · ".join(p for p in (entry.exercise, entry.step) if p) or "Losse notitie"
    try:
        return f"{exercise.title} · {exercise.step(entry.step).title}"
    except KeyError:
        return exercise.title


def entry_card(content, entry) -> str:
    when = entry.updated_at.strftime("%d-%m-%Y %H:%M")
    status = " · concept" if entry.status == "draft" else ""
    text = f"<p>{paragraphs(entry.text)}</p>" if entry.text else ""
    return (
        f'<div class="wb-card wb-entry"><div class="wb-source">{when}{status} · '
        f"{esc(entry.author)}</div><h3>{esc(step_title(content, entry))}</h3>"
        f"{text}{answer_html(content, entry)}</div>"
    )
