"""Loading is fast, cached, and picks up a trainer's edits without a restart."""

import os
import shutil

import pytest

from werkboek.content import ContentError, check_content, load_content
from werkboek.settings import REPO_ROOT


def test_loading_is_cached_until_a_file_changes(folder):
    first = load_content(folder.root)
    assert load_content(folder.root) is first

    folder.edit("modules/dialoog.yaml", "title: Dialoog", "title: Dialoog op vier niveaus")
    path = folder.root / "modules/dialoog.yaml"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    changed = load_content(folder.root)
    assert changed is not first
    assert changed.module("dialoog").title == "Dialoog op vier niveaus"


def test_a_new_file_is_picked_up(folder):
    load_content(folder.root)
    folder.write("modules/leeg.yaml", "")
    with pytest.raises(ContentError):
        load_content(folder.root)


def test_default_folder_comes_from_the_settings(folder, monkeypatch):
    monkeypatch.setenv("WERKBOEK_CONTENT_DIR", str(folder.root))
    assert list(load_content().exercises) == ["oefen"]


def test_unreadable_file_is_a_problem(folder):
    (folder.root / "modules/kapot.yaml").symlink_to(folder.root / "nergens.yaml")
    problems = check_content(folder.root)
    assert [(p.file, "kan het bestand niet lezen" in p.message) for p in problems] == [
        ("modules/kapot.yaml", True)
    ]


def test_lookups_and_their_dutch_errors(folder):
    content = load_content(folder.root)
    assert content.item("dialoog", "innerlijke-dialoog").title == "Innerlijke dialoog"
    assert [e.id for e in content.exercises_of("spanningsvelden")] == ["oefen"]
    assert content.exercises_of("dialoog") == []
    exercise = content.exercise("oefen")
    assert [o.id for o in content.options_for(exercise.step("keuze"), exercise)] == [
        "innerlijke-dialoog"
    ]
    with pytest.raises(KeyError, match="module 'onbekend' bestaat niet"):
        content.module("onbekend")
    with pytest.raises(KeyError, match="geen item 'x'"):
        content.item("dialoog", "x")
    with pytest.raises(KeyError, match="oefening 'x' bestaat niet"):
        content.exercise("x")
    with pytest.raises(KeyError, match="geen stap 'x'"):
        exercise.step("x")


def test_loaded_content_is_read_only(folder):
    module = load_content(folder.root).module("dialoog")
    with pytest.raises(ValueError):
        module.title = "Anders"


def test_the_real_content_is_parsed_once_and_again_only_after_a_change(tmp_path):
    # Speed itself is measured by the benchmarks; here: the cache serves a second load as is.
    for kind in ("modules", "exercises"):
        shutil.copytree(REPO_ROOT / kind, tmp_path / kind)
    first = load_content(tmp_path)
    assert load_content(tmp_path) is first
    changed = tmp_path / "modules" / "dialoog.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_content(tmp_path) is not first
