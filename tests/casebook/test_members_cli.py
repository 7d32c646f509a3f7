"""`werkboek member add|list|role|reset|remove` and `werkboek audit`: the server's beheerder grants
membership and roles, hands out one-time invite links and ends access; the audit trail says who
did what, never what anyone wrote."""

from __future__ import annotations

import re

import pytest

from werkboek.casebook import NotAllowed, Principal, base as store_base, open_casebook
from werkboek.casebook.accounts import SignInFailed
from werkboek.cli.app import app

TEAM = "Team Oost (fictief)"
PASSPHRASE = "koffie na de nachtdienst"
LINK = re.compile(r"(\S+)/werkboek/uitnodiging/(\S+)")


@pytest.fixture
def runner(cli_env, monkeypatch):
    monkeypatch.setattr(store_base, "LOGIN_RECHECK", 0.0)
    assert cli_env.invoke(app, ["init"]).exit_code == 0
    assert cli_env.invoke(app, ["team", TEAM]).exit_code == 0
    return cli_env


def invoke(runner, *args: str, code: int = 0) -> str:
    done = runner.invoke(app, list(args))
    assert done.exit_code == code, done.output
    return done.output


def invite_of(output: str) -> tuple[str, str]:
    """(address, token) of the invite link in ``output``."""
    [(address, token)] = LINK.findall(output)
    return address, token


def test_member_add_prints_a_one_time_link_whose_token_chooses_the_passphrase(runner):
    output = invoke(runner, "member", "add", TEAM, "GW-2", "--role", "groepswerker")
    assert "GW-2 is lid van 'Team Oost (fictief)' als Groepswerker." in output
    address, token = invite_of(output)
    assert address == "http://127.0.0.1:8866" and "7 dagen geldig" in output
    cb = open_casebook()
    assert cb.invite_name(token) == "GW-2"
    _browser, login = cb.accept_invite(token, PASSPHRASE)
    team_id = cb.teams()[0].id
    assert cb.viewer(Principal(login_id=login.id), team_id).role_in(team_id) == "groepswerker"
    cb.sign_in("GW-2", PASSPHRASE)
    with pytest.raises(SignInFailed):
        cb.accept_invite(token, PASSPHRASE)  # once only

    output = invoke(runner, "member", "add", TEAM, "GW-3", "--role", "nachtwacht",
                    "--adres", "https://werkboek.example.org/")
    assert invite_of(output)[0] == "https://werkboek.example.org"


def test_member_add_refuses_in_dutch_and_adds_nobody(runner):
    refused = invoke(runner, "member", "add", "Team Nergens", "GW-2", "--role", "groepswerker",
                     code=1)
    assert "Er is geen team of cursusgroep 'Team Nergens'" in refused
    assert "Onbekende rol 'baas'" in invoke(runner, "member", "add", TEAM, "GW-2", "--role",
                                            "baas", code=1)
    assert "lijkt een echte naam" in invoke(runner, "member", "add", TEAM, "Fatima de Vries",
                                            "--role", "groepswerker", code=1)
    assert "nog geen leden" in invoke(runner, "member", "list", TEAM)


def test_member_list_shows_the_role_and_whether_a_passphrase_was_chosen(runner):
    _address, token = invite_of(invoke(runner, "member", "add", TEAM, "GW-2", "--role",
                                       "groepswerker"))
    invoke(runner, "member", "add", TEAM, "CM-1", "--role", "casemanager")
    lines = invoke(runner, "member", "list", TEAM).splitlines()
    assert [line.split() for line in lines] == [
        ["CM-1", "Caseworker", "nog", "niet", "aangemeld", "(uitnodiging)"],
        ["GW-2", "Groepswerker", "nog", "niet", "aangemeld", "(uitnodiging)"]]
    open_casebook().accept_invite(token, PASSPHRASE)
    invoke(runner, "member", "role", TEAM, "GW-2", "beheerder")
    listed = invoke(runner, "member", "list", TEAM)
    assert re.search(r"GW-2\s+Beheerder\s+wachtzin gekozen", listed)
    assert "nog niet aangemeld" in listed  # CM-1 still


def test_member_role_changes_the_granted_role(runner):
    _address, token = invite_of(invoke(runner, "member", "add", TEAM, "GW-2", "--role",
                                       "groepswerker"))
    output = invoke(runner, "member", "role", TEAM, "GW-2", "gespreksleider")
    assert "GW-2 is nu Gespreksleider in 'Team Oost (fictief)'." in output
    cb = open_casebook()
    _browser, login = cb.accept_invite(token, PASSPHRASE)
    team_id = cb.teams()[0].id
    assert cb.viewer(Principal(login_id=login.id)).role_in(team_id) == "gespreksleider"
    assert "Onbekende rol" in invoke(runner, "member", "role", TEAM, "GW-2", "baas", code=1)
    assert "bestaat niet" in invoke(runner, "member", "role", TEAM, "GW-99", "trainer", code=1)


def test_member_add_of_someone_with_a_passphrase_hands_out_no_link(runner):
    _address, token = invite_of(invoke(runner, "member", "add", TEAM, "GW-2", "--role",
                                       "groepswerker"))
    open_casebook().accept_invite(token, PASSPHRASE)
    invoke(runner, "team", "Team West (fictief)")
    output = invoke(runner, "member", "add", "Team West (fictief)", "gw-2", "--role", "casemanager")
    assert "GW-2 is lid van 'Team West (fictief)' als Caseworker." in output
    assert "heeft al een wachtzin" in output and not LINK.search(output)
    open_casebook().sign_in("GW-2", PASSPHRASE)  # the passphrase still works


def test_member_reset_gives_a_new_link_and_ends_the_old_passphrase_and_sign_ins(runner):
    _address, token = invite_of(invoke(runner, "member", "add", TEAM, "GW-2", "--role",
                                       "groepswerker"))
    cb = open_casebook()
    browser, _login = cb.accept_invite(token, PASSPHRASE)
    output = invoke(runner, "member", "reset", TEAM, "GW-2")
    assert "De wachtzin van GW-2 is vervallen; overal afgemeld." in output
    _address, fresh = invite_of(output)
    assert fresh != token and cb.login_by_token(browser) is None
    with pytest.raises(SignInFailed):
        cb.sign_in("GW-2", PASSPHRASE)
    cb.accept_invite(fresh, "een nieuwe wachtzin van mij")
    assert "bestaat niet" in invoke(runner, "member", "reset", TEAM, "GW-99", code=1)


def test_member_remove_ends_access_at_once_but_keeps_what_was_written(runner):
    _address, token = invite_of(invoke(runner, "member", "add", TEAM, "GW-2", "--role",
                                       "groepswerker"))
    cb = open_casebook()
    browser, login = cb.accept_invite(token, PASSPHRASE)
    team_id = cb.teams()[0].id
    viewer = cb.viewer(Principal(login_id=login.id), team_id)  # an open page
    cb.save_entry(viewer, kind="text", text="Gedeeld met het team (fictief).", visibility="team",
                  final=True)
    output = invoke(runner, "member", "remove", TEAM, "GW-2")
    assert "GW-2 is geen lid meer van 'Team Oost (fictief)'" in output
    assert cb.login_by_token(browser) is None
    with pytest.raises(NotAllowed):
        cb.entries(viewer)
    with pytest.raises(NotAllowed):
        cb.viewer(Principal(login_id=login.id))
    assert "nog geen leden" in invoke(runner, "member", "list", TEAM)
    assert [e.author for e in cb.entries(cb.system_viewer({team_id}))] == ["GW-2"]


def test_audit_lists_who_did_what_and_never_what_was_written(runner):
    _address, token = invite_of(invoke(runner, "member", "add", TEAM, "GW-2", "--role",
                                       "groepswerker"))
    cb = open_casebook()
    _browser, login = cb.accept_invite(token, PASSPHRASE)
    cb.sign_in("GW-2", PASSPHRASE)
    with pytest.raises(SignInFailed):
        cb.sign_in("GW-2", "niet mijn wachtzin hoor")
    secret = "Een geheime gedachte over de nachtdienst (fictief)."
    cb.save_entry(cb.viewer(Principal(login_id=login.id)), kind="text", text=secret,
                  visibility="team", final=True)
    invoke(runner, "member", "role", TEAM, "GW-2", "casemanager")
    invoke(runner, "member", "reset", TEAM, "GW-2")
    invoke(runner, "member", "remove", TEAM, "GW-2")
    output = invoke(runner, "audit")
    events = [line.split()[3] for line in output.splitlines()]
    assert events == ["invite", "invite_accepted", "sign_in", "sign_in_failed", "finalise",
                      "role:casemanager", "reset", "remove"]
    assert re.match(r"\d\d-\d\d-\d{4} \d\d:\d\d  server  invite\s+account \d+$",
                    output.splitlines()[0])
    for never in (secret, "geheime", PASSPHRASE, token, "GW-2"):
        assert never not in output
    assert invoke(runner, "audit", "--since", "1").splitlines() == output.splitlines()


def test_every_role_a_beheerder_can_grant_has_a_dutch_label():
    from werkboek.vocab import ROLES, role_label

    labels = [role_label(role) for role in ROLES]
    assert all(label[0].isupper() for label in labels), labels
    assert len(set(labels)) == len(ROLES)
