"""Fixtures of the privacy tests. The session scanner service (`scanner_service`) comes from
tests/conftest.py, which imports it from tests/scanner_fixture.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from werkboek.casebook.privacy.engine import LocalScanner

LABELLED = Path(__file__).with_name("labelled_sentences.yaml")


@pytest.fixture(scope="session")
def local_scanner() -> LocalScanner:
    scanner = LocalScanner()
    scanner.warm()
    return scanner


@pytest.fixture(scope="session")
def labelled() -> list[dict]:
    with LABELLED.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
