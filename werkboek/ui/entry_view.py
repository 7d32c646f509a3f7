"""Read-back of casebook entries as escaped HTML: what someone wrote, for which exercise step."""

from __future__ import annotations

from werkboek.ui.markup import esc, paragraphs


def value_html(value) -> str:
    """Any stored value shape (number, id, list, dict of texts or scores) as escaped HTML."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, dict):
        rows = "".join(
            f"<li>{esc(key)}: {paragraphs(val)}</li>" for key, val in value.items() if val not in ("", None)
        )
        return f"<ul>{rows}</ul>"
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{esc(v)}</li>" for v in value) + "</ul>"
    return f"<p>{esc(value)}</p>"


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
        f"{text}{value_html(entry.value)}</div>"
    )
