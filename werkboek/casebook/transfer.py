"""Export entries (JSONL, CSV, Excel) and import JSONL back, through the privacy guard.

JSONL has one entry per line with the fields in ``FIELDS``. Export then import into an
empty casebook gives an identical export: ids, teams, pseudonyms, sessions (by join code),
cases (by title) and timestamps are kept. Import is idempotent by id.
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
from werkboek.casebook.errors import CasebookError, InvalidInput
from werkboek.casebook.records import PRIVACY_MODES, VISIBILITIES
from werkboek.casebook.store import Casebook

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


class UnreadableFile(CasebookError):
    """The import file could not be read at all; nothing was imported."""


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def export_records(casebook: Casebook, author: str | None = None) -> list[dict[str, Any]]:
    """Every entry (drafts and hidden ones too), oldest first; only ``author``'s when given."""
    e, tm, m, s, c = t.entries, t.teams, t.members, t.sessions, t.cases
    query = (
        sa.select(
            e,
            tm.c.name.label("team_name"),
            tm.c.kind.label("team_kind"),
            m.c.pseudonym,
            s.c.join_code,
            c.c.title.label("case_title"),
        )
        .join(tm, tm.c.id == e.c.team_id)
        .join(m, m.c.id == e.c.author_id)
        .outerjoin(s, s.c.id == e.c.session_id)
        .outerjoin(c, c.c.id == e.c.case_id)
        .order_by(e.c.created_at, e.c.id)
    )
    if author is not None:
        query = query.where(m.c.pseudonym == author)
    with casebook._read() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "id": str(row.id),
            "team": row.team_name,
            "team_kind": row.team_kind,
            "session": row.join_code,
            "case": row.case_title,
            "author": row.pseudonym,
            "role": row.role,
            "module": row.module,
            "exercise": row.exercise,
            "step": row.step,
            "kind": row.kind,
            "text": row.text,
            "value": row.value,
            "level": row.level,
            "tension": row.tension,
            "position": row.position,
            "principles": list(row.principles),
            "visibility": row.visibility,
            "status": row.status,
            "hidden": row.hidden,
            "privacy": row.privacy,
            "created_at": _iso(row.created_at),
            "updated_at": _iso(row.updated_at),
        }
        for row in rows
    ]


def _flat(value: Any) -> Any:
    """A cell for CSV/Excel: lists and dicts as JSON text."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_jsonl(records: list[dict], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(records: list[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    for record in records:
        writer.writerow({name: _flat(record[name]) for name in FIELDS})


def write_xlsx(records: list[dict], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "casebook"
    sheet.append(FIELDS)
    for row_number, record in enumerate(records, start=2):
        for column, name in enumerate(FIELDS, start=1):
            value = _flat(record[name])
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str):
                # A text starting with "=" must stay text, never become a formula.
                cell.data_type = TYPE_STRING
    workbook.save(path)


def export(casebook: Casebook, fmt: str, out: Path | TextIO, author: str | None = None) -> int:
    """Write the export to ``out`` (a path, or a text stream for jsonl/csv); returns the count."""
    if fmt not in FORMATS:
        raise InvalidInput(f"Onbekend formaat {fmt!r}: kies jsonl, csv of xlsx.")
    records = export_records(casebook, author)
    if fmt == "xlsx":
        if not isinstance(out, Path):
            raise InvalidInput("Een Excel-export heeft een bestandsnaam nodig (--out).")
        write_xlsx(records, out)
        return len(records)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer(records, handle)
    else:
        writer(records, out)
    return len(records)


@dataclass
class ImportReport:
    imported: int = 0
    already_present: int = 0
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


def _import_one(casebook: Casebook, record: dict) -> bool:
    """Store one record; False when its id is already there. Raises with a Dutch reason."""
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
        kind=_text(record, "kind", required=True),
        text=_text(record, "text") or "",
        value=record.get("value"),
        session_id=session_id,
        case_id=case_id,
        module=_text(record, "module"),
        exercise=_text(record, "exercise"),
        step=_text(record, "step"),
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
    from werkboek.casebook.privacy import PrivacyBlocked, PrivacyReview

    lines = list(read_jsonl(path))
    if lines and all(record is None for _, record, _ in lines):
        raise UnreadableFile(
            f"{path} is geen JSONL-bestand van werkboek: geen enkele regel kon worden gelezen. "
            "Er is niets ingelezen."
        )
    report = ImportReport()
    for number, record, reason in lines:
        if record is None:
            report.refused.append((number, reason))
        else:
            try:
                if _import_one(casebook, record):
                    report.imported += 1
                else:
                    report.already_present += 1
            except (PrivacyBlocked, PrivacyReview, CasebookError) as exc:
                report.refused.append((number, str(exc)))
        if progress is not None:
            progress(1)
    return report
