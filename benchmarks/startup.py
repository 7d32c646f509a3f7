"""Start-up and memory at rest: `werkboek serve` with its defaults beside plain Voilà serving the
same notebooks, each from a cold start, and the memory after a whole case discussion.

Every start runs a fresh server of the pages in ``notebooks/`` on a throwaway casebook (the
demo, fictional, and the team of the case discussion below); Chromium is launched beforehand (not counted) and opens the start page as soon as
the server answers. From the moment the command starts:
- HTTP: the server answers (werkboek's ``/health``; plain Voilà: any answer);
- first widget: the start page's first control is visible;
- at rest: the start page's tab stays open; after ``--rest`` seconds (longer than werkboek's
  pool refill delay of 60 s) and once the process tree is quiet, the memory (RSS) of the whole
  process tree (server, privacy scanner, kernels; psutil) and how many processes it has.
Modes, taken in turns so both see the same machine: ``werkboek`` (``python -m werkboek.cli serve
--no-browser``: its own scanner, its default pools), ``plain-voila`` (``voila NOTEBOOKS
--no-browser``, the baseline) and, with ``--before SRC``, the same werkboek command run from an
older source tree (``PYTHONPATH=SRC``). Targets: werkboek's HTTP and first widget within 1.3×
plain Voilà's (medians), the tree at rest under 1.5 GB. The memory after a whole case
discussion is ``benchmarks/session_memory.py``.

    .venv/bin/python -m benchmarks.startup [--runs 5] [--rest 75] [--before SRC]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import psutil

from benchmarks.common import MB, record, summary
from benchmarks.served import (
    ROOT,
    Server,
    chromium,
    close_page,
    free_port,
    open_page,
    page_url,
    stop_group,
    wait_until_up,
    why_stuck,
    workspace,
)

TARGETS = {"ratio_to_plain_voila": 1.3, "at_rest_mb": 1500.0}


def tree(proc: subprocess.Popen) -> list[psutil.Process]:
    root = psutil.Process(proc.pid)
    return [root, *root.children(recursive=True)]


def tree_memory(proc: subprocess.Popen) -> dict:
    """RSS of the whole process tree (MB) and its number of processes."""
    total, count = 0.0, 0
    for p in tree(proc):
        with suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
            count += 1
    return {"rss_mb": round(total / MB, 1), "processes": count}


def wait_quiet(proc: subprocess.Popen, limit: float = 90.0) -> None:
    """Wait until the whole tree uses little CPU (a pool filling, a scanner loading)."""
    Server("", psutil.Process(proc.pid)).wait_idle(2.0, limit=limit)


def werkboek_command(port: int) -> list[str]:
    return [sys.executable, "-m", "werkboek.cli", "serve", "--no-browser", "--port", str(port)]


def voila_command(port: int) -> list[str]:
    voila = str(Path(sys.executable).with_name("voila"))
    return [voila, str(ROOT / "notebooks"), "--no-browser", "--Voila.port_retries=0",
            "--port", str(port)]


def one_start(browser, command: list[str], port: int, env: dict, rest_s: float,
              cwd: Path = ROOT) -> dict:
    """Start ``command`` in ``cwd``, time it to HTTP and the start page's first widget, measure
    the tree at rest with the start page open; the server is stopped afterwards."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base, proc)
        http_s = time.perf_counter() - start
        seconds, page, context = open_page(browser, page_url(base, "Start"))
        widget_s = time.perf_counter() - start if seconds is not None else None
        stuck = None if seconds is not None else why_stuck(page)
        time.sleep(rest_s)
        wait_quiet(proc)
        at_rest = tree_memory(proc)
        close_page(page, context)
        return {"http_s": http_s, "first_widget_s": widget_s, "stuck": stuck,
                "at_rest": at_rest}
    finally:
        stop_group(proc)


def summarise(starts: list[dict]) -> dict:
    return {
        "starts": starts,
        "http_s": summary([s["http_s"] for s in starts]),
        "first_widget_s": summary([s["first_widget_s"] for s in starts
                                   if s["first_widget_s"] is not None]),
        "at_rest_mb": summary([s["at_rest"]["rss_mb"] for s in starts]),
        "processes_at_rest": summary([s["at_rest"]["processes"] for s in starts]),
        "failed_first_pages": [s["stuck"] for s in starts if s["first_widget_s"] is None],
    }


def run(runs: int, rest_s: float, before: Path | None) -> dict:
    modes: dict[str, Path | str | None] = {"werkboek": None, "plain-voila": "voila"}
    if before is not None:
        modes["werkboek-before"] = before
    results: dict = {"runs": runs, "rest_s": rest_s, "targets": TARGETS, "modes": {}}
    with workspace([]) as (_pages_dir, env):
        env.pop("WERKBOEK_SCANNER_URL", None)  # werkboek serve starts its own, as for a user
        starts: dict[str, list[dict]] = {mode: [] for mode in modes}
        with chromium() as browser:
            for n in range(runs):  # in turns, so every mode sees the same machine
                for mode, source in modes.items():
                    port = free_port()
                    command = voila_command(port) if source == "voila" else werkboek_command(port)
                    # `python -m` puts its folder first on the path: run the old tree from there
                    older = isinstance(source, Path)
                    starts[mode].append(one_start(
                        browser, command, port, {**env, "PYTHONPATH": str(source)} if older else env,
                        rest_s, cwd=source if older else ROOT))
                    print(f"{mode} #{n + 1}: {starts[mode][-1]}", flush=True)
        for mode, done in starts.items():
            results["modes"][mode] = summarise(done)
    plain = results["modes"]["plain-voila"]
    for mode in results["modes"].values():
        for name in ("http_s", "first_widget_s"):
            own, base = mode[name].get("median"), plain[name].get("median")
            mode[f"{name}_ratio_to_plain_voila"] = round(own / base, 2) if own and base else None
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="starts per mode")
    parser.add_argument("--rest", type=float, default=75.0,
                        help="seconds with the start page open before memory at rest is taken")
    parser.add_argument("--before", type=Path, default=None,
                        help="an older werkboek source tree to start beside (PYTHONPATH)")
    args = parser.parse_args()
    os.chdir(ROOT)
    record("startup", run(args.runs, args.rest, args.before))


if __name__ == "__main__":
    main()
