"""Accounts the hub proved (Organisatie): the hub's user is an account of the same name, its
teams and roles come from the hub's werkboek groups or from a beheerder, it never opens with a
passphrase, and only its live hub sign-in is renewed when the hub proves it again. On SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from werkboek.casebook import NotAllowed, Principal, passphrases, schema as t
from werkboek.casebook.accounts import LOGIN_HOURS, SignInFailed
from werkboek.casebook.hub import memberships_from_groups

OOST = "Team Oost (fictief)"
WEST = "Team West (fictief)"


def test_only_werkboek_groups_with_a_known_role_grant_anything():
    groups = [f"werkboek:{OOST}:groepswerker", "werkboek:Team Zuid:koning", "personeel",
              "werkboek::beheerder", f"werkboek:{WEST}:gespreksleider"]
    assert memberships_from_groups(groups) == {OOST: "groepswerker", WEST: "gespreksleider"}


def test_a_hub_user_acts_in_the_teams_its_groups_name(casebook):
    _token, login = casebook.hub_sign_in("gw-oost-1", [f"werkboek:{OOST}:groepswerker"])
    viewer = casebook.viewer(Principal(login_id=login.id))
    oost = next(team for team in casebook.teams() if team.name == OOST)
    assert viewer.team_ids == {oost.id}
    assert viewer.roles == ((oost.id, "groepswerker"),)
    assert login.account_name == "gw-oost-1"


def test_a_hub_user_is_not_let_into_another_team(casebook):
    casebook.hub_sign_in("gw-west-1", [f"werkboek:{WEST}:groepswerker"])
    _token, login = casebook.hub_sign_in("gw-oost-1", [f"werkboek:{OOST}:groepswerker"])
    west = next(team for team in casebook.teams() if team.name == WEST)
    with pytest.raises(NotAllowed):
        casebook.viewer(Principal(login_id=login.id), west.id)


def test_the_role_follows_the_hub_group_and_the_change_is_audited(casebook):
    casebook.hub_sign_in("gd-oost-1", [f"werkboek:{OOST}:groepswerker"])
    _token, login = casebook.hub_sign_in("gd-oost-1", [f"werkboek:{OOST}:gespreksleider"])
    viewer = casebook.viewer(Principal(login_id=login.id))
    assert [role for _team, role in viewer.roles] == ["gespreksleider"]
    events = [row["event"] for row in casebook.audit_log()]
    assert events.count("hub_sign_in") == 2 and "role:gespreksleider" in events


def test_a_beheerders_grant_to_the_hub_name_is_what_the_hub_user_gets(casebook):
    team = casebook.create_team(WEST)
    casebook.add_member(team.id, "cm-west-1", "casemanager")
    _token, login = casebook.hub_sign_in("CM-West-1", groups=["personeel"])
    viewer = casebook.viewer(Principal(login_id=login.id))
    assert viewer.roles == ((team.id, "casemanager"),)


def test_a_hub_account_cannot_be_opened_with_werkboeks_own_sign_in(casebook):
    casebook.hub_sign_in("gw-oost-2", [f"werkboek:{OOST}:groepswerker"])
    with pytest.raises(SignInFailed):
        casebook.sign_in("gw-oost-2", "")
    with pytest.raises(SignInFailed):
        casebook.sign_in("gw-oost-2", "een wachtzin die iemand raadt")


def test_a_team_name_from_the_hub_that_looks_like_a_name_is_let_in_and_audited(casebook):
    _token, login = casebook.hub_sign_in("gw-bench-1", ["werkboek:Team Bench (fictief):groepswerker"])
    assert casebook.viewer(Principal(login_id=login.id)).team_ids
    assert "fictional_text" in [row["event"] for row in casebook.audit_log()]


def _team_names(casebook, login) -> set[str]:
    viewer = casebook.viewer(Principal(login_id=login.id))
    return {team.name for team in casebook.teams() if team.id in viewer.team_ids}


def test_leaving_the_hub_group_ends_the_membership_and_coming_back_restores_it(casebook):
    both = [f"werkboek:{OOST}:groepswerker", f"werkboek:{WEST}:groepswerker"]
    _token, login = casebook.hub_sign_in("gw-oost-1", both)
    west = next(team for team in casebook.teams() if team.name == WEST)
    written = casebook.save_entry(casebook.viewer(Principal(login_id=login.id), west.id),
                                  kind="text", text="Een antwoord van vroeger (fictief)",
                                  privacy="fictional")

    _token, after = casebook.hub_sign_in("gw-oost-1", [f"werkboek:{OOST}:groepswerker"])
    assert _team_names(casebook, after) == {OOST}
    assert _team_names(casebook, login) == {OOST}  # a page opened before: the same account
    with pytest.raises(NotAllowed):
        casebook.viewer(Principal(login_id=after.id), west.id)
    assert "hub_leave" in [row["event"] for row in casebook.audit_log()]

    _token, back = casebook.hub_sign_in("gw-oost-1", [f"werkboek:{WEST}:gespreksleider"])
    assert _team_names(casebook, back) == {WEST}
    viewer = casebook.viewer(Principal(login_id=back.id), west.id)
    assert viewer.roles == ((west.id, "gespreksleider"),)
    assert viewer.member_id == written.author_id  # their old membership, with what they wrote
    assert [entry.id for entry in casebook.entries(viewer)] == [written.id]


def test_a_beheerders_grant_stays_when_the_hub_group_goes(casebook):
    oost = casebook.create_team(OOST)
    casebook.add_member(oost.id, "gw-oost-1", "groepswerker")  # the beheerder first
    casebook.hub_sign_in("gw-oost-1", [f"werkboek:{OOST}:groepswerker"])
    casebook.hub_sign_in("gw-oost-2", [f"werkboek:{OOST}:groepswerker"])
    casebook.add_member(oost.id, "gw-oost-2", "groepswerker")  # the hub first, then the beheerder
    for name in ("gw-oost-1", "gw-oost-2"):
        _token, login = casebook.hub_sign_in(name, ["personeel"])
        assert _team_names(casebook, login) == {OOST}, name
    assert "hub_leave" not in [row["event"] for row in casebook.audit_log()]


def test_the_group_cannot_hand_over_a_name_someone_else_wrote_under(casebook):
    """A beheerder's former member of the team wrote as "gw-oost-1"; a hub user of that name is
    not given their writing: that one team is left out (audited), the rest opens."""
    oost = casebook.create_team(OOST)
    casebook.add_member(oost.id, "gw-oost-1", "groepswerker")
    casebook.remove_member(oost.id, "gw-oost-1")
    _token, login = casebook.hub_sign_in(
        "gw-oost-1", [f"werkboek:{OOST}:groepswerker", f"werkboek:{WEST}:groepswerker"])
    assert _team_names(casebook, login) == {WEST}
    assert "hub_grant_refused" in [row["event"] for row in casebook.audit_log()]


def test_a_kept_sign_in_must_be_the_same_accounts_and_live(casebook):
    token, login = casebook.hub_sign_in("gw-oost-1", [f"werkboek:{OOST}:groepswerker"])
    assert casebook.hub_sign_in("gw-oost-1", [], keep=token) == (token, login)
    other_token, other = casebook.hub_sign_in("gw-oost-2", [], keep=token)
    assert other_token != token and other.account_name == "gw-oost-2"
    casebook.end_login_by_token(token)
    renewed, again = casebook.hub_sign_in("gw-oost-1", [], keep=token)
    assert renewed != token and again.id != login.id


def _ends_in(casebook, token: str, left: timedelta) -> None:
    """Let the sign-in ``token`` run out ``left`` from now, as if its hours had passed."""
    with casebook.engine.begin() as conn:
        conn.execute(t.logins.update().where(t.logins.c.token_digest == passphrases.digest(token))
                     .values(expires_at=t.utcnow() + left))


def _expiry(casebook, token: str):
    with casebook.engine.connect() as conn:
        return conn.execute(sa.select(t.logins.c.expires_at).where(
            t.logins.c.token_digest == passphrases.digest(token))).scalar_one()


def test_a_hub_sign_in_near_its_end_gets_twelve_hours_again(casebook):
    token, login = casebook.hub_sign_in("gw-oost-1", [f"werkboek:{OOST}:groepswerker"])
    _ends_in(casebook, token, timedelta(minutes=5))
    renewed = casebook.renew_hub_login("gw-oost-1", token)
    assert renewed.id == login.id
    assert renewed.expires_at - t.utcnow() > timedelta(hours=LOGIN_HOURS) - timedelta(minutes=1)
    assert casebook.login_by_token(token) == renewed
    assert casebook.viewer(Principal(login_id=login.id)).team_ids  # its pages keep working


def test_an_ended_expired_foreign_or_passphrase_sign_in_is_not_renewed(casebook):
    """Only the hub's own, still live sign-in of that account: a signed-out or erased one stays
    ended, and a passphrase sign-in keeps its own lifetime."""
    ended, _login = casebook.hub_sign_in("gw-oost-1", [f"werkboek:{OOST}:groepswerker"])
    casebook.end_login_by_token(ended)
    expired, _login = casebook.hub_sign_in("gw-oost-1", [f"werkboek:{OOST}:groepswerker"])
    foreign, _login = casebook.hub_sign_in("gw-oost-2", [f"werkboek:{OOST}:groepswerker"])
    west = casebook.create_team(WEST)  # a beheerder also gave gw-oost-1 a passphrase
    _member, invite = casebook.add_member(west.id, "gw-oost-1", "groepswerker")
    with_passphrase, _login = casebook.accept_invite(invite, "de kat slaapt op de vensterbank")
    near_end = (ended, foreign, with_passphrase)
    for token in near_end:
        _ends_in(casebook, token, timedelta(minutes=5))
    _ends_in(casebook, expired, -timedelta(minutes=1))
    for token in (*near_end, expired):
        before = _expiry(casebook, token)
        assert casebook.renew_hub_login("gw-oost-1", token) is None
        assert _expiry(casebook, token) == before
    assert casebook.login_by_token(ended) is None and casebook.login_by_token(expired) is None
    assert casebook.renew_hub_login("gw-oost-2", foreign) is not None  # its own account's
