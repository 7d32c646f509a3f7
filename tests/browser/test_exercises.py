"""Every exercise runs from data, in real Chromium from a real `werkboek serve`.

A new exercise written only as YAML (in a copy of the content) passes `werkboek check-content`
and runs to the end; every existing exercise runs to the end too, each step answered.
Screenshots of every step: test-artifacts/screenshots/exercise-<id>-<n>.png.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, ROOT, serving
from tests.browser.test_reflection import no_errors, slide

pytestmark = pytest.mark.browser

SLOW = 60_000
NEW_EXERCISE = "leefgebieden-proef"
NEW_EXERCISE_YAML = """\
id: leefgebieden-proef
title: "Proefoefening: een korte blik op de leefgebieden"
module: leefgebieden
source: "§1.2"
intro: |
  Een korte oefening om te laten zien dat een nieuwe oefening alleen uit data bestaat.
  Alles in deze oefening is fictief.
audience: [persoonlijk]
steps:
  - id: eerste-indruk
    title: "Eerste indruk"
    prompt: "Wat valt je als eerste op aan deze fictieve bewoner?"
    capture: text
  - id: rust
    title: "Hoeveel rust is er?"
    prompt: "Hoeveel rust ervaart zij nu, denk je?"
    capture: scale
    scale: {min: 0, max: 10, low: "geen rust", high: "veel rust"}
  - id: zorgen
    title: "Waar zitten de zorgen?"
    prompt: "Op welke leefgebieden zie je de meeste zorgen?"
    capture: multi_choice
    options_from: leefgebieden
"""
# Every exercise of the content, by its file name (the runner shows each one from its data).
EXISTING = tuple(sorted(path.stem for path in (ROOT / "exercises").glob("*.yaml")))


@pytest.fixture(scope="module")
def content_dir(tmp_path_factory) -> Path:
    """A copy of the course content with one extra exercise, written only as data."""
    folder = tmp_path_factory.mktemp("content")
    for part in ("modules", "exercises"):
        shutil.copytree(ROOT / part, folder / part)
    (folder / "exercises" / f"{NEW_EXERCISE}.yaml").write_text(NEW_EXERCISE_YAML, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def exercise_server(tmp_path_factory, content_dir, scanner_service):
    """A second `werkboek serve` on a fresh casebook, reading the copied content."""
    url = f"sqlite:///{tmp_path_factory.mktemp('exercise-casebook') / 'casebook.sqlite'}"
    env = {"WERKBOEK_DATABASE_URL": url, "WERKBOEK_SCANNER_URL": scanner_service,
           "WERKBOEK_CONTENT_DIR": str(content_dir)}
    subprocess.run([sys.executable, "-m", "werkboek.cli", "init"], env={**os.environ, **env},
                   check=True)
    with serving(env, "serve-exercises.log") as base:
        yield base, url


def step_shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator(".wb-runner").first.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def answer_current_step(page, n: int) -> str:
    """Fill in whatever the current step asks, the way a user would; returns the text typed."""
    runner = page.locator(".wb-runner")
    text = f"Fictief antwoord bij stap {n}."
    capture = runner.locator(".wb-capture").first
    for area in capture.locator("textarea").all():
        area.fill(text)
    for line in capture.locator("input[type=text]:not(.wb-day input)").all():
        line.fill(f"Fictief: taak {n}")
    for day in capture.locator(".wb-day input").all():
        day.fill("15-01-2027")  # dd-mm-jjjj, as the field shows
        day.press("Tab")
    radios = capture.locator("input[type=radio]")
    if radios.count():
        radios.nth(1).check()
    boxes = capture.locator("input[type=checkbox]")
    for i in range(min(2, boxes.count())):
        boxes.nth(i).check()
    for group in capture.locator(".wb-scale-buttons").all():
        group.locator("button").nth(7).click()
    slider = capture.locator(".wb-poles-slider .slider-container, .wb-poles-slider .noUi-target")
    if slider.count():
        slide(page, slider.first, 0.25)
    page.wait_for_timeout(400)
    return text


def run_exercise(page, base: str, exercise_id: str) -> list[str]:
    """Open ``?oefening=<id>``, answer every step, finish; returns the texts typed."""
    page.set_viewport_size({"width": 1000, "height": 2000})  # whole steps in the screenshots
    page.goto(f"{base}voila/render/Oefeningen.ipynb?oefening={exercise_id}")
    page.wait_for_selector(".wb-runner .wb-progress:text-matches('(Stap|Onderdeel) 1 van')",
                           timeout=SLOW)
    total = int(page.inner_text(".wb-runner .wb-progress").split(" van ")[1])
    texts = []
    for n in range(1, total + 1):
        page.wait_for_selector(f".wb-progress:text-matches('(Stap|Onderdeel) {n} van')",
                               timeout=SLOW)
        texts.append(answer_current_step(page, n))
        step_shot(page, f"exercise-{exercise_id}-{n}")
        page.click(".wb-runner .wb-next")
    page.wait_for_selector(".wb-summary", timeout=SLOW)
    step_shot(page, f"exercise-{exercise_id}-summary")
    no_errors(page)
    return texts


def test_the_new_exercise_passes_the_content_check(content_dir):
    done = subprocess.run(
        [sys.executable, "-m", "werkboek.cli", "check-content", "--content-dir", str(content_dir)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(EXISTING) + 1} oefeningen" in done.stdout


def test_a_new_exercise_written_as_data_runs_and_is_stored(exercise_server, page):
    from werkboek.casebook import open_casebook

    base, url = exercise_server
    run_exercise(page, base, NEW_EXERCISE)
    summary = page.inner_text(".wb-summary")
    assert "Fictief antwoord bij stap 1." in summary
    assert "7 (van 0 tot 10)" in summary
    assert "Eerste indruk" in summary and "Waar zitten de zorgen?" in summary
    cb = open_casebook(url)
    entries = cb.entries(cb.local_viewer(), exercise=NEW_EXERCISE)
    by_step = {e.step: e for e in entries}
    assert len(entries) == 3 and set(by_step) == {"eerste-indruk", "rust", "zorgen"}
    assert all(e.module == "leefgebieden" and e.status == "final" for e in entries)
    assert by_step["eerste-indruk"].text == "Fictief antwoord bij stap 1."
    assert by_step["rust"].value == 7
    chosen = by_step["zorgen"].value
    assert len(chosen) == 2
    for domain in chosen:
        assert _content().item("leefgebieden", domain).title in summary


@pytest.mark.parametrize("exercise_id", EXISTING)
def test_existing_exercises_run_to_the_end(exercise_server, page, exercise_id):
    from werkboek.casebook import open_casebook

    base, url = exercise_server
    run_exercise(page, base, exercise_id)
    summary = page.inner_text(".wb-summary")
    exercise = _content().exercise(exercise_id)
    for step in exercise.steps:
        assert step.title in summary
    assert "Nog geen" not in summary and "Niets gekozen" not in summary  # every step answered
    cb = open_casebook(url)
    entries = cb.entries(cb.local_viewer(), exercise=exercise_id, status="final")
    assert {e.step for e in entries} >= {s.id for s in exercise.steps}
    assert all(e.module == exercise.module for e in entries)


def test_scale_labels_show_on_every_scales_step(exercise_server, page):
    base, _url = exercise_server
    page.goto(f"{base}voila/render/Oefeningen.ipynb?oefening=leefgebieden-profiel")
    page.wait_for_selector(".wb-runner .wb-capture-scales", timeout=SLOW)
    ends = page.inner_text(".wb-capture-scales")
    assert "0 = redt het hier zelf" in ends and "10 = heeft hier veel steun nodig" in ends
    assert ends.count("0 = redt het hier zelf") == 1  # once above the ten life domains


def _content():
    from werkboek.content import load_content

    return load_content()
