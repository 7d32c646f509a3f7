"""Mijn reflecties: my own entries, private by default, searchable and filterable; one shared
with the team on purpose; exported as Markdown or PDF; erased after typing WISSEN."""

from __future__ import annotations

import base64
import re

import pytest

from tests.reflection.conftest import CONTENT, html_of
from werkboek.ui.pages.mijn_reflecties import Journal
from werkboek.vocab import HYPOTHESIS_KIND, NOTE_KIND


@pytest.fixture()
def written(casebook, viewer):
    """Three of my answers with different tags, and one of someone else."""
    save = casebook.save_entry
    save(viewer, kind="text", text="ik hield de avondroutine vast (fictief)", module="dialoog",
         exercise="dialoog-vier-niveaus", step="innerlijk", level="innerlijke-dialoog", final=True)
    save(viewer, kind="poles", text="ik laat veel ruimte (fictief)", position=0.3, value=0.3,
         module="spanningsvelden", exercise="spanningsveld-verkennen", step="positie",
         tension="privacy-bemoeienis", final=True)
    save(viewer, kind="choice", value="samen-sterker", module="principes",
         exercise="principes-leren", step="principe", principles=("samen-sterker",), final=True)
    other = casebook.join_team(casebook.create_team("Team Ander (fictief)").id, "GW-9", "groepswerker")
    save(casebook.viewer_for(other.id), kind="text", text="niet van mij (fictief)", final=True,
         visibility="team")
    colleague = casebook.join_team(casebook.teams("team")[0].id, "GW-8", "groepswerker")
    save(casebook.viewer_for(colleague.id), kind="text", text="van mijn collega (fictief)",
         final=True, visibility="team")


def share_buttons(row) -> list:
    return [c for c in getattr(row, "children", ()) if "wb-share" in c._dom_classes]


def shown(journal) -> int:
    return len(journal.results.children)


def test_only_my_entries_are_listed_and_private_by_default(casebook, viewer, written, me):
    journal = Journal(CONTENT, casebook, me.principal)
    html = html_of(journal.widget)
    assert shown(journal) == 3 and "niet van mij" not in html and "van mijn collega" not in html
    assert html.count(">privé</span>") == 3


@pytest.mark.parametrize("name, value, expected", [
    ("exercise", "dialoog-vier-niveaus", "avondroutine"),
    ("level", "innerlijke-dialoog", "avondroutine"),
    ("tension", "privacy-bemoeienis", "veel ruimte"),
    ("principle", "samen-sterker", "Samen sterker"),
])
def test_filters_narrow_the_list(casebook, viewer, written, name, value, expected, me):
    journal = Journal(CONTENT, casebook, me.principal)
    journal.filters[name].value = value
    assert shown(journal) == 1 and expected in html_of(journal.results)


def test_search_uses_full_text_and_says_when_nothing_is_found(casebook, viewer, written, me):
    journal = Journal(CONTENT, casebook, me.principal)
    journal.search.value = "avondrout"
    assert shown(journal) == 1 and "1 antwoord." in journal.count.value
    journal.search.value = "olifant"
    assert shown(journal) == 0 and "Niets gevonden" in journal.count.value


def test_sharing_an_answer_from_my_own_journal_puts_a_copy_in_my_team(casebook, viewer, written,
                                                                         me):
    """My colleagues see the answer in our team's casebook; my own journal keeps it private."""
    journal = Journal(CONTENT, casebook, me.principal)
    first = casebook.entries(viewer, author_id=viewer.member_id, level="innerlijke-dialoog")[0]
    team = casebook.system_viewer({me.team_id})
    assert casebook.entries(team, level="innerlijke-dialoog") == []
    journal.share(first.id, me.team_id)
    after = casebook.entries(team, level="innerlijke-dialoog")
    assert [(e.text, e.visibility, e.author_id) for e in after] == [
        (first.text, "team", me.member.id)]
    assert casebook.entry(viewer, first.id).visibility == "private"
    assert ("Gedeeld met Team Oefen (fictief)" in journal.share_message.widget.value
            and "Iedereen in je team ziet" in journal.share_message.widget.value)
    assert "gedeeld met het team" in html_of(journal.results) and shown(journal) == 4


def test_each_answer_offers_the_teams_it_can_go_to(casebook, viewer, written, me, sign_in):
    """From my own journal: each of my teams; from a team: that team only; an unsigned laptop
    owner has no team, so no share button (and no claim that a team sees it)."""
    other = casebook.create_team("Team Zuid (fictief)")
    sign_in(casebook, other.id, "GW-1", visit=False)
    in_team = casebook.save_entry(me.viewer(), kind="text", text="over de overdracht (fictief)",
                                  module="dialoog", exercise="dialoog-vier-niveaus",
                                  step="innerlijk", final=True)
    journal = Journal(CONTENT, casebook, me.principal)
    buttons = {"overdracht" in html_of(row): sorted(b.description for b in share_buttons(row))
               for row in journal.results.children}
    assert buttons == {True: ["Deel met Team Oefen (fictief)"],
                       False: ["Deel met Team Oefen (fictief)", "Deel met Team Zuid (fictief)"]}
    journal.share(in_team.id)
    assert casebook.entry(me.viewer(), in_team.id).visibility == "team"  # itself, not a copy

    owner = sign_in.local()
    casebook.save_entry(casebook.viewer(owner), kind="text", text="alleen op mijn laptop (fictief)",
                        module="dialoog", exercise="dialoog-vier-niveaus", step="innerlijk",
                        final=True)
    laptop = Journal(CONTENT, casebook, owner)
    assert "alleen op mijn laptop" in html_of(laptop.results)
    assert [b for row in laptop.results.children for b in share_buttons(row)] == []
    assert "Ben je aangemeld, dan kun je zelf een antwoord delen" in html_of(laptop.widget)


def test_a_share_button_shares_its_own_answer_after_the_search_changed_the_list(
        casebook, me, viewer, written, clock):
    """Drawn, then the search hides that answer, then tapped: its own answer is shared (by id),
    not whichever answer the list shows now."""
    journal = Journal(CONTENT, casebook, me.principal, scheduler=clock)
    rows = {row.children[0].value.split("<h3>")[1].split("</h3>")[0]: row
            for row in journal.results.children}
    principle_row = next(row for title, row in rows.items() if "principe" in title.lower())
    journal.search_box.value = "avondrout"  # typed; the list follows once typing pauses
    clock.advance(1)
    assert shown(journal) == 1 and "avondroutine" in html_of(journal.results)
    principle_row.children[1].click()  # a tap that arrives after the list changed
    team = casebook.entries(casebook.system_viewer({me.team_id}))
    assert [e.principles for e in team] == [("samen-sterker",)]
    assert "avondroutine" in html_of(journal.results)
    assert ">privé</span>" in html_of(journal.results)  # the one still listed stays private
    assert ("Gedeeld met Team Oefen (fictief): &#x27;Leren van een leidend principe"
            in html_of(journal.results))  # said above the list, as its answer is not listed


def test_search_runs_while_typing_once_typing_pauses(casebook, me, viewer, written, clock):
    journal = Journal(CONTENT, casebook, me.principal, scheduler=clock)
    journal.search_box.value = "avond"
    journal.search_box.value = "avondrout"
    assert shown(journal) == 3  # still typing
    clock.advance(1)
    assert shown(journal) == 1 and "1 antwoord." in journal.count.value


def test_empty_drafts_are_not_listed_and_cannot_be_shared(casebook, me, viewer, written):
    empty = casebook.save_entry(viewer, kind="text", text="", module="dialoog",
                                exercise="dialoog-vier-niveaus", step="innerlijk")
    journal = Journal(CONTENT, casebook, me.principal)
    assert shown(journal) == 3 and "concept" not in html_of(journal.results)
    journal.share(empty.id)
    assert "nog leeg" in journal.share_message.widget.value
    assert casebook.entry(viewer, empty.id).visibility == "private"


def step_with(capture: str):
    return next((e, s) for e in CONTENT.exercises.values() for s in e.steps
                if str(s.capture) == capture and not (s.options_from or "").startswith("spanning"))


def test_answers_read_back_in_the_words_of_their_step_not_as_stored_codes(casebook, viewer, me):
    """An action, a polarity map and a score come back as the exercise showed them: "Wie" and
    "Klaar", the poles' own names, the scale's range — on the page and in the export."""
    saved = {}
    for capture, value in [
        ("action", {"what": "Samen koken plannen", "owner": "GW-2", "due": "2026-12-01"}),
        ("polarity_map", {"a_up": "Rust in huis", "a_down": "", "b_up": "", "b_down": "",
                          "warning_signs": "Ze trekt zich terug", "what_helps": ""}),
        ("scale", 7),
    ]:
        exercise, step = step_with(capture)
        saved[capture] = step
        casebook.save_entry(viewer, kind=capture, value=value, module=exercise.module,
                            exercise=exercise.id, step=step.id, tension="privacy-bemoeienis",
                            final=True)
    journal = Journal(CONTENT, casebook, me.principal)
    pole_a = CONTENT.item("spanningsvelden", "privacy-bemoeienis").pole_a
    scale = saved["scale"].scale
    for shown_as in (html_of(journal.results), journal.export("md").decode("utf-8")):
        assert "Samen koken plannen" in shown_as and "Wie: GW-2 · Klaar: 01-12-2026" in shown_as
        assert f"Goede kant van {pole_a}: Rust in huis" in shown_as
        assert "Signalen dat de balans zoek raakt: Ze trekt zich terug" in shown_as
        assert f"Score 7 (van {scale.min} tot {scale.max})" in shown_as
        for code in ("what:", "due:", "a_up", "warning_signs"):
            assert code not in shown_as


def test_markdown_export_holds_my_entries_only(casebook, viewer, written, me):
    journal = Journal(CONTENT, casebook, me.principal)
    text = journal.export("md").decode("utf-8")
    assert text.startswith("# Mijn reflecties")
    pole_a = CONTENT.item("spanningsvelden", "privacy-bemoeienis").pole_a
    assert "avondroutine" in text and f"dichter bij {pole_a} (op 30 van 100)" in text
    assert "Samen sterker" in text and "samen-sterker" not in text  # the principle's name, not its id
    assert "niet van mij" not in text
    link = re.search(r'href="data:text/markdown;base64,([^"]+)"', journal.download.value)
    assert base64.b64decode(link.group(1)).decode("utf-8") == text


@pytest.mark.slow
def test_pdf_export_is_a_real_pdf(casebook, viewer, written, me):
    journal = Journal(CONTENT, casebook, me.principal)
    assert journal.export("pdf").startswith(b"%PDF")
    assert 'download="mijn-reflecties.pdf"' in journal.download.value


def test_erasing_needs_the_word_and_then_removes_all_my_entries(casebook, viewer, written, me):
    journal = Journal(CONTENT, casebook, me.principal)
    journal.confirm.value = "ja"
    journal.erase()
    assert "Typ WISSEN" in journal.erase_message.widget.value and shown(journal) == 3
    journal.confirm.value = "wissen"
    journal.erase()
    assert "3 antwoorden zijn gewist" in journal.erase_message.widget.value
    assert shown(journal) == 0 and "nog niets opgeschreven" in html_of(journal.widget)
    left = casebook.entries(casebook.system_viewer(t.id for t in casebook.teams("team")))
    assert sorted(e.text for e in left) == ["niet van mij (fictief)",
                                            "van mijn collega (fictief)"]  # others' answers stay


def test_erasing_leaves_a_colleague_in_my_team_and_my_namesake_elsewhere_alone(
        casebook, me, viewer, written, sign_in):
    namesake = sign_in(casebook, casebook.create_team("Team Gelijk (fictief)").id, "gw-1 ",
                       visit=False)  # the same name: the same account, never a second person
    assert namesake.member.id != me.member.id and namesake.login.id == me.login.id
    assert namesake.member.pseudonym == "GW-1"  # the account's own name
    stranger = sign_in(casebook, me.team_id, "GW-6", visit=False)
    casebook.save_entry(stranger.viewer(), kind="text", visibility="team", final=True,
                        text="Een eigen gedachte van een collega (fictief).")
    me.visit()
    journal = Journal(CONTENT, casebook, me.principal)
    journal.confirm.value = "WISSEN"
    journal.erase()
    assert "3 antwoorden zijn gewist" in journal.erase_message.widget.value
    assert [e.text for e in casebook.entries(stranger.viewer(), author_id=stranger.member.id)] == [
        "Een eigen gedachte van een collega (fictief)."]


def test_a_page_built_before_the_visit_reads_again_when_shown(casebook, viewer, clock, me):
    """Voilà preheats pages: what was written after building must show once the page is seen."""
    journal = Journal(CONTENT, casebook, me.principal, scheduler=clock)
    assert shown(journal) == 0
    casebook.save_entry(viewer, kind="text", text="later geschreven (fictief)", final=True)
    journal.results._view_count = 1  # the browser shows the page
    clock.advance(0.1)
    assert shown(journal) == 1 and "later geschreven" in html_of(journal.results)


def test_a_long_journal_shows_its_newest_answers_at_once_and_the_rest_once_seen(
        casebook, viewer, clock, me):
    for n in range(12):
        casebook.save_entry(viewer, kind="text", text=f"antwoord nummer {n} (fictief)", final=True)
    journal = Journal(CONTENT, casebook, me.principal, scheduler=clock)
    assert "12 antwoorden" in journal.count.value
    assert shown(journal) == 8
    journal.results._view_count = 1  # the browser shows the page
    clock.advance(0.1)
    assert shown(journal) == 12 and "nummer 0 " in html_of(journal.results)


def test_my_answers_from_a_case_discussion_are_in_my_journal_because_i_signed_in(
        casebook, me, viewer, written, sign_in):
    team = casebook.create_team("Team Bespreking (fictief)")
    as_member = sign_in(casebook, team.id, "GW-1", visit=False).viewer(team.id)
    session = casebook.start_session(as_member, team.id, case_id=None, exercise_id="casusbespreking")
    casebook.save_entry(as_member, kind=HYPOTHESIS_KIND, session_id=session.id, visibility="team",
                        text="Misschien is de moeder bang voor de overdracht (fictief).",
                        exercise="casusbespreking", final=True)
    casebook.save_entry(as_member, kind=NOTE_KIND, session_id=session.id,
                        text="Zelf nog navragen bij de nachtdienst (fictief).", final=True)
    colleague = sign_in(casebook, team.id, "GW-5", visit=False).viewer(team.id)
    casebook.save_entry(colleague, kind=NOTE_KIND, session_id=session.id,
                        text="De notitie van een collega (fictief).", final=True)
    journal = Journal(CONTENT, casebook, me.principal)
    assert shown(journal) == 5 and "bang voor de overdracht" in html_of(journal.results)
    assert "notitie van een collega" not in html_of(journal.results)
    journal.filters["exercise"].value = "casusbespreking"
    assert shown(journal) == 1
    journal.filters["exercise"].value = ""
    journal.search.value = "nachtdienst"
    assert shown(journal) == 1
    assert "navragen bij de nachtdienst" in journal.export("md").decode("utf-8")

    journal.confirm.value = "WISSEN"
    journal.erase()
    assert "5 antwoorden zijn gewist" in journal.erase_message.widget.value
    left = casebook.entries(casebook.system_viewer({team.id}))
    assert left == []  # the shared hypothesis is gone too
    assert me.viewer(team.id).role_in(team.id) == "groepswerker"  # still in the team
    assert shown(journal) == 0
    assert [e.text for e in casebook.entries(colleague, author_id=colleague.member_id)] == [
        "De notitie van een collega (fictief)."]
