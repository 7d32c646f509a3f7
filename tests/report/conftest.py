"""The report tests use the case-discussion fixtures (team, a running session, page environment)."""

from tests.session.conftest import clock, content, join, lead, pages_env, team  # noqa: F401
