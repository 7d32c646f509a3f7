"""Render the results tables of benchmarks/README.md from the recorded results/*.json.

Each benchmark gets a section: the command, the machine, the date and commit, and a table of
figure · measured · target · holds. Everything between the README's two result markers is
replaced; the text around them is left alone.

    .venv/bin/python -m benchmarks.report
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import RESULTS

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
Row = tuple[str, str, str, bool | None]


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.1f} ms"


def sec(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return ms(seconds) if seconds < 1 else f"{seconds:.2f} s"


def store_save(data: dict) -> Iterator[Row]:
    for run in data["runs"]:
        pace = "burst" if not run["think_s"] else f"pause ~{run['think_s']:g} s"
        label = f"{run['database']}, {run['writers']} writer(s), {pace}"
        save, bare = run["save_s"], run["bare_insert_s"]
        yield (f"save {label}: median / p95 (bare INSERT median; ratio)",
               f"{ms(save.get('median'))} / {ms(save.get('p95'))} ({ms(bare.get('median'))}; "
               f"{run['ratio_to_bare_insert']}×)",
               "p95 ≤ 100 ms" if run["writers"] > 1 else "—", run["holds"])
        yield (f"failed / lost saves, {label}", f"{run['failed']} / {run['lost']}", "0 / 0",
               run["failed"] == 0 and run["lost"] == 0)


def store_query(data: dict) -> Iterator[Row]:
    for kind, db in data["databases"].items():
        for name, label in (("filtered_page", "filtered page of 30"),
                            ("full_text_search", "full-text search, page of 30"),
                            ("dataframe", "all entries as DataFrame"),
                            ("csv_export", "CSV export of everything")):
            stats = db[name]
            failed = stats.get("failed_filters")
            extra = f"; failing filters: {', '.join(failed)}" if failed else ""
            yield (f"{kind}, {data['entries']:,} entries: {label} (median / p95; × baseline)",
                   f"{sec(stats.get('median'))} / {sec(stats.get('p95'))}; "
                   f"{stats.get('ratio_to_baseline')}×{extra}",
                   f"{stats['judged_on']} ≤ {stats['target_s']:g} s", stats["holds"])


def scan(data: dict) -> Iterator[Row]:
    for name, label in (("in_process", "in process"), ("service", "through the service")):
        stats = data[name]
        yield (f"scan 2 KB, warm, {label} (median / p95)",
               f"{ms(stats['median'])} / {ms(stats['p95'])}", "median ≤ 10 ms", stats["holds"])
    yield ("deduce alone on the same texts (baseline, median)",
           ms(data["baseline_deduce_alone"]["median"]), "—", None)
    start = data["service_start"]
    yield ("scanner service start (median) / memory",
           f"{sec(start['seconds']['median'])} / {start['rss_mb']['median']:.0f} MB", "—", None)
    service = data["service"]
    if "rss_after_mb" in service:
        yield (f"scanner service memory before / after {data['runs']} scans",
               f"{service['rss_before_mb']:.0f} / {service['rss_after_mb']:.0f} MB", "—", None)
    if "memory" in data:
        memory = data["memory"]
        yield ("memory the scanner adds to deduce alone (fresh processes, median)",
               f"{memory['added_mb']:.0f} MB ({memory['scanner_rss_mb']['median']:.0f} vs "
               f"{memory['deduce_alone_rss_mb']['median']:.0f} MB)",
               f"≤ {memory['target_added_mb']} MB", memory["holds"])


def page_load(data: dict) -> Iterator[Row]:
    for name, modes in data["pages"].items():
        for mode, limit in (("cold", "≤ 1.3×"), ("preheat", "≤ 1.2×")):
            if mode not in modes:
                continue
            m = modes[mode]
            stuck = f", stuck: {m['stuck']}" if m.get("stuck") else ""
            yield (f"{name}, {mode}: first widget (median; × trivial)",
                   f"{sec(m['seconds'].get('median'))}; {m.get('ratio_to_trivial', '—')}×{stuck}",
                   limit, m["holds"] if name != "Trivial" else None)
        for mode in ("cold", "preheat"):
            if "signin_extra_s" in modes.get(mode, {}):
                yield (f"{name}, {mode}: what signing in adds (median)",
                       f"{modes[mode]['signin_extra_s'] * 1000:+.0f} ms", "≤ 150 ms",
                       modes[mode]["signin_holds"])
        cold = modes.get("cold", {})
        if "kernel_extra_mb" in cold:
            yield (f"{name}: kernel RSS (median; above trivial)",
                   f"{cold['kernel_rss_mb']['median']:.0f} MB; +{cold['kernel_extra_mb']:.0f} MB",
                   "≤ +100 MB", cold["kernel_holds"] if name != "Trivial" else None)


def signin(data: dict) -> Iterator[Row]:
    p = data["parameters"]
    yield (f"argon2id check of a passphrase ({p['memory_kib'] // 1024} MiB, {p['time_cost']} "
           "passes) (median)", sec(data["check"]["median"]), "50–250 ms", data["holds"])
    for key, label in (("wrong_passphrase_sign_in", "sign-in, known name, wrong passphrase"),
                       ("wrong_name_sign_in", "sign-in, unknown name")):
        yield (f"{label} (median)", sec(data[key]["median"]), "alike", None)
    yield ("baseline: a signed-in request's token digest (median)",
           f"{data['baseline_token_digest']['median'] * 1e6:.0f} µs", "—", None)


def kernels(data: dict) -> Iterator[Row]:
    for key in ("before", "peak", "after_opens", "after_cull"):
        m = data[key]
        yield (f"{key.replace('_', ' ')}: memory (server + kernels) / kernels",
               f"{m['total_mb']:.0f} MB / {m['kernels']}", "—", None)
    yield (f"growth after {data['opens']} opens and culling (timeout {data['cull_idle_timeout_s']} s)",
           f"{data['growth_after_cull_mb']:+.0f} MB", "back to the pool, ≤ +100 MB",
           data["holds"])
    yield ("pages that never showed a widget", f"{data['failed_opens']} {data.get('failures', '')}",
           "0", data["failed_opens"] == 0)


def kernel_lifetimes(data: dict) -> Iterator[Row]:
    yield ("a tab closed normally: its kernel stops after", sec(data["closed_s"]), "≤ 10 s",
           data["closed_s"] is not None and data["closed_s"] <= 10)
    yield (f"a tab closed while loading: its kernel stops after (unconnected timeout "
           f"{data['unconnected_timeout_s']} s, culling every {data['cull_interval_s']} s)",
           sec(data["closed_while_loading_s"]), "before the idle cull "
           f"({data['cull_idle_timeout_s']} s)", data["closed_while_loading_s"] is not None)
    locked = data["locked"]
    yield (f"a screen locked for {data['lock_s']:g} s, then woken: kernel running / connections / "
           "widget shown", f"{locked['kernel_running']} / {locked['connections']} / "
           f"{locked['widget_shown']}", "yes / 1 / yes", all(locked.values()))


def startup(data: dict) -> Iterator[Row]:
    if "targets" not in data:  # recorded by the version before pools followed demand
        yield ("recorded by an earlier version of this benchmark; run it again", "—", "—", None)
        return
    targets = data["targets"]
    limit = targets["ratio_to_plain_voila"]
    for mode, m in data["modes"].items():
        ours = mode == "werkboek"
        ratios = (f"{m.get('http_s_ratio_to_plain_voila', '—')}× / "
                  f"{m.get('first_widget_s_ratio_to_plain_voila', '—')}×")
        holds = None
        if ours:
            holds = all((m.get(f"{name}_ratio_to_plain_voila") or 99) <= limit
                        for name in ("http_s", "first_widget_s"))
        yield (f"{mode}: HTTP answers / start page's first widget (median of {data['runs']} "
               "cold starts; × plain Voilà)",
               f"{sec(m['http_s'].get('median'))} / {sec(m['first_widget_s'].get('median'))} "
               f"({ratios})", f"≤ {limit}× / ≤ {limit}×" if ours else "—", holds)
        rest = m["at_rest_mb"].get("median")
        yield (f"{mode}: whole process tree at rest, start page open (median): memory / "
               "processes",
               f"{rest:.0f} MB / {m['processes_at_rest'].get('median', 0):.0f}",
               f"< {targets['at_rest_mb'] / 1000:g} GB" if ours else "—",
               rest < targets["at_rest_mb"] if ours else None)
        failed = m["failed_first_pages"]
        yield (f"{mode}: starts whose start page never showed (of {data['runs']})",
               f"{len(failed)} {failed or ''}", "0", not failed)


def session_memory(data: dict) -> Iterator[Row]:
    before, after = data["at_rest"], data["after_session"]
    yield (f"a case discussion with {data['participants']} participants, ended and its tabs "
           "closed: tree at rest before → after (processes)",
           f"{before['rss_mb']:.0f} MB ({before['processes']}) → {after['rss_mb']:.0f} MB "
           f"({after['processes']}): {data['extra_mb']:+.0f} MB",
           f"≤ +{data['target_extra_mb']:.0f} MB", data["holds"])
    yield ("participants who joined / stuck on joining / widget errors",
           f"{data['joined']} / {data['stuck_on_join']} / {data['widget_errors']}",
           "all / 0 / 0", data["stuck_on_join"] == 0 and data["widget_errors"] == 0)


def by_process(cpu: dict, reference: dict) -> str:
    """The ``browser/…`` CPU seconds of a join, largest first, with the reference's beside them."""
    kinds = sorted((k for k in cpu if k.startswith("browser/") and cpu[k] >= 0.1),
                   key=lambda k: -cpu[k])
    return ", ".join(f"{k.removeprefix('browser/')} {cpu[k]} s ({reference.get(k, '—')} s)"
                     for k in kinds)


def session_load(data: dict) -> Iterator[Row]:
    holds = data["holds"]
    solara = data.get("solara_reference", {}).get("tti_s", {})
    if data.get("session_page_pool") is not None:
        yield ("the session page's pool (`--pool Casusbespreking=N` pins it)",
               str(data["session_page_pool"]), "—", None)
    waves = data.get("join_waves")
    if waves:
        yield (f"{data['participants']} open the join form at once, {len(waves)} waves: "
               "time to interactive, p95 per wave (median of the waves)",
               f"{', '.join(sec(w['tti_s'].get('p95')) for w in waves)} "
               f"({sec(data.get('tti_p95_s_median_of_waves'))})",
               "≤ Solara's, same waves", holds["tti_p95_within_solara_reference"])
        yield ("the same join form in Solara, same waves and browser: p95 per wave (median; "
               "werkboek × Solara)",
               f"{', '.join(sec(w['solara_tti_s'].get('p95')) for w in waves)} "
               f"({sec(data.get('solara_tti_p95_s_median_of_waves'))}; "
               f"{data.get('tti_p95_ratio_to_solara', '—')}×)", "—", None)
    else:
        yield (f"{data['participants']} join at once: time to interactive (median / p95)",
               f"{sec(data['tti_s'].get('median'))} / {sec(data['tti_s'].get('p95'))}",
               "p95 ≤ Solara's in the same run" if solara
               else "p95 ≤ Solara's 21 s (plain Voilà 33 s)",
               holds["tti_p95_within_solara_reference"])
        if solara:
            yield ("the same join form in Solara, same run and browsers (median / p95; × Solara "
                   "p95)", f"{sec(solara.get('median'))} / {sec(solara.get('p95'))}; "
                   f"{data.get('tti_p95_ratio_to_solara', '—')}×", "—", None)
    if "cpu_during_join_s" in data:
        cpu = data["cpu_during_join_s"]
        yield ("CPU while they join: Voilà server / kernels / browsers",
               f"{cpu['server']} s / {cpu['kernels']} s / {cpu['browsers']} s", "—", None)
        solara_cpu = data.get("solara_reference", {}).get("cpu_during_join_s", {})
        if any(key.startswith("browser/") for key in cpu):
            yield ("… the browsers by Chromium process, werkboek (Solara's last wave)",
                   by_process(cpu, solara_cpu), "—", None)
    yield ("widget errors on any page, pages stuck on joining",
           f"{data['widget_errors']}, {len(data['stuck_on_join'])}", "0, 0",
           holds["every_page_renders"])
    yield ("contribution visible to the others (median / p95; never seen)",
           f"{sec(data['visible_to_others_s'].get('median'))} / "
           f"{sec(data['visible_to_others_s'].get('p95'))}; {data['not_seen_by_others']}",
           "p95 ≤ 5 s; 0", holds["visible_p95_within_5_s"])
    for phase, seen in data.get("visible_to_others_by_phase_s", {}).items():
        yield (f"… in {phase} (median / p95)",
               f"{sec(seen.get('median'))} / {sec(seen.get('p95'))}", "—", None)
    added = data.get("click_to_added_in_page_s", {})
    yield ("click on Voeg toe → the page shows it was added (median / p95)",
           f"{sec(added.get('median'))} / {sec(added.get('p95'))}", "—", None)
    saves = data["saves"]
    yield ("saves clicked / lost / truncated / duplicated",
           f"{saves['clicked']} / {saves['lost']} {saves.get('lost_by_phase') or ''} / "
           f"{saves['truncated']} / {saves['duplicated']}", "lost 0, truncated 0",
           holds["no_failed_or_lost_saves"])
    messages = "; ".join(f"{text} (×{n})" for text, n in data.get("participant_messages", {}).items())
    yield ("what participants were told (status lines, notices)", messages or "nothing", "—", None)
    yield ("server memory per participant / CPU per participant",
           f"{data['server_mb_per_participant']:.0f} MB / "
           f"{data['server_cpu_s_per_participant']:.1f} s", "≤ 100 MB", holds["memory_per_participant"])


def trainer_page(data: dict) -> Iterator[Row]:
    browser, holds, targets = data["browser"], data["holds"], data["targets"]
    first = browser["first_widget_s"]
    yield (f"setup: {data['participants']} participants, {data['meetings']} meetings, "
           f"{data['entries']} entries, {data['attendance_marks']} attendance marks", "—", "—", None)
    yield ("first widget of the Trainer page, median (trivial page; ratio)",
           f"{sec(first['trainer'].get('median'))} ({sec(first['trivial'].get('median'))}; "
           f"{data['first_widget_ratio']}×)", f"≤ {targets['first_widget_ratio']}×",
           holds["first_widget"])
    yield ("entering the group until its plan shows, median",
           sec(browser["enter_group_s"].get("median")), "—", None)
    yield ("switching meeting until its attendance shows, median / max",
           f"{sec(browser['switch_meeting_s'].get('median'))} / "
           f"{sec(browser['switch_meeting_s'].get('max'))}",
           f"≤ {targets['switch_s']:g} s (chosen here)", holds["switch"])
    report = data["report_s"]
    yield ("cohort report HTML / PDF, median",
           f"{sec(report['html']['median'])} / {sec(report['pdf']['median'])}",
           f"PDF < {targets['report_pdf_s']:g} s", holds["report_pdf"])


def hub(data: dict) -> Iterator[Row]:
    if "servers" in data:
        yield from hub_beside_singleuser_voila(data)
        return
    n, on_hub, one = data["people"], data["hub"], data["one_werkboek_serve"]
    login = on_hub["login_to_start_page_s"]
    yield (f"{n} log in at the hub at once: login → their start page (their server started), "
           "median / p95", f"{sec(login.get('median'))} / {sec(login.get('p95'))}", "—", None)
    hub_tti, one_tti = on_hub["time_to_first_widget_s"], one["time_to_first_widget_s"]
    ratio = (f"{hub_tti['p95'] / one_tti['p95']:.2f}×" if hub_tti.get("p95") and one_tti.get("p95")
             else "—")
    yield (f"then all {n} open the session link: first widget, median / p95 — hub (× one "
           "`werkboek serve`)", f"{sec(hub_tti.get('median'))} / {sec(hub_tti.get('p95'))} "
           f"({ratio})", "—", None)
    yield (f"the same {n} on one `werkboek serve`, signed in beforehand: median / p95",
           f"{sec(one_tti.get('median'))} / {sec(one_tti.get('p95'))}", "—", None)
    stuck = "; ".join(on_hub.get("stuck", []) + one.get("stuck", []))
    yield ("pages that never showed the join form: hub / one server",
           f"{on_hub['failed']} / {one['failed']}" + (f" ({stuck})" if stuck else ""), "0 / 0",
           on_hub["failed"] == 0 and one["failed"] == 0)
    memory = on_hub["memory"]
    per = memory["per_person_mb"] or {}
    yield ("memory per person: their server with its kernels under the hub (median) / one "
           "`werkboek serve` with its kernels ÷ people",
           f"{per.get('median', 0):.0f} MB / {one['memory']['per_person_mb']:.0f} MB", "—", None)
    yield ("the hub / the proxy / the scanner (once per hub)",
           f"{memory['hub_mb']:.0f} MB / {memory['proxy_mb']:.0f} MB / "
           f"{memory['scanner_mb']:.0f} MB", "—", None)
    yield (f"everything with {n} people: the hub's process tree / one `werkboek serve`'s "
           "(server + kernels, its scanner not counted)",
           f"{memory['all_processes_mb']:.0f} MB / {one['memory']['total_mb']:.0f} MB", "—", None)


def hub_beside_singleuser_voila(data: dict) -> Iterator[Row]:
    n, runs, servers = data["people"], data["runs"], data["servers"]
    ours, theirs = servers["werkboek"], servers["singleuser-voila"]
    ratios = data["ratio_singleuser_voila_to_werkboek"]
    yield (f"load average (1, 5, 15 min) before / after the {2 * runs} hubs",
           f"{data['load_average_before']} / {data['load_average_after']}", "—", None)
    for key, label in (("login_to_first_widget_s", f"{n} log in at once: login → the start "
                        "page's first control (their server started)"),
                       ("again_first_widget_s", f"after {data['settle_s']:g} s, all {n} open the "
                        "start page again in a new tab: first control")):
        for name, stats in (("werkboek serve --hub", ours[key]),
                            ("singleuser + Voilà extension", theirs[key])):
            yield (f"{label}, {name}: median / p95 of {stats['n']} (each run's median)",
                   f"{sec(stats.get('median'))} / {sec(stats.get('p95'))} ("
                   + ", ".join(sec(x) for x in stats["run_medians"]) + ")", "—", None)
        ratio = ratios[key]
        yield ("… singleuser + Voilà extension × werkboek: median / p95 (each run)",
               f"{ratio['median']}× / {ratio['p95']}× ("
               + ", ".join(f"{x}×" for x in ratio["per_run"]) + ")", "—", None)
    for moment, label in (("after_login", "after login"), ("at_rest", "at rest"),
                          ("after_second_visit", "after the second tab")):
        yield (f"memory per person's server with its kernels, {label}: werkboek / singleuser + "
               "Voilà extension (median of the runs' medians)",
               f"{ours['per_person_mb'][moment].get('median', 0):.0f} MB / "
               f"{theirs['per_person_mb'][moment].get('median', 0):.0f} MB", "—", None)
    for name, stats in (("werkboek", ours), ("singleuser + Voilà extension", theirs)):
        yield (f"what the start page showed the first person, {name}",
               " / ".join(f"“{text}”" for text in stats["first_person_saw"]), "—", None)
    failed = {name: stats["login_to_first_widget_s"]["failed"]
              + stats["again_first_widget_s"]["failed"] for name, stats in servers.items()}
    stuck = "; ".join(ours["stuck"] + theirs["stuck"])
    yield ("pages that never showed their first control: werkboek / singleuser + Voilà extension",
           f"{failed['werkboek']} / {failed['singleuser-voila']}" + (f" ({stuck})" if stuck
                                                                     else ""),
           "0 / 0", not any(failed.values()))


SECTIONS = {"store_save": store_save, "store_query": store_query, "scan": scan,
            "signin": signin, "page_load": page_load, "kernels": kernels,
            "kernel_lifetimes": kernel_lifetimes, "startup": startup,
            "session_memory": session_memory,
            "session_load": session_load, "hub": hub,
            "trainer_page": trainer_page}


def holds_text(value: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[value]


def section(name: str, data: dict, variant: str = "") -> str:
    m = data["machine"]
    lines = [f"### {name}" + (f" ({variant})" if variant else ""), "",
             f"`{data['command']}` · {data['recorded_at']} · commit {data['git_commit']} · "
             f"{m['cpus']} cores ({m['cpu_model']}), {m['memory_gb']} GB, Python {m['python']}"
             + (f" · load average at the end {m['load_average_1_5_15']}"
                if "load_average_1_5_15" in m else ""), "",
             "| figure | measured | target | holds |", "|---|---|---|---|"]
    for figure, measured, target, holds in SECTIONS[name](data):
        lines.append(f"| {figure} | {measured} | {target} | {holds_text(holds)} |")
    return "\n".join(lines)


def render(results: Path = RESULTS) -> str:
    parts = []
    for name in SECTIONS:
        path = results / f"{name}.json"
        if path.exists():
            parts.append(section(name, json.loads(path.read_text())))
        else:
            parts.append(f"### {name}\n\nNot recorded yet.")
        for variant in sorted(results.glob(f"{name}.*.json")):  # common.record(variant=…)
            parts.append(section(name, json.loads(variant.read_text()),
                                 variant.name[len(name) + 1:-len(".json")]))
    return "\n\n".join(parts)


def update_readme(readme: Path = README) -> None:
    text = readme.read_text()
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    readme.write_text(f"{before}{START}\n{render()}\n{END}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    update_readme()


if __name__ == "__main__":
    main()
