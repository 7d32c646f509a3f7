"""Where the guard draws the line between an ordinary Dutch word and a name.

Many Dutch words are also surnames or hamlets ("sliep", "broers", "uitweg"), and many
first names are also words ("roos"). These tests put words in plain sentences and
print how often the guard is right; the thresholds in ``lexicon.py`` were set with them.
All names are fictitious uses of common first names (fictief).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from wordfreq import top_n_list

from werkboek.casebook.privacy.lexicon import lexicon

FOREIGN_NAMES = (
    Path(__file__).parents[2] / "werkboek/casebook/privacy/data/foreign_first_names.yaml"
)
DUTCH_NAMES = [
    "emma",
    "julia",
    "mila",
    "tess",
    "sophie",
    "sara",
    "nora",
    "yara",
    "eva",
    "liv",
    "lotte",
    "evi",
    "noor",
    "anna",
    "lieke",
    "fenna",
    "saar",
    "isa",
    "nina",
    "fleur",
    "sanne",
    "femke",
    "anouk",
    "lisa",
    "laura",
    "iris",
    "roos",
    "esmee",
    "kim",
    "manon",
    "marieke",
    "linda",
    "sandra",
    "monique",
    "petra",
    "ingrid",
    "patricia",
    "wendy",
    "chantal",
    "esther",
    "ilse",
    "joyce",
    "nicole",
    "mirjam",
    "yvonne",
    "bianca",
    "daan",
    "sem",
    "noah",
    "lucas",
    "levi",
    "finn",
    "milan",
    "jesse",
    "bram",
    "luuk",
    "thijs",
    "sven",
    "ruben",
    "liam",
    "mees",
    "henk",
    "kees",
]


def _flag_rate(scanner, sentences: list[str]) -> tuple[float, list[str]]:
    flagged = [s for s in sentences if scanner.scan(s).flagged]
    return len(flagged) / len(sentences), flagged


def _words_that_are_also_names_or_hamlets(count: int) -> list[str]:
    """The most frequent Dutch words that are on a surname or hamlet list, not a first name
    or a town: for these, the word is what a writer means."""
    lex = lexicon()
    found = []
    for word in top_n_list("nl", 30_000):
        if (
            word.isalpha()
            and len(word) > 2
            and (lex.is_name(word) or (word,) in lex.places.get(word, ((), set()))[1])
            and word not in lex.common  # deduce's stop words: no test of ours
            and not lex.is_first_name(word)
            and word not in lex.towns
        ):
            found.append(word)
    return found[:count]


def test_lower_case_first_names_are_still_found_in_plain_sentences(local_scanner):
    with FOREIGN_NAMES.open(encoding="utf-8") as handle:
        names = [str(n) for n in yaml.safe_load(handle)] + list(DUTCH_NAMES)
    sentences = [f"Vandaag heb ik met {n} de week doorgenomen." for n in names]
    rate, flagged = _flag_rate(local_scanner, sentences)
    missed = [n for n, s in zip(names, sentences, strict=True) if s not in flagged]
    print(f"\nlower-case first names found: {rate:.2f} of {len(names)}; missed: {' '.join(missed)}")
    assert rate >= 0.95


def test_a_name_cue_finds_a_first_name_that_is_also_a_word(local_scanner):
    for text, name in [
        ("Haar dochter roos wil vandaag niet naar school.", "roos"),
        ("Zoon daan heeft buikpijn.", "daan"),
        ("Haar zusje iris komt straks langs.", "iris"),
    ]:
        assert [(f.kind, f.text) for f in local_scanner.scan(text).findings] == [("name", name)]


def test_frequent_words_that_are_also_surnames_or_hamlets_stay_words(local_scanner):
    words = _words_that_are_also_names_or_hamlets(300)
    plain, flagged_plain = _flag_rate(
        local_scanner, [f"Ik schreef {w} op het bord." for w in words]
    )
    cued, flagged_cued = _flag_rate(local_scanner, [f"Haar zus {w} vaak." for w in words])
    print(
        f"\n{len(words)} frequent words that are also surnames or hamlets, e.g. "
        f"{' '.join(words[:12])}\n  flagged on their own: {plain:.3f} {flagged_plain[:8]}"
        f"\n  flagged after 'Haar zus': {cued:.3f} {flagged_cued[:8]}"
    )
    assert len(words) == 300
    assert plain <= 0.02 and cued <= 0.05
