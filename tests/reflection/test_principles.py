"""Principes page: both sets, the learning exercise cites the chosen principle, and the chart
counts citations per person or team and period, listing the principles never cited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.reflection.conftest import CONTENT, figures_in, fill_runner, html_of
from werkboek.ui.pages.principes import EXERCISE, PrinciplesPage

NAMES = {item.id: item.title for item in CONTENT.items("principes")}


def page_for(casebook, viewer, clock) -> PrinciplesPage:
    return PrinciplesPage(CONTENT, casebook, viewer, scheduler=clock)


def chart_counts(page) -> dict[str, int]:
    [figure] = figures_in(page.charts.widget)
    bars = figure.data[0]
    return dict(zip(bars.hovertext, bars.x, strict=True))


def test_both_sets_are_shown(casebook, viewer, clock):
    html = html_of(page_for(casebook, viewer, clock).widget)
    assert "Samen met bewoners" in html and "Voor werkers" in html
    assert html.count('class="wb-card wb-item"') == 18


def test_the_learning_exercise_cites_the_principle_and_the_chart_counts_it(casebook, viewer, clock):
    page = page_for(casebook, viewer, clock)
    page.sections.show("terugblik")
    page.charts.load()
    assert figures_in(page.charts.widget) == []  # no chart of eighteen zeros
    assert "nog geen principe genoemd door jou" in html_of(page.charts.widget)

    page.sections.show("oefening")
    fill_runner(page.runners[EXERCISE], {
        "principe": "rust-en-structuur",
        "situatie": "een vaste avondroutine hielp een gezin tot rust te komen (fictief)",
        "knelpunt": "de moeder wilde zelf bepalen wanneer de kinderen naar bed gingen",
        "nodig": "samen met haar een schema maken",
    })
    [cited] = casebook.entries(viewer, principle="rust-en-structuur")
    assert cited.step == "principe"
    page.sections.show("terugblik")
    counts = chart_counts(page)
    assert counts[NAMES["rust-en-structuur"]] == 1 and sum(counts.values()) == 1
    never = html_of(page.charts.widget)
    assert f"<li>{NAMES['rust-en-structuur']}</li>" not in never
    assert f"<li>{NAMES['veiligheid-centraal']}</li>" in never


def test_team_and_period_choose_what_is_counted(casebook, viewer, clock, team):
    team_record, members = team
    long_ago = datetime.now(UTC) - timedelta(days=200)
    casebook.save_entry(members[0], kind="text", text="samen gekeken (fictief)",
                        principles=("samen-sterker",), visibility="team", final=True)
    casebook.save_entry(members[1], kind="text", text="oud voorbeeld (fictief)",
                        principles=("doen-wat-we-beloven",), visibility="team", final=True,
                        created_at=long_ago, updated_at=long_ago)
    page = page_for(casebook, viewer, clock)
    page.sections.show("terugblik")
    page.scope.dropdown.value = team_record.id
    page.charts.load()
    counts = chart_counts(page)
    assert counts[NAMES["samen-sterker"]] == 1 and counts[NAMES["doen-wat-we-beloven"]] == 0
    page.period.dropdown.value = 0  # "Alles"
    counts = chart_counts(page)
    assert counts[NAMES["doen-wat-we-beloven"]] == 1
    assert "GW-7" not in html_of(page.charts.widget)
