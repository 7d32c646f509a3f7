"""A team's beheerder manages its members on the Casebook page; nobody else sees that section."""

from __future__ import annotations

import re

from tests.signin import server_view
from werkboek.ui.casebook_view.members import MembersPanel
from werkboek.ui.pages.casebook import TeamCasebook


def test_a_beheerder_adds_a_member_whose_invite_link_lets_them_sign_in(casebook):
    team = casebook.create_team("Team Oost (fictief)")
    admin = casebook.viewer_for(casebook.join_team(team.id, "Beheer-9", "beheerder").id)
    panel = MembersPanel(casebook, admin, team.id)
    panel.name.value = "GW-7"
    panel.role.value = "nachtwacht"
    panel.add()

    token = re.search(r"/werkboek/uitnodiging/([\w-]+)", panel.message.value).group(1)
    assert "GW-7" in panel.list.value and "Nachtwacht" in panel.list.value
    _, login = casebook.accept_invite(token, "een wachtzin van mezelf")
    member_view = casebook.viewer(_principal(login), team.id)
    assert member_view.role_in(team.id) == "nachtwacht"

    panel.role.value = "gespreksleider"
    panel.set_role()
    assert "Gespreksleider" in panel.list.value
    panel.remove()
    assert "GW-7" not in panel.list.value


def test_only_a_beheerder_gets_the_members_section_and_a_forged_one_changes_nothing(casebook):
    team = casebook.create_team("Team West (fictief)")
    worker = casebook.viewer_for(casebook.join_team(team.id, "GW-8", "groepswerker").id)
    page = TeamCasebook(casebook, _content(), worker, casebook.team(team.id))
    assert "members" not in page.boxes
    panel = MembersPanel(casebook, worker, team.id)  # as if a page showed it anyway
    panel.name.value = "GW-99"
    panel.add()
    assert "beheerder" in panel.message.value
    assert [m.pseudonym for m in casebook.members(server_view(casebook), team.id)] == ["GW-8"]


def _principal(login):
    from werkboek.casebook import Principal

    return Principal(login_id=login.id)


def _content():
    from werkboek.content import load_content

    return load_content()
