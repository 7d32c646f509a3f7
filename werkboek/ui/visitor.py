"""Who this page's visitor is: the principal the server proved, as this page kernel received it.

The server (``werkboek.signin``) sends it with the visit as a signed grant; a page never asks
for a name to decide who someone is. ``viewer`` and ``personal_viewer`` are the only ways a page
gets a viewer: the store makes it from the principal and refuses what that person may not do.
"""

from __future__ import annotations

from werkboek.casebook import grants
from werkboek.casebook.records import Principal, Viewer
from werkboek.ui.handshake import visit_parameters


def principal() -> Principal:
    visit_parameters()  # a preheated kernel learns its visit (and its grant) here
    return grants.from_environment()


def viewer(cb, team_id: int | None = None) -> Viewer:
    """The visitor acting in ``team_id`` (their first team when None); NotAllowed when they are
    not signed in or not a member there."""
    return cb.viewer(principal(), team_id)


def personal_viewer(cb) -> Viewer:
    """The visitor's own journal: the laptop owner's on loopback, else the signed-in account's."""
    return cb.personal_viewer(principal())


def my_identities(cb, principal: Principal) -> list[tuple]:
    """(viewer, team) for my own journal (the laptop owner's on loopback, else the signed-in
    account's; team None) and for each team or course group I am in."""
    identities = [(cb.personal_viewer(principal), None)]
    if principal.login_id is not None:
        mine = cb.viewer(principal)
        teams = {team.id: team for team in cb.teams()}
        identities += [(cb.viewer(principal, team_id), teams[team_id])
                       for team_id in sorted(mine.team_ids | mine.cohort_ids)]
    return identities


def signed_in() -> bool:
    return principal().login_id is not None
