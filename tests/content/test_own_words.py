"""The content is written in our own words: no run of eight words is copied from the practice guide.

The guide itself is not in the repository; its fingerprint (``guide_fingerprint.bin``) is.
"""

import pytest
import yaml

from werkboek.content import check_content
from werkboek.content.checks import copied_findings
from werkboek.content.fingerprint import DIGEST_SIZE, build, copied_runs, guide_fingerprint, read
from werkboek.settings import REPO_ROOT

# A sentence of the guide (§5.4), as a trainer might paste it.
COPIED = "De buffers zijn: een solidaire samenleving, taakverdeling, metapositie van ouders"


CONTENT_FILES = sorted((REPO_ROOT / "modules").glob("*.yaml")) + sorted(
    (REPO_ROOT / "exercises").glob("*.yaml")
)


def test_the_fingerprint_holds_every_run_of_the_guide_once():
    data = (REPO_ROOT / "werkboek" / "content" / "guide_fingerprint.bin").read_bytes()
    digests = [data[i : i + DIGEST_SIZE] for i in range(0, len(data), DIGEST_SIZE)]
    assert digests == sorted(set(digests))
    assert len(digests) > 15_000  # the guide has about 18,600 words


def test_the_check_recognises_a_copied_sentence():
    assert copied_runs(COPIED) == [
        "de buffers zijn een solidaire samenleving taakverdeling metapositie",
        "buffers zijn een solidaire samenleving taakverdeling metapositie van",
        "zijn een solidaire samenleving taakverdeling metapositie van ouders",
    ]
    # Capitals, punctuation and line breaks do not hide a copy; seven words are not a copy.
    assert copied_runs("DE BUFFERS ZIJN -- een solidaire\nsamenleving; taakverdeling, metapositie!")
    assert copied_runs("de buffers zijn een solidaire samenleving taakverdeling") == []
    assert copied_runs("De buffers zijn voor ons: een solidaire samenleving en taakverdeling") == []


def test_a_fingerprint_built_from_a_text_finds_that_text_only():
    own = "Fictief: de nachtwacht zag dat het avondeten onrustig verliep en schreef het op."
    fingerprint = read(build(own))
    assert len(fingerprint) == 6  # 13 words, 6 runs of eight
    assert copied_runs(f"Zij zei: {own}", fingerprint) != []
    assert copied_runs(COPIED, fingerprint) == []
    assert not fingerprint & guide_fingerprint()


def test_check_content_names_the_field_with_copied_text(folder):
    folder.edit("modules/dialoog.yaml", "summary: Fictieve testmodule.", f'summary: "{COPIED}."')
    problems = check_content(folder.root)
    assert [(p.file, p.field) for p in problems] == [("modules/dialoog.yaml", "summary")]
    assert problems[0].line == 4
    assert problems[0].message.startswith("8 woorden op een rij komen letterlijk uit de handreiking")


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_run_of_eight_words_is_copied_from_the_guide(path):
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    assert copied_findings(document) == []
