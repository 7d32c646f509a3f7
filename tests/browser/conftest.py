"""A real `werkboek serve` on a free loopback port, and headless Chromium driven by Playwright
(Debian's where it exists, else Playwright's own: ``werkboek.chromium``).

On loopback the personal pages open without signing in (``page``, ``phone_page``: the laptop's
owner); the team pages ask for it. ``contexts(member)`` opens a browser context signed in as a
demo member through the real sign-in page; each member signs in once per server and session,
later contexts start from that browser's saved cookies (``storage_state``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# One place for the browser and the port/health helpers, shared with the benchmarks.
from benchmarks.served import CHROMIUM_ARGS, free_port, wait_until_up
from werkboek.casebook.demo import DEMO_PASSPHRASE
from werkboek.chromium import HOW_TO_GET, chromium_path
from werkboek.ui.registry import PAGES as REGISTERED_PAGES

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
# Notebook name -> the title its page shows, from the page registry: a new page cannot be left out.
PAGES = {page.notebook: page.title for page in REGISTERED_PAGES}


@pytest.fixture(scope="package")
def casebook_url(tmp_path_factory) -> str:
    """A fresh SQLite casebook with the fictional demo loaded."""
    path = tmp_path_factory.mktemp("browser-casebook") / "casebook.sqlite"
    url = f"sqlite:///{path}"
    werkboek = [sys.executable, "-m", "werkboek.cli"]
    env = {**os.environ, "WERKBOEK_DATABASE_URL": url}
    subprocess.run([*werkboek, "init"], env=env, check=True)
    subprocess.run([*werkboek, "demo"], env=env, check=True)
    return url


@contextmanager
def serving(env: dict[str, str], log_name: str = "serve.log", options: tuple[str, ...] = ()
            ) -> Iterator[str]:
    """`werkboek serve` as a user starts it, with ``env`` added to its environment and ``options``
    to its command line; yields its base URL and stops it afterwards. Its output goes to
    test-artifacts/``log_name``."""
    port = free_port()
    log = (ROOT / "test-artifacts").joinpath(log_name)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as log_file:
        process = subprocess.Popen(
            # A smaller pool for the case discussion than a team's default (15): the tests open
            # at most four session pages at once, and every waiting kernel costs the 2 cores.
            [sys.executable, "-m", "werkboek.cli", "serve", "--port", str(port), "--no-browser",
             "--pool", "Casusbespreking=3", *options],
            env={**os.environ, **env},
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            wait_until_up(base, process, seconds=120)
            yield base
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture(scope="package")
def server(casebook_url, scanner_service) -> Iterator[str]:
    """`werkboek serve` on the demo casebook; yields its base URL."""
    with serving({"WERKBOEK_DATABASE_URL": casebook_url, "WERKBOEK_SCANNER_URL": scanner_service}) as base:
        yield base


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        pytest.fail(f"the browser tests need Chromium: {HOW_TO_GET}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


# Voilà sends a page while its kernel runs the notebook, so "loaded" can take long on a busy
# 2-core machine; waits for widgets keep their own (shorter) timeouts.
NAVIGATION_TIMEOUT = 120_000  # ms


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture()
def phone_page(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    page = context.new_page()
    yield page
    context.close()


SIGN_IN = "werkboek/aanmelden"
SIGN_IN_TIMEOUT = 60_000  # ms: the passphrase check runs argon2id on a busy machine


def sign_in(page, base: str, name: str, passphrase: str = DEMO_PASSPHRASE, *,
            next_path: str = "/health") -> None:
    """Sign in as ``name`` through the sign-in page, as a person does; lands on ``next_path``
    (the health check by default: no page kernel is started for it)."""
    page.goto(f"{base}{SIGN_IN}?next={next_path}")
    page.fill("#naam", name)
    page.fill("#wachtzin", passphrase)
    with page.expect_navigation(timeout=SIGN_IN_TIMEOUT):
        page.click("button[type=submit]")
    assert page.locator(".message[role=alert]").count() == 0, page.inner_text("main")
    assert any(c["name"] == "werkboek_login" for c in page.context.cookies()), name


@pytest.fixture(scope="package")
def signed_in_states() -> dict[tuple[str, str], dict]:
    """(server, member) -> the cookies of a browser signed in there (``storage_state``)."""
    return {}


@pytest.fixture()
def contexts(browser, signed_in_states, request):
    """``contexts(member=None, width, height, phone=False, base=None)`` -> a page in a new
    browser context, signed in as ``member`` on ``base`` (the shared ``server`` when None);
    anonymous without ``member``. Every context is closed after the test."""
    opened = []

    def new(member: str | None = None, width: int = 1280, height: int = 900, phone: bool = False,
            base: str | None = None):
        options = {"viewport": {"width": width, "height": height}, "locale": "nl-NL"}
        if phone:
            options.update(device_scale_factor=2, is_mobile=True, has_touch=True)
        if member is not None:
            base = base or request.getfixturevalue("server")
            options["storage_state"] = signed_in_state(browser, signed_in_states, base, member)
        context = browser.new_context(**options)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
        opened.append(context)
        return context.new_page()

    yield new
    for context in opened:
        context.close()


def signed_in_state(browser, states: dict, base: str, member: str) -> dict:
    """The saved cookies of a browser signed in as ``member`` on ``base`` (signed in once)."""
    if (base, member) not in states:
        context = browser.new_context(locale="nl-NL")
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
        try:
            sign_in(context.new_page(), base, member)
            states[base, member] = context.storage_state()
        finally:
            context.close()
    return states[base, member]


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
