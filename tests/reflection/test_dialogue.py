"""Dialoog page: the reflection on four levels is saved per level and my balance chart grows;
a team's balance shows without names; questions land in the question bank, examples come after."""

from __future__ import annotations

from tests.reflection.conftest import CONTENT, figures_in, fill_runner, html_of
from werkboek.markup import esc
from werkboek.ui.pages.dialoog import EXERCISE, DialoguePage
from werkboek.ui.reflection.questions import QUESTIONS_EXERCISE

LEVELS = [item.id for item in CONTENT.items("dialoog")]
ANSWERS = {
    "situatie": "een bewoner wilde niet praten over haar week (fictief)",
    "innerlijk": "ik merkte dat ik haast had en snel een oplossing wilde",
    "clienten": "ik vroeg wat zij zelf wilde bereiken deze maand",
    "ideeen": "de training over traumasensitief werken hielp mij",
    "collegas": "ik besprak het met de nachtdienst",
    "geleerd": "eerst luisteren, dan pas voorstellen doen",
    "nodig": "tijd in de overdracht om dit te bespreken",
}


def page_for(casebook, viewer, clock) -> DialoguePage:
    return DialoguePage(CONTENT, casebook, viewer, scheduler=clock)


def balance_totals(figure) -> dict[str, int]:
    return {trace.name: sum(trace.y) for trace in figure.data}


def test_the_page_explains_the_four_levels_first(casebook, viewer, clock):
    html = html_of(page_for(casebook, viewer, clock).widget)
    for item in CONTENT.items("dialoog"):
        assert esc(item.title) in html
    assert "Bron: handreiking §5.3" in html


def test_each_level_answer_is_tagged_and_my_balance_chart_grows(casebook, viewer, clock):
    page = page_for(casebook, viewer, clock)
    page.sections.show("terugblik")
    page.charts.load()
    assert "nog geen reflecties op de vier niveaus" in html_of(page.widget)

    page.sections.show("oefening")
    embedded_runner = page.runners[EXERCISE]
    fill_runner(embedded_runner, ANSWERS)
    mine = casebook.entries(viewer, author_id=viewer.member_id, status="final")
    assert sorted(e.level for e in mine if e.level) == sorted(LEVELS)

    page.sections.show("terugblik")
    [balance] = figures_in(page.charts.widget)
    titles = {item.title: 1 for item in CONTENT.items("dialoog")}
    assert balance_totals(balance) == titles
    assert "even vaak op alle vier niveaus" in html_of(page.charts.widget)

    embedded_runner.on_close()  # "Nog een oefening": the same exercise again
    fill_runner(embedded_runner, ANSWERS)
    [balance] = figures_in(page.charts.widget)
    assert balance_totals(balance) == {title: 2 for title in titles}
    casebook.save_entry(viewer, kind="text", text="nog een gedachte (fictief)",
                        level="dialoog-met-ideeen", final=True)
    page.charts.refresh()
    assert "het vaakst op <strong>Dialoog met ideeën</strong>" in html_of(page.charts.widget)


def test_team_balance_counts_shared_answers_without_names(casebook, viewer, clock, team):
    team_record, members = team
    for member, level in zip(members, ("innerlijke-dialoog", "dialoog-met-collegas"), strict=True):
        casebook.save_entry(member, kind="text", text="een gedeelde reflectie (fictief)",
                            level=level, visibility="team", final=True)
    casebook.save_entry(members[0], kind="text", text="alleen voor mij (fictief)",
                        level="dialoog-met-ideeen", final=True)  # private: not counted
    page = page_for(casebook, viewer, clock)
    page.sections.show("terugblik")
    page.team.dropdown.value = team_record.id
    page.charts.load()
    html = html_of(page.charts.widget)
    assert "De balans van Team Oefen (fictief)" in html
    [team_chart] = figures_in(page.charts.widget)
    totals = balance_totals(team_chart)
    assert totals["Innerlijke dialoog"] == 1 and totals["Dialoog met collega's"] == 1
    assert totals["Dialoog met ideeën"] == 0
    assert "GW-7" not in html and "GW-8" not in html


def test_questions_show_examples_only_after_trying_and_fill_the_question_bank(casebook, viewer, clock):
    page = page_for(casebook, viewer, clock)
    page.sections.show("vragen")
    runner = page.runners[QUESTIONS_EXERCISE]
    first = runner.current
    assert first.step.id == "open" and runner.reveal.layout.display == "none"
    first.capture.value = "Hoe ging het ontbijt vanochtend?"
    runner.save()
    assert runner.reveal.layout.display is None and "Voorbeelden" in runner.reveal.value
    fill_runner(runner, {step.id: f"Mijn {step.title.lower()} (fictief)?"
                         for step in CONTENT.exercise("vragen-stellen").steps[1:]})
    questions = casebook.entries(viewer, kind="question", author_id=viewer.member_id)
    assert len(questions) == 6
    bank = page.bank.value
    assert "Hoe ging het ontbijt vanochtend?" in bank and "Een wondervraag" in bank
