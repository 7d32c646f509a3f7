"""How much the guard finds on fictional shelter sentences, and how rarely it cries wolf.

Each sentence in labelled_sentences.yaml lists what a careful reader would remove. The
output prints recall per kind and per group of kinds; the groups have their own targets.
"""

from __future__ import annotations

from collections import Counter

from werkboek.casebook.privacy import HARD_KINDS

# Soft kinds by group, each with the recall it must reach on the labelled set.
GROUP_TARGETS = {
    "name": 0.95,
    "place": 0.95,
    "age": 0.90,
    "date": 0.90,  # dates of birth and other calendar dates
    "institution": 0.90,
    "id": 0.90,  # file and policy numbers, licence plates, handles, links
}
GROUP_OF = {"birthdate": "date", "plate": "id", "handle": "id", "url": "id"}
MINIMUM_LABELS = {"name": 100, "place": 40, "age": 25, "date": 10, "institution": 15, "id": 20}


def _group(kind: str) -> str:
    return "hard" if kind in HARD_KINDS else GROUP_OF.get(kind, kind)


def _found(result, kind: str, sentence: str, expected: str) -> bool:
    start = sentence.index(expected)
    end = start + len(expected)
    return any(f.kind == kind and f.start < end and start < f.end for f in result.findings)


def _tally(local_scanner, labelled):
    found, total = Counter(), Counter()
    clean_flagged, clean_total, misses = 0, 0, []
    for case in labelled:
        sentence, expected = case["text"], case["expect"]
        result = local_scanner.scan(sentence)
        if not expected:
            clean_total += 1
            if result.flagged:
                clean_flagged += 1
                misses.append(("vals alarm", sentence, [(f.kind, f.text) for f in result.findings]))
        for kind, text in expected:
            hit = _found(result, kind, sentence, str(text))
            for key in {kind, _group(kind)}:
                found[key] += hit
                total[key] += 1
            if not hit:
                misses.append(("gemist", sentence, (kind, text)))
    return found, total, clean_flagged, clean_total, misses


def test_recall_per_kind_and_false_alarms_on_clean_sentences(local_scanner, labelled):
    found, total, clean_flagged, clean_total, misses = _tally(local_scanner, labelled)
    print()
    for key in ["hard", *GROUP_TARGETS]:
        kinds = sorted(k for k in total if k != key and _group(k) == key)
        parts = ", ".join(f"{k} {found[k]}/{total[k]}" for k in kinds if k != key)
        print(f"recall {key:<12} {found[key]:>3}/{total[key]:<3} = {found[key] / total[key]:.2f}"
              + (f"  ({parts})" if parts else ""))
    print(f"clean sentences flagged: {clean_flagged}/{clean_total} = {clean_flagged / clean_total:.2f}")
    for miss in misses:
        print("  ", *miss)
    assert len(labelled) >= 300 and total["hard"] >= 30 and clean_total >= 80
    assert all(total[group] >= n for group, n in MINIMUM_LABELS.items()), total
    assert found["hard"] == total["hard"]
    low = {g: round(found[g] / total[g], 2) for g, target in GROUP_TARGETS.items()
           if found[g] / total[g] < target}
    assert low == {}
    assert clean_flagged / clean_total <= 1 / 20
