"""Spanningsvelden page: placing myself on all seven fields builds a history I see back; the
direction of the guide comes only after the polarity map; a team's spread shows a dot per person
without names; the team round reveals the spread to everyone at the same moment."""

from __future__ import annotations

import pytest

from tests.focus_marks import focus_mark
from tests.reflection.conftest import CONTENT, figures_in, fill_runner, html_of
from werkboek.ui.pages.spanningsvelden import EXERCISE, TensionPage
from werkboek.ui.reflection.team_round import RoundEntrance, RoundRefused, RoundView, TensionRound

FIELDS = [item.id for item in CONTENT.items("spanningsvelden")]


def page_for(casebook, viewer, clock) -> TensionPage:
    return TensionPage(CONTENT, casebook, viewer, scheduler=clock)


def test_explanation_shows_all_seven_fields_but_holds_back_the_direction(casebook, viewer, clock):
    html = html_of(page_for(casebook, viewer, clock).widget)
    for item in CONTENT.items("spanningsvelden"):
        assert item.title in html and item.pole_a in html
    assert "Richting uit de handreiking" not in html


def test_placing_myself_twice_shows_my_positions_over_time(casebook, viewer, clock):
    page = page_for(casebook, viewer, clock)
    page.sections.show("plaatsen")
    placing = page.placing
    placed = [0.05 + n / 10 for n in range(7)]  # 0.5 is where a line starts: not a move
    for field, position in zip(FIELDS, placed, strict=True):
        placing.captures[field].value = position
    clock.advance(2)  # a draft autosaves while sliding
    assert len(casebook.entries(viewer, kind="poles", status="draft")) == 7
    assert placing.save()
    page.sections.show("terugblik")
    page.charts.load()
    [history] = figures_in(page.charts.widget)
    assert [list(trace.x) for trace in history.data] == [[p] for p in placed]

    placing.captures["privacy-bemoeienis"].value = 0.9
    assert placing.save()
    [history] = figures_in(page.charts.widget)
    assert list(history.data[0].x) == [0.05, 0.9]
    # Only the moved field is a new placement; the six others are not stored twice.
    assert len(casebook.entries(viewer, kind="poles", status="final")) == 8


def test_pressing_save_twice_stores_nothing_twice(casebook, viewer, clock):
    page = page_for(casebook, viewer, clock)
    page.sections.show("plaatsen")
    placing = page.placing
    for field in FIELDS:
        placing.captures[field].value = 0.2
    assert placing.save() and placing.save()
    assert len(casebook.entries(viewer, kind="poles")) == 7
    assert "al opgeslagen" in placing.message.widget.value


def test_standing_in_the_middle_can_be_said_and_is_saved(casebook, viewer, clock):
    page = page_for(casebook, viewer, clock)
    page.sections.show("plaatsen")
    placing = page.placing
    for field in FIELDS[:5]:
        placing.captures[field].value = 0.2
    assert placing.save()
    assert "5 van de 7" in placing.message.widget.value
    assert "Nog niet geplaatst" in placing.message.widget.value
    middle = placing.captures[FIELDS[5]]
    assert "Nog niet gekozen" in middle.where.value
    middle.middle.click()  # the slider stays where it starts: in the middle
    assert "precies in het midden" in middle.where.value
    placing.captures[FIELDS[6]].middle.click()
    assert placing.save() and "7 van de 7" in placing.message.widget.value
    positions = {e.tension: e.position for e in casebook.entries(viewer, kind="poles")}
    assert positions[FIELDS[5]] == positions[FIELDS[6]] == 0.5


def test_placements_read_back_as_this_page_with_their_field_and_pole(casebook, me, viewer,
                                                                      clock):
    from werkboek.ui.casebook_view.export import export_rows
    from werkboek.ui.casebook_view.labels import Labels
    from werkboek.ui.pages.mijn_reflecties import Journal
    from werkboek.ui.reflection.journal import journal_markdown

    page = page_for(casebook, viewer, clock)
    page.sections.show("plaatsen")
    field = CONTENT.item("spanningsvelden", FIELDS[0])
    page.placing.captures[field.id].value = 0.8
    assert page.placing.save()
    journal = Journal(CONTENT, casebook, me.principal)
    html = html_of(journal.results)
    assert "Spanningsvelden · Waar sta ik?" in html and "Een spanningsveld verkennen" not in html
    markdown = journal_markdown(CONTENT, journal.mine())
    assert f"Over: {field.title}" in markdown and f"dichter bij {field.pole_b}" in markdown
    [row] = export_rows(Labels(CONTENT, [], []), casebook.entries(viewer, kind="poles"))
    assert f"dichter bij {field.pole_b} (op 80 van 100)" in row and "pool B" not in str(row)


def test_saving_without_placing_asks_to_place_first(casebook, viewer, clock):
    page = page_for(casebook, viewer, clock)
    page.sections.show("plaatsen")
    assert not page.placing.save()
    assert "Zet eerst" in page.placing.message.widget.value


def test_the_direction_of_the_guide_is_revealed_only_after_the_polarity_map(casebook, viewer, clock):
    page = page_for(casebook, viewer, clock)
    page.sections.show("verkennen")
    runner = page.runners[EXERCISE]
    item = CONTENT.item("spanningsvelden", "dialoog-grenzen")
    runner.current.capture.value = item.id
    runner.next()
    while runner.current.step.capture != "polarity_map":
        runner.current.capture.value = 0.4 if runner.current.step.capture == "poles" else "iets (fictief)"
        runner.next()
    assert item.direction.split("\n")[0][:30] not in runner.reveal.value
    runner.current.capture.value = {"a_up": "samen zoeken", "b_down": "strijd (fictief)"}
    runner.save()
    assert item.title in runner.reveal.value
    assert "Richting" in runner.reveal.value or "richting" in runner.reveal.value
    fill_runner(runner, {"meenemen": "eerder uitleggen waarom (fictief)"})
    [placed] = casebook.entries(viewer, kind="poles", tension=item.id, status="final")
    assert placed.position == 0.4


def test_team_spread_has_a_dot_per_person_and_no_names(casebook, viewer, clock, team):
    team_record, members = team
    for member, position in zip(members, (0.2, 0.8), strict=True):
        casebook.save_entry(member, kind="poles", tension="privacy-bemoeienis", position=position,
                            value=position, visibility="team", final=True)
    page = page_for(casebook, viewer, clock)
    page.sections.show("terugblik")
    page.team.dropdown.value = team_record.id
    page.charts.load()
    spread = figures_in(page.charts.widget)[0]
    assert sorted(spread.data[0].x) == [0.2, 0.8]
    assert all(len(trace.x or ()) == 0 for trace in spread.data[1:])
    html = html_of(page.charts.widget)
    assert "GW-7" not in html and "Elke stip is één persoon" in html


def test_team_round_reveals_the_spread_to_everyone_together(casebook, clock, team, sign_in):
    team_record, _members = team
    gl = sign_in(casebook, team_record.id, "GL-1", "gespreksleider", visit=False)
    lead = TensionRound.start(casebook, team_id=team_record.id, principal=gl.principal,
                              field="individueel-groepsgericht")
    assert lead.leads and lead.member.id == gl.member.id
    code = lead.session.join_code
    shown = []
    nw = sign_in(casebook, team_record.id, "NW-3", "nachtwacht")
    entrance = RoundEntrance(CONTENT, casebook, nw.principal, on_round=shown.append,
                             scheduler=clock)
    entrance.code.value = code.lower()
    entrance._open(entrance._join)
    [participant] = shown
    assert participant.round.member.id == nw.member.id and not participant.round.leads
    assert focus_mark(participant.widget)  # the focus follows to the round just joined
    assert "1 persoon" not in participant.count.value
    assert "Individueel" in html_of(participant.widget)
    participant.capture.value = 0.25
    participant.place()
    cm = sign_in(casebook, team_record.id, "CM-4", "casemanager", visit=False)
    other = TensionRound.join(casebook, code=code, principal=cm.principal)
    other_view = RoundView(CONTENT, other, scheduler=clock)
    other_view.capture.value = 0.75
    other_view.place()
    clock.advance(3.5)  # the poll
    assert "2 mensen hebben zich geplaatst" in participant.count.value
    assert "nog verborgen" in html_of(participant.spread) and not figures_in(participant.spread)

    with pytest.raises(RoundRefused):
        participant.round.reveal(True)
    assert TensionRound.join(casebook, code=code, principal=gl.principal).leads  # coming back
    lead_view = RoundView(CONTENT, lead, scheduler=clock)
    lead_view.toggle_reveal()
    clock.advance(3.5)
    [figure] = figures_in(participant.spread)
    assert sorted(figure.data[0].x) == [0.25, 0.75]
    assert "NW-3" not in html_of(participant.spread)


def test_a_wrong_code_gets_a_clear_dutch_message(casebook, clock, me):
    entrance = RoundEntrance(CONTENT, casebook, me.principal, on_round=lambda view: None,
                             scheduler=clock)
    entrance.code.value = "ZZZZZZ"
    entrance._open(entrance._join)
    assert "hoort niet bij een lopende ronde" in entrance.message.value


def test_only_members_of_the_team_join_a_round_and_nobody_types_a_name(casebook, clock, team,
                                                                       sign_in):
    from werkboek.casebook import Principal
    from werkboek.markup import esc
    from werkboek.session.participant_actions import NOT_IN_TEAM

    team_record, _members = team
    gl = sign_in(casebook, team_record.id, "GL-1", "gespreksleider", visit=False)
    code = TensionRound.start(casebook, team_id=team_record.id, principal=gl.principal,
                              field="individueel-groepsgericht").session.join_code
    stranger = sign_in(casebook, casebook.create_team("Team West (fictief)").id, "GW-9")
    entrance = RoundEntrance(CONTENT, casebook, stranger.principal, on_round=lambda view: None,
                             scheduler=clock)
    assert not hasattr(entrance, "join_name") and not hasattr(entrance, "lead_name")
    assert [label for label, _id in entrance.team.options] == ["Team West (fictief)"]
    entrance.code.value = code
    entrance._open(entrance._join)
    assert esc(NOT_IN_TEAM) in entrance.message.value
    with pytest.raises(RoundRefused, match="Meld je eerst aan"):
        TensionRound.join(casebook, code=code, principal=Principal())
    nobody = RoundEntrance(CONTENT, casebook, Principal(), on_round=lambda view: None,
                           scheduler=clock)
    assert "Meld je aan" in html_of(nobody.widget)
