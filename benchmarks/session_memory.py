"""Memory after a case discussion: does `werkboek serve` give back what a whole session took?

`werkboek serve` with its defaults (its own scanner, pools that follow demand) on a throwaway
casebook (the fictional demo and a team of ``--participants``). The start page stays open for
``--rest`` seconds (longer than the pool refill delay of 60 s); once the process tree is quiet,
its memory (RSS of the server, scanner and kernels; psutil) is taken: at rest. Then a facilitator
and the participants, each signed in beforehand, run a whole case discussion
(``session_load``'s driver, without its Solara reference); the facilitator closes it and every
tab of it closes as a person closes it. Once the closed tabs' kernels have stopped (at most two
minutes) and the tree is quiet again, its memory is taken again. Target: within 100 MB of rest.

    .venv/bin/python -m benchmarks.session_memory [--participants 15] [--rest 75]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import time

import psutil

from benchmarks.common import record
from benchmarks.served import (
    CHROMIUM_ARGS,
    ROOT,
    WIDGET,
    Server,
    free_port,
    page_url,
    stop_group,
    wait_until_up,
    workspace,
)
from benchmarks.startup import tree_memory, wait_quiet, werkboek_command
from werkboek.chromium import chromium_path

TARGET_EXTRA_MB = 100.0


async def session_memory(env: dict, participants: int, rest_s: float) -> dict:
    """werkboek at rest with the start page open, then a whole case discussion with
    ``participants``, ended and its tabs closed; the tree's memory before and after."""
    from playwright.async_api import async_playwright

    from benchmarks import session_load

    port = free_port()
    proc = subprocess.Popen(werkboek_command(port), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base, proc)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True,
                                               args=CHROMIUM_ARGS)
            start_page = await browser.new_page(viewport={"width": 1280, "height": 900})
            await start_page.goto(page_url(base, "Start"), timeout=120_000)
            await start_page.wait_for_selector(WIDGET, state="visible", timeout=120_000)
            await asyncio.sleep(rest_s)
            wait_quiet(proc)
            at_rest = tree_memory(proc)
            server = Server(base, psutil.Process(proc.pid))
            kernels_at_rest = len(server.kernels())
            ran = await session_load.session(base, participants, 1, server, 6.0, env, 1,
                                             reference=False, end=True)
            # The closed tabs' kernels stop and the session page's pool empties: wait for it.
            deadline = time.monotonic() + 120
            while len(server.kernels()) > kernels_at_rest and time.monotonic() < deadline:
                await asyncio.sleep(2)
            wait_quiet(proc)
            after = tree_memory(proc)
            await browser.close()
    finally:
        stop_group(proc)
    return {"participants": participants, "at_rest": at_rest, "after_session": after,
            "extra_mb": round(after["rss_mb"] - at_rest["rss_mb"], 1),
            "joined": ran["tti_s"].get("n", 0), "stuck_on_join": len(ran["stuck_on_join"]),
            "widget_errors": ran["widget_errors"]}


def run(participants: int, rest_s: float) -> dict:
    from benchmarks.session_load import make_team
    from werkboek.serving import scanner_for_pages

    with workspace([]) as (_pages_dir, env):
        with scanner_for_pages() as scanner_url:
            make_team({**env, "WERKBOEK_SCANNER_URL": scanner_url}, participants)
        env.pop("WERKBOEK_SCANNER_URL", None)  # werkboek serve starts its own, as for a user
        results = asyncio.run(session_memory(env, participants, rest_s))
    results["target_extra_mb"] = TARGET_EXTRA_MB
    results["holds"] = results["extra_mb"] <= TARGET_EXTRA_MB
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=15)
    parser.add_argument("--rest", type=float, default=75.0,
                        help="seconds with the start page open before memory at rest is taken")
    args = parser.parse_args()
    os.chdir(ROOT)
    record("session_memory", run(args.participants, args.rest))


if __name__ == "__main__":
    main()
