"""Page kernels stay fast: importing the store does not pull in pandas or deduce."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_casebook_does_not_import_pandas_or_deduce():
    code = (
        "import sys, werkboek.casebook; "
        "print(sorted(m for m in ('pandas', 'deduce', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
