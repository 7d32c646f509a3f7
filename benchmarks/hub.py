"""15 people open a case discussion at once: through JupyterHub (a server each) beside the same 15
on one `werkboek serve`, in the same run, on the same PostgreSQL casebook.

Hub (deploy/hub/jupyterhub_config.py through ``benchmarks.hubs``): every person logs in at the
hub's login page at the same moment; the hub starts their server (`werkboek serve --hub`) and
their browser lands on the start page; then all open the session link (``?code=…``) at the same
moment. One `werkboek
serve`: every person signs in through werkboek's sign-in page beforehand (remembered, as on their
own phone), then all open the session link at the same moment.
Time to first widget = navigation to the session link → the join form's code field visible
(``performance.now()``). For the hub, login → start page is recorded too (it includes starting
the person's server). Memory (RSS): per person (their server and its kernels under the hub; the
one server and its kernels divided by the people on `werkboek serve`), and the hub's, the
proxy's and the scanner's.

    .venv/bin/python -m benchmarks.hub [--people 15]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.casebooks import PG_ADMIN_URL, throwaway_database
from benchmarks.common import record, summary
from benchmarks.hubs import PASSWORD, running_hub
from benchmarks.served import CHROMIUM_ARGS, ROOT, served
from werkboek.chromium import chromium_path

MB = 1024 * 1024
TEAM = "Team Bench (fictief)"
LEAD = "gd-bench"
TIMEOUT_MS = 300_000
PHONE = {"width": 390, "height": 844}
JOIN_FIELD = ".wb-join-code-input input"


def person(n: int) -> str:
    return f"gw-bench-{n}"


def session_code(database_url: str, scanner_url: str, people: list[str]) -> str:
    """The team (its people as hub users with werkboek's passphrase too, for the `werkboek serve`
    side) and a case discussion led by LEAD; returns its join code. SETUP, not measured."""
    from werkboek.casebook import Principal, open_casebook
    from werkboek.casebook.demo import DEMO_PASSPHRASE
    from werkboek.settings import get_settings

    cb = open_casebook(database_url, upgrade=True, settings=get_settings(scanner_url=scanner_url))
    group = [f"werkboek:{TEAM}:groepswerker"]
    for name in [LEAD, *people]:
        cb.hub_sign_in(name, group)
    cb.set_demo_passphrase([LEAD, *people], DEMO_PASSPHRASE)
    _token, login = cb.hub_sign_in(LEAD, group)
    viewer = cb.viewer(Principal(login_id=login.id))
    team_id = next(iter(viewer.team_ids))
    return cb.start_session(viewer, team_id, case_id=None, exercise_id="casusbespreking").join_code


async def timed_join_form(page, url: str) -> dict:
    """Seconds from navigating to ``url`` to the join form's code field (``tti_s``), or None with
    what the page showed instead (``stuck``)."""
    try:
        await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        await page.wait_for_selector(JOIN_FIELD, state="visible", timeout=TIMEOUT_MS)
    except Exception as exc:
        try:
            shown = (await page.inner_text("body"))[:120]
        except Exception:
            shown = ""
        return {"tti_s": None, "stuck": f"{page.url} · {shown or type(exc).__name__}"}
    return {"tti_s": await page.evaluate("performance.now()") / 1000}


def outcome(opened: list[dict]) -> dict:
    return {"time_to_first_widget_s": summary([o["tti_s"] for o in opened if o["tti_s"]]),
            "failed": sum(o["tti_s"] is None for o in opened),
            "stuck": sorted({o["stuck"] for o in opened if o["tti_s"] is None})}


async def hub_login(browser, hub, name: str) -> dict:
    """Log ``name`` in at the hub's login page; seconds until their start page (their server
    started on the way)."""
    context = await browser.new_context(viewport=PHONE)
    page = await context.new_page()
    await page.goto(f"{hub.url}hub/login", timeout=TIMEOUT_MS)
    await page.fill("#username_input", name)
    await page.fill("#password_input", PASSWORD)
    started = time.perf_counter()
    await page.click("#login_submit")
    try:
        await page.wait_for_url(f"{hub.url}user/{name}/voila/render/Start.ipynb*",
                                timeout=TIMEOUT_MS)
    except Exception:
        return {"login_s": None, "page": page, "context": context}
    return {"login_s": time.perf_counter() - started, "page": page, "context": context}


async def on_one_server(browser, base: str, code: str, state: dict) -> dict:
    context = await browser.new_context(viewport=PHONE, storage_state=state)
    page = await context.new_page()
    opened = await timed_join_form(page, f"{base}voila/render/Casusbespreking.ipynb?code={code}")
    return {**opened, "context": context}


def rss_mb(procs) -> float:
    total = 0.0
    for proc in procs:
        try:
            total += proc.memory_info().rss / MB
        except psutil.NoSuchProcess:
            continue
    return round(total, 1)


def hub_memory(hub) -> dict:
    """RSS of the hub, its proxy, its scanner, and each person's server with its kernels."""
    root = psutil.Process(hub.process.pid)
    children = root.children(recursive=True)
    users, proxy, scanner = {}, [], []
    for child in root.children():
        try:
            args = " ".join(child.cmdline())
        except psutil.NoSuchProcess:
            continue
        if "serve --hub" in args:
            users[child.pid] = rss_mb([child, *child.children(recursive=True)])
        elif "configurable-http-proxy" in args:
            proxy = [child, *child.children(recursive=True)]
        elif " scanner " in f"{args} ":
            scanner = [child, *child.children(recursive=True)]
    per_user = list(users.values())
    return {"hub_mb": rss_mb([root]), "proxy_mb": rss_mb(proxy), "scanner_mb": rss_mb(scanner),
            "servers": len(per_user), "per_person_mb": summary(per_user) if per_user else None,
            "all_processes_mb": rss_mb([root, *children])}


async def measure(people: int) -> dict:
    from playwright.async_api import async_playwright

    from benchmarks.session_load import sign_in

    names = [person(n) for n in range(1, people + 1)]
    folder = Path(tempfile.mkdtemp(prefix="wb-bench-hub-"))
    result: dict = {"people": people}
    with throwaway_database("postgresql", admin_url=PG_ADMIN_URL, prefix="werkboek_bench_hub_"
                            ) as url, running_hub(
            url, folder, {f"werkboek:{TEAM}:groepswerker": [LEAD, *names]},
            ROOT / "benchmarks" / ".work" / "hub.log") as hub:
        code = session_code(url, hub.scanner_url, names)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True,
                                               args=CHROMIUM_ARGS)
            runs = await asyncio.gather(*(hub_login(browser, hub, n) for n in names))
            opened = await asyncio.gather(*(
                timed_join_form(run["page"], f"{hub.user_url(n, 'Casusbespreking')}?code={code}")
                for n, run in zip(names, runs, strict=True)))
            result["hub"] = {
                "login_to_start_page_s": summary([r["login_s"] for r in runs if r["login_s"]]),
                "logins_failed": sum(r["login_s"] is None for r in runs),
                **outcome(opened),
                "memory": hub_memory(hub),
            }
            for run in runs:
                await run["context"].close()

            env = {"WERKBOEK_DATABASE_URL": url, "WERKBOEK_SCANNER_URL": hub.scanner_url}
            with served(ROOT / "notebooks", {**os.environ, **env}) as server:
                states = [await sign_in(browser, server.base, n) for n in names]
                runs = await asyncio.gather(*(on_one_server(browser, server.base, code, s)
                                              for s in states))
                memory = server.memory_mb()
                result["one_werkboek_serve"] = {
                    **outcome(runs),
                    "memory": {**memory, "per_person_mb": round(memory["total_mb"] / people, 1)},
                }
                for run in runs:
                    await run["context"].close()
            await browser.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=15)
    args = parser.parse_args()
    result = asyncio.run(measure(args.people))
    print(record("hub", result))


if __name__ == "__main__":
    main()
