"""The case discussion asks `werkboek serve` to have kernels ready for the team about to join.

When a facilitator opens the start form, picks a team, starts or resumes a session, the page asks
for as many preheated kernels of this page as the team has members (people who joined it before,
facilitators included: someone opens the projector too), so the team's phones find one each in the
minutes before they join; when the session closes it gives them back. The server caps the number
and ignores asking outside `werkboek serve` (``werkboek.pool_request``).
"""

from __future__ import annotations

from werkboek.pool_request import MAX_KERNELS, ask_for_kernels

PAGE = "Casusbespreking"
NEW_TEAM_SIZE = 12  # a team nobody joined yet: kernels for a team of usual size


def team_size(cb, viewer, team_id: int | None) -> int:
    """How many people of the team are expected: its members, or NEW_TEAM_SIZE for a new team."""
    if team_id is None:
        return 0
    members = len(cb.members(viewer, team_id))
    return min(members or NEW_TEAM_SIZE, MAX_KERNELS)


def expect_team(cb, viewer, team_id: int | None) -> None:
    """Ask for the kernels of ``viewer``'s team ``team_id`` (in the background; nothing happens
    without the server)."""
    size = team_size(cb, viewer, team_id)
    if size:
        ask_for_kernels(PAGE, size)


def session_over() -> None:
    """Give back what this page asked for."""
    ask_for_kernels(PAGE, 0)
