"""Page load: navigation → first interactive widget, for every page next to the trivial page.

All pages and `benchmarks/pages/Trivial.ipynb` (one Textarea, one Button, one Output in a VBox)
are served by one `werkboek.serving` Voilà in the same run, cold and with preheated kernels. Each
visit uses a fresh browser context; pages are visited in interleaved order so drift hits all alike.
Kernel memory (RSS) is read from the kernel each cold visit started, next to the trivial page's.

    .venv/bin/python -m benchmarks.page_load [--runs 5] [--modes cold,preheat] [--pages Start,Dialoog]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psutil

from benchmarks.common import MB, record, summary

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = "Trivial"
WIDGET = ".wb-page :is(button, input, textarea, select)"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVE = (
    "import sys; from pathlib import Path; from werkboek.serving import ServeOptions, serve; "
    "serve(ServeOptions(port=int(sys.argv[1]), notebooks_dir=Path(sys.argv[2]), "
    "preheat=sys.argv[3] == 'preheat', cull_idle_timeout=4, cull_interval=2))"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(pages_dir: Path, mode: str, env: dict):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(port), str(pages_dir), mode],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "health", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base, psutil.Process(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def kernels(server: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in server.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


def wait_idle(server: psutil.Process, seconds: float = 1.0) -> None:
    """Wait until the server and its kernels use little CPU (a pool refilling skews a visit)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        procs = [server, *server.children(recursive=True)]
        for p in procs:
            try:
                p.cpu_percent(None)
            except psutil.NoSuchProcess:
                pass
        time.sleep(seconds)
        busy = 0.0
        for p in procs:
            try:
                busy += p.cpu_percent(None)
            except psutil.NoSuchProcess:
                pass
        if busy < 15:
            return


def visit(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_selector(WIDGET, state="visible", timeout=120_000)
        return page.evaluate("performance.now()") / 1000
    finally:
        context.close()


def run(runs: int, modes: list[str], names: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    from werkboek.casebook.privacy import start_scanner_service

    work = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    pages_dir = work / "notebooks"
    pages_dir.mkdir()
    for name in names:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", pages_dir)
    shutil.copy(ROOT / "benchmarks" / "pages" / f"{TRIVIAL}.ipynb", pages_dir)
    shutil.copy(ROOT / "notebooks" / "Start.ipynb", pages_dir)  # serving needs a start page
    casebook = f"sqlite:///{work / 'casebook.sqlite'}"
    env = {**os.environ, "WERKBOEK_DATABASE_URL": casebook}
    subprocess.run([sys.executable, "-m", "werkboek.cli", "init"], env=env, check=True)
    subprocess.run([sys.executable, "-m", "werkboek.cli", "demo"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    order = [TRIVIAL, *names]
    results: dict = {"runs": runs, "pages": {}, "targets": {"cold_ratio": 1.3, "preheat_ratio": 1.2,
                                                           "kernel_extra_mb": 100}}
    with start_scanner_service() as scanner_url, sync_playwright() as pw:
        env["WERKBOEK_SCANNER_URL"] = scanner_url
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                     args=CHROMIUM_ARGS)
        for mode in modes:
            samples = {n: [] for n in order}
            memory = {n: [] for n in order}
            with served(pages_dir, mode, env) as (base, server):
                wait_idle(server, 2.0)
                for _ in range(runs):
                    for name in order:
                        wait_idle(server, 2.0 if mode == "preheat" else 0.5)
                        before = {k.pid for k in kernels(server)}
                        samples[name].append(visit(browser, f"{base}voila/render/{name}.ipynb"))
                        if mode == "cold":
                            new = [k for k in kernels(server) if k.pid not in before]
                            if new:
                                time.sleep(0.5)
                                memory[name].append(new[-1].memory_info().rss / MB)
            trivial = summary(samples[TRIVIAL])["median"]
            trivial_mb = summary(memory[TRIVIAL])["median"] if memory[TRIVIAL] else None
            for name in order:
                entry = results["pages"].setdefault(name, {})
                stats = summary(samples[name])
                entry[mode] = {"seconds": stats, "ratio_to_trivial": round(stats["median"] / trivial, 3)}
                if memory[name]:
                    mb = summary(memory[name])
                    entry[mode]["kernel_rss_mb"] = mb
                    entry[mode]["kernel_extra_mb"] = round(mb["median"] - trivial_mb, 1)
        browser.close()
    shutil.rmtree(work, ignore_errors=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--modes", default="cold,preheat")
    parser.add_argument("--pages", default="")
    args = parser.parse_args()
    names = args.pages.split(",") if args.pages else sorted(
        p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    record("page_load", run(args.runs, args.modes.split(","), names))


if __name__ == "__main__":
    main()
