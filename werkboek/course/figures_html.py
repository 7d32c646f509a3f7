"""The course figures in Dutch words and HTML tables: what the trainer's page shows of the
group and what the accreditation file (``werkboek.report.cohort``) prints. Counts and group
figures only, never a text a participant wrote."""

from __future__ import annotations

from werkboek.course.figures import MIN_GROUP, SELF_SCAN, CohortFigures
from werkboek.markup import counted, esc

TOO_FEW = (f"Nog geen groepsbeeld: daarvoor zijn de cijfers van minstens {MIN_GROUP} deelnemers "
           "nodig, zodat niemands eigen antwoord te herkennen is.")


def minutes_text(minutes: int) -> str:
    """"45 minuten", "2 uur", "2,5 uur": a duration as a trainer plans it."""
    if minutes < 90:
        return counted(minutes, "minuut", "minuten")
    return f"{minutes / 60:g}".replace(".", ",") + " uur"


def competence_rows(content, figures: CohortFigures) -> tuple[list[str], list[tuple[int, ...]]]:
    """Labels ('Samenwerken · voor') and scores of the self-scan, before then after, per
    competence in the exercise's order."""
    exercise_id, step_id = SELF_SCAN
    exercise = content.exercise(exercise_id)
    step = next(s for s in exercise.steps if s.id == step_id)
    labels, values = [], []
    for option in content.options_for(step, exercise):
        for when, scores in (("voor", figures.scan_before), ("na", figures.scan_after)):
            if option.id in scores:
                labels.append(f"{option.label} · {when}")
                values.append(scores[option.id])
    return labels, values


def hours_text(hours: float) -> str:
    return f"{hours:.1f}".replace(".", ",").removesuffix(",0")


def scroll_box(label: str) -> str:
    """The opening tag of a box that scrolls sideways on a narrow screen: reachable with the
    keyboard (to scroll it with the arrow keys) and named for a screen reader."""
    return f'<div class="wb-table-scroll" tabindex="0" role="region" aria-label="{esc(label)}">'


def table_html(head: tuple[str, ...], rows: list[tuple]) -> str:
    heading = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (f'{scroll_box("Tabel: " + ", ".join(head))}<table class="wb-figures"><thead><tr>'
            f"{heading}</tr></thead><tbody>{body}</tbody></table></div>")


def movement_html(figures: CohortFigures) -> str:
    if figures.movement is None:
        return f"<p>{TOO_FEW}</p>"
    change = f"{figures.movement:+.1f}".replace(".", ",")
    return (f"<p>Van de eerste tot de laatste keer veranderde het cijfer gemiddeld met "
            f"<strong>{change}</strong> (op een schaal van 0 tot 10).</p>")
