"""What the browser benchmarks share: a throwaway casebook and page folder, one Voilà started
through ``werkboek.serving`` with the options of the run, its kernels and memory, Chromium and
the CPU it uses, and the Solara reference app.

Every process started here is stopped by its own process group; nothing is killed by name.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks.common import MB
from werkboek.chromium import chromium_path

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = "Trivial"
# A control of the page itself: the navigation bar (links) is shown before the body is built.
WIDGET = ".wb-page :is(button, input, textarea, select, a):not(.wb-nav *)"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
SERVE = (
    "import sys, json; from pathlib import Path; from werkboek.serving import ServeOptions, serve; "
    "serve(ServeOptions(**json.loads(sys.argv[1])))"
)
WIDGET_ERRORS = ("Error displaying widget", "model not found")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, proc: subprocess.Popen, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped with exit code {proc.returncode}")
        try:
            urllib.request.urlopen(base + "health", timeout=2)
            return
        except urllib.error.HTTPError:  # plain Voilà and Solara have no /health: it is up
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("the server did not answer /health")


@contextmanager
def workspace(pages: list[str], *, demo: bool = True) -> Iterator[tuple[Path, dict]]:
    """A temporary folder with copies of ``pages`` (plus Start and the trivial page) and an
    initialised SQLite casebook (fictional demo content); yields (pages folder, environment)."""
    work = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    pages_dir = work / "notebooks"
    pages_dir.mkdir()
    for name in {*pages, "Start"}:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", pages_dir)
    shutil.copy(ROOT / "benchmarks" / "pages" / f"{TRIVIAL}.ipynb", pages_dir)
    env = {**os.environ, "WERKBOEK_DATABASE_URL": f"sqlite:///{work / 'casebook.sqlite'}",
           "WERKBOEK_CASEBOOK_DIR": str(work)}
    subprocess.run([sys.executable, "-m", "werkboek.cli", "init"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    if demo:
        subprocess.run([sys.executable, "-m", "werkboek.cli", "demo"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    try:
        yield pages_dir, env
    finally:
        shutil.rmtree(work, ignore_errors=True)


def stop_group(proc: subprocess.Popen) -> None:
    """Stop a process started with ``start_new_session`` and everything it started."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class Server:
    base: str
    process: psutil.Process

    def kernels(self) -> list[psutil.Process]:
        found = []
        for child in self.process.children(recursive=True):
            try:
                if "ipykernel_launcher" in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.NoSuchProcess:
                continue
        return found

    def memory_mb(self) -> dict:
        """RSS of the server and of its kernels (MB), and how many kernels run."""
        kernel_rss = []
        for kernel in self.kernels():
            try:
                kernel_rss.append(kernel.memory_info().rss / MB)
            except psutil.NoSuchProcess:
                continue
        server = self.process.memory_info().rss / MB
        return {"server_mb": round(server, 1), "kernels": len(kernel_rss),
                "kernels_mb": round(sum(kernel_rss), 1),
                "total_mb": round(server + sum(kernel_rss), 1)}

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server and its live kernels."""
        total = 0.0
        for proc in [self.process, *self.process.children(recursive=True)]:
            try:
                times = proc.cpu_times()
                total += times.user + times.system
            except psutil.NoSuchProcess:
                continue
        return total

    def wait_for_kernels(self, count: int, limit: float = 120.0, *,
                         new_since: set[int] = frozenset(), new: int = 0) -> None:
        """Wait until at least ``count`` kernels run (a pool refilling after visits), ``new`` of
        them not among the process ids ``new_since``."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            running = {k.pid for k in self.kernels()}
            if len(running) >= count and len(running - new_since) >= new:
                return
            time.sleep(1.0)

    def wait_idle(self, seconds: float = 1.0, limit: float = 30.0) -> None:
        """Wait until the server and its kernels use little CPU (a pool refilling skews a visit)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            procs = [self.process, *self.process.children(recursive=True)]
            for p in procs:
                with suppress(psutil.NoSuchProcess):
                    p.cpu_percent(None)
            time.sleep(seconds)
            busy = 0.0
            for p in procs:
                with suppress(psutil.NoSuchProcess):
                    busy += p.cpu_percent(None)
            if busy < 15:
                return


@contextmanager
def _server(argv: list[str], port: int, env: dict, cwd: Path | None = None) -> Iterator[Server]:
    """Run ``argv`` (a server listening on ``port``) in its own process group until done."""
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base, proc)
        yield Server(base, psutil.Process(proc.pid))
    finally:
        stop_group(proc)


def served(pages_dir: Path, env: dict, **options):
    """One Voilà through ``werkboek.serving.serve`` with ``ServeOptions(**options)``."""
    import json

    port = free_port()
    options = {"port": port, "notebooks_dir": str(pages_dir), **options}
    return _server([sys.executable, "-c", SERVE, json.dumps(options)], port, env)


def solara_served(app: Path, env: dict):
    """``solara run APP --production`` on a free loopback port (the `bench` extra)."""
    port = free_port()
    solara = Path(sys.executable).with_name("solara")
    return _server([str(solara), "run", str(app), "--production", "--host", "127.0.0.1",
                    "--port", str(port), "--no-open"], port, env, cwd=app.parent)


def browser_cpu_by_process() -> dict[str, float]:
    """CPU time used so far by the Chromium processes this benchmark started, by Chromium's
    process type: ``browser`` (the main process), ``renderer`` (the pages), ``gpu-process`` (the
    compositor, software compositing here), ``utility:NetworkService`` and so on."""
    spent: dict[str, float] = {}
    for proc in psutil.Process().children(recursive=True):
        with suppress(psutil.NoSuchProcess):
            if "chrom" not in proc.name():
                continue
            args = proc.cmdline()
            kind = next((a.removeprefix("--type=") for a in args if a.startswith("--type=")),
                        "browser")
            sub = next((a.rsplit(".", 1)[-1] for a in args
                        if a.startswith("--utility-sub-type=")), "")
            kind = f"{kind}:{sub}" if sub else kind
            times = proc.cpu_times()
            spent[kind] = spent.get(kind, 0.0) + times.user + times.system
    return spent


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def page_url(base: str, name: str, query: str = "") -> str:
    return f"{base}voila/render/{name}.ipynb" + (f"?{query}" if query else "")


DEMO_ACCOUNT = "GD-1"  # a demo member of Team Noord (werkboek.casebook.demo: DEMO_PASSPHRASE)
TEAM_PAGES = ("Casusbespreking", "Casebook", "Trainer")  # ask for sign-in on loopback too


def signed_in_state(browser, base: str, name: str = DEMO_ACCOUNT) -> dict:
    """A browser context's cookies after signing in as ``name`` through the sign-in page (once;
    every later visit starts signed in, as a person's browser does)."""
    from werkboek.casebook.demo import DEMO_PASSPHRASE

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}werkboek/aanmelden")
    page.fill("#naam", name)
    page.fill("#wachtzin", DEMO_PASSPHRASE)
    with page.expect_navigation():
        page.click("button[type=submit]")
    if "aanmelden" in page.url:
        raise RuntimeError(f"signing in as {name} failed")
    state = context.storage_state()
    context.close()
    return state


def open_page(browser, url: str, selector: str = WIDGET, timeout_s: float = 120,
              viewport: dict | None = None, storage_state: dict | None = None):
    """Open ``url`` in a fresh context (signed in when ``storage_state`` holds a sign-in's
    cookies): (seconds to first widget or None, page, context)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900},
                                  storage_state=storage_state)
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_selector(selector, state="visible", timeout=timeout_s * 1000)
    except PlaywrightTimeout:
        return None, page, context
    return page.evaluate("performance.now()") / 1000, page, context


def why_stuck(page) -> str:
    """What a page that never showed its widget shows instead (for the failure count)."""
    text = page.evaluate("document.body ? document.body.innerText : ''")
    if not text:
        return "no answer from the server"
    if any(marker in text for marker in WIDGET_ERRORS):
        return "widget error"
    if "Loading widget" in text:
        return "stuck on Loading widget"
    return "no widget"


def close_page(page, context) -> None:
    """Close the tab as a person does (beforeunload runs), then its context."""
    try:
        page.close(run_before_unload=True)
    finally:
        time.sleep(0.2)
        context.close()


def widget_errors(page) -> int:
    """How many "Error displaying widget" / "model not found" messages the page shows."""
    text = page.inner_text("body")
    return sum(text.count(marker) for marker in WIDGET_ERRORS)
