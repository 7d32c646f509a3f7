"""The Casebook page's own styles, as one hidden ``<style>`` widget."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import ipywidgets as w


@lru_cache(maxsize=1)
def _css() -> str:
    return resources.files("werkboek.ui.casebook_view").joinpath("casebook.css").read_text("utf-8")


def casebook_style() -> w.HTML:
    return w.HTML(f"<style>{_css()}</style>", layout=w.Layout(display="none"))
