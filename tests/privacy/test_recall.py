"""How much the guard finds on fictional shelter sentences, and how rarely it cries wolf.

Each sentence in labelled_sentences.yaml lists what a careful reader would remove.
"""

from __future__ import annotations

from werkboek.casebook.privacy import HARD_KINDS


def _found(result, kind: str, sentence: str, expected: str) -> bool:
    start = sentence.index(expected)
    end = start + len(expected)
    return any(f.kind == kind and f.start < end and start < f.end for f in result.findings)


def _tally(local_scanner, labelled):
    hard, soft, clean_flagged, clean_total, misses = [0, 0], [0, 0], 0, 0, []
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
            bucket = hard if kind in HARD_KINDS else soft if kind in ("name", "place") else None
            if bucket is not None:
                bucket[0] += hit
                bucket[1] += 1
            if not hit:
                misses.append(("gemist", sentence, (kind, text)))
    return hard, soft, clean_flagged, clean_total, misses


def test_the_guard_finds_every_hard_identifier_and_nearly_every_name_and_place(
    local_scanner, labelled
):
    hard, soft, clean_flagged, clean_total, misses = _tally(local_scanner, labelled)
    print(f"\nrecall hard identifiers: {hard[0]}/{hard[1]} = {hard[0] / hard[1]:.2f}")
    print(f"recall names and places: {soft[0]}/{soft[1]} = {soft[0] / soft[1]:.2f}")
    print(
        f"clean sentences flagged: {clean_flagged}/{clean_total} = {clean_flagged / clean_total:.2f}"
    )
    for miss in misses:
        print("  ", *miss)
    assert len(labelled) >= 100 and hard[1] >= 25 and soft[1] >= 40 and clean_total >= 40
    assert hard[0] == hard[1]
    assert soft[0] / soft[1] >= 0.95
    assert clean_flagged / clean_total <= 1 / 20


def test_other_labelled_details_are_found_too(local_scanner, labelled):
    """Ages, dates of birth, institutions and links: each labelled one is found."""
    _, _, _, _, misses = _tally(local_scanner, labelled)
    other = [
        m for m in misses if m[0] == "gemist" and m[2][0] not in HARD_KINDS | {"name", "place"}
    ]
    assert other == []
