"""Page "Trainer" (first version): every module of the course with its summary and exercises."""

from __future__ import annotations

import ipywidgets as w

from werkboek.ui.captures import full_width
from werkboek.ui.content_view import exercise_href
from werkboek.ui.markup import esc, markdown_html


def build() -> w.Widget:
    from werkboek.content import load_content

    content = load_content()
    parts = ["<p>Alle modules van de cursus, met hun oefeningen. Klik op een oefening om die te openen.</p>"]
    for module in content.modules.values():
        exercises = "".join(
            f'<li><a href="{exercise_href(e.id)}">{esc(e.title)}</a></li>'
            for e in content.exercises_of(module.id)
        )
        parts.append(
            f'<details class="wb-card wb-course-module"><summary><strong>{esc(module.title)}</strong> '
            f'<span class="wb-source">{esc(module.source)} · {len(module.items)} onderdelen</span></summary>'
            f"{markdown_html(module.summary)}{f'<ul>{exercises}</ul>' if exercises else ''}</details>"
        )
    view = w.HTML("".join(parts), layout=full_width())
    view.add_class("wb-trainer")
    return view
