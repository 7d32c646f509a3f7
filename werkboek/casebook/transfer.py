"""Export entries (JSONL, CSV, Excel) and import JSONL back, through the privacy guard.

JSONL has one entry per line with the fields in ``FIELDS``. A full export starts with one line
per course meeting (``"record": "meeting"``, the fields in ``MEETING_FIELDS``: the trainer's plan
with its dates, modules, exercises, work form and who attended). Where a participant stood at a
meeting is an entry whose step names the meeting by its number in the database
(``bijeenkomst-12``); the import gives that step the number the meeting gets there.

Export then import into an empty casebook gives the same export: ids, teams, pseudonyms,
sessions (by join code), cases (by title), meetings (by group and the moment they were made)
and timestamps are kept; only a meeting's database number may differ (it is given anew), in
its line and in the steps naming it alike. Import is idempotent by id (an entry) and by group
and moment (a meeting).

CSV and Excel are for people: Dutch column names, and a stored code (kind, role, visibility,
status, privacy check) as the Dutch word the pages use (``werkboek.vocab``). The meetings go in
a second sheet "Bijeenkomsten", or, in CSV, in a second file beside the first
(``antwoorden.csv`` → ``antwoorden-bijeenkomsten.csv``), one row per meeting with who came.

A member's export (``author``) holds that member's own entries, in all their teams, and the
meetings they were marked present or absent at, with only their own mark.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO
from uuid import UUID

import sqlalchemy as sa

from werkboek.casebook import schema as t
from werkboek.casebook.course import MEETING_STEP, _ids, meeting_step
from werkboek.casebook.errors import CasebookError, InvalidInput
from werkboek.casebook.frames import json_column
from werkboek.casebook.privacy import PrivacyBlocked, PrivacyReview
from werkboek.casebook.records import PRIVACY_MODES, VISIBILITIES
from werkboek.casebook.store import Casebook
from werkboek.spreadsheet import FORMULA_STARTS, spreadsheet_cell, write_xlsx
from werkboek.vocab import (
    ENTRY_STATUS_LABELS,
    PRIVACY_LABELS,
    TEAM_KIND_LABELS,
    VISIBILITY_LABELS,
    entry_kind,
    kind_label,
    role_label,
)

FIELDS = (
    "id",
    "team",
    "team_kind",
    "session",
    "case",
    "author",
    "role",
    "module",
    "exercise",
    "step",
    "kind",
    "text",
    "value",
    "level",
    "tension",
    "position",
    "principles",
    "visibility",
    "status",
    "hidden",
    "privacy",
    "created_at",
    "updated_at",
)
FORMATS = ("jsonl", "csv", "xlsx")
MEETING = "meeting"  # the ``record`` of a meeting's line
MEETING_FIELDS = (
    "record",
    "id",  # the meeting's number in the database it came from
    "team",
    "team_kind",
    "number",
    "held_on",
    "title",
    "modules",
    "exercises",
    "work_form",
    "theme",
    "minutes",
    "opened",
    "created_at",
    "updated_at",
    "attendance",  # [{"member", "role", "present"}], by pseudonym
)
ENTRIES_SHEET = "Antwoorden"  # the Excel sheets; the meetings' also name their CSV file
MEETINGS_SHEET = "Bijeenkomsten"

# The CSV and Excel columns: the Dutch name of each field of ``FIELDS``, and of a meeting's row.
HEADERS = ("id", "team", "soort team", "bespreking (code)", "casus", "schuilnaam", "rol",
           "module", "oefening", "stap", "soort antwoord", "tekst", "antwoord",
           "niveau van dialoog", "spanningsveld", "positie", "principes", "zichtbaar voor",
           "status", "verborgen", "privacycontrole", "gemaakt op", "gewijzigd op")
MEETING_HEADERS = ("groep", "nr.", "datum", "titel", "modules", "oefeningen", "werkvorm",
                   "thema", "minuten", "geopend", "aanwezig", "afwezig")
YES_NO = {True: "ja", False: "nee"}
# A stored code as the Dutch word people read, per field of ``FIELDS``.
WORDS: dict[str, Callable[[Any], Any]] = {
    "team_kind": lambda kind: TEAM_KIND_LABELS.get(kind, kind),
    "role": role_label,
    "kind": kind_label,
    "visibility": lambda visibility: VISIBILITY_LABELS.get(visibility, visibility),
    "status": lambda status: ENTRY_STATUS_LABELS.get(status, status),
    "hidden": lambda hidden: YES_NO[bool(hidden)],
    "privacy": lambda privacy: PRIVACY_LABELS.get(privacy, privacy),
}


class UnreadableFile(CasebookError):
    """The import file could not be read at all; nothing was imported."""


def _is_member(author: str) -> sa.ColumnElement[bool]:
    """The memberships of one member: every one of their account, or (no account) of that
    pseudonym."""
    m = t.members
    account = sa.select(t.accounts.c.id).where(t.accounts.c.name_key == author.strip().casefold())
    return sa.or_(m.c.account_id.in_(account),
                  sa.and_(m.c.account_id.is_(None), m.c.pseudonym == author))


def _export_query(author: str | None) -> sa.Select:
    """One row per entry with the columns of ``FIELDS`` in that order, oldest first.

    JSON comes as text (decoded a column at a time) and moments as plain UTC timestamps.
    """
    e, tm, m, s, c = t.entries, t.teams, t.members, t.sessions, t.cases
    source = {
        "team": tm.c.name,
        "team_kind": tm.c.kind,
        "session": s.c.join_code,
        "case": c.c.title,
        "author": m.c.pseudonym,
        "value": sa.cast(e.c.value, sa.Text),
        "principles": sa.cast(e.c.principles, sa.Text),
        "created_at": sa.type_coerce(e.c.created_at, sa.DateTime),
        "updated_at": sa.type_coerce(e.c.updated_at, sa.DateTime),
    }
    query = (
        sa.select(*(source.get(name, e.c.get(name)).label(name) for name in FIELDS))
        .join(tm, tm.c.id == e.c.team_id)
        .join(m, m.c.id == e.c.author_id)
        .outerjoin(s, s.c.id == e.c.session_id)
        .outerjoin(c, c.c.id == e.c.case_id)
        .order_by(e.c.created_at, e.c.id)
    )
    return query if author is None else query.where(_is_member(author))


def export_columns(casebook: Casebook, author: str | None = None) -> dict[str, list]:
    """Every entry (drafts and hidden ones too) as columns named by ``FIELDS``, oldest first;
    only ``author``'s when given. Values are as in the JSONL export."""
    with casebook._read() as conn:
        rows = conn.execute(_export_query(author)).all()
    transposed = zip(*rows, strict=True) if rows else ([] for _ in FIELDS)
    columns = dict(zip(FIELDS, map(list, transposed), strict=True))
    columns["id"] = [str(entry_id) for entry_id in columns["id"]]
    columns["value"] = json_column(columns["value"])
    columns["principles"] = json_column(columns["principles"])
    for name in ("created_at", "updated_at"):  # naive UTC from the database
        columns[name] = [moment.isoformat() + "+00:00" for moment in columns[name]]
    return columns


def _records(columns: dict[str, list]) -> list[dict[str, Any]]:
    return [dict(zip(FIELDS, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def export_records(casebook: Casebook, author: str | None = None) -> list[dict[str, Any]]:
    """Every entry as a JSONL record (see ``export_columns``)."""
    return _records(export_columns(casebook, author))


def _spreadsheet_rows(columns: dict[str, list]) -> Iterator[tuple]:
    # ``spreadsheet_cell`` for every cell, with its common case (a harmless text) inline.
    cells = [
        [
            v
            if v.__class__ is str and not v.startswith(FORMULA_STARTS)
            else spreadsheet_cell(v)
            for v in values
        ]
        for values in columns.values()
    ]
    return zip(*cells, strict=True)


def write_jsonl(columns: dict[str, list], out: TextIO) -> None:
    for record in _records(columns):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def readable_columns(columns: dict[str, list]) -> dict[str, list]:
    """The entries' columns for people: each stored code as its Dutch word (``WORDS``)."""
    return {name: list(map(WORDS[name], values)) if name in WORDS else values
            for name, values in columns.items()}


def meeting_columns(records: list[dict[str, Any]]) -> dict[str, list]:
    """The meetings (``meeting_records``) as the columns of ``MEETING_HEADERS``: one row per
    meeting, lists as "a; b", and who was there and who was not by pseudonym."""
    def who(record: dict, present: bool) -> str:
        return ", ".join(m["member"] for m in record["attendance"] if m["present"] == present)

    rows = [(r["team"], r["number"], r["held_on"], r["title"], "; ".join(r["modules"]),
             "; ".join(r["exercises"]), r["work_form"], r["theme"], r["minutes"],
             YES_NO[r["opened"]], who(r, True), who(r, False)) for r in records]
    transposed = zip(*rows, strict=True) if rows else ([] for _ in MEETING_HEADERS)
    return dict(zip(MEETING_HEADERS, map(list, transposed), strict=True))


def write_csv(headers: tuple[str, ...], columns: dict[str, list], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(_spreadsheet_rows(columns))


def _moment_text(moment: datetime) -> str:
    return moment.astimezone(t.UTC).replace(tzinfo=None).isoformat() + "+00:00"


def meeting_records(casebook: Casebook, author: str | None = None) -> list[dict[str, Any]]:
    """Every course meeting as a JSONL record (see ``MEETING_FIELDS``), group by group in plan
    order, with its attendance by pseudonym. With ``author``: only the meetings that member was
    marked present or absent at, with only their own mark."""
    mt, tm, at, m = t.meetings, t.teams, t.attendance, t.members
    marked = (sa.select(at.c.meeting_id, m.c.pseudonym, m.c.role, at.c.present)
              .join(m, m.c.id == at.c.member_id)
              .order_by(at.c.meeting_id, m.c.pseudonym))
    if author is not None:
        marked = marked.where(_is_member(author))
    with casebook._read() as conn:
        marks: dict[int, list[dict[str, Any]]] = {}
        for row in conn.execute(marked):
            marks.setdefault(row.meeting_id, []).append(
                {"member": row.pseudonym, "role": row.role, "present": bool(row.present)})
        meetings = (sa.select(mt, tm.c.name.label("team"), tm.c.kind.label("team_kind"))
                    .join(tm, tm.c.id == mt.c.team_id)
                    .order_by(tm.c.name, mt.c.number, mt.c.id))
        if author is not None:
            meetings = meetings.where(mt.c.id.in_(list(marks)))
        rows = conn.execute(meetings).all()
    return [
        {
            "record": MEETING,
            "id": row.id,
            "team": row.team,
            "team_kind": row.team_kind,
            "number": row.number,
            "held_on": row.held_on.isoformat(),
            "title": row.title,
            "modules": list(row.modules),
            "exercises": list(row.exercises),
            "work_form": row.work_form,
            "theme": row.theme,
            "minutes": row.minutes,
            "opened": bool(row.opened),
            "created_at": _moment_text(row.created_at),
            "updated_at": _moment_text(row.updated_at),
            "attendance": marks.get(row.id, []),
        }
        for row in rows
    ]


@dataclass
class Exported:
    """What an export holds: its entries and course meetings, and where a CSV export to a
    file put the meetings (a CSV on a stream leaves them out)."""

    entries: int
    meetings: int
    meetings_file: Path | None = None


def meetings_file(out: Path) -> Path:
    """Where a CSV export to ``out`` puts the meetings: ``antwoorden-bijeenkomsten.csv``."""
    return out.with_name(f"{out.stem}-{MEETINGS_SHEET.lower()}{out.suffix or '.csv'}")


def _write_text(out: Path | TextIO, write: Callable[[TextIO], None]) -> None:
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            write(handle)
    else:
        write(out)


def export(casebook: Casebook, fmt: str, out: Path | TextIO,
           author: str | None = None) -> Exported:
    """Write the export to ``out`` (a path, or a text stream for jsonl/csv): the entries and the
    course meetings (only ``author``'s, when given). JSONL holds the meetings before the
    entries; Excel in a second sheet; CSV in a second file beside ``out`` (none on a stream)."""
    if fmt not in FORMATS:
        raise InvalidInput(f"Onbekend formaat {fmt!r}: kies jsonl, csv of xlsx.")
    if fmt == "xlsx" and not isinstance(out, Path):
        raise InvalidInput("Een Excel-export heeft een bestandsnaam nodig (--out).")
    columns = export_columns(casebook, author)
    meetings = meeting_records(casebook, author)
    done = Exported(len(columns["id"]), len(meetings))
    if fmt == "jsonl":
        def write(handle: TextIO) -> None:
            for record in meetings:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            write_jsonl(columns, handle)

        _write_text(out, write)
        return done
    sheets = {ENTRIES_SHEET: (HEADERS, readable_columns(columns))}
    if meetings:
        sheets[MEETINGS_SHEET] = (MEETING_HEADERS, meeting_columns(meetings))
    if fmt == "xlsx":
        write_xlsx({title: (headers, _spreadsheet_rows(cols))
                    for title, (headers, cols) in sheets.items()}, out)
        return done
    _write_text(out, lambda handle: write_csv(*sheets[ENTRIES_SHEET], handle))
    if meetings and isinstance(out, Path):
        done.meetings_file = meetings_file(out)
        _write_text(done.meetings_file,
                    lambda handle: write_csv(*sheets[MEETINGS_SHEET], handle))
    return done


@dataclass
class ImportReport:
    imported: int = 0  # entries
    already_present: int = 0  # entries and meetings
    meetings: int = 0  # course meetings imported
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line number, Dutch reason)


def read_jsonl(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, record or None, reason when refused) for every non-empty line."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"Het bestand {path} kan niet worden gelezen: {exc.strerror}.") from exc
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None, "de regel is geen geldige UTF-8-tekst"
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            yield number, None, "de regel is geen geldige JSON"
            continue
        if not isinstance(record, dict):
            yield number, None, "de regel is geen JSON-object"
            continue
        yield number, record, None


def _text(record: dict, name: str, required: bool = False) -> str | None:
    value = record.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidInput(f"veld '{name}' ontbreekt of is geen tekst")
    return value


def _moment(record: dict, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(_text(record, name, required=True))
    except ValueError as exc:
        raise InvalidInput(f"veld '{name}' is geen geldige datum en tijd") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=t.UTC)


def _import_one(casebook: Casebook, record: dict, meeting_ids: dict[int, int]) -> bool:
    """Store one entry; False when its id is already there. Raises with a Dutch reason.
    ``meeting_ids``: the meetings of this file by their number there → their number here."""
    try:
        entry_id = UUID(str(record.get("id")))
    except ValueError as exc:
        raise InvalidInput("veld 'id' is geen geldige UUID") from exc
    with casebook._read() as conn:
        if conn.execute(sa.select(t.entries.c.id).where(t.entries.c.id == entry_id)).first():
            return False
    privacy = record.get("privacy") or "check"
    if privacy not in PRIVACY_MODES:
        raise InvalidInput("veld 'privacy' is onbekend")
    # Text stored earlier in "accept" mode already carries placeholders: it is checked again.
    privacy = "fictional" if privacy == "fictional" else "check"
    visibility = record.get("visibility", "private")
    if visibility not in VISIBILITIES:
        raise InvalidInput("veld 'visibility' is onbekend")
    if record.get("status", "draft") not in ("draft", "final"):
        raise InvalidInput("veld 'status' is onbekend")
    principles = record.get("principles") or []
    if not isinstance(principles, list) or not all(isinstance(p, str) for p in principles):
        raise InvalidInput("veld 'principles' is geen lijst met teksten")
    team_kind = record.get("team_kind") or "team"
    team = casebook.create_team(
        _text(record, "team", required=True),
        "cohort" if team_kind == "cohort" else "team",
        privacy=privacy,
    )
    member = casebook.join_team(
        team.id, _text(record, "author", required=True), _text(record, "role", required=True)
    )
    viewer = casebook.viewer_for(member.id)
    created_at = _moment(record, "created_at")
    case_id = _ensure_case(casebook, viewer, team.id, _text(record, "case"), privacy)
    session_id = _ensure_session(
        casebook, team.id, _text(record, "session"), case_id, record, created_at.date()
    )
    entry = casebook.save_entry(
        viewer,
        entry_id=entry_id,
        kind=entry_kind(_text(record, "kind", required=True)),  # a Dutch kind of an older export too
        text=_text(record, "text") or "",
        value=record.get("value"),
        session_id=session_id,
        case_id=case_id,
        module=_text(record, "module"),
        exercise=_text(record, "exercise"),
        step=_step(_text(record, "step"), meeting_ids),
        level=_text(record, "level"),
        tension=_text(record, "tension"),
        position=record.get("position"),
        principles=principles,
        visibility=visibility,
        final=record.get("status") == "final",
        privacy=privacy,
        created_at=created_at,
        updated_at=_moment(record, "updated_at"),
    )
    if record.get("hidden"):
        casebook.hide_entry(viewer, entry.id, "")
    return True


def _step(step: str | None, meeting_ids: dict[int, int]) -> str | None:
    """A step that names a meeting of the file (``bijeenkomst-3``) names it by its number here."""
    found = MEETING_STEP.fullmatch(step or "")
    if found is None or int(found.group(1)) not in meeting_ids:
        return step
    return meeting_step(meeting_ids[int(found.group(1))])


def _import_meeting(casebook: Casebook, record: dict, meeting_ids: dict[int, int]) -> bool:
    """Store one course meeting with its attendance; False when the group already has the
    meeting made at that moment. Its texts pass the privacy guard. Raises with a Dutch reason.
    Notes in ``meeting_ids`` which meeting here the file's meeting is."""

    source_id = record.get("id")
    if not isinstance(source_id, int):
        raise InvalidInput("veld 'id' is geen nummer van een bijeenkomst")

    try:
        held_on = date.fromisoformat(_text(record, "held_on", required=True))
    except ValueError as exc:
        raise InvalidInput("veld 'held_on' is geen geldige datum") from exc
    number, minutes = record.get("number"), record.get("minutes")
    if not isinstance(number, int) or number < 1:
        raise InvalidInput("veld 'number' is geen volgnummer")
    if not isinstance(minutes, int) or not 0 < minutes <= 24 * 60:
        raise InvalidInput("veld 'minutes' is geen duur in minuten")
    lists = {}
    for name in ("modules", "exercises"):
        value = record.get(name) or []
        if not isinstance(value, list):
            raise InvalidInput(f"veld '{name}' is geen lijst met namen")
        lists[name] = _ids(value, name)
    marks = record.get("attendance") or []
    if not isinstance(marks, list) or not all(
        isinstance(mark, dict) and isinstance(mark.get("member"), str)
        and isinstance(mark.get("role"), str) and isinstance(mark.get("present"), bool)
        for mark in marks
    ):
        raise InvalidInput("veld 'attendance' is geen lijst van aanwezigheden")
    title = (_text(record, "title", required=True) or "")[:300]
    texts = [title, (_text(record, "work_form") or "")[:300], (_text(record, "theme") or "")[:300]]
    team = casebook.create_team(
        _text(record, "team", required=True),
        "cohort" if (record.get("team_kind") or "cohort") == "cohort" else "team",
    )
    created_at, updated_at = _moment(record, "created_at"), _moment(record, "updated_at")
    mt = t.meetings
    with casebook._read() as conn:
        present = conn.execute(sa.select(mt.c.id).where(
            mt.c.team_id == team.id, mt.c.created_at == created_at)).scalar()
    if present is not None:
        meeting_ids[source_id] = present
        return False
    vetted = casebook._vet(texts, "check")
    members = {(mark["member"], mark["role"]): casebook.join_team(team.id, mark["member"],
                                                                  mark["role"]).id
               for mark in marks}
    with casebook._write() as conn:
        taken = conn.execute(sa.select(mt.c.id).where(
            mt.c.team_id == team.id, mt.c.number == number)).first()
        if taken is not None:  # the group's plan has another meeting there: this one goes last
            number = conn.execute(sa.select(sa.func.max(mt.c.number)).where(
                mt.c.team_id == team.id)).scalar_one() + 1
        meeting_id = conn.execute(mt.insert().values(
            team_id=team.id, number=number, held_on=held_on, title=vetted.texts[0],
            work_form=vetted.texts[1], theme=vetted.texts[2], minutes=minutes,
            opened=bool(record.get("opened")), created_at=created_at, updated_at=updated_at,
            **lists).returning(mt.c.id)).scalar_one()
        for mark in marks:
            conn.execute(t.attendance.insert().values(
                meeting_id=meeting_id, member_id=members[mark["member"], mark["role"]],
                present=mark["present"]))
    meeting_ids[source_id] = meeting_id
    return True


def _ensure_case(casebook: Casebook, viewer, team_id: int, title: str | None, privacy: str):
    if not title:
        return None
    with casebook._read() as conn:
        found = conn.execute(
            sa.select(t.cases.c.id).where(t.cases.c.team_id == team_id, t.cases.c.title == title)
        ).scalar()
    if found is not None:
        return found
    return casebook.create_case(viewer, team_id, title, "", privacy=privacy).id


def _ensure_session(
    casebook: Casebook, team_id: int, code: str | None, case_id, record: dict, held_on: date
):
    if not code:
        return None
    with casebook._write() as conn:
        row = conn.execute(
            sa.select(t.sessions.c.id, t.sessions.c.team_id).where(t.sessions.c.join_code == code)
        ).first()
        if row is not None:
            if row.team_id != team_id:
                raise InvalidInput("de sessiecode hoort bij een ander team")
            return row.id
        return conn.execute(
            t.sessions.insert()
            .values(
                team_id=team_id,
                case_id=case_id,
                module_id=_text(record, "module"),
                exercise_id=_text(record, "exercise") or "onbekend",
                held_on=held_on,
                named_mode=False,
                join_code=code[:6],
                phase="afgesloten",
                closed_at=t.utcnow(),
                created_at=t.utcnow(),
            )
            .returning(t.sessions.c.id)
        ).scalar_one()


def import_jsonl(
    casebook: Casebook, path: Path, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Import every clean entry of a JSONL file; each refused line is listed with its reason.

    Raises ``UnreadableFile`` (nothing imported) when the file cannot be read or no line in
    it is a JSON object.
    """

    lines = list(read_jsonl(path))
    if lines and all(record is None for _, record, _ in lines):
        raise UnreadableFile(
            f"{path} is geen JSONL-bestand van werkboek: geen enkele regel kon worden gelezen. "
            "Er is niets ingelezen."
        )
    report = ImportReport()
    meeting_ids: dict[int, int] = {}
    for number, record, reason in lines:
        if record is None:
            report.refused.append((number, reason))
        else:
            try:
                meeting = record.get("record") == MEETING
                if (_import_meeting if meeting else _import_one)(casebook, record, meeting_ids):
                    if meeting:
                        report.meetings += 1
                    else:
                        report.imported += 1
                else:
                    report.already_present += 1
            except (PrivacyBlocked, PrivacyReview, CasebookError) as exc:
                report.refused.append((number, str(exc)))
        if progress is not None:
            progress(1)
    return report
