"""Page load: navigation → first interactive widget, for every page next to the trivial page.

Signing in: the team pages (Casusbespreking, Casebook, Trainer) and the trivial page (the gate
asks sign-in for every page that is not one of werkboek's personal pages) are visited signed in
(a demo account; the browser carries its cookie, as after "Onthoud dit apparaat"); every other page is
visited twice in a row, without and then with that cookie; the median of those pairs'
differences is what sign-in adds (target: ≤ 150 ms). Pairs, not the difference of two medians:
a visit spreads by a fifth on a 2-core box, and two visits in a row see the same machine.

All pages and `benchmarks/pages/Trivial.ipynb` (one Textarea, one Button, one Output in a VBox)
are served by one `werkboek.serving` Voilà in the same run, cold and with preheated kernels (every
page's pool pinned to one kernel, ``--pool PAGINA=1``, so each visit finds one ready). Each
visit uses a fresh browser context; pages are visited in interleaved order so drift hits all alike.
Kernel memory (RSS) is read from the kernel each cold visit started, next to the trivial page's.

    .venv/bin/python -m benchmarks.page_load [--runs 9] [--modes cold,preheat] [--pages Start,Dialoog]

Nine runs, not five: one visit on a 2-core box spreads by a fifth either way (the trivial page
2.45–3.39 s preheated), so a median of five moved a page's ratio by 0.1–0.3 between runs.
"""

from __future__ import annotations

import argparse
import time

from benchmarks.common import MB, record, summary
from benchmarks.served import (
    ROOT,
    TEAM_PAGES,
    TRIVIAL,
    chromium,
    close_page,
    open_page,
    page_url,
    served,
    signed_in_state,
    why_stuck,
    workspace,
)

SIGNED = " (aangemeld)"  # the signed-in visit of a page that also opens without sign-in

REFILL_DELAY_S = 5.0  # longer than one visit takes (2–4 s on the 2-core boxes measured)


def run(runs: int, modes: list[str], names: list[str]) -> dict:
    from werkboek.serving import scanner_for_pages

    # A page's signed-in visit comes right after its plain one: the pair sees the same machine.
    order = [TRIVIAL, *(v for n in names
                        for v in ((n,) if n in TEAM_PAGES else (n, n + SIGNED)))]
    results: dict = {"runs": runs, "pages": {}, "targets": {"cold_ratio": 1.3, "preheat_ratio": 1.2,
                                                           "kernel_extra_mb": 100,
                                                           "signin_extra_s": 0.150}}
    with workspace(names) as (pages_dir, env), scanner_for_pages() as scanner_url, \
            chromium() as browser:
        env["WERKBOEK_SCANNER_URL"] = scanner_url
        for mode in modes:
            samples: dict[str, list] = {n: [] for n in order}
            visits: dict[str, list] = {n: [] for n in order}  # per run: seconds or None
            memory = {n: [] for n in order}
            stuck: dict = {n: {} for n in order}
            # One visitor at a time. The pool refills soon after a visit, but not during it
            # (a kernel starting on the same cores would be timed as the page's), and every
            # preheated visit waits for full pools, so it finds a ready kernel.
            pinned = {name: 1 for name in order} if mode == "preheat" else {}
            with served(pages_dir, env, preheat=mode == "preheat", cull_idle_timeout=4,
                        cull_interval=2, pool_refill_delay=REFILL_DELAY_S,
                        page_pools=pinned) as server:
                server.wait_for_kernels(len(pinned), limit=120)
                server.wait_idle(2.0)
                state = signed_in_state(browser, server.base)
                full = len(server.kernels())
                for _ in range(runs):
                    for name in order:
                        server.wait_for_kernels(full)
                        server.wait_idle(2.0 if mode == "preheat" else 0.5)
                        before = {k.pid for k in server.kernels()}
                        page_name = name.removesuffix(SIGNED)
                        # The trivial page is no werkboek page: the gate asks sign-in for it.
                        signed = name.endswith(SIGNED) or name in TEAM_PAGES or name == TRIVIAL
                        seconds, page, context = open_page(
                            browser, page_url(server.base, page_name),
                            storage_state=state if signed else None)
                        visits[name].append(seconds)
                        if seconds is None:
                            reason = why_stuck(page)
                            stuck[name][reason] = stuck[name].get(reason, 0) + 1
                        else:
                            samples[name].append(seconds)
                        if mode == "cold":
                            new = [k for k in server.kernels() if k.pid not in before]
                            if new:
                                time.sleep(0.5)
                                memory[name].append(new[-1].memory_info().rss / MB)
                        close_page(page, context)
            if not samples[TRIVIAL]:
                raise SystemExit(f"The trivial page never showed its widget: {stuck[TRIVIAL]}")
            trivial = summary(samples[TRIVIAL])["median"]
            trivial_mb = summary(memory[TRIVIAL])["median"] if memory[TRIVIAL] else None
            limit = results["targets"][f"{mode}_ratio"]
            for name in order:
                entry = results["pages"].setdefault(name, {})
                stats = summary(samples[name])
                if not samples[name]:
                    entry[mode] = {"seconds": stats, "stuck": stuck[name], "holds": False}
                    continue
                ratio = round(stats["median"] / trivial, 3)
                entry[mode] = {"seconds": stats, "ratio_to_trivial": ratio, "stuck": stuck[name],
                               "holds": ratio <= limit and not stuck[name]}
                if memory[name]:
                    mb = summary(memory[name])
                    extra = round(mb["median"] - trivial_mb, 1)
                    entry[mode]["kernel_rss_mb"] = mb
                    entry[mode]["kernel_extra_mb"] = extra
                    entry[mode]["kernel_holds"] = extra <= results["targets"]["kernel_extra_mb"]
            for name in order:
                plain = results["pages"].get(name.removesuffix(SIGNED), {}).get(mode, {})
                signed = results["pages"][name].get(mode, {})
                if name.endswith(SIGNED) and "ratio_to_trivial" in plain and "ratio_to_trivial" in signed:
                    pairs = [s - p for p, s in zip(visits[name.removesuffix(SIGNED)],
                                                   visits[name], strict=True)
                             if p is not None and s is not None]
                    extra = summary(pairs)["median"]
                    signed["signin_extra_s"] = round(extra, 3)
                    signed["signin_pairs"] = len(pairs)
                    signed["signin_holds"] = extra <= results["targets"]["signin_extra_s"]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--modes", default="cold,preheat")
    parser.add_argument("--pages", default="")
    args = parser.parse_args()
    names = args.pages.split(",") if args.pages else sorted(
        p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
    record("page_load", run(args.runs, args.modes.split(","), names))


if __name__ == "__main__":
    main()
