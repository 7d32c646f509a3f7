"""The Trainer page (course mode) without a browser, on a real SQLite casebook holding the
fictional demo: a trainer assigns exercises and sees counts without names; participants see
their assignments as links and add learning questions."""

from __future__ import annotations

import pytest

from werkboek.casebook.demo import load_demo
from werkboek.casebook.errors import NotAllowed
from werkboek.content import load_content
from werkboek.ui.course import cohort
from werkboek.ui.course.views import ParticipantView, TrainerView
from werkboek.ui.pages.trainer import TrainerPage

CONTENT = load_content()
COHORT = "COMBINE-groep 1 (fictief)"
COHORT_MEMBERS = ("Trainer-1", "GW-5", "CM-3", "Nacht-3", "GD-3", "TL-2")


@pytest.fixture()
def demo(casebook):
    load_demo(casebook, content=CONTENT)
    return casebook


def cohort_id(cb) -> int:
    return next(t.id for t in cb.teams(kind="cohort") if t.name == COHORT)


def open_as(cb, pseudonym: str, clock=None) -> TrainerPage:
    page = TrainerPage(cb, CONTENT, scheduler=clock)
    page.entrance.cohort.value = cohort_id(cb)
    page.entrance.pseudonym.value = pseudonym
    assert page.entrance.enter() is not None, page.entrance.message.value
    return page


def viewer_of(cb, pseudonym: str):
    member = next(m for m in cb.members(cohort_id(cb)) if m.pseudonym == pseudonym)
    return cb.viewer_for(member.id)


def test_only_course_groups_can_be_chosen_and_nothing_shows_before_identifying(demo):
    page = TrainerPage(demo, CONTENT)
    assert [label for label, _id in page.entrance.cohort.options] == [COHORT]
    assert page.body.children == ()
    page.entrance.pseudonym.value = "GW-99"
    assert page.entrance.enter() is None
    assert "kennen we nog niet in deze groep" in page.entrance.message.value
    assert page.entrance.newcomer.layout.display is None
    assert page.body.children == ()


def test_a_new_participant_joins_the_cohort_only_after_confirming(demo):
    page = TrainerPage(demo, CONTENT)
    page.entrance.pseudonym.value = "GW-9"
    page.entrance.enter()
    assert "GW-9" not in [m.pseudonym for m in demo.members(cohort_id(demo))]
    page.entrance.role.value = "casemanager"
    member = page.entrance.enter(new=True)
    assert (member.pseudonym, member.role, member.team_id) == ("GW-9", "casemanager", cohort_id(demo))
    assert isinstance(page.view, ParticipantView)


def test_the_trainer_sees_members_and_every_module(demo):
    page = open_as(demo, "Trainer-1")
    assert isinstance(page.view, TrainerView)
    members = page.view.members.value
    assert all(pseudonym in members for pseudonym in COHORT_MEMBERS)
    assert "GW-1" not in members  # a member of a team, not of the cohort
    text = page.widget.children[1].children[1].children[-1].value
    for module in CONTENT.modules.values():
        assert module.title in text
    assert 'href="Oefeningen.ipynb?oefening=krachtwerk-actieplan"' in text
    assert "Trainer-1" in page.body.children[0].children[0].value


def test_the_demo_cohort_shows_assignments_answered_and_learning_questions(demo):
    page = open_as(demo, "Trainer-1")
    progress = page.view.progress.value
    assert "Nog geen opdrachten" not in progress
    rows = progress.split("<tr>")[2:]  # after the heading row: one row per assignment
    assert len(rows) == 3
    assert "Leren van een leidend principe" in rows[0] and "5 van 5" in rows[0]
    assert "Zelfscan competenties" in rows[1] and "3 van 5" in rows[1]
    questions = page.view.questions.list.value
    assert "Nog geen leervragen" not in questions and "paniek" in questions
    assert not any(pseudonym in progress + questions for pseudonym in COHORT_MEMBERS)


def test_assigning_stores_one_course_entry_and_shows_how_many_answered(demo):
    page = open_as(demo, "Trainer-1")
    before = len(demo.entries(viewer_of(demo, "Trainer-1"), kind=cohort.ASSIGNMENT_KIND))
    page.view.choice.value = "spanningsveld-verkennen"
    page.view.assign("spanningsveld-verkennen")
    page.view.assign("spanningsveld-verkennen")  # twice: still one assignment
    stored = [e for e in demo.entries(viewer_of(demo, "Trainer-1"), kind=cohort.ASSIGNMENT_KIND)
              if e.exercise == "spanningsveld-verkennen"]
    assert len(stored) == 1
    assert len(demo.entries(viewer_of(demo, "Trainer-1"), kind=cohort.ASSIGNMENT_KIND)) == before + 1
    entry = stored[0]
    assert (entry.exercise, entry.module, entry.visibility, entry.team_id, entry.status) == (
        "spanningsveld-verkennen", "spanningsvelden", "course", cohort_id(demo), "final")
    progress = page.view.progress.value
    assert 'href="Oefeningen.ipynb?oefening=spanningsveld-verkennen"' in progress
    # The fictional demo has five cohort members who placed themselves on the tension fields.
    assert "5 van 5" in progress
    assert not any(pseudonym in progress for pseudonym in COHORT_MEMBERS)


def test_the_count_follows_new_answers_and_leaves_private_ones_out(demo):
    page = open_as(demo, "Trainer-1")
    page.view.assign("krachtwerk-actieplan")
    assert "0 van 5" in page.view.progress.value
    for pseudonym, visibility in (("GW-5", "course"), ("CM-3", "course"), ("GD-3", "private")):
        demo.save_entry(viewer_of(demo, pseudonym), kind="text", module="krachtwerk",
                        exercise="krachtwerk-actieplan", step="doel", visibility=visibility,
                        text="Fictief: samen een eerste kleine stap bedacht.", final=True)
    demo.save_entry(viewer_of(demo, "Nacht-3"), kind="text", exercise="krachtwerk-actieplan",
                    step="doel", visibility="course", text="Fictief: nog een concept.")
    demo.save_entry(viewer_of(demo, "Trainer-1"), kind="text", exercise="krachtwerk-actieplan",
                    step="doel", visibility="course", text="Fictief: de trainer probeert het zelf.",
                    final=True)
    page.view.refresh()
    # drafts, private answers and the trainer's own try do not count; the trainer is not one of five
    assert "2 van 5" in page.view.progress.value


def test_a_participant_sees_assignments_as_links_and_cannot_assign(demo):
    trainer = open_as(demo, "Trainer-1")
    trainer.view.assign("principes-leren")
    page = open_as(demo, "GW-5")
    assert isinstance(page.view, ParticipantView)
    listed = "".join(getattr(c, "value", "") for row in page.view.assignments.children[1:]
                     for c in row.children)
    assert 'href="Oefeningen.ipynb?oefening=principes-leren"' in listed
    assert not hasattr(page.view, "choice")
    with pytest.raises(NotAllowed):
        cohort.assign(demo, viewer_of(demo, "GW-5"), CONTENT, "principes-leren")


def test_an_assignment_done_on_the_page_counts_for_the_trainer(demo, clock):
    from tests.ui.test_runner import answer_for

    trainer = open_as(demo, "Trainer-1")
    trainer.view.assign("krachtwerk-actieplan")
    page = open_as(demo, "Nacht-3", clock)
    page.view.start("krachtwerk-actieplan")
    runner = page.view.runner
    assert page.view.widget.children == (runner.widget,)
    while not runner.finished:
        runner.current.capture.value = answer_for(runner.current.capture)
        runner.next()
    answers = demo.entries(viewer_of(demo, "Nacht-3"), exercise="krachtwerk-actieplan")
    assert answers and all(e.visibility == "course" and e.team_id == cohort_id(demo)
                           for e in answers)
    trainer.view.refresh()
    assert "1 van 5" in trainer.view.progress.value
    runner.on_close()
    assert page.view.widget.children[0] is page.view.assignments


def test_a_learning_question_reaches_the_trainer(demo):
    page = open_as(demo, "CM-3")
    before = len(cohort.questions(demo, viewer_of(demo, "CM-3"), cohort_id(demo)))
    assert "Nog geen leervragen" not in page.view.questions.list.value  # the demo has some
    page.view.questions.box.value = "Hoe houd ik rust in een groep als twee bewoners ruzie hebben?"
    assert page.view.questions.add()
    assert page.view.questions.box.value == ""
    assert "ruzie" in page.view.questions.list.value
    assert len(cohort.questions(demo, viewer_of(demo, "CM-3"), cohort_id(demo))) == before + 1
    page.leave()
    assert page.body.children == () and page.entrance.pseudonym.value == ""
    trainer = open_as(demo, "Trainer-1")
    listed = trainer.view.questions.list.value
    assert "Hoe houd ik rust in een groep" in listed
    assert "CM-3" not in listed
    assert not hasattr(trainer.view.questions, "box")  # the trainer reads, participants write


def test_an_empty_or_identifying_learning_question_is_not_stored(demo):
    page = open_as(demo, "GW-5")
    panel = page.view.questions
    before = cohort.questions(demo, viewer_of(demo, "GW-5"), cohort_id(demo))
    assert not panel.add()
    assert "Schrijf eerst" in panel.status.widget.value
    panel.box.value = "Mag ik haar nummer 06-12345678 doorgeven aan de school?"
    assert not panel.add()
    assert "Niet opgeslagen" in panel.status.widget.value
    assert panel.notice.widget.layout.display != "none"
    assert cohort.questions(demo, viewer_of(demo, "GW-5"), cohort_id(demo)) == before


def test_a_trainer_makes_a_new_course_group_and_becomes_its_trainer(casebook):
    page = TrainerPage(casebook, CONTENT)
    entrance = page.entrance
    assert entrance.chooser.layout.display == "none"  # no group yet: only the maker shows
    assert "Maak hieronder" in entrance.intro.value
    entrance.new_name.value = "COMBINE najaar (fictief)"
    made = entrance.create()
    assert made.kind == "cohort" and entrance.cohort.value == made.id
    assert entrance.chooser.layout.display is None and "is klaar" in entrance.message.value
    entrance.pseudonym.value = "TR-7"
    entrance.role.value = "trainer"
    assert entrance.enter(new=True) is not None
    assert isinstance(page.view, TrainerView)


def test_a_course_group_name_with_a_phone_number_or_nothing_in_it_is_refused(casebook):
    entrance = TrainerPage(casebook, CONTENT).entrance
    entrance.new_name.value = "Groep 06 12345678"
    assert entrance.create() is None and "gegevens van mensen" in entrance.message.value
    entrance.new_name.value = "   "
    assert entrance.create() is None and "mag niet leeg zijn" in entrance.message.value
    assert casebook.teams(kind="cohort") == []


def test_a_group_without_participants_says_so_instead_of_0_of_0(casebook):
    page = TrainerPage(casebook, CONTENT)
    entrance = page.entrance
    entrance.new_name.value = "Lege groep (fictief)"
    entrance.create()
    entrance.pseudonym.value = "TR-8"
    entrance.role.value = "trainer"
    entrance.enter(new=True)
    exercise = next(iter(CONTENT.exercises))
    page.view.assign(exercise)
    assert "0 van 0" not in page.view.progress.value
    assert "nog geen deelnemers" in page.view.progress.value
