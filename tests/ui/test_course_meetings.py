"""A course run from the Trainer page without a browser, on a real SQLite casebook: the trainer
plans the meetings from the suggested COMBINE order and changes them, marks attendance and opens
a meeting's exercises; participants see the plan, the next meeting and what to prepare, write
their learning questions, say where they stand and look back (all saved as they type, no button),
and propose a theme that the trainer takes into the plan; the group's figures appear only for
three people or more; the accreditation file holds the figures and nothing anyone wrote."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from tests.session.conftest import text_of
from tests.ui.test_runner import answer_for
from werkboek.casebook.errors import InvalidInput
from werkboek.content import load_content
from werkboek.course import cohort
from werkboek.course.figures import cohort_figures
from werkboek.report.cohort import cohort_file
from werkboek.ui.autosave import AUTOSAVE_DELAY
from werkboek.ui.course.views import ParticipantView, TrainerView
from werkboek.vocab import LOOKBACK_KIND, STAND_KIND

CONTENT = load_content()
TODAY = date(2027, 1, 10)
PRIVATE = "Mijn eigen twijfel over de nachtdienst (fictief)"


@pytest.fixture()
def course(casebook, sign_in):
    """A new group with its trainer and four participants, all signed in."""
    group = casebook.create_team("COMBINE proef (fictief)", kind="cohort")
    trainer = sign_in(casebook, group.id, "Trainer-7", "trainer")
    people = [sign_in(casebook, group.id, f"GW-{n}", "deelnemer") for n in (21, 22, 23, 24)]
    return casebook, group.id, trainer, people


def trainer_view(cb, cohort_id, trainer) -> TrainerView:
    return TrainerView(cb, CONTENT, trainer.viewer(cohort_id), cohort_id, today=lambda: TODAY)


def participant_view(cb, cohort_id, who, clock=None) -> ParticipantView:
    return ParticipantView(cb, CONTENT, who.viewer(cohort_id), cohort_id, scheduler=clock,
                           today=lambda: TODAY)


def planned(cb, cohort_id, trainer) -> TrainerView:
    view = trainer_view(cb, cohort_id, trainer)
    view.plan.start.input.value = "04-02-2027"
    assert view.plan.take_suggestion()
    return view


def test_the_trainer_starts_from_the_suggested_order_and_changes_it(course):
    cb, cohort_id, trainer, _people = course
    view = trainer_view(cb, cohort_id, trainer)
    assert "nog geen bijeenkomsten gepland" in view.plan.table.value
    view.plan.start.input.value = "04-02-2027"
    assert view.plan.take_suggestion()
    table = view.plan.table.value
    assert table.count("<tr") == 1 + len(CONTENT.course.blocks)
    assert "04-02-2027" in table and "04-03-2027" in table  # four weeks apart, dd-mm-jjjj
    assert "Het kompas: leidende en lerende principes" in table

    last = view.plan.meetings[-1]
    view.plan.chooser.value = last.id
    view.plan.title.value = "Terugkijken en afsluiten"
    view.plan.day.input.value = "30-09-2027"
    view.plan.work_form.value = "Kring en tweetallen"
    view.plan.modules.value = ("aanbevelingen",)
    assert view.plan.save()
    view.plan.move(-7)  # to the front
    first = cb.meetings(trainer.viewer(cohort_id), cohort_id)[0]
    assert (first.title, first.held_on, first.modules, first.work_form) == (
        "Terugkijken en afsluiten", date(2027, 9, 30), ("aanbevelingen",), "Kring en tweetallen")
    assert view.plan.table.value.index("Terugkijken") < view.plan.table.value.index("kompas")


def test_the_trainer_puts_a_meetings_modules_in_order(course):
    cb, cohort_id, trainer, _people = course
    view = planned(cb, cohort_id, trainer)
    plan = view.plan
    meeting = plan.meetings[0]
    plan.chooser.value = meeting.id
    plan.modules.value = ("competenties", "principes", "aanbevelingen")
    plan.title.value = "Beginnen, met drie modules"
    assert plan.save()
    stored = cb.meetings(trainer.viewer(cohort_id), cohort_id)[0].modules
    steps = [row for row in plan.module_order.children if "wb-module-step" in row._dom_classes]
    assert len(steps) == len(stored) == 3
    first_up, first_down = steps[0].children[1].children
    assert first_up.disabled and not first_down.disabled  # the first cannot go up
    plan.title.value = "Nog niet bewaard"  # moving a module keeps what is being typed
    first_down.click()  # the first one later
    moved = cb.meetings(trainer.viewer(cohort_id), cohort_id)[0].modules
    assert moved == (stored[1], stored[0], stored[2])
    assert plan.title.value == "Nog niet bewaard"
    assert "1. " + CONTENT.module(stored[1]).title in text_of(plan.module_order)
    assert plan.save()  # saving the meeting keeps that order
    assert cb.meetings(trainer.viewer(cohort_id), cohort_id)[0].modules == moved
    plan.modules.value = ("veerkracht", moved[0], moved[2])  # one out, one added: it goes last
    assert plan.save()
    after = cb.meetings(trainer.viewer(cohort_id), cohort_id)[0].modules
    assert after == (moved[0], moved[2], "veerkracht")


def test_a_participant_sees_the_plan_the_next_meeting_and_what_to_prepare(course):
    cb, cohort_id, trainer, people = course
    planned(cb, cohort_id, trainer)
    page = participant_view(cb, cohort_id, people[0])
    shown = text_of(page.widget)
    assert "Volgende bijeenkomst: 1 · 04-02-2027" in shown
    assert "Voorbereiden" in shown and "Zelfscan competenties" in shown
    assert 'class="wb-next-meeting"' in page.plan.value
    assert "Voor de trainer" not in shown and not hasattr(page, "plan_editor")


def test_attendance_is_marked_and_an_opened_meeting_gives_its_exercises(course):
    cb, cohort_id, trainer, people = course
    view = planned(cb, cohort_id, trainer)
    first = view.plan.meetings[0]
    boxes = {b.description: b for b in view.plan.attendance.children}
    assert set(boxes) == {"GW-21", "GW-22", "GW-23", "GW-24"}  # the trainer is not a participant
    boxes["GW-21"].value = True
    boxes["GW-23"].value = True
    marks = cb.attendance(trainer.viewer(cohort_id), cohort_id)
    assert {who for (mid, who), here in marks.items() if mid == first.id and here} == {
        people[0].member.id, people[2].member.id}
    assert not any("wb-do-competenties-zelfscan" in b._dom_classes
                   for b in participant_buttons(cb, cohort_id, people[1]))
    rounds = view.plan.rounds.value  # a team round with the group, started from the plan
    assert 'href="Casusbespreking.ipynb?oefening=competenties-zelfscan"' in rounds
    assert 'href="Casusbespreking.ipynb?oefening=casusbespreking"' in rounds
    view.plan.toggle_open()
    assert any("wb-do-competenties-zelfscan" in b._dom_classes
               for b in participant_buttons(cb, cohort_id, people[1]))
    page = participant_view(cb, cohort_id, people[1])
    assert "Nog niets gedeeld" in page.shared.value
    page.start("competenties-zelfscan")  # an opened meeting's exercise, done on the page
    runner = page.runner
    while not runner.finished:
        runner.current.capture.value = answer_for(runner.current.capture)
        runner.next()
    page.show_list()
    assert "Zelfscan competenties</a>: " in page.shared.value
    figures = cohort_figures(cb, CONTENT, trainer.viewer(cohort_id), cohort_id)
    assert figures.meetings[0].present == 2
    assert {p.pseudonym: p.answers for p in figures.participants}["GW-22"] >= 1
    assert {p.pseudonym: p.hours for p in figures.participants}["GW-21"] == 2.5  # 150 minutes


def participant_buttons(cb, cohort_id, who):
    page = participant_view(cb, cohort_id, who)
    return [row.children[1] for row in page.assignments.children[1:] if hasattr(row, "children")]


def test_a_stand_saves_as_typed_and_reaches_the_trainer_without_a_button(course, clock):
    cb, cohort_id, trainer, people = course
    planned(cb, cohort_id, trainer)
    page = participant_view(cb, cohort_id, people[0], clock)
    stands = page.stands
    stands.scale.value = 3
    stands.line.value = "Ik weet nog niet hoe ik begin (fictief)"
    assert cohort.own_entry(cb, people[0].viewer(cohort_id), cohort_id, STAND_KIND,
                            cohort.meeting_step(stands.chooser.value)) is None  # still typing
    clock.advance(AUTOSAVE_DELAY + 0.1)  # a pause in typing; no button pressed
    mine = cohort.own_entry(cb, people[0].viewer(cohort_id), cohort_id, STAND_KIND,
                            cohort.meeting_step(stands.chooser.value))
    assert mine.status == "final" and mine.value == {"schaal": 3}
    seen = cohort.course_entries(cb, trainer.viewer(cohort_id), cohort_id, STAND_KIND)
    assert [e.value for e in seen] == [{"schaal": 3}]
    assert "3 van 10" in stands.mine.value and "Opgeslagen" in stands.status.text
    stands.scale.value = 4  # a change after that reaches the trainer too
    clock.advance(AUTOSAVE_DELAY + 0.1)
    seen = cohort.course_entries(cb, trainer.viewer(cohort_id), cohort_id, STAND_KIND)
    assert [e.value for e in seen] == [{"schaal": 4}]
    again = participant_view(cb, cohort_id, people[0], clock)  # a new visit carries on
    assert again.stands.scale.value == 4 and "hoe ik begin" in again.stands.line.value


def test_learning_questions_save_as_typed_and_reach_the_trainer(course, clock):
    cb, cohort_id, trainer, people = course
    page = participant_view(cb, cohort_id, people[0], clock)
    fields = page.questions.fields
    assert len(fields.areas) == cohort.MAX_QUESTIONS
    fields.areas[0].value = "Hoe blijf ik rustig als een bewoner boos wordt? (fictief)"
    fields.areas[1].value = "Hoe zeg ik nee zonder ruzie? (fictief)"
    assert cohort.questions(cb, trainer.viewer(cohort_id), cohort_id) == []  # still typing
    clock.advance(AUTOSAVE_DELAY + 0.1)  # no button pressed
    seen = cohort.questions(cb, trainer.viewer(cohort_id), cohort_id)
    assert sorted(q.text for q in seen) == ["Hoe blijf ik rustig als een bewoner boos wordt? "
                                            "(fictief)", "Hoe zeg ik nee zonder ruzie? (fictief)"]
    assert "nee zonder ruzie" in page.questions.list.value  # the group's list shows it at once
    shown = trainer_view(cb, cohort_id, trainer).questions.list.value
    assert "rustig" in shown and "GW-21" not in shown
    fields.areas[0].value = "Hoe blijf ik rustig als iemand schreeuwt? (fictief)"  # changed
    fields.areas[1].value = ""  # and emptied again
    clock.advance(AUTOSAVE_DELAY + 0.1)
    seen = cohort.questions(cb, trainer.viewer(cohort_id), cohort_id)
    assert [q.text for q in seen] == ["Hoe blijf ik rustig als iemand schreeuwt? (fictief)"]
    # Identifying text is not stored, as everywhere: the field says why
    fields.areas[2].value = "Mag ik haar nummer 06-12345678 doorgeven aan de school?"
    clock.advance(AUTOSAVE_DELAY + 0.1)
    assert len(cohort.questions(cb, trainer.viewer(cohort_id), cohort_id)) == 1
    assert "Niet opgeslagen" in fields.statuses[2].text
    assert fields.notices[2].widget.layout.display != "none"
    again = participant_view(cb, cohort_id, people[0], clock)  # a new visit carries on
    assert [a.value for a in again.questions.fields.areas] == [
        "Hoe blijf ik rustig als iemand schreeuwt? (fictief)", "", ""]


def stand(cb, cohort_id, who, meeting_id, value, clock):
    page = participant_view(cb, cohort_id, who, clock)
    page.stands.chooser.value = meeting_id
    page.stands.scale.value = value
    assert page.stands.save()


def test_the_group_picture_needs_three_people(course, clock):
    cb, cohort_id, trainer, people = course
    view = planned(cb, cohort_id, trainer)
    first, second = view.plan.meetings[:2]
    for who, before, after in zip(people[:2], (2, 4), (6, 7), strict=True):
        stand(cb, cohort_id, who, first.id, before, clock)
        stand(cb, cohort_id, who, second.id, after, clock)
    view.group.refresh()
    assert "minstens 3 deelnemers" in text_of(view.group.movement)
    assert charts(view) == []
    figures = cohort_figures(cb, CONTENT, trainer.viewer(cohort_id), cohort_id)
    assert figures.meetings[0].stands is None and figures.movement is None

    stand(cb, cohort_id, people[2], first.id, 5, clock)
    stand(cb, cohort_id, people[2], second.id, 5, clock)
    view.group.refresh()
    figures = cohort_figures(cb, CONTENT, trainer.viewer(cohort_id), cohort_id)
    assert figures.meetings[0].stands == (2, 4, 5) and figures.movement == 2.3  # (4 + 3 + 0) / 3
    assert "+2,3" in text_of(view.group.movement)
    [chart] = charts(view)
    view.plan.attendance.children[0].value = True  # a mark changes the tables, not the chart
    assert charts(view)[0] is chart and "<td>1</td><td>2,5</td>" in view.group.progress.value
    assert [list(trace.x) for trace in chart.data] == [[2, 4, 5], [5, 6, 7]]
    assert not any(p in text_of(view.group.movement) for p in ("GW-21", "GW-22", "GW-23"))


def charts(view) -> list:
    """The figures the trainer's group panel shows (each in its responsive box)."""
    return [box.children[0] for box in view.group.movement.children
            if "wb-plot" in getattr(box, "_dom_classes", ())]


def place(cb, cohort_id, who, position: float, principle: str) -> None:
    """A shared answer of the course placing ``who`` on the first tension field."""
    cb.save_entry(who.viewer(cohort_id), kind="poles", exercise="spanningsveld-verkennen",
                  tension="privacy-bemoeienis", position=position, principles=[principle],
                  visibility="course", final=True)


def test_tension_fields_at_start_and_end_and_principles_need_three_people(course):
    cb, cohort_id, trainer, people = course
    view = planned(cb, cohort_id, trainer)
    for who, start, end in zip(people[:2], (0.1, 0.3), (0.5, 0.6), strict=True):
        place(cb, cohort_id, who, start, "veiligheid-centraal")
        place(cb, cohort_id, who, end, "veiligheid-centraal")
    view.group.refresh()
    assert charts(view) == []
    assert text_of(view.group.movement).count("minstens 3 deelnemers") == 5  # all five figures
    place(cb, cohort_id, people[2], 0.9, "veiligheid-centraal")
    view.group.refresh()
    start, end, principles = charts(view)
    assert sorted(start.data[0].x) == [0.1, 0.3, 0.9] and sorted(end.data[0].x) == [0.5, 0.6, 0.9]
    assert list(principles.data[0].x) == [5]  # five answers cite it, from three people
    assert not any(p.pseudonym in text_of(view.group.movement) for p in (m.member for m in people))
    html = cohort_file(cb, CONTENT, trainer.viewer(cohort_id), cohort_id, "html").decode()
    assert "<td>Privacy" in html and "<td>0,30</td><td>0,60</td><td>3</td>" in html


def scan(cb, cohort_id, who, score: int) -> None:
    cb.save_entry(who.viewer(cohort_id), kind="antwoord", exercise="competenties-zelfscan",
                  step="scan", value={"openstellen": score}, visibility="course", final=True)


def test_the_self_scan_before_and_after_needs_three_people(course):
    cb, cohort_id, trainer, people = course
    view = planned(cb, cohort_id, trainer)
    for who, before in zip(people[:3], (3, 4, 5), strict=True):
        scan(cb, cohort_id, who, before)
    view.group.refresh()
    [chart] = charts(view)  # before only: nobody scanned twice yet
    assert [list(t.x) for t in chart.data] == [[3, 4, 5]]
    for who, after in zip(people[:2], (6, 7), strict=True):
        scan(cb, cohort_id, who, after)
    view.group.refresh()
    [chart] = charts(view)
    assert len(chart.data) == 1  # two people after: not shown
    scan(cb, cohort_id, people[2], 8)
    view.group.refresh()
    [chart] = charts(view)
    assert [list(t.x) for t in chart.data] == [[3, 4, 5], [6, 7, 8]]
    assert [t.name for t in chart.data][1].endswith(" · na")
    # On a phone too: each competence's whole name stands above its own row, wrapped where
    # long, instead of under a squeezed column where it would be cut off.
    assert {t.orientation for t in chart.data} == {"h"}
    assert chart.layout.yaxis.showticklabels is False
    assert [a.text.replace("<br>", " ") for a in chart.layout.annotations] == \
        [t.name for t in chart.data]
    html = cohort_file(cb, CONTENT, trainer.viewer(cohort_id), cohort_id, "html").decode()
    assert "· na</td><td>middelste 7, van 6 tot 8 (3 personen)" in html


def test_the_dialogue_levels_show_from_three_people(course):
    cb, cohort_id, trainer, people = course
    view = planned(cb, cohort_id, trainer)
    for who in people[:2]:
        cb.save_entry(who.viewer(cohort_id), kind="antwoord", exercise="dialoog-vier-niveaus",
                      level="innerlijke-dialoog", text="Ik merk dat ik haast heb (fictief)",
                      visibility="course", final=True)
    view.group.refresh()
    assert charts(view) == []
    cb.save_entry(people[2].viewer(cohort_id), kind="antwoord", exercise="dialoog-vier-niveaus",
                  level="dialoog-met-collegas", text="Ik vroeg een collega mee (fictief)",
                  visibility="course", final=True)
    view.group.refresh()
    [chart] = charts(view)
    assert {t.name: list(t.y) for t in chart.data if sum(t.y)} == {  # all before the middle
        "Innerlijke dialoog": [2, 0], "Dialoog met collega's": [1, 0]}


def test_looking_back_saves_as_typed(course, clock):
    cb, cohort_id, trainer, people = course
    page = participant_view(cb, cohort_id, people[1], clock)
    page.lookback.areas["geleerd"].value = "Eerst vragen, dan pas uitleggen (fictief)"
    clock.advance(AUTOSAVE_DELAY + 0.1)
    page.lookback.areas["open"].value = "Grenzen stellen zonder ruzie (fictief)"
    clock.advance(AUTOSAVE_DELAY + 0.1)  # no button pressed
    found = cohort.own_entry(cb, people[1].viewer(cohort_id), cohort_id, LOOKBACK_KIND)
    assert found.status == "final" and found.value == {
        "geleerd": "Eerst vragen, dan pas uitleggen (fictief)",
        "open": "Grenzen stellen zonder ruzie (fictief)"}
    seen = cohort.course_entries(cb, trainer.viewer(cohort_id), cohort_id, LOOKBACK_KIND)
    assert [e.id for e in seen] == [found.id]  # the trainer has it
    again = participant_view(cb, cohort_id, people[1], clock)
    assert again.lookback.areas["open"].value == "Grenzen stellen zonder ruzie (fictief)"


def test_at_most_three_learning_questions(course, clock):
    cb, cohort_id, _trainer, people = course
    page = participant_view(cb, cohort_id, people[0], clock)
    for n, area in enumerate(page.questions.fields.areas):
        area.value = f"Leervraag nummer {n + 1} over de avonddienst"
    clock.advance(AUTOSAVE_DELAY + 0.1)
    assert len(cohort.questions(cb, people[0].viewer(cohort_id), cohort_id)) == 3
    with pytest.raises(InvalidInput):  # three fields, and no fourth through the helper either
        cohort.add_question(cb, people[0].viewer(cohort_id), cohort_id, "Een vierde")


def test_an_assignment_with_a_due_date(course):
    cb, cohort_id, trainer, people = course
    view = trainer_view(cb, cohort_id, trainer)
    view.choice.value = "zelfredzaamheid-doen"
    view.due.input.value = "31-01-2027"
    view.assign(view.choice.value, view.due.value)
    assert "<td>31-01-2027</td>" in view.progress.value
    row = participant_view(cb, cohort_id, people[0]).assignments.children[1].children[0].value
    assert "klaar vóór 31-01-2027" in row
    view.assign("zelfredzaamheid-doen", date(2027, 2, 14))  # given again: the date moves
    assert "<td>14-02-2027</td>" in view.progress.value
    assert cohort.assignments(cb, trainer.viewer(cohort_id), cohort_id) == ["zelfredzaamheid-doen"]


def test_a_learning_question_shows_its_writers_name_only_when_they_share_it(course, clock):
    cb, cohort_id, trainer, people = course
    for who, named in ((people[0], True), (people[1], False)):
        page = participant_view(cb, cohort_id, who, clock)
        page.questions.fields.named.value = named
        page.questions.fields.areas[0].value = (
            f"Hoe houd ik overzicht in de avonddienst? ({'met' if named else 'zonder'} naam)")
        clock.advance(AUTOSAVE_DELAY + 0.1)
    shown = trainer_view(cb, cohort_id, trainer).questions.list.value
    assert "(met naam)<p class=\"wb-by\">— GW-21</p>" in shown
    assert "(zonder naam)" in shown and "GW-22" not in shown


def test_a_proposal_from_the_group_goes_into_the_plan(course):
    cb, cohort_id, trainer, people = course
    view = planned(cb, cohort_id, trainer)
    page = participant_view(cb, cohort_id, people[3])
    page.proposals.box.value = "Een bewoner die 's nachts niet slaapt (fictief)"
    assert page.proposals.add()
    view.group.refresh()
    where = next(c for c in view.group.proposals.children if "wb-proposal-meeting" in c._dom_classes)
    where.value = view.plan.meetings[2].id
    take = next(c for c in view.group.proposals.children if "wb-proposal-take" in c._dom_classes)
    take.click()
    assert "Staat in het plan" in text_of(view.group.proposals)
    assert cb.meetings(trainer.viewer(cohort_id), cohort_id)[2].theme.startswith("Een bewoner")
    seen = participant_view(cb, cohort_id, people[0]).plan.value
    assert "Thema uit de groep: Een bewoner die" in seen


def test_the_accreditation_file_holds_the_figures_and_no_written_text(course, clock):
    cb, cohort_id, trainer, people = course
    view = planned(cb, cohort_id, trainer)
    first = view.plan.meetings[0]
    for box in view.plan.attendance.children[:3]:
        box.value = True
    for who, value in zip(people[:3], (4, 5, 6), strict=True):
        stand(cb, cohort_id, who, first.id, value, clock)
    writer = participant_view(cb, cohort_id, people[0], clock)
    writer.questions.fields.areas[0].value = PRIVATE
    clock.advance(AUTOSAVE_DELAY + 0.1)
    assert cohort.questions(cb, trainer.viewer(cohort_id), cohort_id)  # it was stored
    cb.save_entry(people[1].viewer(cohort_id), kind="antwoord", exercise="competenties-zelfscan",
                  text="Alleen voor mezelf (fictief)", visibility="private", final=True)

    html = cohort_file(cb, CONTENT, trainer.viewer(cohort_id), cohort_id, "html").decode()
    assert "Accreditatiedossier COMBINE proef (fictief)" in html
    assert "04-02-2027" in html and "3 van 4" in html  # date and attendance of meeting 1
    assert "middelste 5, van 4 tot 6 (3 personen)" in html
    assert "GW-21" in html and "2,5" in html  # hours per participant for the accreditation
    assert PRIVATE not in html and "Alleen voor mezelf" not in html
    rows = list(csv.reader(io.StringIO(cohort_file(
        cb, CONTENT, trainer.viewer(cohort_id), cohort_id, "csv").decode("utf-8-sig")),
        delimiter=";"))
    assert rows[0][:3] == ["Onderdeel", "Nr", "Naam"]
    meeting = next(r for r in rows if r[0] == "Bijeenkomst" and r[1] == "1")
    assert meeting[3:6] == ["04-02-2027", "3", "2,5"]
    assert PRIVATE not in "".join(map(str, rows))
