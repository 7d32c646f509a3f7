"""The trainer's layer on the Trainer page: the suggested order of the modules for a COMBINE
cohort (``modules/_cursusplan.yaml``), meeting by meeting with its exercises (each to open alone
or to start as a session with the group), and per module its trainer's note (goal, work form,
time, questions for the whole group, pitfalls) and its exercises.

Only the trainer's view shows this; modules the plan does not name follow at the end.

Also the group's own plan as the trainer set it (meetings in the casebook): the suggested order
as meetings to start from, the next meeting, what to prepare, and the plan as a table.
"""

from __future__ import annotations

from datetime import date, timedelta

from werkboek.clock import day
from werkboek.content.glossary_html import terms_html
from werkboek.course.figures_html import minutes_text, scroll_box
from werkboek.markup import counted, esc, markdown_html
from werkboek.ui.content_view import exercise_href, team_session_href


def trainer_note_html(note) -> str:
    """A module's trainer note; '' for a module without one."""
    if note is None:
        return ""
    questions = "".join(f"<li>{esc(q)}</li>" for q in note.group_questions)
    pitfalls = "".join(f"<li>{esc(p)}</li>" for p in note.pitfalls)
    return (f'<div class="wb-trainer-note"><h5>Voor de trainer</h5>'
            f"<p><strong>Doel:</strong> {esc(note.goal)}</p>"
            f"<p><strong>Werkvorm:</strong> {esc(note.work_form)}</p>"
            f"<p><strong>Tijd:</strong> {minutes_text(note.minutes)}</p>"
            f"<p><strong>Vragen aan de hele groep</strong></p><ul>{questions}</ul>"
            f"<p><strong>Valkuilen</strong></p><ul>{pitfalls}</ul></div>")


def module_html(content, module) -> str:
    """One module, folded: its summary (with the glossary words explained), the trainer note
    and a link to each of its exercises."""
    links = "".join(f'<li><a href="{exercise_href(e.id)}">{esc(e.title)}</a></li>'
                    for e in content.exercises_of(module.id))
    exercises = f"<p><strong>Oefeningen</strong></p><ul>{links}</ul>" if links else ""
    return (f'<details class="wb-card wb-course-module" id="module-{esc(module.id)}"><summary>'
            f'<strong>{esc(module.title)}</strong> <span class="wb-source">{esc(module.source)} · '
            f"{counted(len(module.items), 'onderdeel', 'onderdelen')}</span></summary>"
            f"{markdown_html(module.summary)}{terms_html(content, module.summary)}"
            f"{trainer_note_html(module.trainer_note)}{exercises}</details>")


def course_plan_html(content) -> str:
    """The course plan's meetings in order, each with its modules; then the modules the plan
    leaves out (all of them without a plan)."""
    plan = content.course
    parts, planned = [], set()
    if plan is not None:
        parts.append(f'<h3>{esc(plan.title)}</h3>{markdown_html(plan.intro)}'
                     f'<p class="wb-source">Bron: handreiking {esc(plan.source)}</p>')
        for block in plan.blocks:
            planned.update(block.modules)
            modules = "".join(module_html(content, content.module(m)) for m in block.modules)
            exercises = "".join(
                f'<li><a href="{exercise_href(e)}">{esc(content.exercise(e).title)}</a> · '
                f'<a href="{esc(team_session_href(e))}">met de groep doen</a></li>'
                for e in block.exercises)
            doing = (f"<p><strong>Oefeningen in deze bijeenkomst</strong></p>"
                     f'<ul class="wb-course-exercises">{exercises}</ul>' if exercises else "")
            parts.append(f'<section class="wb-course-block"><h4>{esc(block.title)}</h4>'
                         f'<p class="wb-course-time">Ongeveer {minutes_text(block.minutes)}</p>'
                         f"{markdown_html(block.text)}{doing}{modules}</section>")
    rest = [m for m in content.modules.values() if m.id not in planned]
    if rest:
        heading = "Andere modules" if plan is not None else "Modules van de cursus"
        parts.append(f"<h3>{heading}</h3>" + "".join(module_html(content, m) for m in rest))
    return "".join(parts)


SUGGESTED_WEEKS = 4  # a COMBINE group meets about once a month
MEETING_COLUMNS = ("Nr", "Datum", "Bijeenkomst", "Modules", "Werkvorm", "Tijd")


def suggested_meetings(content, first: date, weeks: int = SUGGESTED_WEEKS) -> list[dict]:
    """The suggested course order as meetings to plan: one per block, ``weeks`` apart from
    ``first``, with the block's modules, exercises and time and the first module's work form."""
    plan = content.course
    if plan is None:
        return []
    meetings = []
    for number, block in enumerate(plan.blocks):
        note = next((content.module(m).trainer_note for m in block.modules
                     if content.module(m).trainer_note is not None), None)
        meetings.append({"held_on": first + timedelta(weeks=weeks * number),
                         "title": block.title.split(". ", 1)[-1], "modules": list(block.modules),
                         "exercises": list(block.exercises), "minutes": block.minutes,
                         "work_form": note.work_form[:300] if note else ""})
    return meetings


def next_meeting(meetings, today: date):
    """The first meeting on or after ``today``; None when the plan has none left."""
    return next((m for m in sorted(meetings, key=lambda m: m.held_on) if m.held_on >= today),
                None)


def meeting_label(meeting) -> str:
    """'3 · 04-03-2027 · Samen verdiepen': how a meeting is named in choices and tables."""
    return f"{meeting.number} · {day(meeting.held_on)} · {meeting.title}"


def prepare_html(content, meeting) -> str:
    """What to prepare for a meeting: its modules to read and exercises to look at."""
    modules = "".join(f"<li>Lees de module <strong>{esc(content.module(m).title)}</strong></li>"
                      for m in meeting.modules if m in content.modules)
    exercises = "".join(f'<li>Bekijk de oefening <a href="{exercise_href(e)}">'
                        f"{esc(content.exercise(e).title)}</a></li>"
                        for e in meeting.exercises if e in content.exercises)
    items = modules + exercises
    return f"<ul>{items}</ul>" if items else "<p>Niets speciaals: neem je leervragen mee.</p>"


def meetings_table_html(content, meetings, today: date) -> str:
    """The group's plan as a table (number, date, title, modules, work form, time); the next
    meeting is marked."""
    if not meetings:
        return "<p><em>De trainer heeft nog geen bijeenkomsten gepland.</em></p>"
    coming = next_meeting(meetings, today)
    rows = []
    for m in meetings:
        modules = ", ".join(content.module(i).title for i in m.modules if i in content.modules)
        theme = f"<br><em>Thema uit de groep: {esc(m.theme)}</em>" if m.theme else ""
        mark = ' class="wb-next-meeting"' if coming is not None and m.id == coming.id else ""
        cells = zip(MEETING_COLUMNS, (str(m.number), day(m.held_on), f"{esc(m.title)}{theme}",
                                      esc(modules), esc(m.work_form), minutes_text(m.minutes)),
                    strict=True)
        rows.append(f"<tr{mark}>" + "".join(f'<td data-label="{label}">{cell}</td>'
                                            for label, cell in cells) + "</tr>")
    heading = "".join(f"<th>{label}</th>" for label in MEETING_COLUMNS)
    return (f'{scroll_box("Het cursusplan")}<table class="wb-meetings"><thead><tr>{heading}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></div>")
