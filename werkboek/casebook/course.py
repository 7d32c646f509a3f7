"""A course group's plan of meetings, its attendance and its assignments: the trainer of the
group plans, moves, opens, marks and gives assignments; every member of the group reads the
plan, a participant only their own attendance.

Who is the group's trainer is read from the casebook at every change (the membership's role
now, not the role the page was opened with), so a trainer whose role was taken away since, a
participant or another group's trainer is refused here, whatever the page offers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa

from werkboek.casebook import schema as t
from werkboek.casebook.base import StoreBase, fetch_one, reads, writes
from werkboek.casebook.errors import InvalidInput, NotAllowed
from werkboek.casebook.guard import clean_text
from werkboek.casebook.records import Meeting, Viewer
from werkboek.vocab import ASSIGNMENT_KIND, TRAINER_ROLE

MEETING_GONE = "Deze bijeenkomst bestaat niet (meer)."
ONLY_TRAINER = "Alleen de trainer van deze groep kan de bijeenkomsten plannen en bijhouden."
ONLY_TRAINER_ASSIGNS = "Alleen de trainer van deze groep kan een opdracht geven."
TRAINER_KINDS = frozenset({ASSIGNMENT_KIND})  # entry kinds only a group's trainer may store
# The step of an entry about one meeting (where a participant stood then): its id.
MEETING_STEP = re.compile(r"bijeenkomst-(\d+)")


def meeting_step(meeting_id: int) -> str:
    return f"bijeenkomst-{meeting_id}"


def meeting_record(row) -> Meeting:
    return Meeting(id=row.id, team_id=row.team_id, number=row.number, held_on=row.held_on,
                   title=row.title, modules=tuple(row.modules), exercises=tuple(row.exercises),
                   work_form=row.work_form, minutes=row.minutes, opened=bool(row.opened),
                   theme=row.theme)


def _ids(values: Sequence[str], what: str) -> list[str]:
    ids = [clean_text(str(v), what).strip() for v in values]
    if any(not v or len(v) > 100 for v in ids):
        raise InvalidInput(f"{what}: onbekende naam.")
    return list(dict.fromkeys(ids))


def trains(conn, viewer: Viewer, cohort_id: int) -> bool:
    """One of the viewer's memberships is, in the casebook now, a trainer of ``cohort_id``."""
    mine = viewer.member_ids | ({viewer.member_id} - {None})
    return bool(mine) and conn.execute(sa.select(t.members.c.id).where(
        t.members.c.id.in_(mine), t.members.c.team_id == cohort_id,
        t.members.c.role == TRAINER_ROLE).limit(1)).first() is not None


class CourseMixin(StoreBase):
    @staticmethod
    def _require_trainer(viewer: Viewer, cohort_id: int, conn=None,
                         refusal: str = ONLY_TRAINER) -> int:
        """The viewer's member id when they train ``cohort_id``; else ``NotAllowed``. Without
        ``conn`` only the viewer's roles are looked at (a quick first check before a scan);
        with it the casebook's own record decides."""
        if viewer.member_id is None or viewer.role_in(cohort_id) != TRAINER_ROLE:
            raise NotAllowed(refusal)
        if conn is not None and not trains(conn, viewer, cohort_id):
            raise NotAllowed(refusal)
        return viewer.member_id

    def _meeting_team(self, conn, meeting_id: int) -> int:
        return fetch_one(conn, sa.select(t.meetings.c.team_id).where(
            t.meetings.c.id == meeting_id), MEETING_GONE).team_id

    @writes
    def plan_meeting(self, viewer: Viewer, cohort_id: int, *, held_on: date, title: str,
                     modules: Sequence[str] = (), exercises: Sequence[str] = (),
                     work_form: str = "", theme: str = "", minutes: int = 120,
                     meeting_id: int | None = None) -> Meeting:
        """Add a meeting at the end of the group's plan, or change ``meeting_id`` (trainer only).
        Title, work form and theme pass the privacy guard like every text."""
        actor = self._require_trainer(viewer, cohort_id)
        if not isinstance(held_on, date):
            raise InvalidInput("Geef de bijeenkomst een datum.")
        title = clean_text(title, "De titel").strip()
        if not title:
            raise InvalidInput("Geef de bijeenkomst een titel.")
        if not isinstance(minutes, int) or not 0 < minutes <= 24 * 60:
            raise InvalidInput("De duur moet tussen 1 minuut en 24 uur liggen.")
        texts = [title, clean_text(work_form, "De werkvorm").strip(),
                 clean_text(theme, "Het thema").strip()]
        vetted = self._vet([text[:300] for text in texts], "check")
        values = {"held_on": held_on, "title": vetted.texts[0], "work_form": vetted.texts[1],
                  "theme": vetted.texts[2],
                  "modules": _ids(modules, "Module"), "exercises": _ids(exercises, "Oefening"),
                  "minutes": minutes, "updated_at": t.utcnow()}
        with self._write() as conn:
            self._require_trainer(viewer, cohort_id, conn)
            if meeting_id is None:
                number = conn.execute(sa.select(sa.func.coalesce(sa.func.max(t.meetings.c.number), 0))
                                      .where(t.meetings.c.team_id == cohort_id)).scalar_one() + 1
                meeting_id = conn.execute(t.meetings.insert().values(
                    team_id=cohort_id, number=number, created_at=values["updated_at"], **values)
                    .returning(t.meetings.c.id)).scalar_one()
                self._audit(conn, actor, "plan_meeting", "meeting", meeting_id)
            else:
                if self._meeting_team(conn, meeting_id) != cohort_id:
                    raise NotAllowed(ONLY_TRAINER)
                conn.execute(t.meetings.update().where(t.meetings.c.id == meeting_id)
                             .values(**values))
            return meeting_record(conn.execute(sa.select(t.meetings).where(
                t.meetings.c.id == meeting_id)).one())

    @reads
    def meetings(self, viewer: Viewer, cohort_id: int) -> list[Meeting]:
        """The group's plan in its order (members of the group only)."""
        self._require_team(viewer, cohort_id)
        query = sa.select(t.meetings).where(t.meetings.c.team_id == cohort_id).order_by(
            t.meetings.c.number, t.meetings.c.id)
        with self._read() as conn:
            return [meeting_record(row) for row in conn.execute(query)]

    @writes
    def move_meeting(self, viewer: Viewer, meeting_id: int, step: int) -> list[Meeting]:
        """Move a meeting ``step`` places earlier (-) or later (+) in the plan (trainer only)."""
        with self._write() as conn:
            cohort_id = self._meeting_team(conn, meeting_id)
            self._require_trainer(viewer, cohort_id, conn)
            ids = list(conn.execute(sa.select(t.meetings.c.id).where(
                t.meetings.c.team_id == cohort_id).order_by(t.meetings.c.number,
                                                            t.meetings.c.id)).scalars())
            at = ids.index(meeting_id)
            ids.insert(max(0, min(len(ids) - 1, at + step)), ids.pop(at))
            for number, moved in enumerate(ids, start=1):
                conn.execute(t.meetings.update().where(t.meetings.c.id == moved)
                             .values(number=number))
        return self.meetings(viewer, cohort_id)

    @writes
    def move_module(self, viewer: Viewer, meeting_id: int, module_id: str, step: int) -> Meeting:
        """Move one of a meeting's modules ``step`` places earlier (-) or later (+) within that
        meeting (trainer only)."""
        with self._write() as conn:
            row = fetch_one(conn, sa.select(t.meetings).where(t.meetings.c.id == meeting_id),
                            MEETING_GONE)
            self._require_trainer(viewer, row.team_id, conn)
            modules = list(row.modules)
            if module_id not in modules:
                raise InvalidInput("Deze module hoort niet (meer) bij deze bijeenkomst.")
            at = modules.index(module_id)
            modules.insert(max(0, min(len(modules) - 1, at + step)), modules.pop(at))
            conn.execute(t.meetings.update().where(t.meetings.c.id == meeting_id)
                         .values(modules=modules, updated_at=t.utcnow()))
            return meeting_record(conn.execute(sa.select(t.meetings).where(
                t.meetings.c.id == meeting_id)).one())

    @writes
    def remove_meeting(self, viewer: Viewer, meeting_id: int) -> None:
        """Take a meeting out of the plan, with its attendance (trainer only)."""
        with self._write() as conn:
            self._require_trainer(viewer, self._meeting_team(conn, meeting_id), conn)
            conn.execute(t.meetings.delete().where(t.meetings.c.id == meeting_id))
            self._audit(conn, viewer.member_id, "remove_meeting", "meeting", meeting_id)

    @writes
    def open_meeting(self, viewer: Viewer, meeting_id: int, opened: bool = True) -> Meeting:
        """Open (or close) the meeting's exercises for the group (trainer only)."""
        with self._write() as conn:
            self._require_trainer(viewer, self._meeting_team(conn, meeting_id), conn)
            conn.execute(t.meetings.update().where(t.meetings.c.id == meeting_id)
                         .values(opened=bool(opened), updated_at=t.utcnow()))
            return meeting_record(conn.execute(sa.select(t.meetings).where(
                t.meetings.c.id == meeting_id)).one())

    @writes
    def mark_attendance(self, viewer: Viewer, meeting_id: int, member_id: int,
                        present: bool) -> None:
        """Mark a member of the group present or absent at a meeting (trainer only)."""
        with self._write() as conn:
            cohort_id = self._meeting_team(conn, meeting_id)
            self._require_trainer(viewer, cohort_id, conn)
            if conn.execute(sa.select(t.members.c.id).where(
                    t.members.c.id == member_id, t.members.c.team_id == cohort_id)).first() is None:
                raise NotAllowed("Deze deelnemer zit niet in deze groep.")
            table = t.attendance
            conn.execute(table.delete().where(table.c.meeting_id == meeting_id,
                                              table.c.member_id == member_id))
            conn.execute(table.insert().values(meeting_id=meeting_id, member_id=member_id,
                                               present=bool(present)))
            self._audit(conn, viewer.member_id, "attendance", "meeting", meeting_id)

    @reads
    def attendance(self, viewer: Viewer, cohort_id: int) -> dict[tuple[int, int], bool]:
        """(meeting id, member id) → present, as marked: the trainer sees the whole group, a
        participant only their own marks."""
        self._require_team(viewer, cohort_id)
        table = t.attendance
        query = (sa.select(table.c.meeting_id, table.c.member_id, table.c.present)
                 .join(t.meetings, t.meetings.c.id == table.c.meeting_id)
                 .where(t.meetings.c.team_id == cohort_id))
        if viewer.role_in(cohort_id) != TRAINER_ROLE:
            query = query.where(table.c.member_id.in_(viewer.member_ids or {viewer.member_id}))
        with self._read() as conn:
            return {(m, who): bool(present) for m, who, present in conn.execute(query)}
