"""Read-back of casebook entries as escaped HTML: what someone wrote, for which exercise step."""

from __future__ import annotations

from werkboek.clock import entry_moment
from werkboek.content.answer_words import answer_lines
from werkboek.markup import esc, paragraphs
from werkboek.vocab import TENSION_MODULE


def answer_html(content, entry) -> str:
    """The entry's value in the words of its step (``answer_words``), escaped; '' without one."""
    lines = answer_lines(content, entry)
    if not lines:
        return ""
    if len(lines) == 1:
        return f"<p>{paragraphs(lines[0])}</p>"
    return "<ul>" + "".join(f"<li>{paragraphs(line)}</li>" for line in lines) + "</ul>"


# Parts of a page where people answer outside an exercise: (module, step) → their title.
PAGE_PARTS = {(TENSION_MODULE, "waar-sta-ik"): "Waar sta ik?"}


def step_title(content, entry) -> str:
    """'Exercise title · step title' when the content still knows them, 'Module · part' for an
    answer given in a page's own part, else the raw ids."""
    part = PAGE_PARTS.get((entry.module, entry.step)) if not entry.exercise else None
    if part is not None:
        try:
            return f"{content.module(entry.module).title} · {part}"
        except KeyError:
            return part
    try:
        exercise = content.exercise(entry.exercise)
    except KeyError:
        return " · ".join(p for p in (entry.exercise, entry.step) if p) or "Losse notitie"
    try:
        return f"{exercise.title} · {exercise.step(entry.step).title}"
    except KeyError:
        return exercise.title


def entry_card(content, entry) -> str:
    when = entry_moment(entry)
    status = " · concept" if entry.status == "draft" else ""
    text = f"<p>{paragraphs(entry.text)}</p>" if entry.text else ""
    return (
        f'<div class="wb-card wb-entry"><div class="wb-source">{when}{status} · '
        f"{esc(entry.author)}</div><h3>{esc(step_title(content, entry))}</h3>"
        f"{text}{answer_html(content, entry)}</div>"
    )
