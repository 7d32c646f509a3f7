"""Saving an entry, privacy scan included, with 1 and 30 concurrent writer processes.

Each writer is its own process (as each page kernel is), opens the casebook, and scans through
the one scanner service (as `werkboek serve` runs it). After a start barrier every writer saves
the baseline first: a bare INSERT of the same kind of row in the store's own write transaction,
without scan, checks or read-back; then, after a second barrier, fresh fictional contributions
with ``save_entry`` (privacy "check", final, in the session). The two run as separate phases of
the same run, so that 30 writers means 30 writers saving (interleaving the baseline with the
saves put 60 writers' worth of transactions on the lock). ``--think`` sets the mean pause
between a writer's saves: 0 is a burst (every writer saves back to back, the worst case); 1 s
is closer to a meeting room. Afterwards the number of stored entries is checked: no save may
be lost.

Where the time goes: the CPU each part spends per save is measured too (the writer's own
process per save and per bare insert; the scanner service's process; on PostgreSQL each
writer's server backend). With every writer saving at once, a round of saves cannot take
less than writers x CPU per round / cores: ``cpu_bound_round_ms`` shows that floor.

    .venv/bin/python -m benchmarks.store_save [--saves 30] [--writers 1,30] \
        [--databases sqlite,postgresql] [--think 0,1]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import time
import uuid
from urllib.parse import urlsplit

import psutil

from benchmarks.casebooks import DATABASES, Team, fictional_text, settings_for, throwaway_casebook
from benchmarks.common import record, summary
from werkboek.vocab import CONTRIBUTION_KIND

TARGET_P95_S = 0.100
TEXT_CHARS = 400


def _entry_fields(team: Team, text: str) -> dict:
    return {"kind": CONTRIBUTION_KIND, "text": text, "session_id": team.session_id,
            "case_id": team.case_id, "exercise": "casusbespreking", "step": "context-ophalen",
            "visibility": "team", "final": True}


def _bare_insert(cb, viewer, team: Team, text: str) -> None:
    """The baseline: the same row written in one transaction, without scan or checks."""
    from werkboek.casebook import schema as t

    now = t.utcnow()
    fields = _entry_fields(team, text)
    del fields["final"]
    row = {**fields, "id": uuid.uuid4(), "author_id": viewer.member_id, "role": "groepswerker",
           "team_id": team.team_id, "value": None, "principles": [], "status": "final",
           "privacy": "check", "created_at": now, "updated_at": now}
    with cb._write() as conn:  # the store's own write transaction (BEGIN IMMEDIATE on SQLite)
        conn.execute(t.entries.insert().values(**row))


def _cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) a process has used so far; 0 when there is none."""
    if pid is None:
        return 0.0
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


def _backend_pid(cb) -> int | None:
    """The PostgreSQL server process behind this writer's (single, pooled) connection."""
    if cb.dialect != "postgresql":
        return None  # SQLite works inside the writer's own process
    with cb.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()


def _scanner_pid(scanner_url: str) -> int | None:
    port = urlsplit(scanner_url).port
    for conn in psutil.net_connections("tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
            return conn.pid
    return None


def writer(team: Team, member_id: int, scanner_url: str, saves: int, think: float, seed: int,
           barrier, results) -> None:
    """One writer process: warm up, then (each phase after all writers are ready) insert
    ``saves`` bare rows, then save ``saves`` entries."""
    from werkboek.casebook import open_casebook

    rng = random.Random(seed)
    cb = open_casebook(team.url, settings=settings_for(team.key_dir, scanner_url))
    viewer = cb.viewer_for(member_id)
    cb.save_entry(viewer, **_entry_fields(team, fictional_text(rng, TEXT_CHARS)))
    _bare_insert(cb, viewer, team, fictional_text(rng, TEXT_CHARS))
    backend = _backend_pid(cb)
    phases = {"insert": lambda text: _bare_insert(cb, viewer, team, text),
              "save": lambda text: cb.save_entry(viewer, **_entry_fields(team, text))}
    report: dict = {"failures": []}
    for what, act in phases.items():
        samples, cpu = [], []
        texts = [fictional_text(rng, TEXT_CHARS) for _ in range(saves)]
        barrier.wait()
        backend_cpu = _cpu_s(backend)
        for text in texts:
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                act(text)
            except Exception as exc:  # counted and reported: a failed save is a finding
                report["failures"].append(f"{what}: {type(exc).__name__}: {exc}"[:300])
                continue
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            if think:
                time.sleep(rng.expovariate(1 / think))
        report.update({what: samples, f"{what}_cpu": cpu,
                       f"{what}_backend_cpu_s": _cpu_s(backend) - backend_cpu})
    results.put(report)


def cpu_breakdown(collected: list[dict], scanner_cpu_s: float, writers: int) -> dict:
    """Milliseconds of CPU per save, per part, and the least time a burst round can take."""
    saves = sum(len(c["save_cpu"]) for c in collected) or 1
    inserts = sum(len(c["insert_cpu"]) for c in collected) or 1
    writer_save = statistics.median(s for c in collected for s in c["save_cpu"]) * 1000
    writer_insert = statistics.median(s for c in collected for s in c["insert_cpu"]) * 1000
    scanner = scanner_cpu_s / (saves + writers) * 1000  # each writer's warm-up save too
    database_save = sum(c["save_backend_cpu_s"] for c in collected) / saves * 1000
    database_insert = sum(c["insert_backend_cpu_s"] for c in collected) / inserts * 1000
    per_save = writer_save + scanner + database_save
    return {
        "writer_per_save_ms": round(writer_save, 2),
        "writer_per_bare_insert_ms": round(writer_insert, 2),
        "scanner_per_save_ms": round(scanner, 2),
        "database_server_per_save_ms": round(database_save, 2),
        "database_server_per_bare_insert_ms": round(database_insert, 2),
        "cores": os.cpu_count(),
        # Every writer saves once per round; all of it shares the cores.
        "cpu_bound_round_ms": round(writers * per_save / (os.cpu_count() or 1), 1),
    }


def run_config(ctx, team: Team, scanner_url: str, writers: int, saves: int, think: float) -> dict:
    from werkboek.casebook import open_casebook

    cb = open_casebook(team.url, settings=settings_for(team.key_dir, scanner_url))
    before = cb.counts()["entries"]
    barrier = ctx.Barrier(writers)
    results = ctx.Queue()
    scanner = _scanner_pid(scanner_url)
    scanner_cpu = _cpu_s(scanner)
    procs = [ctx.Process(target=writer, args=(team, team.member_ids[n], scanner_url, saves, think,
                                                1000 * writers + n, barrier, results))
             for n in range(writers)]
    for proc in procs:
        proc.start()
    collected = [results.get(timeout=900) for _ in procs]
    scanner_cpu = _cpu_s(scanner) - scanner_cpu
    for proc in procs:
        proc.join(timeout=60)
    save_s = [s for c in collected for s in c["save"]]
    insert_s = [s for c in collected for s in c["insert"]]
    failures = [f for c in collected for f in c["failures"]]
    stored = cb.counts()["entries"] - before
    expected = 2 * writers * (saves + 1)  # warm-up pair included
    save, insert = summary(save_s), summary(insert_s)
    return {
        "writers": writers, "saves_per_writer": saves, "think_s": think,
        "save_s": save, "bare_insert_s": insert,
        "ratio_to_bare_insert": round(save["median"] / insert["median"], 2) if insert_s else None,
        "failed": len(failures), "failures": failures[:5],
        "lost": expected - len(failures) - stored,
        "cpu": cpu_breakdown(collected, scanner_cpu, writers),
        "target_p95_s": TARGET_P95_S if writers > 1 else None,
        "holds": save["p95"] <= TARGET_P95_S if writers > 1 else None,
    }


def run(saves: int, writer_counts: list[int], databases: list[str], thinks: list[float]) -> dict:
    from werkboek.serving import scanner_for_pages

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["werkboek.casebook", "sqlalchemy", "benchmarks.casebooks"])
    results: dict = {"text_chars": TEXT_CHARS, "target_p95_s_at_30_writers": TARGET_P95_S,
                     "runs": []}
    with scanner_for_pages() as scanner_url:  # a running one (WERKBOEK_SCANNER_URL) or our own
        for kind in databases:
            with throwaway_casebook(kind, max(writer_counts), scanner_url) as team:
                for writers in writer_counts:
                    for think in thinks:
                        row = run_config(ctx, team, scanner_url, writers, saves, think)
                        row["database"] = kind
                        print(f"{kind} writers={writers} think={think}: save median "
                              f"{row['save_s']['median'] * 1000:.1f} ms p95 "
                              f"{row['save_s']['p95'] * 1000:.1f} ms", flush=True)
                        results["runs"].append(row)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=30, help="timed saves per writer")
    parser.add_argument("--writers", default="1,30", help="writer counts, comma-separated")
    parser.add_argument("--databases", default=",".join(DATABASES))
    parser.add_argument("--think", default="0,1", help="mean seconds between a writer's saves")
    args = parser.parse_args()
    record("store_save", run(args.saves, [int(n) for n in args.writers.split(",")],
                             args.databases.split(","), [float(x) for x in args.think.split(",")]))


if __name__ == "__main__":
    main()
