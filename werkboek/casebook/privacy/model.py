"""What a privacy scan returns: findings, the result with its pseudonymised suggestion,
and the protocol every scanner (in-process or over HTTP) follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

HARD_KINDS = frozenset({"bsn", "phone", "email", "iban", "address", "postcode"})


@dataclass(frozen=True)
class Finding:
    """One piece of identifying text: its kind and where it sits in the scanned text."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def hard(self) -> bool:
        """Hard identifiers are never stored, not even after the writer confirms."""
        return self.kind in HARD_KINDS

    def to_json(self) -> dict:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": self.text}


@dataclass
class ScanResult:
    """Findings in reading order, the text with placeholders, and the case's updated mapping."""

    findings: list[Finding]
    suggestion: str
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def blocked(self) -> bool:
        return any(f.hard for f in self.findings)

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    def to_json(self) -> dict:
        return {
            "blocked": self.blocked,
            "findings": [f.to_json() for f in self.findings],
            "suggestion": self.suggestion,
        }

    @classmethod
    def from_json(cls, data: dict) -> ScanResult:
        findings = [
            Finding(**{k: f[k] for k in ("kind", "start", "end", "text")}) for f in data["findings"]
        ]
        return cls(findings, data["suggestion"], dict(data.get("mapping") or {}))


class Scanner(Protocol):
    def scan(self, text: str, *, mapping: dict[str, str] | None = None) -> ScanResult:
        """Find identifying details in ``text``; ``mapping`` keeps a case's placeholders stable."""
        ...
