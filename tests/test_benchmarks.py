"""The benchmarks stay runnable: every script imports and explains itself with --help.

Speed itself is measured by the benchmarks (benchmarks/README.md), never asserted here.
"""

import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py")
                 if p.stem not in ("__init__", "common", "casebooks", "served", "hubs"))


def test_run_all_runs_every_benchmark_script():
    from benchmarks.report import SECTIONS
    from benchmarks.run_all import BENCHMARKS

    scripts = set(SCRIPTS) - {"run_all", "report"}
    assert set(BENCHMARKS) == scripts
    assert set(SECTIONS) == scripts


@pytest.mark.parametrize("name", SCRIPTS)
def test_benchmark_script_shows_its_help(name):
    done = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_report_has_a_section_for_every_benchmark():
    from benchmarks.report import SECTIONS, render

    text = render()
    for name in SECTIONS:
        assert f"### {name}" in text


def test_readme_keeps_the_markers_the_report_writes_between():
    from benchmarks.report import END, README, START

    text = README.read_text()
    assert text.count(START) == 1 and text.count(END) == 1
    assert text.index(START) < text.index(END)


def test_generated_case_texts_are_marked_fictional_and_hold_no_numbers():
    from benchmarks.casebooks import fictional_text

    rng = random.Random(1)
    texts = [fictional_text(rng, 400) for _ in range(50)]
    assert all(text.startswith("Fictief") for text in texts)
    assert not any(ch.isdigit() for text in texts for ch in text)
    assert len(set(texts)) == len(texts)  # the scanner's cache must not flatter the scan times
