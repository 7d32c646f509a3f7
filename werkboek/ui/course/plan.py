"""The trainer's layer on the Trainer page: the suggested order of the modules for a COMBINE
cohort (``modules/_cursusplan.yaml``), meeting by meeting with its exercises (each to open alone
or to start as a session with the group), and per module its trainer's note (goal, work form,
time, questions for the whole group, pitfalls) and its exercises.

Only the trainer's view shows this; modules the plan does not name follow at the end.
"""

from __future__ import annotations

from werkboek.ui.content_view import exercise_href, team_session_href
from werkboek.ui.glossary import terms_html
from werkboek.ui.markup import counted, esc, markdown_html


def minutes_text(minutes: int) -> str:
    """"45 minuten", "2 uur", "2,5 uur": a duration as a trainer plans it."""
    if minutes < 90:
        return counted(minutes, "minuut", "minuten")
    return f"{minutes / 60:g}".replace(".", ",") + " uur"


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
