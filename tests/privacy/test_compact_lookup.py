"""deduce with compact lookup tries (``compact_lookup``) finds exactly what deduce with its own
tries finds, in a fraction of the memory.

Both are loaded in this process: deduce as it comes (its own cache, about 1 GB) and the scanner's
compact one. Every text of the corpus is scanned with each: the labelled sentences, the course
content, the demo casebook, generated shelter texts, and sentences made from deduce's own word
lists (hits, hits in other case, cut-off and extended entries), so every trie is exercised.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from werkboek.casebook.privacy import deduce_engine, engine
from werkboek.casebook.privacy.compact_lookup import CompactTrie

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ("Fictief: ze woont nu bij {} en belt morgen.", "{}", "Gisteren kwam {}, zei de nachtwacht.",
             "Ze sprak over {} (fictief) op de groep.")


def strings_in(value) -> list[str]:
    """Every string in a loaded YAML document, keys excluded."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


def _yaml_texts(*folders: Path) -> list[str]:
    texts = []
    for folder in folders:
        for path in sorted(folder.rglob("*.yaml")):
            texts += strings_in(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [t for t in texts if len(t) > 3]


def _from_word_lists(compact: dict[str, CompactTrie], rng: random.Random, per_list: int) -> list[str]:
    texts = []
    for trie in compact.values():
        entries = list(trie.entries())
        for tokens in rng.sample(entries, min(per_list, len(entries))):
            word = " ".join(tokens)
            cut = word.rsplit(" ", 1)[0]
            for variant in (word, word.lower(), word.upper(), cut, f"{word} Noord"):
                texts.append(rng.choice(TEMPLATES).format(variant))
    return texts


@pytest.fixture(scope="module")
def both():
    compact = deduce_engine.load()
    from deduce import Deduce

    full = Deduce()  # deduce's own tries, from its own cache
    yield full, compact
    deduce_engine._deduce = compact


def corpus(compact) -> list[str]:
    from benchmarks.casebooks import fictional_text

    rng = random.Random(17)
    labelled = yaml.safe_load((ROOT / "tests/privacy/labelled_sentences.yaml").read_text())
    tries = {n: s for n, s in compact.lookup_structs.items() if isinstance(s, CompactTrie)}
    return ([case["text"] for case in labelled]
            + _yaml_texts(ROOT / "modules", ROOT / "exercises", ROOT / "casebook" / "demo")
            + [fictional_text(rng, 600) for _ in range(100)]
            + _from_word_lists(tries, rng, 60))


@pytest.mark.slow
def test_every_trie_is_compact_and_answers_as_deduce_does(both):
    full, compact = both
    rng = random.Random(3)
    tries = [name for name, s in full.lookup_structs.items() if type(s).__name__ == "LookupTrie"]
    assert len(tries) == 7
    for name in tries:
        old, new = full.lookup_structs[name], compact.lookup_structs[name]
        assert isinstance(new, CompactTrie)
        assert new.children.keys() == set(old.children.keys())
        assert ([type(p) for p in new.matching_pipeline or []]
                == [type(p) for p in old.matching_pipeline or []])
        entries = list(new.entries())
        for tokens in rng.sample(entries, min(3000, len(entries))):
            for probe in (tokens, tokens[:-1], [*tokens, "straat"], [t.upper() for t in tokens],
                          ["x", *tokens]):
                assert old.longest_matching_prefix(probe) == new.longest_matching_prefix(probe)
                assert (probe in old) == (probe in new)
                assert old.longest_matching_prefix(probe, 1) == new.longest_matching_prefix(probe, 1)


@pytest.mark.slow
def test_scans_find_exactly_what_they_found_with_deduces_own_tries(both):
    full, compact = both
    texts = corpus(compact)
    assert len(texts) > 2500
    differences = []
    for text in texts:
        deduce_engine._deduce = full
        before = engine.find(text)
        deduce_engine._deduce = compact
        after = engine.find(text)
        if before != after:
            differences.append((text, before, after))
    assert differences == []
