"""Read-only views of course content: a module's summary, its items as cards, its exercises;
each text with the glossary words it uses explained."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

import ipywidgets as w

from werkboek.content.glossary_html import terms_html
from werkboek.markup import esc, markdown_html
from werkboek.ui.kit import full_width
from werkboek.ui.registry import page_href

SESSION_PAGE = "Casusbespreking"


def exercise_href(exercise_id: str) -> str:
    return f"Oefeningen.ipynb?oefening={exercise_id}"


def team_session_href(exercise_id: str) -> str:
    """The session page with ``exercise_id`` chosen in its start form."""
    return f"{page_href(SESSION_PAGE)}?oefening={quote(exercise_id)}"


def item_card(content, item) -> str:
    """One item of a model: title, source, text; poles, direction and examples when it has them."""
    parts = [f'<div class="wb-card wb-item" id="item-{esc(item.id)}"><h3>{esc(item.title)}</h3>']
    if item.pole_a and item.pole_b:
        parts.append(
            f'<div class="wb-poles"><span class="wb-pole-a">◀ {esc(item.pole_a)}</span>'
            f'<span class="wb-pole-b">{esc(item.pole_b)} ▶</span></div>'
        )
    parts.append(markdown_html(item.text))
    if item.direction:
        parts.append(f"<p><strong>Richting uit de handreiking</strong></p>{markdown_html(item.direction)}")
    if item.examples:
        examples = "".join(f"<li>{esc(example)}</li>" for example in item.examples)
        parts.append(
            "<details><summary>Voorbeelden (kijk pas als je zelf hebt nagedacht)</summary>"
            f"<ul>{examples}</ul></details>"
        )
    parts.append(terms_html(content, item.text, item.direction))
    parts.append(f'<p class="wb-source">Bron: handreiking {esc(item.source)}</p></div>')
    return "".join(parts)


def module_intro(content, module) -> str:
    return (f"{markdown_html(module.summary)}{terms_html(content, module.summary)}"
            f'<p class="wb-source">Bron: handreiking {esc(module.source)}</p>')


def exercise_links(content, module_id: str) -> str:
    exercises = content.exercises_of(module_id)
    if not exercises:
        return ""
    links = "".join(
        f'<li><a href="{exercise_href(e.id)}">{esc(e.title)}</a></li>' for e in exercises
    )
    return f"<h2>Oefeningen</h2><ul class=\"wb-exercise-links\">{links}</ul>"


def module_view(content, module_id: str, groups: Sequence[tuple[str, str]] = ()) -> w.Widget:
    """A module as a page body; ``groups`` = (group id, heading) splits the items in sets."""
    module = content.module(module_id)
    parts = [module_intro(content, module)]
    if groups:
        columns = []
        for group, heading in groups:
            cards = "".join(item_card(content, i) for i in module.items if i.group == group)
            columns.append(f'<section class="wb-group"><h2>{esc(heading)}</h2>{cards}</section>')
        parts.append(f'<div class="wb-principles">{"".join(columns)}</div>')
    else:
        parts.append("".join(item_card(content, item) for item in module.items))
    parts.append(exercise_links(content, module_id))
    view = w.HTML("".join(parts), layout=full_width())
    view.add_class("wb-module")
    return view
