"""The Trainer page (course mode) without a browser, on a real SQLite casebook holding the
fictional demo: a trainer assigns exercises and sees counts without names; participants see
their assignments as links and add learning questions."""

from __future__ import annotations

import pytest

from tests.session.conftest import text_of
from tests.signin import server_view
from werkboek.casebook.demo import load_demo
from werkboek.casebook.errors import NotAllowed
from werkboek.content import load_content
from werkboek.course import cohort
from werkboek.ui.autosave import AUTOSAVE_DELAY
from werkboek.ui.course.views import ParticipantView, TrainerView
from werkboek.ui.pages.trainer import TrainerPage
from werkboek.vocab import ASSIGNMENT_KIND

CONTENT = load_content()
COHORT = "COMBINE-groep 1 (fictief)"
COHORT_MEMBERS = ("Trainer-1", "GW-5", "CM-3", "Nacht-3", "GD-3", "TL-2")


@pytest.fixture()
def demo(casebook):
    load_demo(casebook, content=CONTENT)
    return casebook


def cohort_id(cb) -> int:
    return next(t.id for t in cb.teams(kind="cohort") if t.name == COHORT)


@pytest.fixture()
def open_as(sign_in):
    """``open_as(cb, pseudonym)``: the Trainer page of that cohort member, signed in, with the
    cohort entered."""
    def opened(cb, pseudonym: str, clock=None) -> TrainerPage:
        who = sign_in(cb, cohort_id(cb), pseudonym)
        page = TrainerPage(cb, CONTENT, who.principal, scheduler=clock)
        page.entrance.cohort.value = cohort_id(cb)
        viewer = page.entrance.enter()
        assert viewer is not None and viewer.member_id == who.member.id
        return page
    return opened


def viewer_of(cb, pseudonym: str):
    member = next(m for m in cb.members(server_view(cb), cohort_id(cb)) if m.pseudonym == pseudonym)
    return cb.viewer_for(member.id)


def test_a_visitor_not_signed_in_sees_a_sign_in_note_and_nothing_of_the_course(demo, sign_in):
    page = TrainerPage(demo, CONTENT, sign_in.anonymous())
    [note] = page.entrance.widget.children
    assert "wb-sign-in-note" in note._dom_classes and "De cursus is alleen voor leden" in note.value
    assert page.body.children == () and not hasattr(page.entrance, "cohort")


def test_only_the_visitors_own_course_groups_can_be_chosen(demo, sign_in):
    outsider = sign_in(demo, next(t.id for t in demo.teams("team")), "GW-1")  # a team, no cohort
    page = TrainerPage(demo, CONTENT, outsider.principal)
    assert page.entrance.cohort.options == ()
    assert page.entrance.chooser not in page.entrance.widget.children  # nothing to choose
    assert "Je zit nog niet in een cursusgroep" in page.entrance.intro.value
    assert not hasattr(page.entrance, "new_name")  # only a trainer or beheerder makes a group
    member = sign_in(demo, cohort_id(demo), "GD-3")
    page = TrainerPage(demo, CONTENT, member.principal)
    assert [label for label, _id in page.entrance.cohort.options] == [COHORT]
    assert page.body.children == ()  # nothing shows before entering


def test_a_participant_is_one_by_the_role_granted_in_the_group(demo, sign_in):
    demo.add_member(cohort_id(demo), "GW-9", "casemanager")  # the beheerder grants it
    gw = sign_in(demo, cohort_id(demo), "GW-9")
    page = TrainerPage(demo, CONTENT, gw.principal)
    viewer = page.entrance.enter()
    assert viewer.member_id == gw.member.id and not viewer.trainer
    assert isinstance(page.view, ParticipantView)
    assert "Je bent <strong>Caseworker</strong> in " in page.body.children[0].value


def test_the_trainer_sees_members_and_every_module(demo, open_as):
    page = open_as(demo, "Trainer-1")
    assert isinstance(page.view, TrainerView)
    members = page.view.members.value
    assert all(pseudonym in members for pseudonym in COHORT_MEMBERS)
    assert "GW-1" not in members  # a member of a team, not of the cohort
    text = page.widget.children[1].children[1].children[-1].value
    for module in CONTENT.modules.values():
        assert module.title in text
    assert 'href="Oefeningen.ipynb?oefening=krachtwerk-actieplan"' in text
    assert f"Je bent <strong>Trainer</strong> in {COHORT}" in page.body.children[0].value


def test_the_trainer_reads_the_course_plan_with_notes_and_a_participant_does_not(demo, open_as):
    trainer = open_as(demo, "Trainer-1").widget.children[1].children[1].children[-1].value
    assert "Volgorde voor een cursusgroep in de COMBINE" in trainer
    assert trainer.count("Voor de trainer") == len(CONTENT.modules)  # every module's note
    participant = text_of(open_as(demo, "GW-5").widget)
    assert "Jouw opdrachten" in participant and "Voor de trainer" not in participant


def test_the_demo_cohort_shows_assignments_answered_and_learning_questions(demo, open_as):
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


def test_assigning_stores_one_course_entry_and_shows_how_many_answered(demo, open_as):
    page = open_as(demo, "Trainer-1")
    before = len(demo.entries(viewer_of(demo, "Trainer-1"), kind=ASSIGNMENT_KIND))
    page.view.choice.value = "spanningsveld-verkennen"
    page.view.assign("spanningsveld-verkennen")
    page.view.assign("spanningsveld-verkennen")  # twice: still one assignment
    stored = [e for e in demo.entries(viewer_of(demo, "Trainer-1"), kind=ASSIGNMENT_KIND)
              if e.exercise == "spanningsveld-verkennen"]
    assert len(stored) == 1
    assert len(demo.entries(viewer_of(demo, "Trainer-1"), kind=ASSIGNMENT_KIND)) == before + 1
    entry = stored[0]
    assert (entry.exercise, entry.module, entry.visibility, entry.team_id, entry.status) == (
        "spanningsveld-verkennen", "spanningsvelden", "course", cohort_id(demo), "final")
    progress = page.view.progress.value
    assert 'href="Oefeningen.ipynb?oefening=spanningsveld-verkennen"' in progress
    # The fictional demo has five cohort members who placed themselves on the tension fields.
    assert "5 van 5" in progress
    assert not any(pseudonym in progress for pseudonym in COHORT_MEMBERS)


def test_the_count_follows_new_answers_and_leaves_private_ones_out(demo, open_as):
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
    page.view.poller.tick()  # the open page reads again every few seconds: no reload
    # drafts, private answers and the trainer's own try do not count; the trainer is not one of five
    assert "2 van 5" in page.view.progress.value


def test_a_participant_sees_assignments_as_links_and_cannot_assign(demo, open_as):
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


def test_an_assignment_done_on_the_page_counts_for_the_trainer(demo, clock, open_as):
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
    assert page.view.assignments in page.view.widget.children  # back to the course


def test_a_learning_question_reaches_the_trainer(demo, open_as, clock):
    page = open_as(demo, "CM-3", clock)
    before = len(cohort.questions(demo, viewer_of(demo, "CM-3"), cohort_id(demo)))
    assert "Nog geen leervragen" not in page.view.questions.list.value  # the demo has some
    fields = page.view.questions.fields
    assert fields.areas[0].value.startswith("Hoe spreek ik een bewoner aan")  # their own, to go on
    fields.areas[1].value = "Hoe houd ik rust in een groep als twee bewoners ruzie hebben?"
    clock.advance(AUTOSAVE_DELAY + 0.1)  # a pause in typing saves it; there is no button
    assert "ruzie" in page.view.questions.list.value
    assert len(cohort.questions(demo, viewer_of(demo, "CM-3"), cohort_id(demo))) == before + 1
    trainer = open_as(demo, "Trainer-1")
    listed = trainer.view.questions.list.value
    assert "Hoe houd ik rust in een groep" in listed
    assert "CM-3" not in listed
    assert trainer.view.questions.fields is None  # the trainer reads, participants write
    # A question asked while the trainer's page is open shows up there on the next round
    assert trainer.view.refresh() is False  # nothing new: nothing redrawn
    fields.areas[2].value = "Wat doe ik als een bewoner niet wil praten?"
    clock.advance(AUTOSAVE_DELAY + 0.1)
    trainer.view.poller.tick()
    assert "Wat doe ik als een bewoner niet wil praten?" in trainer.view.questions.list.value


def test_an_empty_or_identifying_learning_question_is_not_stored(demo, open_as, clock):
    page = open_as(demo, "GW-5", clock)
    fields = page.view.questions.fields
    before = cohort.questions(demo, viewer_of(demo, "GW-5"), cohort_id(demo))
    fields.areas[1].value = "   "  # nothing written: nothing stored
    clock.advance(AUTOSAVE_DELAY + 0.1)
    assert cohort.questions(demo, viewer_of(demo, "GW-5"), cohort_id(demo)) == before
    fields.areas[1].value = "Mag ik haar nummer 06-12345678 doorgeven aan de school?"
    clock.advance(AUTOSAVE_DELAY + 0.1)
    assert "Niet opgeslagen" in fields.statuses[1].widget.value
    assert fields.notices[1].widget.layout.display != "none"
    assert cohort.questions(demo, viewer_of(demo, "GW-5"), cohort_id(demo)) == before


def test_a_trainer_makes_a_new_course_group_and_becomes_its_trainer(casebook, sign_in):
    school = casebook.create_team("Team Opleiding (fictief)")
    trainer = sign_in(casebook, school.id, "TR-7", "trainer")
    page = TrainerPage(casebook, CONTENT, trainer.principal)
    entrance = page.entrance
    assert entrance.chooser not in entrance.widget.children  # no group yet: only the maker shows
    entrance.new_name.value = "COMBINE najaar (fictief)"
    made = entrance.create()
    assert made.kind == "cohort" and entrance.cohort.value == made.id
    assert entrance.chooser in entrance.widget.children and "jij bent er trainer van" in \
        entrance.message.value
    assert [(m.pseudonym, m.role) for m in casebook.members(server_view(casebook), made.id)] == [("TR-7", "trainer")]
    assert entrance.enter() is not None
    assert isinstance(page.view, TrainerView)
    entrance.new_name.value = "COMBINE najaar (fictief)"  # the same name again
    assert entrance.create() is None
    assert "Er is al een cursusgroep met deze naam" in entrance.message.value
    assert len(casebook.teams(kind="cohort")) == 1


def test_a_course_group_name_with_a_phone_number_or_nothing_in_it_is_refused(casebook, sign_in):
    trainer = sign_in(casebook, casebook.create_team("Team Opleiding (fictief)").id, "TR-7",
                      "trainer")
    entrance = TrainerPage(casebook, CONTENT, trainer.principal).entrance
    entrance.new_name.value = "Groep 06 12345678"
    assert entrance.create() is None and "gegevens van mensen" in entrance.message.value
    entrance.new_name.value = "   "
    assert entrance.create() is None and "mag niet leeg zijn" in entrance.message.value
    assert casebook.teams(kind="cohort") == []


def test_a_group_without_participants_says_so_instead_of_0_of_0(casebook, sign_in):
    school = casebook.create_team("Team Opleiding (fictief)")
    trainer = sign_in(casebook, school.id, "TR-8", "trainer")
    page = TrainerPage(casebook, CONTENT, trainer.principal)
    entrance = page.entrance
    entrance.new_name.value = "Lege groep (fictief)"
    entrance.create()
    entrance.enter()
    exercise = next(iter(CONTENT.exercises))
    page.view.assign(exercise)
    assert "0 van 0" not in page.view.progress.value
    assert "nog geen deelnemers" in page.view.progress.value
