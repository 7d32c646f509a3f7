"""An answer's stored value in the Dutch words of its step: option labels instead of ids, the
poles of a position, "Wie"/"Klaar" for an action, the parts of a polarity map. Plain text
lines; whoever shows them escapes them (HTML) or writes them as they are (Markdown)."""

from __future__ import annotations

import contextlib
from datetime import date

from werkboek.content.models import OPTION_CAPTURES, TENSION_CAPTURES, CaptureType
from werkboek.vocab import TENSION_MODULE

MAP_PARTS = {"a_up": "Goede kant van {a}", "a_down": "Valkuil van {a}",
             "b_up": "Goede kant van {b}", "b_down": "Valkuil van {b}",
             "warning_signs": "Signalen dat de balans zoek raakt", "what_helps": "Wat helpt"}


def position_words(position: float, poles: tuple[str, str]) -> str:
    """Where a position lies: the nearer pole, and how far along the line from A (0) to B (100)."""
    pole_a, pole_b = poles
    if position == 0.5:
        return "precies in het midden"
    toward = pole_a if position < 0.5 else pole_b
    return f"dichter bij {toward} (op {round(position * 100)} van 100)"


def poles_of(content, tension: str | None) -> tuple[str, str]:
    if not tension:
        return "pool A", "pool B"
    try:
        item = content.item(TENSION_MODULE, tension)
    except KeyError:
        return "pool A", "pool B"
    return item.pole_a, item.pole_b


def action_lines(value: dict) -> list[str]:
    """What, who and when of a follow-up action."""
    due = value.get("due") or "nog geen datum"
    with contextlib.suppress(ValueError):  # an odd date is shown as it was stored
        due = date.fromisoformat(due).strftime("%d-%m-%Y")
    return [value.get("what", ""), f"Wie: {value.get('owner') or '—'} · Klaar: {due}"]


def _step_of(content, entry):
    try:
        exercise = content.exercise(entry.exercise)
        return exercise, exercise.step(entry.step)
    except KeyError:
        return None, None


def answer_lines(content, entry, tension: str | None = None) -> list[str]:
    """The value of ``entry`` in words, one line per part ([] without a value). ``tension`` is
    the session's tension field, for a step without its own."""
    value = entry.value
    if value is None or isinstance(value, bool) or value in ("", [], {}):
        return []
    exercise, step = _step_of(content, entry)
    capture = step.capture if step else None
    if isinstance(value, dict) and "what" in value:
        return action_lines(value)
    if capture is None and entry.position is not None and isinstance(value, int | float):
        return [position_words(float(value), poles_of(content, entry.tension or tension))]
    if capture in TENSION_CAPTURES:
        poles = poles_of(content, step.tension or entry.tension or tension)
        if isinstance(value, int | float):
            return [position_words(float(value), poles)]
        if isinstance(value, dict):
            return [f"{label.format(a=poles[0], b=poles[1])}: {value[part]}"
                    for part, label in MAP_PARTS.items() if str(value.get(part) or "").strip()]
    if capture in OPTION_CAPTURES:
        labels = {o.id: o.label for o in content.options_for(step, exercise)}
        if isinstance(value, dict):
            return [f"{labels.get(key, key)}: {score}" for key, score in value.items()]
        chosen = [value] if isinstance(value, str) else list(value)
        return [", ".join(labels.get(c, str(c)) for c in chosen)]
    if capture == CaptureType.SCALE and step.scale is not None and isinstance(value, int | float):
        return [f"Score {value} (van {step.scale.min} tot {step.scale.max})"]
    if isinstance(value, dict):
        return [f"{key}: {val}" for key, val in value.items() if val not in ("", None)]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]
