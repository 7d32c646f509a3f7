"""How long a page's kernel outlives its tab: closed, closed while loading, and a locked screen.

One `werkboek.serving` Voilà with the production timeouts (``ServeOptions()``: idle cull,
culling interval, ``unconnected_timeout``) and a kernel started for each visit of the start page
(no pools, so each tab's kernel is its own). What one tab leaves behind, as a person leaves it:
- closed: the tab closes normally (its page sends Voilà's shutdown beacon): seconds until its
  kernel stops;
- closed while loading: the tab closes as soon as the server answers, before the widgets load
  (no beacon; no browser ever connects): seconds until the kernel stops;
- screen locked: the page is frozen for ``--lock`` seconds (Chromium's lifecycle state of a tab
  on a locked phone or in the background), then woken: whether its kernel still runs, still
  has its connection, and the page still shows its widget.
The kernel memory a tab costs is in ``benchmarks/kernels.py``.

    .venv/bin/python -m benchmarks.kernel_lifetimes [--lock 300] [--unconnected-timeout S]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from benchmarks.common import record
from benchmarks.served import (
    WIDGET,
    chromium,
    close_page,
    open_page,
    page_url,
    served,
    workspace,
)


def run(lock_s: float, unconnected_timeout: int | None) -> dict:
    from werkboek.serving import ServeOptions, scanner_for_pages

    options = ServeOptions()
    if unconnected_timeout is not None:
        options = ServeOptions(unconnected_timeout=unconnected_timeout, cull_interval=1)
    limit = options.unconnected_timeout + 2 * options.cull_interval + 60
    results: dict = {"unconnected_timeout_s": options.unconnected_timeout,
                     "cull_idle_timeout_s": options.cull_idle_timeout,
                     "cull_interval_s": options.cull_interval, "lock_s": lock_s}
    with workspace([]) as (pages_dir, env), scanner_for_pages() as scanner_url, \
            chromium() as browser:
        env["WERKBOEK_SCANNER_URL"] = scanner_url
        with served(pages_dir, env, preheat=False, cull_interval=options.cull_interval,
                    unconnected_timeout=options.unconnected_timeout) as server:
            url = page_url(server.base, "Start")

            def kernels() -> set[int]:
                return {k.pid for k in server.kernels()}

            def seconds_until_stopped(pid: int) -> float | None:
                start = time.monotonic()
                while time.monotonic() - start < limit:
                    if pid not in kernels():
                        return round(time.monotonic() - start, 1)
                    time.sleep(1)
                return None

            before = kernels()
            _seconds, page, context = open_page(browser, url)
            closed = next(iter(kernels() - before))
            close_page(page, context)
            results["closed_s"] = seconds_until_stopped(closed)

            before = kernels()
            context = browser.new_context()
            page = context.new_page()
            page.goto(url, wait_until="commit")
            _wait(lambda: bool(kernels() - before))
            half_loaded = next(iter(kernels() - before))
            close_page(page, context)
            results["closed_while_loading_s"] = seconds_until_stopped(half_loaded)

            _seconds, page, context = open_page(browser, url)
            kernel_id = page.evaluate("JSON.parse(document.getElementById("
                                      "'jupyter-config-data').textContent).kernelId")
            cdp = context.new_cdp_session(page)
            cdp.send("Page.setWebLifecycleState", {"state": "frozen"})
            time.sleep(lock_s)
            cdp.send("Page.setWebLifecycleState", {"state": "active"})
            answer = page.request.get(f"{server.base}api/kernels/{kernel_id}")
            results["locked"] = {
                "kernel_running": answer.ok,
                "connections": answer.json().get("connections") if answer.ok else 0,
                "widget_shown": page.locator(WIDGET).first.is_visible(),
            }
            close_page(page, context)
    results["holds"] = (results["closed_s"] is not None and results["closed_s"] <= 10
                        and results["closed_while_loading_s"] is not None
                        and all(results["locked"].values()))
    return results


def _wait(condition: Callable[[], bool], limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lock", type=float, default=300.0,
                        help="seconds the locked tab stays frozen")
    parser.add_argument("--unconnected-timeout", type=int, default=None,
                        help="instead of werkboek's default (with culling every second)")
    args = parser.parse_args()
    record("kernel_lifetimes", run(args.lock, args.unconnected_timeout))


if __name__ == "__main__":
    main()
