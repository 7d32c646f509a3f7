"""Kernel memory over a day of visits: 100 page opens and closes, then idle kernels culled.

One `werkboek.serving` Voilà with preheated kernels (as `werkboek serve` runs: pools that follow
demand) and, for this run, a short cull timeout (``--cull`` seconds; production default 900).
Each visit opens a page in a fresh browser context, waits for its first widget and closes the
tab. Every page is visited once first and the run waits until each visited page's pool holds its
kernel: that is the baseline. Memory (RSS of the server plus every kernel) and the number of
kernels are recorded then, at their peak during the visits, right after them, and once idle
kernels are culled.

    .venv/bin/python -m benchmarks.kernels [--opens 100] [--cull 10] [--pages Start,Dialoog]
"""

from __future__ import annotations

import argparse
import time

from benchmarks.common import record, summary
from benchmarks.served import (
    ROOT,
    chromium,
    close_page,
    open_page,
    page_url,
    served,
    why_stuck,
    workspace,
)

CULL_INTERVAL = 2


def run(opens: int, cull: int, names: list[str]) -> dict:
    from werkboek.serving import ServeOptions, scanner_for_pages

    results: dict = {"opens": opens, "cull_idle_timeout_s": cull, "cull_interval_s": CULL_INTERVAL,
                     "pages": names}
    with workspace(names) as (pages_dir, env), scanner_for_pages() as scanner_url, \
            chromium() as browser:
        env["WERKBOEK_SCANNER_URL"] = scanner_url
        with served(pages_dir, env, preheat=True, cull_idle_timeout=cull,
                    cull_interval=CULL_INTERVAL) as server:
            for name in names:  # pools fill for pages that were asked for
                close_page(*open_page(browser, page_url(server.base, name), timeout_s=60)[1:])
            refill = ServeOptions().pool_refill_delay
            deadline = time.monotonic() + refill + cull + 120
            while time.monotonic() < deadline and server.memory_mb()["kernels"] != len(names):
                time.sleep(CULL_INTERVAL)
            server.wait_idle(2.0, limit=120)
            results["before"] = server.memory_mb()
            peak = dict(results["before"])
            load_s, failures = [], {}
            for n in range(opens):
                name = names[n % len(names)]
                seconds, page, context = open_page(browser, page_url(server.base, name),
                                                   timeout_s=60)
                if seconds is None:
                    reason = f"{name}: {why_stuck(page)}"
                    failures[reason] = failures.get(reason, 0) + 1
                else:
                    load_s.append(seconds)
                close_page(page, context)
                now = server.memory_mb()
                if now["total_mb"] > peak["total_mb"]:
                    peak = now
                peak["max_kernels"] = max(peak.get("max_kernels", 0), now["kernels"])
            results["peak"] = peak
            results["after_opens"] = server.memory_mb()
            results["failed_opens"] = sum(failures.values())
            results["failures"] = failures
            results["seconds_to_first_widget"] = summary(load_s)
            # Back to the start: the visitors' kernels culled and every page's pool refilled
            # (a pool refills ``pool_refill_delay`` seconds after its last visit).
            waiting = time.monotonic()
            deadline = waiting + max(cull, refill) + 10 * CULL_INTERVAL + 60
            while time.monotonic() < deadline:
                time.sleep(CULL_INTERVAL)
                if server.memory_mb()["kernels"] == results["before"]["kernels"]:
                    break
            results["seconds_until_culled"] = round(time.monotonic() - waiting, 1)
            server.wait_idle(2.0)
            results["after_cull"] = server.memory_mb()
    growth = results["after_cull"]["total_mb"] - results["before"]["total_mb"]
    results["growth_after_cull_mb"] = round(growth, 1)
    # Bounded: back to the full preheated pools once idle, and memory within one kernel of the start.
    results["holds"] = (results["after_cull"]["kernels"] == results["before"]["kernels"]
                        and growth <= 100)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--opens", type=int, default=100)
    parser.add_argument("--cull", type=int, default=10, help="cull idle timeout (s) for the run")
    parser.add_argument("--pages", default="", help="pages to cycle through (default: all)")
    args = parser.parse_args()
    names = args.pages.split(",") if args.pages else sorted(
        p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    record("kernels", run(args.opens, args.cull, names))


if __name__ == "__main__":
    main()
