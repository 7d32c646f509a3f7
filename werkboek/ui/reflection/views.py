"""Small read-only views the reflection pages share: model cards, chart blocks, entry tags."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import ipywidgets as w

from werkboek.markup import esc
from werkboek.ui.content_view import item_card, module_intro
from werkboek.ui.kit import full_width
from werkboek.vocab import LEVEL_MODULE, PRINCIPLE_MODULE, TENSION_MODULE

TAG_MODULES = (("level", LEVEL_MODULE), ("tension", TENSION_MODULE))


@lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("werkboek.ui.reflection").joinpath("reflection.css").read_text("utf-8")


def page_root(*children: w.Widget) -> w.VBox:
    """A reflection page's body: its own styles, then ``children``."""
    style = w.HTML(f"<style>{_css()}</style>", layout=w.Layout(display="none"))
    return w.VBox([style, *children], layout=full_width())


def explanation(content, module_id: str, *, hide_directions: bool = False) -> w.HTML:
    """The module's summary and its items as cards. ``hide_directions`` keeps the guide's
    direction back, so people think for themselves before they see it."""
    module = content.module(module_id)
    items = module.items
    if hide_directions:
        items = [item.model_copy(update={"direction": None}) for item in items]
    view = w.HTML(module_intro(content, module) + "".join(item_card(content, i) for i in items),
                  layout=full_width())
    view.add_class("wb-module")
    return view


def chart_block(title: str, explanation_html: str, *widgets: w.Widget) -> w.VBox:
    """A heading (HTML, so it wraps on a phone), a line on how to read the chart, the chart."""
    head = w.HTML(f'<h3 class="wb-chart-title">{esc(title)}</h3>{explanation_html}',
                  layout=full_width())
    box = w.VBox([head, *widgets], layout=full_width())
    box.add_class("wb-chart")
    return box


def empty_note(text: str) -> w.HTML:
    note = w.HTML(f'<p class="wb-empty">{esc(text)}</p>', layout=full_width())
    note.add_class("wb-chart-empty")
    return note


def titles(content, module_id: str) -> dict[str, str]:
    return {item.id: item.title for item in content.items(module_id)}


def tag_labels(content, entry) -> list[str]:
    """Dutch names of the level, tension field and principles an entry is tagged with."""
    labels = []
    for field, module_id in TAG_MODULES:
        value = getattr(entry, field)
        if value:
            labels.append(titles(content, module_id).get(value, value))
    principles = titles(content, PRINCIPLE_MODULE)
    labels += [principles.get(p, p) for p in entry.principles]
    return labels


def bullet_list(texts: Iterable[str], css_class: str) -> str:
    rows = "".join(f"<li>{esc(t)}</li>" for t in texts)
    return f'<ul class="{css_class}">{rows}</ul>' if rows else ""
