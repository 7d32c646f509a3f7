"""What every benchmark shares: machine facts, robust statistics, and recording results.

A result is one JSON file in benchmarks/results/ holding the command, the machine, the raw
samples and their medians, plus the ratio to the baseline measured in the same run.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

RESULTS = Path(__file__).resolve().parent / "results"
MB = 1024 * 1024


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "cpu_model": _cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        # Other work on the machine slows every figure down: keep how busy it was beside them.
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def summary(samples: list[float]) -> dict:
    """Median, p95, min and max of samples (seconds or bytes, as given)."""
    ordered = sorted(samples)
    if not ordered:
        return {"n": 0}
    p95_index = max(0, int(round(0.95 * (len(ordered) - 1))))
    return {
        "n": len(ordered),
        "median": statistics.median(ordered),
        "p95": ordered[p95_index],
        "min": ordered[0],
        "max": ordered[-1],
    }


def record(name: str, data: dict, variant: str = "") -> Path:
    """Write benchmarks/results/NAME.json with the command and machine beside the data; with a
    ``variant`` (another baseline of the same benchmark), NAME.VARIANT.json beside it.

    ``WERKBOEK_BENCH_RESULTS`` names another folder (smoke runs must not replace real results).
    """
    folder = Path(os.environ.get("WERKBOEK_BENCH_RESULTS") or RESULTS)
    folder.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": name,
        "command": command(),
        "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "machine": machine(),
        **data,
    }
    path = folder / (f"{name}.{variant}.json" if variant else f"{name}.json")
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return path


def command() -> str:
    """How this benchmark was started, as one would type it (``python -m benchmarks.NAME …``)."""
    spec = getattr(sys.modules["__main__"], "__spec__", None)
    start = ["-m", spec.name] if spec is not None else sys.argv[:1]
    return " ".join([".venv/bin/python", *start, *sys.argv[1:]])


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True,
            cwd=Path(__file__).resolve().parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


class Stopwatch:
    """`with Stopwatch() as sw: ...` then `sw.seconds`."""

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._start
