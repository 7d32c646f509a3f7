"""The notebooks are thin, committed without outputs, and each executes headless against a fresh casebook."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = {
    "Start", "Oefeningen", "Casusbespreking", "Dialoog", "Spanningsvelden",
    "Principes", "Casebook", "Trainer", "Mijn-reflecties",
}


def test_every_page_has_its_notebook():
    assert {nb.stem for nb in NOTEBOOKS} >= EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_thin_and_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 1, "a page notebook holds one code cell that imports and shows its page"
    assert code[0].outputs == [] and code[0].execution_count is None
    assert "from werkboek.ui" in code[0].source
    assert len(code[0].source.splitlines()) <= 4


@pytest.fixture(scope="module")
def fresh_casebook(tmp_path_factory, scanner_service):
    path = tmp_path_factory.mktemp("nb-casebook") / "casebook.sqlite"
    url = f"sqlite:///{path}"
    env = {**os.environ, "WERKBOEK_DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "werkboek.cli", "init"], env=env, check=True)
    return {"WERKBOEK_DATABASE_URL": url, "WERKBOEK_SCANNER_URL": scanner_service}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes_headless_without_error(path, fresh_casebook, monkeypatch):
    for key, value in fresh_casebook.items():
        monkeypatch.setenv(key, value)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = repr(outputs)
    assert "Traceback" not in text
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
