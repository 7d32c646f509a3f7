"""The test suite (a package, so tests.browser is one too: see tests/browser/__init__.py)."""
