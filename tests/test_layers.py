"""The import contract of pyproject.toml ([tool.importlinter]) holds: content -> casebook ->
session | course -> ui -> report -> cli, the reports never import the pages, and the server never
imports page code. A wrong arrow, also one inside a function, fails here."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contract_holds():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout
