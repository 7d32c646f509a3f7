"""The import contract of pyproject.toml ([tool.importlinter]) holds: content -> casebook ->
session | course -> ui -> report -> cli, the reports never import the pages, and the server never
imports page code. A wrong arrow, also one inside a function, fails here. An import of werkboek
inside a function says why it waits there, in a comment."""

import ast
import io
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contract_holds():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def _deferred_without_why(path: Path) -> list[str]:
    """``file:line`` of each werkboek import inside a function with no comment on its line(s),
    nor on the line directly above it or above its block of consecutive imports."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    commented = {token.start[0] for token in tokens if token.type == tokenize.COMMENT}
    tree = ast.parse(source)
    import_lines = {line for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
                    for line in range(node.lineno, node.end_lineno + 1)}
    missing = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [])
            if not any(name.split(".")[0] == "werkboek" for name in names):
                continue
            if commented & set(range(node.lineno, node.end_lineno + 1)):
                continue
            above = node.lineno - 1
            while above in import_lines:
                above -= 1
            if not lines[above - 1].lstrip().startswith("#"):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return sorted(set(missing))


def test_every_import_inside_a_function_says_why():
    """An import of werkboek waits inside a function only for a reason (a fast ``--help``, the page
    frame first, no SQLAlchemy, privacy package or deduce before they are needed, a cycle), and
    says which in a ``#`` comment on its line or directly above it (or above its block)."""
    missing = [where for path in sorted((ROOT / "werkboek").rglob("*.py"))
               for where in _deferred_without_why(path)]
    assert not missing, "imports inside a function without a why:\n" + "\n".join(missing)
