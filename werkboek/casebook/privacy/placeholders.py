"""Turns findings into a pseudonymised suggestion, reusing a case's earlier placeholders."""

from __future__ import annotations

import re

from werkboek.casebook.privacy.model import Finding

# Kinds whose placeholders are numbered, so one person stays one person within a case.
NUMBERED_LABELS = {"name": "naam", "place": "plaats", "institution": "instelling"}
FIXED_PLACEHOLDERS = {
    "address": "[adres]",
    "postcode": "[postcode]",
    "phone": "[telefoonnummer]",
    "email": "[e-mail]",
    "birthdate": "[geboortedatum]",
    "date": "[datum]",
    "age": "[leeftijd]",
    "bsn": "[bsn]",
    "iban": "[iban]",
    "url": "[link]",
    "id": "[nummer]",
    "plate": "[kenteken]",
    "handle": "[account]",
}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _next_number(mapping: dict[str, str], label: str) -> int:
    pattern = re.compile(rf"\[{label} (\d+)\]")
    numbers = [int(m.group(1)) for v in mapping.values() if (m := pattern.fullmatch(v))]
    return max(numbers, default=0) + 1


def pseudonymise(
    text: str, findings: list[Finding], mapping: dict[str, str] | None
) -> tuple[str, dict[str, str]]:
    """Replace each finding by its placeholder; return the suggestion and the updated mapping.

    Only names, places and institutions enter the mapping: hard identifiers must
    never be kept anywhere, and the other kinds need no numbering.
    """
    mapping = dict(mapping or {})
    by_key = {_key(original): placeholder for original, placeholder in mapping.items()}
    placeholders = []
    for finding in findings:
        label = NUMBERED_LABELS.get(finding.kind)
        if label is None:
            placeholders.append(FIXED_PLACEHOLDERS[finding.kind])
            continue
        key = _key(finding.text)
        if key not in by_key:
            by_key[key] = f"[{label} {_next_number(mapping, label)}]"
            mapping[finding.text] = by_key[key]
        placeholders.append(by_key[key])
    pieces, cursor = [], 0
    for finding, placeholder in zip(findings, placeholders, strict=True):
        between = text[cursor : finding.start]
        # An address found in parts ("Dorpsstraat 12 Utrecht") becomes one "[adres]".
        if pieces and pieces[-1] == placeholder and finding.kind in FIXED_PLACEHOLDERS \
                and not between.strip():
            cursor = finding.end
            continue
        pieces += [between, placeholder]
        cursor = finding.end
    pieces.append(text[cursor:])
    return "".join(pieces), mapping
