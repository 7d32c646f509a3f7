"""The privacy guard: every text is scanned before the casebook stores it.

``get_scanner()`` gives the scanner to use: an HTTP client when ``scanner_url`` is set
(deduce then lives only in the scanner service), otherwise one in-process scanner per
process. Nothing here imports deduce until a local scan actually runs.
"""

from __future__ import annotations

import threading

from werkboek.casebook.privacy.client import HttpScanner, ScannerRefused, ScannerUnavailable
from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview
from werkboek.casebook.privacy.launcher import start_scanner_service
from werkboek.casebook.privacy.model import HARD_KINDS, Finding, Scanner, ScanResult
from werkboek.settings import get_settings

_local = None
_local_lock = threading.Lock()


def get_scanner(settings=None) -> Scanner:
    """The scanner for these settings (default: ``get_settings()``)."""
    if settings is None:
        settings = get_settings()
    if settings.scanner_url:
        return HttpScanner(settings.scanner_url, token=settings.scanner_token.get_secret_value())
    global _local
    with _local_lock:
        if _local is None:
            # the local engine (~0.2 s, then deduce, ~1 GB) only for a local scan
            from werkboek.casebook.privacy.engine import LocalScanner

            _local = LocalScanner()
    return _local


__all__ = [
    "HARD_KINDS",
    "Finding",
    "HttpScanner",
    "PrivacyBlocked",
    "PrivacyReview",
    "ScanResult",
    "Scanner",
    "ScannerRefused",
    "ScannerUnavailable",
    "get_scanner",
    "start_scanner_service",
]
