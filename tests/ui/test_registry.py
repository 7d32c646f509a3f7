"""The page registry: every page has its notebook and a module that builds it, and stays light."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from werkboek.ui import registry

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def test_every_page_has_its_notebook_and_a_build():
    assert {p.notebook for p in registry.PAGES} == {n.stem for n in NOTEBOOKS.glob("*.ipynb")}
    for page in registry.PAGES:
        module = importlib.import_module(f"werkboek.ui.pages.{page.module}")
        assert registry.page_for(module.build) is page
        assert registry.page_href(page.notebook) == f"{page.notebook}.ipynb"


@pytest.mark.parametrize("page", [p.module for p in registry.PAGES])
def test_page_module_imports_stay_light(page):
    """A page module must not pull in pandas, plotly, deduce or SQLAlchemy just by being imported."""
    code = (
        f"import sys; import werkboek.ui.shell, werkboek.ui.pages.{page}; "
        "heavy = [m for m in ('pandas', 'plotly', 'deduce', 'sqlalchemy') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
