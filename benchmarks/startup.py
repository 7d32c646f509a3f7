"""Start-up: from `werkboek serve` to the first page served, and the privacy scanner's start.

Each start runs the real command (`python -m werkboek.cli serve --no-browser`) on a throwaway
casebook and measures, from the moment the command starts: the scanner ready (serve prints its
address only after the scanner service answers), Voilà answering ``/health``, and the start
page's first widget visible in headless Chromium (launched beforehand, not counted). "cold" is
the first start of the run (the OS file cache is not dropped: other benchmarks may have warmed
it); "warm" are the starts after it. Mode ``own-scanner`` is `werkboek serve` as a user runs it;
``running-scanner`` reuses a scanner that already runs (WERKBOEK_SCANNER_URL). Baseline, same run:
plain ``voila`` serving the trivial page, to its first widget.

    .venv/bin/python -m benchmarks.startup [--runs 6] [--modes own-scanner,running-scanner]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from benchmarks.common import MB, record, summary
from benchmarks.served import (
    ROOT,
    TRIVIAL,
    chromium,
    close_page,
    free_port,
    open_page,
    stop_group,
    wait_until_up,
    why_stuck,
    workspace,
)

READY_LINE = "werkboek draait op"


def tree_rss_mb(proc: subprocess.Popen) -> float:
    root = psutil.Process(proc.pid)
    total = 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return round(total / MB, 1)


def one_start(browser, command: list[str], env: dict, first_page: str) -> dict:
    """Start ``command`` and time its milestones; the server is stopped afterwards."""
    ready_at: list[float] = []
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)

    def watch() -> None:
        for line in proc.stderr:
            if READY_LINE in line and not ready_at:
                ready_at.append(time.perf_counter() - start)

    threading.Thread(target=watch, daemon=True).start()
    port = command[command.index("--port") + 1]
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base, proc)
        http_s = time.perf_counter() - start
        seconds, page, context = open_page(browser, first_page.format(base=base))
        page_s = time.perf_counter() - start if seconds is not None else None
        stuck = None if seconds is not None else why_stuck(page)
        close_page(page, context)
        return {"scanner_ready_s": ready_at[0] if ready_at else None, "http_s": http_s,
                "first_page_s": page_s, "stuck": stuck, "tree_rss_mb": tree_rss_mb(proc)}
    finally:
        stop_group(proc)


def serve_command() -> list[str]:
    return [sys.executable, "-m", "werkboek.cli", "serve", "--no-browser", "--port",
            str(free_port())]


def baseline_command(pages_dir: Path) -> list[str]:
    voila = str(Path(sys.executable).with_name("voila"))
    return [voila, str(pages_dir / f"{TRIVIAL}.ipynb"), "--no-browser", "--Voila.port_retries=0",
            "--port", str(free_port())]


def summarise(starts: list[dict]) -> dict:
    out = {"cold": starts[0]}
    for name in ("scanner_ready_s", "http_s", "first_page_s", "tree_rss_mb"):
        values = [s[name] for s in starts[1:] if s[name] is not None]
        out[f"warm_{name}"] = summary(values)
    out["failed_first_pages"] = [s["stuck"] for s in starts if s["first_page_s"] is None]
    return out


def run(runs: int, modes: list[str]) -> dict:
    from werkboek.serving import scanner_for_pages

    results: dict = {"runs": runs, "modes": {}}
    with workspace([]) as (pages_dir, env), chromium() as browser:
        env.pop("WERKBOEK_SCANNER_URL", None)
        start_page = "{base}"  # the server root redirects to the start page
        for mode in modes:
            if mode == "own-scanner":
                starts = [one_start(browser, serve_command(), env, start_page)
                          for _ in range(runs)]
            else:
                with scanner_for_pages() as scanner_url:
                    with_scanner = {**env, "WERKBOEK_SCANNER_URL": scanner_url}
                    starts = [one_start(browser, serve_command(), with_scanner, start_page)
                              for _ in range(runs)]
            results["modes"][mode] = summarise(starts)
            print(f"{mode}: cold {starts[0]['first_page_s']} s", flush=True)
        baseline = [one_start(browser, baseline_command(pages_dir), env, "{base}")
                    for _ in range(runs)]
        results["baseline_plain_voila_trivial"] = summarise(baseline)
    base_warm = results["baseline_plain_voila_trivial"]["warm_first_page_s"].get("median")
    for mode in results["modes"].values():
        warm = mode["warm_first_page_s"].get("median")
        mode["warm_ratio_to_plain_voila"] = round(warm / base_warm, 2) if warm and base_warm else None
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=6, help="starts per mode (first one is cold)")
    parser.add_argument("--modes", default="own-scanner,running-scanner")
    args = parser.parse_args()
    if args.runs < 2:
        parser.error("--runs must be at least 2 (one cold start, then warm ones)")
    os.chdir(ROOT)
    record("startup", run(args.runs, args.modes.split(",")))


if __name__ == "__main__":
    main()
