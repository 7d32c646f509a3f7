"""`werkboek team` and `werkboek teams`: an organisation adds its own teams and course groups."""

from __future__ import annotations

from werkboek.cli.app import app


def test_a_team_and_a_course_group_are_made_once_and_listed(cli_env):
    runner = cli_env
    assert runner.invoke(app, ["init"]).exit_code == 0
    empty = runner.invoke(app, ["teams"])
    assert empty.exit_code == 0 and "nog geen teams" in empty.output

    made = runner.invoke(app, ["team", "Team Oost"])
    assert made.exit_code == 0 and "Nieuw team aangemaakt: 'Team Oost'" in made.output
    again = runner.invoke(app, ["team", "Team Oost"])
    assert again.exit_code == 0 and "bestond al" in again.output
    cohort = runner.invoke(app, ["team", "COMBINE voorjaar", "--cursusgroep"])
    assert cohort.exit_code == 0 and "Nieuwe cursusgroep aangemaakt" in cohort.output

    listed = runner.invoke(app, ["teams"]).output.splitlines()
    assert [line.split(None, 2)[1:] for line in listed] == [
        ["cursusgroep", "COMBINE voorjaar"], ["team", "Team Oost"]]


def test_a_team_name_with_a_phone_number_is_refused_and_nothing_is_made(cli_env):
    runner = cli_env
    runner.invoke(app, ["init"])
    refused = runner.invoke(app, ["team", "Team van 0612345678"])
    assert refused.exit_code == 1 and "persoonsgegevens" in refused.output
    assert "nog geen teams" in runner.invoke(app, ["teams"]).output


def test_an_empty_team_name_gets_a_dutch_message(cli_env):
    runner = cli_env
    runner.invoke(app, ["init"])
    refused = runner.invoke(app, ["team", "  "])
    assert refused.exit_code == 1 and "mag niet leeg zijn" in refused.output
