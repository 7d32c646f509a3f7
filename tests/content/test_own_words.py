"""The content is written in our own words: no sentence is copied from the practice guide."""

import re

import pytest
import yaml

from werkboek.settings import REPO_ROOT

# The guide lives in the steering repo's shared/ folder, next to this checkout (also in CI).
SEED = REPO_ROOT.parent / "shared" / "seed" / "handreiking-achter-de-voordeur.txt"
RUN = 8  # words in a row that count as a copied sentence


def words(text: str) -> list[str]:
    return re.sub(r"[\W_]+", " ", text.lower()).split()


def runs(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def texts(value) -> list[str]:
    """Every string in a loaded YAML document, keys excluded."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts(item)]
    return []


CONTENT_FILES = sorted((REPO_ROOT / "modules").glob("*.yaml")) + sorted(
    (REPO_ROOT / "exercises").glob("*.yaml")
)


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    if not SEED.exists():
        pytest.fail(f"the practice guide is needed for this check: {SEED}")
    return runs(SEED.read_text(encoding="utf-8"))


def test_the_check_recognises_a_copied_sentence(seed_runs):
    copied = "De buffers zijn: een solidaire samenleving, taakverdeling, metapositie van ouders"
    assert runs(copied) & seed_runs


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_run_of_eight_words_is_copied_from_the_guide(path, seed_runs):
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    copied = sorted(
        " ".join(run) for text in texts(document) for run in runs(text) if run in seed_runs
    )
    assert copied == [], f"{path.name} copies from the guide: {copied[:5]}"
