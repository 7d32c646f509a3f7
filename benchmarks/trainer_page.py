"""The Trainer page for a big course group: 30 participants, 12 meetings, a year of entries.

SETUP ONLY: the group, its 12 meetings and their attendance are made through the store; the
participants' year of entries (per person three learning questions, a 0–10 stand at every
meeting, about 40 answers shared with the course, a look back; all fictional) is bulk-inserted
into the store's tables, as in store_query (scanning every text would take longer than the
benchmark). Then, in a real `werkboek.serving` Voilà and headless Chromium, signed in as the
group's trainer:
- first widget: navigation → the first widget of the Trainer page (page_load's measure), next
  to the trivial page served by the same Voilà (targets as page_load: ≤ 1.3× cold, ≤ 1.2×
  preheated; here one server with its default preheating, so compared with 1.2×);
- entering the group: the click on "Ga verder" → the plan of 12 meetings shown;
- a switch of meeting in the plan: choosing another meeting → its attendance shown;
and in this process, through the same code the download buttons call:
- the cohort report as HTML, and as PDF (target < 10 s).

    .venv/bin/python -m benchmarks.trainer_page [--runs 5] [--participants 30] [--meetings 12]
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta

from benchmarks.casebooks import fictional_text
from benchmarks.common import record, summary
from benchmarks.served import (
    TRIVIAL,
    WIDGET,
    chromium,
    close_page,
    open_page,
    page_url,
    served,
    signed_in_state,
    workspace,
)

COHORT = "COMBINE groot (fictief)"
TRAINER = "Trainer-1"  # a demo account: it signs in with the demo passphrase
ANSWERS_PER_PERSON = 40
TARGETS = {"first_widget_ratio": 1.2, "switch_s": 1.0, "report_pdf_s": 10.0}


def populate(env: dict, participants: int, meetings: int, seed: int = 11) -> dict:
    """SETUP ONLY: the big group in the workspace's casebook; returns its size."""
    from werkboek.casebook import open_casebook, schema as t
    from werkboek.content import load_content
    from werkboek.course import cohort as course
    from werkboek.settings import get_settings
    from werkboek.ui.course.plan import suggested_meetings
    from werkboek.vocab import LEARNING_QUESTION_KIND, LOOKBACK_KIND, STAND_KIND

    rng = random.Random(seed)
    content = load_content()
    cb = open_casebook(env["WERKBOEK_DATABASE_URL"], settings=get_settings(
        casebook_dir=env["WERKBOEK_CASEBOOK_DIR"], scanner_url=env["WERKBOEK_SCANNER_URL"]))
    group = cb.create_team(COHORT, kind="cohort")
    trainer, _invite = cb.add_member(group.id, TRAINER, "trainer")
    lead = cb.viewer_for(trainer.id)
    people = [cb.join_team(group.id, f"CG-{n}", "deelnemer").id for n in range(1, participants + 1)]
    start = date.today() - timedelta(days=330)
    suggested = suggested_meetings(content, start)
    plan = [cb.plan_meeting(lead, group.id, **{**meeting, "held_on": start + timedelta(days=28 * n)})
            for n, meeting in zip(range(meetings), suggested * 2, strict=False)]
    exercises = [e.id for e in content.exercises.values() if "cursus" in e.audience]
    now = datetime.now(UTC)
    rows, present = [], []

    def entry(author: int, kind: str, at: datetime, **fields) -> None:
        rows.append({"id": uuid.UUID(int=rng.getrandbits(128)), "author_id": author,
                     "role": "deelnemer", "team_id": group.id, "session_id": None,
                     "case_id": None, "module": None, "exercise": None, "step": None,
                     "kind": kind, "text": "", "value": None, "level": None, "tension": None,
                     "position": None, "principles": [], "visibility": "course",
                     "status": "final", "privacy": "check", "hidden": False, "created_at": at,
                     "updated_at": at, **fields})

    for person in people:
        for _ in range(course.MAX_QUESTIONS):
            entry(person, LEARNING_QUESTION_KIND, now - timedelta(days=330),
                  text=fictional_text(rng, 120))
        for meeting in plan:
            at = datetime.combine(meeting.held_on, datetime.min.time(), UTC)
            entry(person, STAND_KIND, at, step=course.meeting_step(meeting.id),
                  text=fictional_text(rng, 80), value={"schaal": rng.randrange(11)})
            present.append({"meeting_id": meeting.id, "member_id": person,
                            "present": rng.random() < 0.85})
        for _ in range(ANSWERS_PER_PERSON):
            exercise = content.exercise(rng.choice(exercises))
            entry(person, "antwoord", now - timedelta(minutes=rng.randrange(330 * 24 * 60)),
                  exercise=exercise.id, module=exercise.module, step=exercise.steps[0].id,
                  text=fictional_text(rng, rng.randrange(120, 500)))
        entry(person, LOOKBACK_KIND, now, value={"geleerd": fictional_text(rng, 150),
                                                        "open": fictional_text(rng, 100)})
    with cb._write() as conn:
        conn.execute(t.entries.insert(), rows)
        conn.execute(t.attendance.insert(), present)
    return {"cohort_id": group.id, "trainer_member_id": trainer.id, "entries": len(rows),
            "attendance_marks": len(present)}


def report_times(env: dict, layout: dict, runs: int) -> dict:
    """The cohort report made as the download buttons make it, as HTML and as PDF."""
    import os

    from werkboek.casebook import open_casebook
    from werkboek.content import load_content
    from werkboek.report.cohort import cohort_file

    os.environ.update(env)
    cb = open_casebook(env["WERKBOEK_DATABASE_URL"])
    content = load_content()
    viewer = cb.viewer_for(layout["trainer_member_id"])
    timings: dict = {}
    for fmt in ("html", "pdf"):
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            data = cohort_file(cb, content, viewer, layout["cohort_id"], fmt)
            samples.append(time.perf_counter() - start)
        timings[fmt] = {**summary(samples), "bytes": len(data)}
    return timings


def browser_times(pages_dir, env: dict, runs: int, meetings: int) -> dict:
    samples: dict[str, list[float]] = {"trivial": [], "trainer": [], "enter": [], "switch": []}
    failures = 0
    with served(pages_dir, env) as server, chromium() as browser:
        state = signed_in_state(browser, server.base, TRAINER)
        for run in range(runs):
            seconds, page, context = open_page(browser, page_url(server.base, TRIVIAL),
                                               storage_state=state)
            if seconds is not None:
                samples["trivial"].append(seconds)
            close_page(page, context)
            seconds, page, context = open_page(browser, page_url(server.base, "Trainer"),
                                               selector=WIDGET, storage_state=state)
            try:
                if seconds is None:
                    failures += 1
                    continue
                samples["trainer"].append(seconds)
                page.locator(".wb-course-cohort select").select_option(label=COHORT)
                start = time.perf_counter()
                page.click(".wb-course-enter")
                page.wait_for_selector(f".wb-plan-table tbody tr:nth-child({meetings})",
                                       timeout=120_000)
                samples["enter"].append(time.perf_counter() - start)
                for target in (meetings - 1, run % (meetings - 1)):
                    start = time.perf_counter()
                    page.locator(".wb-plan-choice select").select_option(index=target)
                    page.wait_for_selector(f".wb-plan:has-text('Wie was er bij {target + 1} · ')",
                                           timeout=60_000)
                    samples["switch"].append(time.perf_counter() - start)
            finally:
                close_page(page, context)
    return {"first_widget_s": {k: summary(samples[k]) for k in ("trivial", "trainer")},
            "enter_group_s": summary(samples["enter"]), "switch_meeting_s": summary(samples["switch"]),
            "failures": failures}


def run(runs: int, participants: int, meetings: int) -> dict:
    from werkboek.serving import scanner_for_pages

    with scanner_for_pages() as scanner_url, workspace(["Trainer"]) as (pages_dir, env):
        env["WERKBOEK_SCANNER_URL"] = scanner_url
        layout = populate(env, participants, meetings)
        result = {"runs": runs, "participants": participants, "meetings": meetings,
                  "entries": layout["entries"], "attendance_marks": layout["attendance_marks"],
                  "targets": TARGETS}
        result["browser"] = browser_times(pages_dir, env, runs, meetings)
        result["report_s"] = report_times(env, layout, runs)
    first = result["browser"]["first_widget_s"]
    ratio = (first["trainer"]["median"] / first["trivial"]["median"]
             if first["trainer"].get("median") and first["trivial"].get("median") else None)
    result["first_widget_ratio"] = round(ratio, 2) if ratio else None
    switch = result["browser"]["switch_meeting_s"].get("median")
    result["holds"] = {
        "first_widget": ratio is not None and ratio <= TARGETS["first_widget_ratio"],
        "switch": switch is not None and switch <= TARGETS["switch_s"],
        "report_pdf": result["report_s"]["pdf"]["median"] < TARGETS["report_pdf_s"],
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--meetings", type=int, default=12)
    args = parser.parse_args()
    record("trainer_page", run(args.runs, args.participants, args.meetings))


if __name__ == "__main__":
    main()
