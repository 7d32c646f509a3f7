"""A course group's plan and attendance in the store: only the group's trainer plans, moves,
opens and marks; members read the plan; a participant sees only their own attendance; someone
outside the group sees nothing."""

from __future__ import annotations

from datetime import date

import pytest

from werkboek.casebook import NotAllowed
from werkboek.casebook.errors import InvalidInput
from werkboek.casebook.privacy.errors import PrivacyBlocked, PrivacyReview
from werkboek.vocab import PROPOSAL_KIND


@pytest.fixture
def group(casebook):
    cohort = casebook.create_team("COMBINE najaar (fictief)", kind="cohort")
    trainer = casebook.viewer_for(casebook.join_team(cohort.id, "Trainer-7", "trainer").id)
    one = casebook.viewer_for(casebook.join_team(cohort.id, "GW-11", "deelnemer").id)
    two = casebook.viewer_for(casebook.join_team(cohort.id, "GW-12", "deelnemer").id)
    elsewhere = casebook.create_team("COMBINE voorjaar (fictief)", kind="cohort")
    outsider = casebook.viewer_for(casebook.join_team(elsewhere.id, "Trainer-8", "trainer").id)
    return casebook, cohort.id, trainer, one, two, outsider


def test_the_trainer_plans_meetings_that_the_group_reads_in_order(group):
    cb, cohort_id, trainer, one, _two, _outsider = group
    first = cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 2, 4), title="Beginnen",
                            modules=["doelen-beschermd-wonen", "competenties"],
                            exercises=["competenties-zelfscan"], work_form="Kring", minutes=150)
    cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 3, 4), title="Het kompas",
                    modules=["principes"], work_form="Tweetallen")
    third = cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 4, 1), title="Verdiepen")
    plan = cb.meetings(one, cohort_id)
    assert [m.title for m in plan] == ["Beginnen", "Het kompas", "Verdiepen"]
    assert plan[0].modules == ("doelen-beschermd-wonen", "competenties")
    assert plan[0].held_on == date(2027, 2, 4) and plan[0].minutes == 150 and not plan[0].opened

    cb.move_meeting(trainer, third.id, -2)
    assert [m.title for m in cb.meetings(one, cohort_id)] == ["Verdiepen", "Beginnen", "Het kompas"]
    cb.plan_meeting(trainer, cohort_id, meeting_id=first.id, held_on=date(2027, 2, 11),
                    title="Beginnen, met leervragen", work_form="Kring")
    changed = next(m for m in cb.meetings(one, cohort_id) if m.id == first.id)
    assert changed.title == "Beginnen, met leervragen" and changed.held_on == date(2027, 2, 11)
    cb.remove_meeting(trainer, third.id)
    assert [m.title for m in cb.meetings(one, cohort_id)] == ["Beginnen, met leervragen",
                                                              "Het kompas"]


def test_a_participant_or_another_groups_trainer_cannot_plan_open_or_mark(group):
    cb, cohort_id, trainer, one, two, outsider = group
    meeting = cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 2, 4), title="Beginnen")
    for who in (one, outsider):
        with pytest.raises(NotAllowed):
            cb.plan_meeting(who, cohort_id, held_on=date(2027, 2, 4), title="Eigen plan")
        with pytest.raises(NotAllowed):
            cb.open_meeting(who, meeting.id)
        with pytest.raises(NotAllowed):
            cb.mark_attendance(who, meeting.id, two.member_id, True)
        with pytest.raises(NotAllowed):
            cb.move_meeting(who, meeting.id, 1)
    with pytest.raises(NotAllowed):
        cb.meetings(outsider, cohort_id)
    assert cb.meetings(one, cohort_id) == [meeting]  # nothing changed


def test_attendance_is_stored_and_a_participant_sees_only_their_own(group):
    cb, cohort_id, trainer, one, two, outsider = group
    meeting = cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 2, 4), title="Beginnen")
    cb.mark_attendance(trainer, meeting.id, one.member_id, True)
    cb.mark_attendance(trainer, meeting.id, two.member_id, True)
    cb.mark_attendance(trainer, meeting.id, two.member_id, False)  # corrected
    assert cb.attendance(trainer, cohort_id) == {(meeting.id, one.member_id): True,
                                                 (meeting.id, two.member_id): False}
    assert cb.attendance(two, cohort_id) == {(meeting.id, two.member_id): False}
    with pytest.raises(NotAllowed):  # a member of another group is not marked here
        cb.mark_attendance(trainer, meeting.id, outsider.member_id, True)
    assert cb.open_meeting(trainer, meeting.id).opened
    assert cb.meetings(one, cohort_id)[0].opened


def test_a_meeting_title_with_a_phone_number_is_not_stored(group):
    cb, cohort_id, trainer, one, _two, _outsider = group
    with pytest.raises((PrivacyBlocked, PrivacyReview)):
        cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 2, 4),
                        title="Bel vooraf 06-12345678")
    assert cb.meetings(one, cohort_id) == []


def test_a_proposal_taken_into_the_plan_goes_when_its_writer_is_erased(group):
    cb, cohort_id, trainer, one, _two, _outsider = group
    proposal = cb.save_entry(one, kind=PROPOSAL_KIND, text="Een bewoner die niet slaapt (fictief)",
                             visibility="course", final=True)
    meeting = cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 2, 4), title="Verdiepen",
                              theme=proposal.text)
    assert cb.meetings(trainer, cohort_id)[0].theme == proposal.text
    cb.erase_member(one)
    [left] = cb.meetings(trainer, cohort_id)
    assert left.id == meeting.id and left.theme == "" and left.title == "Verdiepen"


def test_only_the_groups_trainer_can_give_an_assignment(group):
    """The store refuses an assignment (an entry of kind "assignment") from anyone but a trainer
    of the group, whatever a page offers; another group's trainer sees none of it."""
    from werkboek.casebook.course import ASSIGNMENT_KIND
    from werkboek.course import cohort

    cb, cohort_id, trainer, one, _two, outsider = group
    assert cohort.ASSIGNMENT_KIND == ASSIGNMENT_KIND  # the page's name is the store's
    given = cb.save_entry(trainer, kind=ASSIGNMENT_KIND, exercise="competenties-zelfscan",
                          visibility="course", final=True)
    with pytest.raises(NotAllowed):
        cb.save_entry(one, kind=ASSIGNMENT_KIND, exercise="competenties-zelfscan",
                      visibility="course", final=True)
    with pytest.raises(NotAllowed):  # nor by taking over the trainer's entry
        cb.save_entry(one, entry_id=given.id, kind=ASSIGNMENT_KIND,
                      exercise="competenties-zelfscan", visibility="course", final=True)
    seen = cb.entries(one, team_id=cohort_id, kind=ASSIGNMENT_KIND)
    assert [e.id for e in seen] == [given.id]
    assert cb.entries(outsider, kind=ASSIGNMENT_KIND) == []


def test_a_trainer_whose_role_was_taken_away_can_no_longer_plan_or_assign(group):
    """The viewer a page holds keeps the role it was opened with; the store reads the role the
    casebook has now."""
    from werkboek.casebook.course import ASSIGNMENT_KIND

    cb, cohort_id, trainer, _one, _two, _outsider = group
    meeting = cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 2, 4), title="Beginnen")
    cb.set_role(cohort_id, "Trainer-7", "deelnemer")
    with pytest.raises(NotAllowed):
        cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 3, 4), title="Nog een")
    with pytest.raises(NotAllowed):
        cb.plan_meeting(trainer, cohort_id, meeting_id=meeting.id, held_on=date(2027, 3, 4),
                        title="Anders")
    for change in (lambda: cb.move_meeting(trainer, meeting.id, 1),
                   lambda: cb.open_meeting(trainer, meeting.id),
                   lambda: cb.remove_meeting(trainer, meeting.id),
                   lambda: cb.mark_attendance(trainer, meeting.id, _one.member_id, True)):
        with pytest.raises(NotAllowed):
            change()
    with pytest.raises(NotAllowed):
        cb.save_entry(trainer, kind=ASSIGNMENT_KIND, exercise="competenties-zelfscan",
                      visibility="course", final=True)
    [kept] = cb.meetings(trainer, cohort_id)
    assert kept.title == "Beginnen" and not kept.opened


def test_the_trainer_moves_a_module_within_a_meeting(group):
    cb, cohort_id, trainer, one, _two, outsider = group
    meeting = cb.plan_meeting(trainer, cohort_id, held_on=date(2027, 2, 4), title="Beginnen",
                              modules=["doelen-beschermd-wonen", "competenties", "principes"])
    moved = cb.move_module(trainer, meeting.id, "principes", -2)
    assert moved.modules == ("principes", "doelen-beschermd-wonen", "competenties")
    assert cb.move_module(trainer, meeting.id, "principes", -1).modules == moved.modules  # stays
    for who in (one, outsider):
        with pytest.raises(NotAllowed):
            cb.move_module(who, meeting.id, "principes", 1)
    with pytest.raises(InvalidInput):
        cb.move_module(trainer, meeting.id, "aanbevelingen", 1)
    assert cb.meetings(one, cohort_id)[0].modules == moved.modules
