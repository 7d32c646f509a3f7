"""What a cohort holds for the course as entries: assignments, learning questions, where each
participant stands at a meeting, the look back at the end, proposals, and how many answered.

Stored as ordinary entries in the cohort (they pass the privacy guard like every text): an
assignment is an entry of kind ``assignment`` tagged with its exercise, a learning question
one of kind ``learning_question``, a stand (0–10 and a line) one of kind ``learning_progress``
tagged with its meeting (``step``), the look back one of kind ``look_back``, a proposal for a
coming meeting one of kind ``proposal`` (the ``*_KIND`` ids of ``werkboek.vocab``). All are
visible to the cohort (visibility ``course``) once final; pages show them without names.
"""

from __future__ import annotations

from datetime import date

from werkboek.casebook.errors import InvalidInput, NotAllowed
from werkboek.vocab import (
    ASSIGNMENT_KIND,
    COURSE_KINDS,
    LEARNING_QUESTION_KIND,
    TRAINER_ROLE,
)

MAX_QUESTIONS = 3  # learning questions per participant
DUE = "klaar_voor"  # in an assignment's value: the day it should be done by (ISO)
NAMED = "met_naam"  # in a note's value: the writer shares their pseudonym with it


def meeting_step(meeting_id: int) -> str:
    """The ``step`` tag of a stand at this meeting."""
    return f"bijeenkomst-{meeting_id}"


def assign(cb, viewer, content, exercise_id: str, due: date | None = None):
    """Give the viewer's cohort ``exercise_id`` as an assignment, to be done by ``due`` when
    given (trainers only; giving it again with another date moves the date)."""
    if not viewer.trainer:
        raise NotAllowed("Alleen een trainer kan een opdracht geven.")
    exercise = content.exercise(exercise_id)
    return cb.save_entry(viewer, kind=ASSIGNMENT_KIND, module=exercise.module,
                         exercise=exercise.id, visibility="course", final=True,
                         value={DUE: due.isoformat()} if due else None)


def due_dates(cb, viewer, cohort_id: int) -> dict[str, date]:
    """Per assigned exercise the date it should be done by (the latest one given)."""
    dates = {}
    for e in cb.entries(viewer, team_id=cohort_id, kind=ASSIGNMENT_KIND, status="final"):
        if isinstance(e.value, dict) and e.value.get(DUE):
            dates[e.exercise] = date.fromisoformat(e.value[DUE])
    return dates


def assignments(cb, viewer, cohort_id: int) -> list[str]:
    """The cohort's assigned exercise ids, in the order they were first assigned."""
    entries = cb.entries(viewer, team_id=cohort_id, kind=ASSIGNMENT_KIND, status="final")
    return list(dict.fromkeys(e.exercise for e in entries if e.exercise))


def add_question(cb, viewer, cohort_id: int, text: str, privacy: str = "check", *,
                 named: bool = False):
    """Store a learning question for the viewer's cohort (after the privacy guard); a
    participant has at most ``MAX_QUESTIONS``. ``named``: the writer shares their pseudonym
    with it (pages show notes without names otherwise)."""
    mine = cb.entries(viewer, team_id=cohort_id, kind=LEARNING_QUESTION_KIND,
                      author_id=viewer.member_id)
    if len(mine) >= MAX_QUESTIONS:
        raise InvalidInput(f"Je hebt al {MAX_QUESTIONS} leervragen; meer hoeft niet. Kijk bij "
                           "elke bijeenkomst waar je staat.")
    return add_note(cb, viewer, LEARNING_QUESTION_KIND, text, privacy, named=named)


def add_note(cb, viewer, kind: str, text: str, privacy: str = "check", *, named: bool = False):
    """Store a short course note of ``kind`` (a learning question, a proposal) for the cohort."""
    return cb.save_entry(viewer, kind=kind, text=text, value={NAMED: True} if named else None,
                         visibility="course", final=True, privacy=privacy)


def shared_name(entry) -> str | None:
    """The writer's pseudonym when they chose to share it with the note, else None."""
    return entry.author if isinstance(entry.value, dict) and entry.value.get(NAMED) else None


def questions(cb, viewer, cohort_id: int) -> list:
    """The cohort's learning questions, newest first."""
    return [e for e in cb.entries(viewer, team_id=cohort_id, kind=LEARNING_QUESTION_KIND,
                                  status="final", newest_first=True) if e.text.strip()]


def participants(cb, viewer, cohort_id: int) -> list:
    """The cohort's members who follow the course (its trainers not)."""

    return [m for m in cb.members(viewer, cohort_id) if m.role != TRAINER_ROLE]


def course_entries(cb, viewer, cohort_id: int, kind: str) -> list:
    """The finished course entries of one kind in the cohort that the viewer may read (a
    learning question its writer emptied again is none)."""
    found = cb.entries(viewer, team_id=cohort_id, kind=kind, status="final")
    return [e for e in found if e.text.strip()] if kind == LEARNING_QUESTION_KIND else found


def own_entry(cb, viewer, cohort_id: int, kind: str, step: str | None = None):
    """The viewer's own entry of ``kind`` (at ``step``), draft or final; None when not written."""
    found = cb.entries(viewer, team_id=cohort_id, kind=kind, step=step,
                       author_id=viewer.member_id, newest_first=True, limit=1)
    return found[0] if found else None


def answered_counts(cb, viewer, cohort_id: int, exercise_ids) -> dict[str, int]:
    """Per exercise: how many participants have a finished answer to it in the cohort.

    Counts only what the viewer may read (shared answers and their own), so private
    answers stay out of the count as well; a trainer trying an exercise does not count.
    """
    ids = {m.id for m in participants(cb, viewer, cohort_id)}
    counts = {}
    for exercise_id in exercise_ids:
        entries = cb.entries(viewer, team_id=cohort_id, exercise=exercise_id, status="final")
        counts[exercise_id] = len({e.author_id for e in entries
                                   if e.kind not in COURSE_KINDS and e.author_id in ids})
    return counts
