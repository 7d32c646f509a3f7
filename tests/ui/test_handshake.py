"""The Voilà kernel handshake: the warm-up before the visit leaves the visit only data to read."""

from __future__ import annotations

import os
import subprocess
import sys


def test_the_warm_up_leaves_no_page_anything_to_import(tmp_path, scanner_service):
    """What a kernel does before its visitor arrives (or while the browser starts) covers every
    page's imports, so the visit itself only reads today's data and makes widgets; and what it
    loaded is kept out of later garbage collections."""
    env = {**os.environ, "WERKBOEK_DATABASE_URL": f"sqlite:///{tmp_path / 'casebook.sqlite'}",
           "WERKBOEK_CASEBOOK_DIR": str(tmp_path), "WERKBOEK_SCANNER_URL": scanner_service}
    subprocess.run([sys.executable, "-m", "werkboek.cli", "init"], env=env, check=True,
                   capture_output=True)
    code = (
        "import gc, importlib, sys\n"
        "from werkboek.ui import handshake, registry, shell\n"
        "handshake.warm_up()\n"
        "frozen = gc.get_freeze_count()\n"
        "before = set(sys.modules)\n"
        "for page in registry.PAGES:\n"
        "    shell.build_page(importlib.import_module(f'werkboek.ui.pages.{page.module}').build)\n"
        "new = [m for m in set(sys.modules) - before\n"
        "       if m.split('.')[0] in ('werkboek', 'mistune', 'sqlalchemy', 'pydantic')]\n"
        "print(frozen, ','.join(sorted(new)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            check=True)
    frozen, _, new = result.stdout.strip().partition(" ")
    assert new == ""
    assert int(frozen) > 10_000
