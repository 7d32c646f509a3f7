"""The privacy scan of a 2 KB text once warm, in this process and through the scanner service,
the scanner service's start-up time and memory, and what the scanner's own word lists and rules
add to deduce's memory.

Every timed text is new (the scanner caches texts it has seen, which would flatter it); a
repeated text is measured separately as ``cached``. Baselines, same run: deduce alone on the
same text (what our rules add on top of it), and the in-process scan (what HTTP adds); for
memory, a fresh process with deduce alone beside one with the whole scanner warm (target: the
scanner adds at most 100 MB), and the service's memory before and after the timed scans.

    .venv/bin/python -m benchmarks.scan [--runs 50] [--starts 5] [--chars 2048]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time

import psutil

from benchmarks.casebooks import fictional_text
from benchmarks.common import MB, Stopwatch, record, summary

TARGET_MEDIAN_S = 0.010
TARGET_ADDED_MB = 100

# Each snippet loads one thing in a fresh interpreter and prints its resident memory in bytes.
LOAD_DEDUCE = "from werkboek.casebook.privacy import deduce_engine; deduce_engine.load()"
LOAD_SCANNER = "from werkboek.casebook.privacy.engine import LocalScanner; LocalScanner().warm()"


def texts(count: int, chars: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [fictional_text(rng, chars)[:chars] for _ in range(count)]


def timed_each(action, items: list[str]) -> dict:
    samples = []
    for item in items:
        start = time.perf_counter()
        action(item)
        samples.append(time.perf_counter() - start)
    return summary(samples)


def service_run(starts: int, runs: int, chars: int) -> dict:
    """Start the service ``starts`` times (seconds until it answers, its memory then); time
    scans of fresh texts through the first one."""
    from werkboek.casebook.privacy import HttpScanner, start_scanner_service

    seconds, rss, scans = [], [], None
    for n in range(starts):
        before = {p.pid for p in psutil.Process().children()}
        start = time.perf_counter()
        with start_scanner_service() as url:
            seconds.append(time.perf_counter() - start)
            service = [p for p in psutil.Process().children() if p.pid not in before]
            if service:
                rss.append(service[0].memory_info().rss / MB)
            if n == 0:
                remote = HttpScanner(url)
                remote.scan(texts(1, chars, 4)[0])
                before_scans = service[0].memory_info().rss / MB if service else None
                scans = timed_each(remote.scan, texts(runs, chars, 5))
                if service:
                    scans["rss_before_mb"] = round(before_scans, 1)
                    scans["rss_after_mb"] = round(service[0].memory_info().rss / MB, 1)
    return {"service_start": {"seconds": summary(seconds), "rss_mb": summary(rss)},
            "service": scans}


def loaded_rss_mb(snippet: str) -> float:
    """Resident memory of a fresh interpreter after running ``snippet``."""
    code = f"{snippet}\nimport psutil; print(psutil.Process().memory_info().rss)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / MB


def memory_split(starts: int) -> dict:
    """deduce alone and the whole warm scanner, each in ``starts`` fresh processes."""
    deduce = summary([loaded_rss_mb(LOAD_DEDUCE) for _ in range(starts)])
    scanner = summary([loaded_rss_mb(LOAD_SCANNER) for _ in range(starts)])
    added = scanner["median"] - deduce["median"]
    return {"deduce_alone_rss_mb": deduce, "scanner_rss_mb": scanner,
            "added_mb": round(added, 1), "target_added_mb": TARGET_ADDED_MB,
            "holds": added <= TARGET_ADDED_MB}


def run(runs: int, starts: int, chars: int) -> dict:
    from werkboek.casebook.privacy.deduce_engine import deduce_spans
    from werkboek.casebook.privacy.engine import LocalScanner

    results: dict = {"runs": runs, "text_chars": chars, "target_median_s": TARGET_MEDIAN_S}
    results.update(service_run(starts, runs, chars))
    results["memory"] = memory_split(starts)
    print(f"service start median {results['service_start']['seconds']['median']:.1f} s",
          flush=True)
    local = LocalScanner()
    with Stopwatch() as sw:
        local.warm()
    results["in_process_first_load_s"] = round(sw.seconds, 2)
    local.scan(texts(1, chars, 0)[0])  # one more scan of a fresh text before timing
    results["baseline_deduce_alone"] = timed_each(lambda s: list(deduce_spans(s)),
                                                  texts(runs, chars, 1))
    results["in_process"] = timed_each(local.scan, texts(runs, chars, 2))
    repeated = texts(1, chars, 3)[0]
    local.scan(repeated)
    results["in_process_cached"] = timed_each(local.scan, [repeated] * runs)
    for name in ("in_process", "service"):
        results[name]["target_s"] = TARGET_MEDIAN_S
        results[name]["holds"] = results[name]["median"] <= TARGET_MEDIAN_S
    results["in_process"]["ratio_to_deduce_alone"] = round(
        results["in_process"]["median"] / results["baseline_deduce_alone"]["median"], 2)
    results["service"]["ratio_to_in_process"] = round(
        results["service"]["median"] / results["in_process"]["median"], 2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50, help="timed scans per way of scanning")
    parser.add_argument("--starts", type=int, default=5, help="scanner service starts (>= 1)")
    parser.add_argument("--chars", type=int, default=2048, help="length of each text")
    args = parser.parse_args()
    record("scan", run(args.runs, max(1, args.starts), args.chars))


if __name__ == "__main__":
    main()
