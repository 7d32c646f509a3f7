"""Export and import: round trip, idempotent import, refused lines, the CSV and Excel exports
for people (Dutch words, the meetings beside the entries), a member's own export, and the CLI
exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from werkboek.casebook import open_casebook
from werkboek.casebook.transfer import (
    FIELDS,
    HEADERS,
    MEETING_HEADERS,
    export,
    export_records,
    import_jsonl,
)
from werkboek.cli.app import app
from werkboek.vocab import ASSIGNMENT_KIND, STAND_KIND


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


@pytest.fixture
def course(filled):
    """The filled casebook plus a course group with a plan of two meetings, attendance, an
    assignment and where a participant stood."""
    from datetime import date

    cb = filled.casebook
    group = cb.create_team("COMBINE najaar (fictief)", kind="cohort")
    trainer = cb.viewer_for(cb.join_team(group.id, "Trainer-7", "trainer").id)
    one = cb.viewer_for(cb.join_team(group.id, "GW-11", "deelnemer").id)
    two = cb.viewer_for(cb.join_team(group.id, "GW-12", "deelnemer").id)
    first = cb.plan_meeting(trainer, group.id, held_on=date(2027, 2, 4), title="Beginnen",
                            modules=["doelen-beschermd-wonen", "competenties"],
                            exercises=["competenties-zelfscan"], work_form="Kring",
                            minutes=150)
    second = cb.plan_meeting(trainer, group.id, held_on=date(2027, 3, 4), title="Het kompas",
                             modules=["principes"], work_form="Tweetallen",
                             theme="Een bewoner die niet slaapt (fictief)")
    cb.move_meeting(trainer, second.id, -1)
    cb.open_meeting(trainer, first.id)
    cb.mark_attendance(trainer, first.id, one.member_id, True)
    cb.mark_attendance(trainer, first.id, two.member_id, False)
    cb.save_entry(trainer, kind=ASSIGNMENT_KIND, exercise="competenties-zelfscan",
                  visibility="course", final=True)
    cb.save_entry(one, kind=STAND_KIND, step=f"bijeenkomst-{first.id}",
                  text="Ik durf meer te vragen.", value={"schaal": 6}, visibility="course",
                  final=True)
    return filled, group


def same_but_meeting_numbers(text: str) -> list[dict]:
    """The export's records with each meeting's database number (in its line and in the steps
    naming it) replaced by its place in the file: the numbers a database gives may differ."""
    from werkboek.casebook.course import MEETING_STEP

    records = [json.loads(line) for line in text.splitlines()]
    place = {r["id"]: n for n, r in enumerate(records) if r.get("record") == "meeting"}
    for record in records:
        if record.get("record") == "meeting":
            record["id"] = place[record["id"]]
        elif found := MEETING_STEP.fullmatch(record["step"] or ""):
            record["step"] = f"bijeenkomst-#{place[int(found.group(1))]}"
    return records


def test_course_meetings_with_attendance_make_the_round_trip(course, tmp_path,
                                                              casebook_settings):
    from werkboek.casebook.course import meeting_step
    from werkboek.course import cohort as course_entries

    assert course_entries.meeting_step(7) == meeting_step(7)  # the pages' steps are the store's
    filled, _group = course
    original = jsonl(filled.casebook)
    lines = [json.loads(line) for line in original.splitlines()]
    meetings = [r for r in lines if r.get("record") == "meeting"]
    assert lines[:2] == meetings  # first, so the stands after them can follow their meeting
    assert [m["title"] for m in meetings] == ["Het kompas", "Beginnen"]  # in plan order
    first = meetings[1]
    assert first["held_on"] == "2027-02-04" and first["minutes"] == 150 and first["opened"]
    assert first["modules"] == ["doelen-beschermd-wonen", "competenties"]
    assert first["attendance"] == [{"member": "GW-11", "role": "deelnemer", "present": True},
                                   {"member": "GW-12", "role": "deelnemer", "present": False}]
    assert meetings[0]["theme"] == "Een bewoner die niet slaapt (fictief)"
    [stand] = [r for r in lines if r.get("kind") == STAND_KIND]
    assert stand["step"] == meeting_step(first["id"])
    path = tmp_path / "export.jsonl"
    path.write_text(original, encoding="utf-8")
    empty = open_casebook(f"sqlite:///{tmp_path / 'leeg.sqlite'}", upgrade=True,
                          settings=casebook_settings)
    report = import_jsonl(empty, path)
    assert (report.imported, report.meetings, report.refused) == (len(lines) - 2, 2, [])
    copied = jsonl(empty)
    assert same_but_meeting_numbers(copied) == same_but_meeting_numbers(original)
    again = import_jsonl(empty, path)
    assert (again.imported, again.meetings, again.already_present) == (0, 0, len(lines))
    assert jsonl(empty) == copied
    # The plan is the group's plan again: its trainer reads it, attendance and stand included.
    [cohort] = empty.teams(kind="cohort")
    trainer = empty.viewer_for(empty.join_team(cohort.id, "Trainer-7", "trainer").id)
    members = {m.pseudonym: m.id for m in empty.members(trainer, cohort.id)}
    plan = empty.meetings(trainer, cohort.id)
    assert [m.title for m in plan] == ["Het kompas", "Beginnen"]
    assert empty.attendance(trainer, cohort.id) == {
        (plan[1].id, members["GW-11"]): True, (plan[1].id, members["GW-12"]): False}
    [stood] = empty.entries(trainer, team_id=cohort.id, kind=STAND_KIND)
    assert stood.step == meeting_step(plan[1].id) and stood.value == {"schaal": 6}


def test_an_export_made_before_the_kinds_were_english_still_imports(course, tmp_path,
                                                                     casebook_settings):
    """An export from before migration 0007 holds Dutch kinds ("opdracht", "leervraag-stand"):
    they come in under today's ids, and the copy exports as one made today."""
    filled, _group = course
    today = jsonl(filled.casebook)
    dutch = {ASSIGNMENT_KIND: "opdracht", STAND_KIND: "leervraag-stand"}
    lines = [json.loads(line) for line in today.splitlines()]
    assert {r.get("kind") for r in lines} >= set(dutch)
    old = [{**r, "kind": dutch[r["kind"]]} if r.get("kind") in dutch else r for r in lines]
    path = tmp_path / "oud.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in old), encoding="utf-8")
    empty = open_casebook(f"sqlite:///{tmp_path / 'leeg.sqlite'}", upgrade=True,
                          settings=casebook_settings)
    report = import_jsonl(empty, path)
    assert (report.imported, report.refused) == (len(lines) - 2, [])
    assert same_but_meeting_numbers(jsonl(empty)) == same_but_meeting_numbers(today)
    [cohort] = empty.teams(kind="cohort")
    trainer = empty.viewer_for(empty.join_team(cohort.id, "Trainer-7", "trainer").id)
    assert len(empty.entries(trainer, team_id=cohort.id, kind=ASSIGNMENT_KIND)) == 1
    assert len(empty.entries(trainer, team_id=cohort.id, kind=STAND_KIND)) == 1


def test_a_meeting_line_with_private_details_or_a_bad_field_is_refused(course, tmp_path):
    filled, _group = course
    cb = filled.casebook
    meeting = next(json.loads(line) for line in jsonl(cb).splitlines() if '"record"' in line)
    bad = [
        {**meeting, "created_at": "2027-01-01T10:00:00+00:00", "title": "Bel 06-12345678"},
        {**meeting, "created_at": "2027-01-01T11:00:00+00:00", "held_on": "morgen"},
        {**meeting, "created_at": "2027-01-01T12:00:00+00:00", "attendance": "iedereen"},
    ]
    path = tmp_path / "slecht.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in bad), encoding="utf-8")
    report = import_jsonl(cb, path)
    assert report.meetings == 0 and [n for n, _ in report.refused] == [1, 2, 3]
    assert "datum" in report.refused[1][1] and "aanwezigheden" in report.refused[2][1]


def test_export_of_one_author(filled):
    records = export_records(filled.casebook, author="GD-1")
    assert [r["author"] for r in records] == ["GD-1"]
    assert set(records[0]) == set(FIELDS)


def test_csv_and_excel_exports_hold_every_entry(filled, tmp_path):
    out = io.StringIO()
    export(filled.casebook, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 5 and json.loads(rows[1]["antwoord"]) == ["Ze is bang.", "Ze wil rust."]
    filled.casebook.save_entry(filled.worker, kind="text", text="=1+1 (fictief)")
    path = tmp_path / "export.xlsx"
    assert export(filled.casebook, "xlsx", path).entries == 6
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Antwoorden"]  # no course, no sheet of meetings
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == list(HEADERS)
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
    assert [row["tekst"] for row in rows] == ["'" + t if t else t for t in texts]
    assert (rows[6]["antwoord"], rows[6]["stap"]) == ("'=1+1", "'-stap")
    assert (rows[7]["antwoord"], rows[7]["positie"]) == ("-3", "-0.5")  # numbers stay numbers

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


def test_csv_and_excel_show_the_dutch_words_and_jsonl_the_stored_codes(course, tmp_path):
    filled, _group = course
    out = io.StringIO()
    export(filled.casebook, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    hypotheses, draft, hidden, fictional, assignment, stand = rows[1:]
    assert (hypotheses["soort antwoord"], hypotheses["rol"], hypotheses["zichtbaar voor"],
            hypotheses["status"], hypotheses["soort team"]) == (
        "hypothesen", "Gedragsdeskundige", "team", "definitief", "team")
    assert (draft["soort antwoord"], draft["status"], draft["zichtbaar voor"]) == (
        "plek tussen twee polen", "concept", "privé")
    assert (hidden["verborgen"], draft["verborgen"]) == ("ja", "nee")
    assert (fictional["privacycontrole"], hidden["privacycontrole"]) == ("verzonnen",
                                                                         "gecontroleerd")
    assert (assignment["soort antwoord"], assignment["rol"], assignment["soort team"],
            assignment["zichtbaar voor"]) == ("opdracht", "Trainer", "cursusgroep",
                                              "cursusgroep")
    assert (stand["soort antwoord"], stand["rol"]) == ("waar ik sta met mijn leervraag",
                                                       "Deelnemer")
    sheet = load_workbook(_excel(filled.casebook, tmp_path))["Antwoorden"]
    kinds = [c.value for c in sheet[chr(ord("A") + FIELDS.index("kind"))]]
    assert kinds == ["soort antwoord"] + [row["soort antwoord"] for row in rows]
    raw = [json.loads(line) for line in jsonl(filled.casebook).splitlines()]
    assert [r["kind"] for r in raw if "kind" in r][1:] == [
        "hypotheses", "poles", "text", "text", ASSIGNMENT_KIND, STAND_KIND]
    assert {r["visibility"] for r in raw if "kind" in r} == {"team", "private", "course"}


def _excel(cb, tmp_path, author=None):
    path = tmp_path / f"export-{author}.xlsx"
    export(cb, "xlsx", path, author)
    return path


def test_the_meetings_are_a_second_sheet_in_excel_and_a_second_file_beside_the_csv(course,
                                                                                  tmp_path):
    filled, _group = course
    cb = filled.casebook
    sheet = load_workbook(_excel(cb, tmp_path))["Bijeenkomsten"]
    assert [c.value for c in sheet[1]] == list(MEETING_HEADERS)
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["COMBINE najaar (fictief)", 1, "2027-03-04", "Het kompas", "principes", None,
         "Tweetallen", "Een bewoner die niet slaapt (fictief)", 120, "nee", None, None],
        ["COMBINE najaar (fictief)", 2, "2027-02-04", "Beginnen",
         "doelen-beschermd-wonen; competenties", "competenties-zelfscan", "Kring", None, 150,
         "ja", "GW-11", "GW-12"],
    ]
    path = tmp_path / "antwoorden.csv"
    done = export(cb, "csv", path)
    assert (done.entries, done.meetings) == (7, 2)
    assert done.meetings_file == tmp_path / "antwoorden-bijeenkomsten.csv"
    with done.meetings_file.open(encoding="utf-8", newline="") as handle:
        meetings = list(csv.DictReader(handle))
    assert [(m["titel"], m["geopend"], m["aanwezig"], m["afwezig"]) for m in meetings] == [
        ("Het kompas", "nee", "", ""), ("Beginnen", "ja", "GW-11", "GW-12")]


def test_a_members_export_holds_their_own_entries_and_meetings_with_only_their_mark(
    course, tmp_path
):
    filled, _group = course
    cb = filled.casebook
    workbook = load_workbook(_excel(cb, tmp_path, "GW-11"))
    entries = list(workbook["Antwoorden"].iter_rows(min_row=2, values_only=True))
    assert [row[FIELDS.index("author")] for row in entries] == ["GW-11"]
    assert [row[FIELDS.index("kind")] for row in entries] == ["waar ik sta met mijn leervraag"]
    meetings = list(workbook["Bijeenkomsten"].iter_rows(min_row=2, values_only=True))
    assert [(m[3], m[-2], m[-1]) for m in meetings] == [("Beginnen", "GW-11", None)]
    absent = list(load_workbook(_excel(cb, tmp_path, "GW-12"))["Bijeenkomsten"].iter_rows(
        min_row=2, values_only=True))
    assert [(m[3], m[-2], m[-1]) for m in absent] == [("Beginnen", None, "GW-12")]
    assert load_workbook(_excel(cb, tmp_path, "GD-1")).sheetnames == ["Antwoorden"]
    out = io.StringIO()
    assert export(cb, "jsonl", out, "GW-12").meetings == 1
    [meeting, *rest] = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rest == [] and meeting["title"] == "Beginnen"
    assert meeting["attendance"] == [{"member": "GW-12", "role": "deelnemer", "present": False}]


def test_every_kind_an_entry_can_have_has_a_dutch_word():
    """A new capture type or entry kind fails here until the CSV and Excel export can name it."""
    from werkboek import vocab
    from werkboek.content.models import CaptureType

    kinds = {value for name, value in vars(vocab).items() if name.endswith("_KIND")}
    kinds |= {capture.value for capture in CaptureType}
    assert sorted(kinds - set(vocab.KIND_LABELS)) == []
    assert vocab.kind_label("leervraag-stand") == vocab.kind_label(STAND_KIND)  # an older id


def test_cli_export_to_csv_writes_the_meetings_beside_it_and_says_so(cli_env, course,
                                                                       tmp_path):
    filled, _group = course
    runner = cli_env
    runner.invoke(app, ["init"])
    source = tmp_path / "bron.jsonl"
    source.write_text(jsonl(filled.casebook), encoding="utf-8")
    assert runner.invoke(app, ["import", str(source)]).exit_code == 0
    out = tmp_path / "antwoorden.csv"
    done = runner.invoke(app, ["export", "--format", "csv", "--out", str(out)])
    assert done.exit_code == 0, done.output
    beside = tmp_path / "antwoorden-bijeenkomsten.csv"
    assert f"7 antwoorden en 2 bijeenkomsten geëxporteerd naar {out}" in done.output
    assert str(beside) in done.output
    assert beside.read_text(encoding="utf-8").splitlines()[0] == ",".join(MEETING_HEADERS)
    screen = runner.invoke(app, ["export", "--format", "csv"])
    assert screen.stdout.splitlines()[0] == ",".join(HEADERS)
    assert "Bijeenkomsten" not in screen.stdout
    assert "BESTAND-bijeenkomsten.csv" in screen.stderr
    mine = tmp_path / "mijn.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "--member", "GW-12",
                               "--out", str(mine)]).exit_code == 0
    [meeting] = csv.DictReader(io.StringIO(
        (tmp_path / "mijn-bijeenkomsten.csv").read_text(encoding="utf-8")))
    assert (meeting["titel"], meeting["aanwezig"], meeting["afwezig"]) == ("Beginnen", "",
                                                                            "GW-12")


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
