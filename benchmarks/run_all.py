"""Run every benchmark once with its default (full) sizes, then rewrite the README tables.

Each benchmark runs as its own process (`python -m benchmarks.<name>`), so each result file
records its own command; one that fails is reported and the others still run. One privacy
scanner service is started here and shared through WERKBOEK_SCANNER_URL (the scan and startup
benchmarks start their own as well: that start is what they measure).

    .venv/bin/python -m benchmarks.run_all [--only store_save,scan] [--quick]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

BENCHMARKS = ("store_save", "store_query", "scan", "signin", "page_load", "kernels",
              "kernel_lifetimes", "startup", "session_memory", "session_load", "hub", "trainer_page")
# Small sizes to check that everything still runs (not for the README).
QUICK = {
    "store_save": ["--saves", "3", "--writers", "1,3", "--think", "0"],
    "store_query": ["--entries", "2000", "--runs", "5", "--heavy-runs", "1"],
    "scan": ["--runs", "5", "--starts", "1"],
    "signin": ["--runs", "3"],
    "page_load": ["--runs", "1", "--pages", "Dialoog"],
    "kernels": ["--opens", "4", "--cull", "4", "--pages", "Dialoog"],
    "kernel_lifetimes": ["--lock", "5", "--unconnected-timeout", "5"],
    "startup": ["--runs", "1", "--rest", "5"],
    "session_memory": ["--participants", "2", "--rest", "5"],
    "session_load": ["--participants", "2", "--contributions", "1", "--rounds", "1"],
    "hub": ["--people", "2"],
    "trainer_page": ["--runs", "1", "--participants", "4", "--meetings", "3"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated subset of: "
                        + ", ".join(BENCHMARKS))
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(BENCHMARKS)
    from werkboek.serving import scanner_for_pages

    failed = []
    with scanner_for_pages() as scanner_url:
        env = {**os.environ, "WERKBOEK_SCANNER_URL": scanner_url}
        if args.quick:
            env["WERKBOEK_BENCH_RESULTS"] = tempfile.mkdtemp(prefix="wb-bench-quick-")
        for name in names:
            extra = QUICK.get(name, []) if args.quick else []
            start = time.monotonic()
            print(f"== {name} {' '.join(extra)}", flush=True)
            code = subprocess.run([sys.executable, "-m", f"benchmarks.{name}", *extra],
                                  env=env).returncode
            print(f"== {name}: exit {code} after {time.monotonic() - start:.0f} s", flush=True)
            if code:
                failed.append(name)
    if not args.quick:
        from benchmarks.report import update_readme

        update_readme()
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
