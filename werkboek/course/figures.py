"""A course group's figures, the same on the Trainer page, in the cohort report and its CSV:
per meeting who came and the hours, per participant attendance and answers, per module how many
took part, how the group moved on its learning questions, where it stood on the tension fields
at the start and at the end of the course, which principles its answers cite, its
balance over the four dialogue levels in the first and the second half, and its competence
self-scan before and after.

Only counts and group figures; no text anyone wrote. A group figure (the spread of 0–10 stands
at a meeting, the change from first to last) is given only when at least ``MIN_GROUP`` people
contributed to it, so nobody's own answer can be read from it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import mean

from werkboek.clock import day
from werkboek.course import cohort
from werkboek.vocab import COURSE_KINDS, LEARNING_QUESTION_KIND, LOOKBACK_KIND, STAND_KIND

MIN_GROUP = 3  # a group figure needs at least this many people in it


@dataclass(frozen=True)
class MeetingFigures:
    number: int
    day: str  # dd-mm-jjjj
    title: str
    modules: tuple[str, ...]  # titles
    work_form: str
    theme: str
    minutes: int
    present: int  # participants marked present
    marked: bool  # attendance was kept for this meeting
    stands: tuple[int, ...] | None  # the group's 0–10 stands; None: fewer than MIN_GROUP


@dataclass(frozen=True)
class ParticipantFigures:
    pseudonym: str
    present: int  # meetings attended
    hours: float  # hours of the meetings attended
    answers: int  # finished answers shared with the course
    stands: int  # meetings at which they said where they stand
    questions: int
    looked_back: bool


@dataclass(frozen=True)
class ModuleFigures:
    title: str
    meetings: int  # meetings of the plan that treat it
    people: int  # participants with a shared finished answer to one of its exercises
    answers: int


@dataclass(frozen=True)
class CohortFigures:
    name: str
    meetings: tuple[MeetingFigures, ...]
    participants: tuple[ParticipantFigures, ...]
    modules: tuple[ModuleFigures, ...]
    questions: int
    looked_back: int
    movement: float | None  # mean change first→last stand; None: fewer than MIN_GROUP people
    # tension field → positions (0..1) of each person's first and last placement in the course;
    # only fields where at least MIN_GROUP people placed themselves
    tension_start: dict[str, tuple[float, ...]]
    tension_end: dict[str, tuple[float, ...]]
    principles: dict[str, int] | None  # principle id → answers citing it; None: too few people
    # competence id → the 0–10 scores of each person's first self-scan ("voor") and of the last
    # one of those who did it twice or more ("na"); only with at least MIN_GROUP people each
    scan_before: dict[str, tuple[int, ...]]
    scan_after: dict[str, tuple[int, ...]]
    # dialogue level → answers at that level in the first and in the second half of the plan;
    # None: fewer than MIN_GROUP people answered with a level
    levels: dict[str, tuple[int, int]] | None

    @property
    def planned_hours(self) -> float:
        return sum(m.minutes for m in self.meetings) / 60


def group_values(values_by_person: dict[int, int]) -> tuple[int, ...] | None:
    """The values of a group, sorted (no order of people to read); None below MIN_GROUP."""
    if len(values_by_person) < MIN_GROUP:
        return None
    return tuple(sorted(values_by_person.values()))


def tension_ends(entries) -> tuple[dict[str, tuple[float, ...]], dict[str, tuple[float, ...]]]:
    """Per tension field the first and the last placement of each person (entries oldest
    first), for fields where at least MIN_GROUP people placed themselves."""
    placed: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        if e.tension is not None and e.position is not None:
            placed[e.tension][e.author_id].append(e.position)
    start, end = {}, {}
    for field, people in placed.items():
        if len(people) >= MIN_GROUP:
            start[field] = tuple(sorted(p[0] for p in people.values()))
            end[field] = tuple(sorted(p[-1] for p in people.values()))
    return start, end


SELF_SCAN = ("competenties-zelfscan", "scan")  # the exercise and step of the self-scan


def scan_ends(entries) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Per competence the group's first self-scan scores, and the last of those who scanned
    twice or more (entries oldest first); a competence with fewer than MIN_GROUP people left out."""
    scans: dict[int, list[dict]] = defaultdict(list)
    for e in entries:
        if (e.exercise, e.step) == SELF_SCAN and isinstance(e.value, dict):
            scans[e.author_id].append(e.value)
    before: dict[str, list[int]] = defaultdict(list)
    after: dict[str, list[int]] = defaultdict(list)
    for values in scans.values():
        for competence, score in values[0].items():
            before[competence].append(score)
        if len(values) > 1:
            for competence, score in values[-1].items():
                after[competence].append(score)
    return ({c: tuple(sorted(v)) for c, v in before.items() if len(v) >= MIN_GROUP},
            {c: tuple(sorted(v)) for c, v in after.items() if len(v) >= MIN_GROUP})


def level_halves(entries, meetings) -> dict[str, tuple[int, int]] | None:
    """Answers per dialogue level before and from the middle meeting of the plan (all before
    it without a plan); None when fewer than MIN_GROUP people answered with a level."""
    levelled = [e for e in entries if e.level]
    if len({e.author_id for e in levelled}) < MIN_GROUP:
        return None
    days = sorted(m.held_on for m in meetings)
    middle = days[len(days) // 2] if days else None
    halves: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e in levelled:
        later = middle is not None and e.created_at.date() >= middle
        halves[e.level][int(later)] += 1
    return {level: (first, second) for level, (first, second) in halves.items()}


def scale_of(entry) -> int | None:
    value = entry.value.get("schaal") if isinstance(entry.value, dict) else None
    return value if isinstance(value, int) else None


def cohort_figures(cb, content, viewer, cohort_id: int) -> CohortFigures:
    """The figures of the group as the viewer (its trainer) may read them."""
    meetings = cb.meetings(viewer, cohort_id)
    people = cohort.participants(cb, viewer, cohort_id)
    ids = {m.id for m in people}
    attendance = cb.attendance(viewer, cohort_id)
    stands = [e for e in cohort.course_entries(cb, viewer, cohort_id, STAND_KIND)
              if e.author_id in ids and scale_of(e) is not None]
    by_meeting: dict[str, dict[int, int]] = defaultdict(dict)
    by_person: dict[int, list[tuple[int, int]]] = defaultdict(list)
    number = {cohort.meeting_step(m.id): m.number for m in meetings}
    for e in stands:  # oldest first: a later stand at the same meeting counts
        by_meeting[e.step][e.author_id] = scale_of(e)
    for step, values in by_meeting.items():
        for person, value in values.items():
            if step in number:
                by_person[person].append((number[step], value))
    answers = [e for e in cb.entries(viewer, team_id=cohort_id, status="final")
               if e.kind not in COURSE_KINDS and e.author_id in ids
               and e.visibility != "private"]
    questions = cohort.course_entries(cb, viewer, cohort_id, LEARNING_QUESTION_KIND)
    lookbacks = {e.author_id for e in cohort.course_entries(cb, viewer, cohort_id,
                                                           LOOKBACK_KIND)}
    minutes = {m.id: m.minutes for m in meetings}
    meeting_rows = tuple(
        MeetingFigures(
            number=m.number, day=day(m.held_on), title=m.title,
            modules=tuple(content.module(i).title for i in m.modules if i in content.modules),
            work_form=m.work_form, theme=m.theme, minutes=m.minutes,
            present=sum(1 for (mid, who), here in attendance.items()
                        if mid == m.id and here and who in ids),
            marked=any(mid == m.id for mid, _who in attendance),
            stands=group_values(by_meeting.get(cohort.meeting_step(m.id), {})))
        for m in meetings)
    participant_rows = tuple(
        ParticipantFigures(
            pseudonym=p.pseudonym,
            present=sum(1 for (_mid, who), here in attendance.items() if who == p.id and here),
            hours=sum(minutes.get(mid, 0) for (mid, who), here in attendance.items()
                      if who == p.id and here) / 60,
            answers=sum(1 for e in answers if e.author_id == p.id),
            stands=len(by_person.get(p.id, ())),
            questions=sum(1 for q in questions if q.author_id == p.id),
            looked_back=p.id in lookbacks)
        for p in people)
    module_rows = []
    for module_id in [m for meeting in meetings for m in meeting.modules]:
        if module_id not in content.modules or any(
                r.title == content.module(module_id).title for r in module_rows):
            continue
        exercises = {e.id for e in content.exercises_of(module_id)}
        done = [e for e in answers if e.exercise in exercises]
        module_rows.append(ModuleFigures(
            title=content.module(module_id).title,
            meetings=sum(1 for m in meetings if module_id in m.modules),
            people=len({e.author_id for e in done}), answers=len(done)))
    changes = {p: max(points)[1] - min(points)[1] for p, points in by_person.items()
               if len(points) >= 2}
    moved = group_values(changes)
    tension_start, tension_end = tension_ends(answers)
    scan_before, scan_after = scan_ends(answers)
    levels = level_halves(answers, meetings)
    cited = [e for e in answers if e.principles]
    principles = (dict(Counter(p for e in cited for p in set(e.principles)).most_common())
                  if len({e.author_id for e in cited}) >= MIN_GROUP else None)
    return CohortFigures(
        name=cb.team(cohort_id).name, meetings=meeting_rows, participants=participant_rows,
        modules=tuple(module_rows), questions=len(questions), looked_back=len(lookbacks),
        movement=round(mean(moved), 1) if moved else None, tension_start=tension_start,
        tension_end=tension_end, principles=principles, scan_before=scan_before,
        scan_after=scan_after, levels=levels)
