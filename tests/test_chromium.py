"""The browser tests and PDFs use Debian's Chromium where it exists, else the one Playwright
installed; a machine with neither gets told how to get one."""

import asyncio
from pathlib import Path

import pytest

from werkboek import chromium


@pytest.fixture
def without_system_chromium(monkeypatch, tmp_path):
    """No /usr/bin/chromium, and Playwright's browsers in an empty folder of this test."""
    monkeypatch.setattr(chromium, "SYSTEM_CHROMIUM", tmp_path / "usr-bin-chromium")
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "ms-playwright"))
    chromium.chromium_path.cache_clear()
    yield tmp_path
    chromium.chromium_path.cache_clear()


def test_debian_chromium_comes_first(monkeypatch, tmp_path):
    system = tmp_path / "chromium"
    system.write_text("")
    monkeypatch.setattr(chromium, "SYSTEM_CHROMIUM", system)
    chromium.chromium_path.cache_clear()
    try:
        assert chromium.chromium_path() == str(system)
    finally:
        chromium.chromium_path.cache_clear()


def test_without_either_there_is_none_and_the_way_to_get_one(without_system_chromium):
    assert chromium.chromium_path() is None
    assert "apt-get install chromium" in chromium.HOW_TO_GET
    assert "playwright install chromium" in chromium.HOW_TO_GET


def test_else_the_chromium_playwright_installed_also_inside_an_event_loop(without_system_chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        installed = Path(playwright.chromium.executable_path)
    assert installed.is_relative_to(without_system_chromium / "ms-playwright")
    installed.parent.mkdir(parents=True)
    installed.write_text("")  # where `playwright install chromium` puts it

    async def in_a_page_kernel() -> str | None:
        return chromium.chromium_path()

    assert asyncio.run(in_a_page_kernel()) == str(installed)
