"""Reading a casebook of 100,000 entries: a filtered page, full-text search, a DataFrame, CSV export.

SETUP ONLY: the entries (and the principles they cite, in ``entry_principles``) are
bulk-inserted straight into the store's own tables (scanning 100,000 texts would take far
longer than the benchmark itself); every text is fictional. The full-text index is kept by
the database itself (SQLite FTS5 triggers, PostgreSQL generated tsvector), so it is complete
after the bulk insert. PostgreSQL then gets ``ANALYZE``, as its autovacuum would. Then, through the public store API only:
- a filtered page: ``entries(viewer, <filter>, newest_first=True, limit=30)`` over rotating
  filters (session, case, step, kind, principle, level, author);
- full-text search: ``entries(viewer, text=<word>, newest_first=True, limit=30)``, as the
  Casebook page asks it, over rotating words;
- ``entries_frame(viewer)`` of everything the viewer may see (all 100,000);
- ``export(cb, "csv", file)`` of the whole casebook.
Baselines, same run: a bare ``SELECT ... LIMIT 30`` of one team's rows, and a bare driver fetch
of every row of ``entries`` (its own columns, without type conversion).

    .venv/bin/python -m benchmarks.store_query [--entries 100000] [--runs 20] [--databases ...]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.casebooks import DATABASES, fictional_text, settings_for, throwaway_casebook
from benchmarks.common import record, summary
from werkboek.vocab import ACTION_PROPOSAL_KIND, CONTRIBUTION_KIND, HYPOTHESIS_KIND

TARGETS_S = {"filtered_page": 0.150, "full_text_search": 0.300, "dataframe": 2.0, "csv_export": 5.0}
TEAMS = 10
MEMBERS_PER_TEAM = 12
SESSIONS_PER_TEAM = 40
PAGE = 30
BATCH = 5000
STEPS = ["context-ophalen", "samen-duiden", "betekenisvolle-interventie", "veiligheidsschaal"]
KINDS = [CONTRIBUTION_KIND, HYPOTHESIS_KIND, ACTION_PROPOSAL_KIND, "text"]
LEVELS = ["innerlijke-dialoog", "dialoog-met-clienten", "dialoog-met-ideeen",
          "dialoog-met-collegas"]
PRINCIPLES = ["veiligheid-voorop", "regie-bij-de-bewoner", "samen-leren", "privacy"]
FILTERS = ("session", "case", "step", "kind", "principle", "level", "author")
SEARCH_WORDS = ["bedtijd", "veiligheid", "ochtendritueel", "spanning", "dagstructuur",
                "avondeten rustig", "buren", "stappen vooruit"]


def populate(cb, entries: int, seed: int = 7) -> dict:
    """SETUP ONLY: bulk-insert fictional entries (and the principles they cite) into the store's
    tables; returns the ids used."""
    from werkboek.casebook import schema as t

    rng = random.Random(seed)
    now = datetime.now(UTC)
    teams = []
    for n in range(1, TEAMS + 1):
        team = cb.create_team(f"Fictief team {n}")
        members = [cb.join_team(team.id, f"T{n}-GW-{m}", "groepswerker").id
                   for m in range(1, MEMBERS_PER_TEAM + 1)]
        lead = cb.viewer_for(members[0])  # the store seals viewers: none made by hand
        case_ids = [cb.create_case(lead, team.id, f"Fictieve casus {n}.{c}", "Fictief.",
                                   privacy="fictional").id for c in range(1, 4)]
        sessions = [(cb.start_session(lead, team.id, case_id=rng.choice(case_ids),
                                      exercise_id="casusbespreking").id, rng.choice(case_ids))
                    for _ in range(SESSIONS_PER_TEAM)]
        teams.append({"id": team.id, "members": members, "sessions": sessions})
    rows, cited = [], []
    with cb._write() as conn:
        for i in range(entries):
            team = teams[i % TEAMS]
            session_id, case_id = rng.choice(team["sessions"])
            at = now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            rows.append({
                "id": uuid.UUID(int=rng.getrandbits(128)), "author_id": rng.choice(team["members"]),
                "role": "groepswerker", "team_id": team["id"], "session_id": session_id,
                "case_id": case_id, "module": "verdiepen", "exercise": "casusbespreking",
                "step": rng.choice(STEPS), "kind": rng.choice(KINDS),
                "text": fictional_text(rng, rng.randrange(120, 600)), "value": None,
                "level": rng.choice(LEVELS), "tension": None, "position": None,
                "principles": rng.sample(PRINCIPLES, rng.randrange(0, 3)), "visibility": "team",
                "status": "final", "privacy": "check", "hidden": False, "created_at": at,
                "updated_at": at,
            })
            cited += [{"entry_id": rows[-1]["id"], "principle": p} for p in rows[-1]["principles"]]
            if len(rows) == BATCH:
                conn.execute(t.entries.insert(), rows)
                conn.execute(t.entry_principles.insert(), cited)
                rows, cited = [], []
        if rows:
            conn.execute(t.entries.insert(), rows)
            conn.execute(t.entry_principles.insert(), cited)
    if cb.dialect == "postgresql":
        # SETUP: the statistics PostgreSQL's autovacuum gathers within a minute of such a load
        # (the planner needs them to walk the newest entries first). SQLite gets none: the
        # store never runs ANALYZE there, and its queries must do without.
        with cb.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    return {"teams": teams}


def timed(action, runs: int) -> tuple[dict, list[float], object]:
    """Run ``action(i)`` ``runs`` times: summary, samples (seconds) and the last result."""
    samples, result = [], None
    for i in range(runs):
        start = time.perf_counter()
        result = action(i)
        samples.append(time.perf_counter() - start)
    return summary(samples), samples, result


def measure(cb, layout: dict, runs: int, heavy_runs: int) -> dict:
    import sqlalchemy as sa

    from werkboek.casebook import schema as t
    from werkboek.casebook.transfer import export

    teams = layout["teams"]
    # One reader of every team: the first member's account joins the other teams too (the
    # store makes viewers only from memberships; none made by hand).
    first = teams[0]["members"][0]
    pseudonym = cb.member(cb.viewer_for(first), first).pseudonym
    for team in teams[1:]:
        cb.join_team(team["id"], pseudonym, "groepswerker")
    everyone = cb.viewer_for(first)

    def filters(name: str, i: int) -> dict:
        team = teams[i % TEAMS]
        session_id, case_id = team["sessions"][i % SESSIONS_PER_TEAM]
        return {"session": {"session_id": session_id}, "case": {"case_id": case_id},
                "step": {"team_id": team["id"], "step": STEPS[i % len(STEPS)]},
                "kind": {"team_id": team["id"], "kind": KINDS[i % len(KINDS)]},
                "principle": {"principle": PRINCIPLES[i % len(PRINCIPLES)]},
                "level": {"team_id": team["id"], "level": LEVELS[i % len(LEVELS)]},
                "author": {"author_id": team["members"][i % MEMBERS_PER_TEAM]}}[name]

    def bare_page(i: int):
        query = sa.select(t.entries).where(t.entries.c.team_id == teams[i % TEAMS]["id"]).limit(PAGE)
        with cb.engine.connect() as conn:
            return conn.execute(query).all()

    columns = ", ".join(column.name for column in t.entries.columns)  # not PostgreSQL's tsvector

    def bare_all(_i: int):
        with cb.engine.connect() as conn:
            return conn.exec_driver_sql(f"SELECT {columns} FROM entries").fetchall()

    out: dict = {}
    out["baseline_bare_page"], _, _ = timed(bare_page, runs)
    by_filter, page_samples = {}, []
    for name in FILTERS:
        try:
            stats, samples, _ = timed(lambda i, name=name: cb.entries(
                everyone, newest_first=True, limit=PAGE, **filters(name, i)), runs)
        except Exception as exc:  # a query that fails is a finding, recorded with its error
            by_filter[name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            continue
        by_filter[name] = {"median": stats["median"], "p95": stats["p95"]}
        page_samples += samples
    failed = [name for name, stats in by_filter.items() if "error" in stats]
    out["filtered_page"] = {**summary(page_samples), "by_filter": by_filter,
                            "failed_filters": failed}
    out["full_text_search"], _, found = timed(
        lambda i: cb.entries(everyone, text=SEARCH_WORDS[i % len(SEARCH_WORDS)],
                             newest_first=True, limit=PAGE), runs)
    out["full_text_search"]["last_rows"] = len(found)
    out["baseline_bare_fetch_all"], _, rows = timed(bare_all, heavy_runs)
    out["baseline_bare_fetch_all"]["rows"] = len(rows)
    out["dataframe"], _, frame = timed(lambda _i: cb.entries_frame(everyone), heavy_runs)
    out["dataframe"]["rows"] = len(frame)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "export.csv"
        out["csv_export"], _, done = timed(lambda _i: export(cb, "csv", target), heavy_runs)
        out["csv_export"]["rows"] = done.entries
        out["csv_export"]["megabytes"] = round(target.stat().st_size / 1024**2, 1)
    for name, limit in TARGETS_S.items():
        out[name]["target_s"] = limit
        statistic = "p95" if name in ("filtered_page", "full_text_search") else "median"
        out[name]["judged_on"] = statistic
        out[name]["holds"] = out[name][statistic] <= limit and not out[name].get("failed_filters")
    for name, base in (("filtered_page", "baseline_bare_page"),
                       ("full_text_search", "baseline_bare_page"),
                       ("dataframe", "baseline_bare_fetch_all"),
                       ("csv_export", "baseline_bare_fetch_all")):
        out[name]["ratio_to_baseline"] = round(out[name]["median"] / out[base]["median"], 2)
    return out


def run(entries: int, runs: int, heavy_runs: int, databases: list[str]) -> dict:
    from werkboek.casebook import open_casebook
    from werkboek.serving import scanner_for_pages

    results: dict = {"entries": entries, "runs": runs, "heavy_runs": heavy_runs,
                     "page_size": PAGE, "targets_s": TARGETS_S, "databases": {}}
    with scanner_for_pages() as scanner_url:  # only the few setup names are scanned
        for kind in databases:
            with throwaway_casebook(kind, 1, scanner_url) as team:
                cb = open_casebook(team.url, settings=settings_for(team.key_dir, scanner_url))
                start = time.perf_counter()
                layout = populate(cb, entries)
                setup_s = time.perf_counter() - start
                print(f"{kind}: {entries} entries set up in {setup_s:.1f} s", flush=True)
                results["databases"][kind] = {"setup_s": round(setup_s, 1),
                                              **measure(cb, layout, runs, heavy_runs)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40, help="runs of each page and search query")
    parser.add_argument("--heavy-runs", type=int, default=5, help="runs of DataFrame and export")
    parser.add_argument("--databases", default=",".join(DATABASES))
    args = parser.parse_args()
    record("store_query", run(args.entries, args.runs, args.heavy_runs, args.databases.split(",")))


if __name__ == "__main__":
    main()
