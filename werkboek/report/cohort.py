"""The accreditation file of a course group: the plan, dates, attendance, hours, what was done
per module and how the group moved, as HTML (printed to PDF by Chromium) or as CSV / Excel with
the same figures. Built from ``werkboek.course.figures`` as the group's trainer may read them:
counts and group figures only, never a text a participant wrote."""

from __future__ import annotations

from statistics import median

from werkboek.chromium import print_pdf
from werkboek.clock import day, now
from werkboek.course.figures import MIN_GROUP, CohortFigures, cohort_figures
from werkboek.course.figures_html import (
    competence_rows,
    hours_text,
    minutes_text,
    movement_html,
    table_html,
)
from werkboek.markup import esc
from werkboek.report.render import ReportFailed
from werkboek.spreadsheet import csv_bytes, xlsx_bytes
from werkboek.vocab import LEVEL_MODULE, PRINCIPLE_MODULE, TENSION_MODULE

COLUMNS = ("Onderdeel", "Nr", "Naam", "Datum", "Aantal", "Uren", "Toelichting")
STYLE = ("body{font-family:'Noto Sans',Arial,sans-serif;font-size:11pt;max-width:60rem;"
         "margin:1.5rem auto;line-height:1.45}h2{border-bottom:2px solid #7a2e5b;margin-top:1.6rem}"
         "table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ccc;"
         "padding:.25rem .5rem;text-align:left;vertical-align:top}"
         "@media print{h2{break-after:avoid}tr{break-inside:avoid}}")


def stands_text(stands: tuple[int, ...] | None) -> str:
    """'middelste 6, van 3 tot 8 (5 personen)'; a note when the group was too small."""
    if stands is None:
        return f"minder dan {MIN_GROUP} deelnemers: niet getoond"
    return (f"middelste {median(stands):g}, van {min(stands)} tot {max(stands)} "
            f"({len(stands)} personen)").replace(".", ",")


def report_html(content, figures: CohortFigures, names: dict[str, str]) -> str:
    """The accreditation file as one self-contained HTML page (Dutch); ``names``: the titles
    of the tension fields and principles by id."""
    count = len(figures.participants)
    plan = table_html(
        ("Nr", "Datum", "Bijeenkomst", "Modules", "Werkvorm", "Thema uit de groep", "Tijd",
         "Aanwezig"),
        [(m.number, m.day, m.title, ", ".join(m.modules), m.work_form, m.theme,
          minutes_text(m.minutes), f"{m.present} van {count}" if m.marked else "niet bijgehouden")
         for m in figures.meetings])
    people = table_html(("Deelnemer", "Bijeenkomsten aanwezig", "Uren"),
                        [(p.pseudonym, f"{p.present} van {len(figures.meetings)}",
                          hours_text(p.hours)) for p in figures.participants])
    modules = table_html(("Module", "Bijeenkomsten", "Deelnemers met een antwoord", "Antwoorden"),
                         [(m.title, m.meetings, m.people, m.answers) for m in figures.modules])
    stands = table_html(("Bijeenkomst", "Datum", "Waar de groep staat (0–10)"),
                        [(m.number, m.day, stands_text(m.stands)) for m in figures.meetings])
    tensions = table_html(
        ("Spanningsveld", "Aan het begin (middelste positie, 0 = linkerpool)", "Aan het eind",
         "Personen"),
        [(names.get(field, field), f"{median(start):.2f}".replace(".", ","),
          f"{median(figures.tension_end[field]):.2f}".replace(".", ","), len(start))
         for field, start in figures.tension_start.items()]) if figures.tension_start else (
        f"<p>Spanningsvelden: minder dan {MIN_GROUP} deelnemers per veld, niet getoond.</p>")
    level_names = {i.id: i.title for i in content.items(LEVEL_MODULE)}
    levels = table_html(("Niveau van dialoog", "Antwoorden eerste helft", "Tweede helft"),
                        [(level_names.get(level, level), first, second)
                         for level, (first, second) in figures.levels.items()]
                        ) if figures.levels else (
        f"<p>Niveaus van dialoog: minder dan {MIN_GROUP} deelnemers, niet getoond.</p>")
    labels, scores = competence_rows(content, figures)
    scan = table_html(("Competentie", "Scores (0–10)"),
                      [(label, stands_text(values)) for label, values in zip(labels, scores,
                                                                             strict=True)]
                      ) if labels else (
        f"<p>Zelfscan: minder dan {MIN_GROUP} deelnemers, niet getoond.</p>")
    principles = table_html(("Principe", "Keer genoemd"),
                            [(names.get(p, p), n) for p, n in figures.principles.items()]
                            ) if figures.principles else (
        f"<p>Principes: minder dan {MIN_GROUP} deelnemers, niet getoond.</p>")
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Accreditatiedossier '
        f"{esc(figures.name)}</title><style>{STYLE}</style></head><body>"
        f"<h1>Accreditatiedossier {esc(figures.name)}</h1>"
        f"<p>Gemaakt op {day(now())}. {count} deelnemers, {len(figures.meetings)} bijeenkomsten, "
        f"samen {hours_text(figures.planned_hours)} uur gepland.</p>"
        f"<h2>Plan en aanwezigheid</h2>{plan}<h2>Uren per deelnemer</h2>{people}"
        f"<h2>Wat per module gedaan is</h2><p>Aantallen van antwoorden die deelnemers met de "
        f"cursus deelden.</p>{modules}"
        f"<h2>Hoe de groep bewoog</h2><p>{figures.questions} leervragen; {figures.looked_back} "
        f"deelnemers keken aan het eind terug.</p>{movement_html(figures)}{stands}"
        f"<h3>Spanningsvelden</h3>{tensions}<h3>Genoemde principes</h3>{principles}"
        f"<h3>Niveaus van dialoog</h3>{levels}<h3>Zelfscan competenties, voor en na</h3>{scan}"
        "<p>Groepscijfers staan er alleen bij minstens "
        f"{MIN_GROUP} deelnemers. Dit dossier bevat geen teksten van deelnemers.</p>"
        "</body></html>")


def report_rows(figures: CohortFigures) -> list[tuple]:
    """The same figures as rows of one table (see ``COLUMNS``)."""
    rows = [("Bijeenkomst", m.number, m.title, m.day, m.present if m.marked else "",
             hours_text(m.minutes / 60), "; ".join((", ".join(m.modules), m.work_form, m.theme)))
            for m in figures.meetings]
    rows += [("Deelnemer", "", p.pseudonym, "", p.present, hours_text(p.hours),
              f"{p.answers} gedeelde antwoorden") for p in figures.participants]
    rows += [("Module", "", m.title, "", m.people, "", f"{m.answers} antwoorden")
             for m in figures.modules]
    rows += [("Groep 0-10", m.number, m.title, m.day, len(m.stands) if m.stands else "", "",
              stands_text(m.stands)) for m in figures.meetings]
    return rows


def cohort_file(cb, content, viewer, cohort_id: int, fmt: str) -> bytes:
    """The accreditation file of the group as ``fmt``: html, pdf, csv or xlsx."""
    figures = cohort_figures(cb, content, viewer, cohort_id)
    if fmt in ("html", "pdf"):
        names = {i.id: i.title for module in (TENSION_MODULE, PRINCIPLE_MODULE)
                 for i in content.items(module)}
        html = report_html(content, figures, names)
        return html.encode("utf-8") if fmt == "html" else print_pdf(html, budget_ms=500)
    if fmt == "csv":
        return csv_bytes(report_rows(figures), COLUMNS)
    if fmt == "xlsx":
        return xlsx_bytes(report_rows(figures), COLUMNS, title="accreditatie")
    raise ReportFailed("Kies html, pdf, csv of xlsx.")
