"""The found entries as a CSV or Excel file with Dutch column names, offered as a download link.

Only what the search shows is exported: the entries come from ``cb.entries`` with the viewer's
visibility. The CSV uses ';' and a byte order mark, so Dutch Excel opens it in columns; a text
starting with '=' never becomes a formula (a leading quote in the CSV, a text cell in Excel).
"""

from __future__ import annotations

from datetime import date

import ipywidgets as w

from werkboek.clock import entry_moment
from werkboek.markup import counted
from werkboek.spreadsheet import csv_bytes, xlsx_bytes
from werkboek.ui.casebook_view.labels import Labels
from werkboek.ui.download import download_link
from werkboek.ui.kit import download_row, full_width
from werkboek.vocab import ENTRY_STATUS_LABELS, VISIBILITY_LABELS

COLUMNS = ("Datum", "Schuilnaam", "Rol", "Casus", "Bespreking", "Oefening en stap", "Tekst",
           "Antwoord", "Niveau van dialoog", "Spanningsveld", "Positie", "Principes",
           "Zichtbaar voor", "Status")
FORMAT_LABELS = {"csv": "CSV", "xlsx": "Excel"}


def _answer(value) -> str:
    """A stored value as one line of text: lists joined, dicts as 'key: value'."""
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items() if v not in ("", None))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def export_rows(labels: Labels, entries) -> list[tuple]:
    """One row per entry, in the order given, with labels instead of ids."""
    return [
        (
            entry_moment(e),
            e.author,
            labels.role(e.role),
            labels.case(e.case_id),
            labels.session(e.session_id),
            labels.step(e),
            e.text,
            "" if e.position is not None else _answer(e.value),
            labels.levels.get(e.level, e.level or ""),
            labels.tensions.get(e.tension, e.tension or ""),
            labels.position(e),
            "; ".join(labels.principles.get(p, p) for p in e.principles),
            VISIBILITY_LABELS.get(e.visibility, e.visibility),
            ENTRY_STATUS_LABELS.get(e.status, e.status),
        )
        for e in entries
    ]


def file_bytes(fmt: str, rows: list[tuple]) -> bytes:
    return csv_bytes(rows, COLUMNS) if fmt == "csv" else xlsx_bytes(rows, COLUMNS)


class ExportPanel:
    """Two buttons (CSV, Excel) that turn the current search result into a download link."""

    def __init__(self, search, today=date.today):
        self.search = search
        self.today = today
        self.link = w.HTML(layout=full_width())
        self.link.add_class("wb-download")
        row = download_row(FORMAT_LABELS.items(), "wb-export", self.make)
        self.widget = w.VBox([
            w.HTML("<p>Download de antwoorden die je nu gevonden hebt (met dezelfde zoekwoorden en "
                   "filters) als bestand voor Excel of een ander rekenprogramma. Bewaar het bestand "
                   "alleen waar je team erbij mag, en gooi het weg als je het niet meer nodig hebt."
                   "</p>", layout=full_width()),
            row, self.link], layout=full_width())
        self.widget.add_class("wb-export")
        search.on_change(self.clear)

    def clear(self) -> None:
        """A new search makes an earlier file out of date."""
        self.link.value = ""

    def make(self, fmt: str) -> bytes:
        entries = self.search.read()  # from the store again, never from what a page still holds
        if not entries:
            self.link.value = "<p>Er is niets gevonden om te downloaden.</p>"
            return b""
        data = file_bytes(fmt, export_rows(self.search.labels, entries))
        self.search.cb.audit_event(self.search.viewer, f"export:{fmt}", "team",
                                   self.search.team_id)
        filename = f"casebook-{self.today().isoformat()}.{fmt}"
        count = counted(len(entries), "antwoord", "antwoorden")
        self.link.value = f"<p>{download_link(data, filename)} ({count})</p>"
        return data
