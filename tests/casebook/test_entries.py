"""Saving answers and reading them back: drafts, finals, visibility, search, votes, actions."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from uuid import UUID, uuid4

import pandas as pd
import pytest

from tests.signin import server_view
from werkboek.casebook import Entry, EntryFilter, NotAllowed, NotFound


def save(scene, viewer, text, **kwargs):
    kwargs.setdefault("kind", "text")
    kwargs.setdefault("session_id", scene.session.id)
    return scene.casebook.save_entry(viewer, text=text, **kwargs)


def test_a_draft_saved_again_is_updated_not_duplicated(scene):
    cb = scene.casebook
    draft_id = uuid4()
    first = save(scene, scene.worker, "De moeder leek moe.", entry_id=draft_id)
    second = save(scene, scene.worker, "De moeder leek moe en gespannen.", entry_id=draft_id)
    final = save(scene, scene.worker, "De moeder leek moe en gespannen.", entry_id=draft_id,
                 final=True)
    assert first.status == "draft" and final.status == "final"
    assert final.id == draft_id and final.created_at == first.created_at
    assert second.updated_at >= first.updated_at
    mine = cb.entries(scene.worker)
    assert [(e.text, e.status) for e in mine] == [("De moeder leek moe en gespannen.", "final")]
    assert mine[0].case_id == scene.case.id  # taken from the session
    assert mine[0].author == "GW-2" and mine[0].role == "groepswerker"


def test_saving_the_same_draft_unchanged_keeps_it_as_it_was(scene):
    draft_id = uuid4()
    first = save(scene, scene.worker, "Zelfde tekst.", entry_id=draft_id)
    again = save(scene, scene.worker, "Zelfde tekst.", entry_id=draft_id)
    assert again == first


def test_nobody_else_can_overwrite_an_entry(scene):
    entry = save(scene, scene.worker, "Mijn eigen waarneming.")
    with pytest.raises(NotAllowed):
        save(scene, scene.lead, "Overschreven.", entry_id=entry.id)


@pytest.mark.parametrize(
    ("visibility", "final", "seen_by_lead", "seen_by_other"),
    [
        ("private", True, False, False),
        ("team", False, False, False),  # a draft is only its author's
        ("team", True, True, False),
        ("course", True, True, False),
    ],
)
def test_visibility_is_enforced_by_the_store(scene, visibility, final, seen_by_lead, seen_by_other):
    cb = scene.casebook
    entry = save(scene, scene.worker, "Een waarneming.", visibility=visibility, final=final)
    assert [e.id for e in cb.entries(scene.worker)] == [entry.id]
    assert (entry.id in {e.id for e in cb.entries(scene.lead)}) is seen_by_lead
    assert (entry.id in {e.id for e in cb.entries(scene.other)}) is seen_by_other


def test_course_entries_are_seen_by_the_cohort_and_its_trainer_only(casebook):
    cohort = casebook.create_team("COMBINE-groep 1 (fictief)", kind="cohort")
    other_cohort = casebook.create_team("COMBINE-groep 2 (fictief)", kind="cohort")
    learner = casebook.viewer_for(casebook.join_team(cohort.id, "DL-1", "groepswerker").id)
    trainer = casebook.viewer_for(casebook.join_team(cohort.id, "TR-1", "trainer").id)
    stranger = casebook.viewer_for(casebook.join_team(other_cohort.id, "TR-2", "trainer").id)
    entry = casebook.save_entry(
        learner, kind="text", text="Mijn leervraag.", module="dialoog", visibility="course",
        final=True,
    )
    assert [e.id for e in casebook.entries(trainer)] == [entry.id]
    assert casebook.entries(stranger) == []


def test_filters_narrow_the_entries(scene):
    cb = scene.casebook
    save(scene, scene.worker, "Context.", step="context-ophalen", visibility="team", final=True)
    hyp = save(scene, scene.worker, "Hypothese.", step="samen-duiden", level="dialoog-met-clienten",
               tension="dialoog-grenzen", principles=["veiligheid-eerst"], visibility="team",
               final=True)
    save(scene, scene.lead, "Nog een context.", step="context-ophalen", visibility="team",
         final=True)
    cb_entries = cb.entries(scene.lead, EntryFilter(step="samen-duiden"))
    assert [e.id for e in cb_entries] == [hyp.id]
    assert [e.id for e in cb.entries(scene.lead, principle="veiligheid-eerst")] == [hyp.id]
    assert [e.id for e in cb.entries(scene.lead, tension="dialoog-grenzen")] == [hyp.id]
    assert [e.text for e in cb.entries(scene.lead, role="gedragsdeskundige")] == ["Nog een context."]
    assert len(cb.entries(scene.lead, step="context-ophalen")) == 2
    assert len(cb.entries(scene.lead, limit=2)) == 2
    newest = cb.entries(scene.lead, newest_first=True, limit=1)
    assert newest[0].text == "Nog een context."
    tomorrow = date.today() + timedelta(days=1)
    assert cb.entries(scene.lead, since=tomorrow) == []


def test_the_principle_filter_follows_every_change_of_an_entry(scene):
    cb = scene.casebook
    draft_id = uuid4()
    save(scene, scene.worker, "Eerst over veiligheid.", entry_id=draft_id,
         principles=["veiligheid-eerst", "veiligheid-eerst"])
    assert [e.id for e in cb.entries(scene.worker, principle="veiligheid-eerst")] == [draft_id]
    save(scene, scene.worker, "Toch over eigen regie.", entry_id=draft_id,
         principles=["eigen-regie", "samen-leren"])
    assert cb.entries(scene.worker, principle="veiligheid-eerst") == []
    final = save(scene, scene.worker, "Toch over eigen regie.", entry_id=draft_id,
                 principles=["eigen-regie", "samen-leren"], visibility="team", final=True)
    assert final.principles == ("eigen-regie", "samen-leren")
    for principle in ("eigen-regie", "samen-leren"):
        assert [e.id for e in cb.entries(scene.lead, principle=principle)] == [draft_id]
    save(scene, scene.worker, "Toch over eigen regie.", entry_id=draft_id, principles=[],
         visibility="team", final=True)
    assert cb.entries(scene.lead, principle="eigen-regie") == []
    assert cb.entries(scene.other, principle="samen-leren") == []  # not their team


def test_a_page_of_one_principle_comes_newest_first_from_many(scene):
    cb = scene.casebook
    saved = [save(scene, scene.worker, f"Waarneming {n}.", principles=["samen-leren"] * (n % 2),
                  visibility="team", final=True) for n in range(12)]
    citing = [e.id for e in saved if e.principles]
    page = cb.entries(scene.lead, principle="samen-leren", newest_first=True, limit=4)
    assert [e.id for e in page] == citing[::-1][:4]


def test_full_text_search_finds_words_and_word_starts(scene):
    cb = scene.casebook
    save(scene, scene.worker, "Er was veel boosheid aan tafel.", visibility="team", final=True)
    save(scene, scene.worker, "De jongen sliep onrustig.", visibility="team", final=True)
    private = save(scene, scene.lead, "Ook ik voelde boosheid.", visibility="private", final=True)
    found = cb.entries(scene.worker, text="boosheid")
    assert [e.text for e in found] == ["Er was veel boosheid aan tafel."]
    assert [e.text for e in cb.entries(scene.worker, text="slaap jongen")] == []
    assert [e.text for e in cb.entries(scene.worker, text="jongen sliep")] == ["De jongen sliep onrustig."]
    assert private.id in {e.id for e in cb.entries(scene.lead, text="boos")}
    # edited text is found by its new words only
    edited = save(scene, scene.worker, "Nu gaat het over verdriet.", entry_id=found[0].id,
                  visibility="team", final=True)
    assert [e.id for e in cb.entries(scene.worker, text="verdriet")] == [edited.id]
    assert cb.entries(scene.worker, text="tafel") == []
    assert len(cb.entries(scene.worker, text='"*(')) == 2  # no words: no search filter


def test_a_facilitator_hides_an_entry_that_stays_kept(scene):
    cb = scene.casebook
    entry = save(scene, scene.worker, "Dit hoort hier niet.", visibility="team", final=True)
    with pytest.raises(NotFound):  # another team does not even see it
        cb.hide_entry(scene.other, entry.id, "weg")
    cb.hide_entry(scene.lead, entry.id, "Niet voor deze sessie.")
    assert cb.entries(scene.lead) == []
    kept = cb.entries(scene.lead, include_hidden=True)
    assert [e.hidden for e in kept] == [True]


def test_votes_are_counted_and_limited_per_member(scene):
    cb = scene.casebook
    first = save(scene, scene.worker, "Hypothese een.", kind="hypothesis", visibility="team",
                 final=True)
    second = save(scene, scene.worker, "Hypothese twee.", kind="hypothesis", visibility="team",
                  final=True)
    assert cb.vote(scene.lead, first.id, 2) == 1
    cb.vote(scene.worker, first.id)
    cb.vote(scene.lead, second.id, 1)
    with pytest.raises(NotAllowed, match="stemmen"):
        cb.vote(scene.lead, second.id, 2)
    assert cb.votes(server_view(cb), scene.session.id) == {first.id: 3, second.id: 1}
    assert cb.member_votes(cb.viewer_for(scene.lead.member_id), scene.session.id) == {first.id: 2, second.id: 1}
    cb.vote(scene.lead, first.id, 0)
    assert cb.votes(server_view(cb), scene.session.id) == {first.id: 1, second.id: 1}


def test_values_of_every_capture_type_come_back_as_saved(scene):
    cb = scene.casebook
    values = [
        ("scale", 7),
        ("poles", 0.25),
        ("multi_choice", ["veiligheid", "financien"]),
        ("scales", {"veiligheid": 4, "wonen": 8}),
        ("hypotheses", ["Ze is bang.", "Ze voelt zich niet gehoord."]),
        ("action", {"what": "Gesprek plannen.", "owner": "GW-2", "due": "2026-12-01"}),
    ]
    for kind, value in values:
        save(scene, scene.worker, "", kind=kind, value=value, position=0.25 if kind == "poles" else None)
    assert [(e.kind, e.value) for e in cb.entries(scene.worker)] == values


def test_follow_up_actions_are_reviewed_in_a_later_session(scene):
    cb = scene.casebook
    due = date.today() + timedelta(days=14)
    action = cb.add_action(scene.lead, session_id=scene.session.id, what="Dagritme bespreken.",
                           owner="GW-2", due=due)
    assert [a.id for a in cb.actions(scene.worker, scene.team.id)] == [action.id]
    with pytest.raises(NotAllowed):
        cb.actions(scene.other, scene.team.id)
    later = cb.start_session(scene.lead, scene.team.id, case_id=scene.case.id,
                             exercise_id="casusbespreking", on=due)
    done = cb.review_action(scene.lead, action.id, session_id=later.id, status="klaar",
                            note="Besproken; het ritme helpt.")
    assert done.status == "klaar" and done.reviewed_session_id == later.id
    assert cb.actions(scene.worker, scene.team.id) == []
    assert [a.review_note for a in cb.actions(scene.worker, scene.team.id, open_only=False)] == [
        "Besproken; het ritme helpt."
    ]


def test_frames_for_analysis(scene):
    cb = scene.casebook
    save(scene, scene.worker, "Een.", level="innerlijke-dialoog", visibility="team", final=True)
    save(scene, scene.lead, "Twee.", value={"keuze": ["a", "é"], "score": 3},
         principles=["veiligheid-eerst", "samen-leren"], position=0.25, final=True)
    save(scene, scene.worker, "Privé, niet voor de gespreksleider.")
    frame = cb.entries_frame(scene.lead)
    records = cb.entries(scene.lead)
    assert list(frame.columns) == [field.name for field in dataclasses.fields(Entry)]
    for row, entry in zip(frame.to_dict("records"), records, strict=True):
        for name, expected in {**dataclasses.asdict(entry), "principles": entry.principles}.items():
            found = row[name]
            assert pd.isna(found) if expected is None else found == expected, name
    assert frame["level"][0] == "innerlijke-dialoog" and pd.isna(frame["level"][1])
    assert frame["principles"][1] == ("veiligheid-eerst", "samen-leren")
    assert frame["value"][1] == {"keuze": ["a", "é"], "score": 3}
    assert str(frame["created_at"].dt.tz) == "UTC"
    assert all(isinstance(found, UUID) for found in frame["id"])
    assert frame["hidden"].dtype == bool and frame["position"][1] == 0.25
    assert len(cb.entries_frame(scene.lead, principle="samen-leren")) == 1
    assert len(cb.sessions_frame(scene.lead)) == 1
    assert list(cb.actions_frame(scene.lead, scene.team.id).columns)[:3] == ["id", "team_id",
                                                                            "session_id"]
