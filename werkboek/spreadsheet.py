"""Rows as a spreadsheet file (CSV for Excel's Dutch settings, or xlsx): the casebook's export,
the search result's download and the course's accreditation figures all write them here.

A text that a spreadsheet would run as a formula gets a leading quote (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, BinaryIO

# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP,
# "CSV injection"); such a text gets a leading quote in CSV and Excel exports.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A value as a CSV or Excel cell: lists and dicts as JSON text, and a text that would
    start a formula (``=``, ``+``, ``-``, ``@``, tab, CR) behind a single quote."""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows: list[tuple], columns: tuple[str, ...]) -> bytes:
    """The rows as CSV; a text that a spreadsheet would run as a formula gets a leading quote."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(tuple(spreadsheet_cell(cell) for cell in row) for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(sheets: Mapping[str, tuple[tuple[str, ...], Iterable[tuple]]],
               out: Path | BinaryIO) -> None:
    """The sheets (title -> column names and rows) as one Excel file written to ``out``; a text
    cell is stored as text, so one starting with "=" never becomes a formula."""
    from openpyxl import Workbook  # only when a file is made
    from openpyxl.cell.cell import TYPE_STRING

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (columns, rows) in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append(columns)
        for row_number, row in enumerate(rows, start=2):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_number, column=column, value=value)
                if isinstance(value, str):
                    cell.data_type = TYPE_STRING
    workbook.save(out)


def xlsx_bytes(rows: list[tuple], columns: tuple[str, ...],
               title: str = "casebook") -> bytes:
    """The rows as an Excel file of one sheet named ``title``."""
    out = io.BytesIO()
    write_xlsx({title: (columns, rows)}, out)
    return out.getvalue()
