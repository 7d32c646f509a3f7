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

With ``--beside singleuser-voila``, instead: the same hub config twice in turns, ``--runs``
times each, once with `werkboek serve --hub` as each user's server and once with
`jupyterhub-singleuser` with Voilà as its server extension (``benchmarks.hubs.USER_SERVERS``),
each hub on its own, on the same casebook. The page both can show is the start page: the join
form needs werkboek's sign-in, which the extension does not have (its pages do not know the
visitor). Both show the same text; the extension's pages, not knowing the visitor, add a note
that the open actions are for members of a team, while werkboek's start page opens the casebook
and asks for the visitor's open actions (none: the people are in no werkboek team). Per person:
click on the hub's login button → the start page's first control visible (their server started
on the way); then, once ``--settle`` seconds have passed (longer than
werkboek's pool refill delay of 60 s) and the servers are quiet, the start page again in a new
tab at the same moment (navigation → first control: werkboek hands out a preheated kernel, the
extension starts one); memory (RSS) of each person's server with its kernels after login, at
rest and after the second visit. The load average is kept before and after.

    .venv/bin/python -m benchmarks.hub [--people 15]
    .venv/bin/python -m benchmarks.hub --beside singleuser-voila --people 5 --runs 3
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
from benchmarks.hubs import PASSWORD, USER_SERVERS, running_hub
from benchmarks.served import CHROMIUM_ARGS, ROOT, WIDGET, Server, served
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


async def timed_join_form(page, url: str, selector: str = JOIN_FIELD) -> dict:
    """Seconds from navigating to ``url`` to ``selector`` visible (the join form's code field;
    ``tti_s``), or None with what the page showed instead (``stuck``)."""
    try:
        await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        await page.wait_for_selector(selector, state="visible", timeout=TIMEOUT_MS)
    except Exception as exc:
        return {"tti_s": None, "stuck": await why_stuck(page, exc)}
    return {"tti_s": await page.evaluate("performance.now()") / 1000}


async def why_stuck(page, exc: Exception) -> str:
    try:
        shown = (await page.inner_text("body"))[:120]
    except Exception:
        shown = ""
    return f"{page.url} · {shown or type(exc).__name__}"


def outcome(opened: list[dict]) -> dict:
    return {"time_to_first_widget_s": summary([o["tti_s"] for o in opened if o["tti_s"]]),
            "failed": sum(o["tti_s"] is None for o in opened),
            "stuck": sorted({o["stuck"] for o in opened if o["tti_s"] is None})}


async def hub_login(browser, hub, name: str, selector: str | None = None) -> dict:
    """Log ``name`` in at the hub's login page; seconds until their start page (their server
    started on the way): its address (``login_s``), or with ``selector`` that visible on it."""
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
        if selector:
            await page.wait_for_selector(selector, state="visible", timeout=TIMEOUT_MS)
    except Exception as exc:
        return {"login_s": None, "stuck": await why_stuck(page, exc), "page": page,
                "context": context}
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
        if "serve --hub" in args or "jupyterhub-singleuser" in args:
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


def wait_quiet(hub, limit: float = 120.0) -> None:
    """Wait until the hub's whole process tree (servers, kernels, a pool refilling) is quiet."""
    Server("", psutil.Process(hub.process.pid)).wait_idle(2.0, limit=limit)


async def one_hub(browser, url: str, folder: Path, names: list[str], user_server: str,
                  settle_s: float) -> dict:
    """One hub with ``user_server`` as each person's server: everyone logs in at once and waits
    for the start page's first control; after ``settle_s`` everyone opens the start page again
    in a new tab at once. Times in seconds, memory per person's server tree in MB."""
    log = ROOT / "benchmarks" / ".work" / f"hub-{user_server}.log"
    # In no werkboek team, so werkboek's start page has no open actions to list: the same text
    # as the extension's, whose pages do not know the visitor (docstring).
    groups = {"benchmark-no-team": names}
    with running_hub(url, folder, groups, log, user_server=user_server) as hub:
        logins = await asyncio.gather(*(hub_login(browser, hub, n, WIDGET) for n in names))
        shown = await page_text(logins[0]["page"])
        after_login = hub_memory(hub)
        await asyncio.sleep(settle_s)
        await asyncio.to_thread(wait_quiet, hub)
        at_rest = hub_memory(hub)
        tabs = [await login["context"].new_page() for login in logins]
        again = await asyncio.gather(*(timed_join_form(tab, hub.user_url(n), WIDGET)
                                       for n, tab in zip(names, tabs, strict=True)))
        after_again = hub_memory(hub)
        for login in logins:
            await login["context"].close()
    return {"login_to_first_widget_s": [r["login_s"] for r in logins],
            "again_first_widget_s": [r["tti_s"] for r in again],
            "stuck": sorted({r["stuck"] for r in [*logins, *again] if "stuck" in r}),
            "per_person_mb": {"after_login": after_login["per_person_mb"],
                              "at_rest": at_rest["per_person_mb"],
                              "after_second_visit": after_again["per_person_mb"]},
            "servers": after_login["servers"], "first_person_saw": shown}


async def page_text(page) -> str:
    """The start of what a page shows (to see that both kinds showed the same page)."""
    try:
        return " ".join((await page.inner_text(".wb-page")).split())[:200]
    except Exception as exc:
        return type(exc).__name__


def medians(runs: list[dict], key: str) -> dict:
    """All samples of ``key`` over the runs (median, p95), each run's median, and failures."""
    samples = [[x for x in run[key] if x is not None] for run in runs]
    return {**summary([x for run in samples for x in run]),
            "run_medians": [summary(run).get("median") for run in samples],
            "failed": sum(x is None for run in runs for x in run[key])}


async def beside_singleuser_voila(people: int, runs: int, settle_s: float) -> dict:
    from playwright.async_api import async_playwright

    names = [person(n) for n in range(1, people + 1)]
    kinds = list(USER_SERVERS)
    done: dict[str, list[dict]] = {kind: [] for kind in kinds}
    result: dict = {"people": people, "runs": runs, "settle_s": settle_s, "page": "Start",
                    "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with throwaway_database("postgresql", admin_url=PG_ADMIN_URL, prefix="werkboek_bench_hub_"
                            ) as url:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium_path(), headless=True,
                                               args=CHROMIUM_ARGS)
            for n in range(runs):  # in turns, each kind first every other run
                for kind in kinds if n % 2 == 0 else kinds[::-1]:
                    folder = Path(tempfile.mkdtemp(prefix=f"wb-bench-hub-{kind}-"))
                    done[kind].append(await one_hub(browser, url, folder, names, kind, settle_s))
                    print(f"{kind} #{n + 1}: {done[kind][-1]}", flush=True)
            await browser.close()
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    result["servers"] = {kind: {
        "login_to_first_widget_s": medians(kind_runs, "login_to_first_widget_s"),
        "again_first_widget_s": medians(kind_runs, "again_first_widget_s"),
        "per_person_mb": {moment: summary([run["per_person_mb"][moment]["median"]
                                           for run in kind_runs if run["per_person_mb"][moment]])
                          for moment in ("after_login", "at_rest", "after_second_visit")},
        "stuck": sorted({s for run in kind_runs for s in run["stuck"]}),
        "first_person_saw": sorted({run["first_person_saw"] for run in kind_runs}),
        "runs": kind_runs,
    } for kind, kind_runs in done.items()}
    werkboek, other = result["servers"]["werkboek"], result["servers"]["singleuser-voila"]
    result["ratio_singleuser_voila_to_werkboek"] = {
        key: {"median": ratio(other[key].get("median"), werkboek[key].get("median")),
              "p95": ratio(other[key].get("p95"), werkboek[key].get("p95")),
              "per_run": [ratio(a, b) for a, b in zip(other[key]["run_medians"],
                                                      werkboek[key]["run_medians"], strict=True)]}
        for key in ("login_to_first_widget_s", "again_first_widget_s")}
    return result


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=15)
    parser.add_argument("--beside", choices=["one-werkboek-serve", "singleuser-voila"],
                        default="one-werkboek-serve",
                        help="the baseline: the same people on one `werkboek serve` (the join "
                        "form), or the hub with jupyterhub-singleuser and Voilà as its server "
                        "extension as each user's server (the start page)")
    parser.add_argument("--runs", type=int, default=3,
                        help="with --beside singleuser-voila: hubs of each kind, in turns")
    parser.add_argument("--settle", type=float, default=75.0,
                        help="with --beside singleuser-voila: seconds after login before the "
                        "start page is opened again")
    args = parser.parse_args()
    if args.beside == "singleuser-voila":
        result = asyncio.run(beside_singleuser_voila(args.people, args.runs, args.settle))
        print(record("hub", result, variant=args.beside))
        return
    result = asyncio.run(measure(args.people))
    print(record("hub", result))


if __name__ == "__main__":
    main()
