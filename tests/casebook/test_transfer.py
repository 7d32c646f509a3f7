"""Export and import: round trip, idempotent import, refused lines, and the CLI exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from werkboek.casebook import open_casebook
from werkboek.casebook.transfer import FIELDS, export, export_records, import_jsonl
from werkboek.cli.app import app


@pytest.fixture
def filled(scene):
    cb = scene.casebook
    cb.save_entry(scene.worker, kind="text", text="Fictief: moe bij het ontbijt.",
                  session_id=scene.session.id, step="context-ophalen", visibility="team",
                  final=True)
    cb.save_entry(scene.lead, kind="hypotheses", value=["Ze is bang.", "Ze wil rust."],
                  session_id=scene.session.id, principles=["veiligheid-eerst"],
                  level="dialoog-met-clienten", visibility="team", final=True)
    cb.save_entry(scene.worker, kind="poles", position=0.7, tension="dialoog-grenzen",
                  text="Concept (fictief).")
    hidden = cb.save_entry(scene.worker, kind="text", text="Weg ermee (fictief).",
                           session_id=scene.session.id, visibility="team", final=True)
    cb.hide_entry(scene.lead, hidden.id, "niet relevant")
    cb.save_entry(scene.worker, kind="text", text="Samira kwam laat (fictief).",
                  session_id=scene.session.id, privacy="fictional", visibility="team", final=True)
    return scene


def jsonl(cb) -> str:
    out = io.StringIO()
    export(cb, "jsonl", out)
    return out.getvalue()


def test_export_then_import_into_an_empty_casebook_gives_the_same_export(
    filled, tmp_path, casebook_settings
):
    original = jsonl(filled.casebook)
    assert len(original.splitlines()) == 5
    path = tmp_path / "export.jsonl"
    path.write_text(original, encoding="utf-8")
    empty = open_casebook(f"sqlite:///{tmp_path / 'leeg.sqlite'}", upgrade=True,
                          settings=casebook_settings)
    report = import_jsonl(empty, path)
    assert (report.imported, report.refused) == (5, [])
    assert jsonl(empty) == original
    again = import_jsonl(empty, path)
    assert (again.imported, again.already_present) == (0, 5)
    assert jsonl(empty) == original


def test_export_of_one_author(filled):
    records = export_records(filled.casebook, author="GD-1")
    assert [r["author"] for r in records] == ["GD-1"]
    assert set(records[0]) == set(FIELDS)


def test_csv_and_excel_exports_hold_every_entry(filled, tmp_path):
    out = io.StringIO()
    export(filled.casebook, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 5 and json.loads(rows[1]["value"]) == ["Ze is bang.", "Ze wil rust."]
    filled.casebook.save_entry(filled.worker, kind="text", text="=1+1 (fictief)")
    path = tmp_path / "export.xlsx"
    assert export(filled.casebook, "xlsx", path) == 6
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == list(FIELDS)
    assert sheet.cell(row=7, column=FIELDS.index("text") + 1).value == "'=1+1 (fictief)"
    assert sheet.cell(row=7, column=FIELDS.index("text") + 1).data_type == "s"


FORMULAS = ["=HYPERLINK(\"http://voorbeeld.invalid\")", "+1+1", "-2+3", "@SUM(A1)",
            "\tverborgen", "\rterug"]


def test_texts_that_a_spreadsheet_would_run_stay_text_in_csv_and_excel_but_exact_in_jsonl(
    scene, tmp_path
):
    cb = scene.casebook
    for text in FORMULAS:
        cb.save_entry(scene.worker, kind="text", text=f"{text} (fictief)", privacy="fictional")
    cb.save_entry(scene.worker, kind="choice", value="=1+1", step="-stap")
    cb.save_entry(scene.worker, kind="scale", value=-3, position=-0.5)
    texts = [f"{text} (fictief)" for text in FORMULAS] + ["", ""]

    out = io.StringIO()
    export(cb, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [row["text"] for row in rows] == ["'" + t if t else t for t in texts]
    assert (rows[6]["value"], rows[6]["step"]) == ("'=1+1", "'-stap")
    assert (rows[7]["value"], rows[7]["position"]) == ("-3", "-0.5")  # numbers stay numbers

    path = tmp_path / "export.xlsx"
    export(cb, "xlsx", path)
    sheet = load_workbook(path).active
    column = FIELDS.index("text") + 1
    cells = [sheet.cell(row=n, column=column) for n in range(2, 2 + len(texts))]
    # (an Excel file is XML, which reads a carriage return as a line break)
    assert [c.value or "" for c in cells] == [("'" + t if t else t).replace("\r", "\n")
                                              for t in texts]
    assert all(c.data_type == "s" for c in cells[:6])

    records = [json.loads(line) for line in jsonl(cb).splitlines()]
    assert [r["text"] for r in records] == texts
    assert (records[6]["value"], records[7]["value"]) == ("=1+1", -3)


def test_import_lists_each_refused_line_with_its_reason(filled, tmp_path):
    records = [json.loads(line) for line in jsonl(filled.casebook).splitlines()]
    good = records[0]
    named = dict(records[0], id="6f1c2f3e-0000-4000-8000-000000000001",
                 text="Petra Jansen belde (fictief).", privacy="check")
    phone = dict(records[0], id="6f1c2f3e-0000-4000-8000-000000000002",
                 text="Bel 06-12345678.", privacy="fictional")
    lines = [json.dumps(good).encode(), json.dumps(named).encode(), b"{niet json",
             json.dumps(phone).encode(), '{"text": "caf\u00e9"}'.encode("latin-1"), b"[1, 2]"]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    empty = open_casebook(f"sqlite:///{tmp_path / 'leeg.sqlite'}", upgrade=True,
                          settings=filled.casebook._settings)
    report = import_jsonl(empty, path)
    assert report.imported == 1
    reasons = dict(report.refused)
    assert sorted(reasons) == [2, 3, 4, 5, 6]
    assert "echte gegevens" in reasons[2] and "JSON" in reasons[3]
    assert "nooit worden opgeslagen" in reasons[4] and "UTF-8" in reasons[5]


def test_cli_init_export_import_exit_codes(cli_env, tmp_path, filled):
    runner = cli_env
    first = runner.invoke(app, ["init"])
    assert first.exit_code == 0 and "Nieuw casebook aangemaakt" in first.output
    assert "al bij" in runner.invoke(app, ["init"]).output
    source = tmp_path / "bron.jsonl"
    source.write_text(jsonl(filled.casebook), encoding="utf-8")
    done = runner.invoke(app, ["import", str(source)])
    assert done.exit_code == 0, done.output
    assert "5 antwoorden ingelezen" in done.output
    out = tmp_path / "uit.jsonl"
    assert runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    partly = tmp_path / "deels.jsonl"
    partly.write_text(source.read_text(encoding="utf-8") + "{kapot\n", encoding="utf-8")
    refused = runner.invoke(app, ["import", str(partly)])
    assert refused.exit_code == 1 and "regel 6" in refused.output
    garbage = tmp_path / "rommel.jsonl"
    garbage.write_bytes(b"\xff\xfe geen json\n")
    unreadable = runner.invoke(app, ["import", str(garbage)])
    assert unreadable.exit_code == 2 and "niets ingelezen" in unreadable.output
    missing = runner.invoke(app, ["import", str(tmp_path / "bestaat-niet.jsonl")])
    assert missing.exit_code == 2
