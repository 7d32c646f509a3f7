"""The Organisatie mode of `werkboek serve --hub`, without a hub: what the server decides once the
hub has said who the visitor is (the real hub runs in tests/browser/test_hub.py)."""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Clock
from werkboek.casebook import Principal, schema
from werkboek.hub_env import in_hub
from werkboek.serving import ServeOptions, ServeRefused, check_options, is_personal
from werkboek.signin.gate import Gate
from werkboek.signin.hub import HubIdentity, hub_address, watched

OOST = "werkboek:Team Oost (fictief):groepswerker"
OOST_LEAD = "werkboek:Team Oost (fictief):gespreksleider"
HOUR = 3600
OWNER = {"name": "gw-oost-1", "kind": "user", "groups": [OOST]}  # the hub's model of the owner


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The server's and the casebook's time together, moved by hand."""
    clock = Clock(float(int(time.time())))
    monkeypatch.setattr(schema, "utcnow", lambda: datetime.fromtimestamp(clock(), UTC))
    return clock


def test_without_the_hubs_environment_serve_hub_refuses_in_dutch(monkeypatch):
    for name in ("JUPYTERHUB_USER", "JUPYTERHUB_SERVICE_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    assert not in_hub()
    with pytest.raises(ServeRefused, match="alleen als JupyterHub werkboek start"):
        check_options(ServeOptions(hub=True))


def test_under_the_hub_no_page_is_personal_and_nobody_is_a_guest(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:43210/user/gw-oost-1/")
    options = ServeOptions(hub=True).model_copy(update=hub_address())
    assert (options.ip, options.port) == ("127.0.0.1", 43210)
    assert not is_personal(options)
    gate = Gate(personal=is_personal(options), secure=False, open_casebook=lambda: None,
                hub=HubIdentity(owner="gw-oost-1", auth=None))
    assert gate.needs_sign_in("Mijn-reflecties") and gate.needs_sign_in("Start")
    assert not gate.guests_welcome("Casusbespreking", "ABC123")


def test_the_owner_keeps_one_sign_in_while_their_hub_groups_change(casebook):
    """The memberships follow the hub's groups; the sign-in (which the owner's kernels were
    claimed by) stays the same."""
    identity = HubIdentity(owner="gw-oost-1", auth=None)
    model = {"name": "gw-oost-1", "kind": "user", "groups": [OOST, "personeel"]}
    first = identity.login(model, casebook)
    assert identity.login(model, casebook) == first
    changed = identity.login({**model, "groups": [OOST_LEAD]}, casebook)
    assert changed.id == first.id and changed.account_name == "gw-oost-1"
    viewer = casebook.viewer(Principal(login_id=changed.id))
    assert [role for _team, role in viewer.roles] == ["gespreksleider"]
    left = identity.login({**model, "groups": ["personeel"]}, casebook)
    assert left.id == first.id and not casebook.viewer(Principal(login_id=left.id)).team_ids
    events = [row["event"] for row in casebook.audit_log()]
    assert events.count("hub_sign_in") == 1 and "hub_leave" in events


class FakeHubAuth:
    """The hub's answer about the browser behind an open page: always the same user."""

    def __init__(self, model: dict):
        self.model = model

    def get_token(self, handler) -> str:
        return "fictief-hub-cookie"

    def get_session_id(self, handler) -> str:
        return ""

    async def user_for_token(self, token, session_id="", sync=True) -> dict:
        return self.model


class OpenPage:
    """A kernel websocket of an open page, as ``watched`` wraps it (nothing sent or received)."""

    ws_connection = object()

    def __init__(self, gate: Gate):
        self.settings = {"werkboek_gate": gate}


def test_a_page_left_open_through_a_night_shift_keeps_working(casebook, clock):
    """No page request all night, only the open page asking the hub every few seconds: after
    13 hours its sign-in (which its kernel was claimed by) still opens the casebook."""
    identity = HubIdentity(owner="gw-oost-1", auth=FakeHubAuth(OWNER), clock=clock)
    gate = Gate(personal=False, secure=False, open_casebook=lambda: casebook, hub=identity)
    first = identity.login(OWNER, casebook)  # the page's request
    token = identity.token
    page = watched(OpenPage)(gate)
    for _hour in range(13):
        clock.advance(HOUR)
        assert asyncio.run(page._check_signed_in())
    assert identity.token == token and casebook.login_by_token(token).id == first.id
    assert casebook.viewer(Principal(login_id=first.id)).team_ids
    assert [row["event"] for row in casebook.audit_log()].count("hub_sign_in") == 1


def test_the_hub_sign_in_is_renewed_at_most_once_an_hour(casebook, clock):
    """Every page request proves the owner again, but their sign-in is written only when an
    hour has passed since it was made or last renewed."""
    identity = HubIdentity(owner="gw-oost-1", auth=None, clock=clock)
    first = identity.login(OWNER, casebook)
    clock.advance(HOUR - 60)
    assert not identity.renewal_due()
    assert identity.login(OWNER, casebook).expires_at == first.expires_at
    clock.advance(60)
    assert identity.renewal_due()
    renewed = identity.login(OWNER, casebook)
    assert renewed.id == first.id and renewed.expires_at == first.expires_at + timedelta(hours=1)
    assert not identity.renewal_due()


def test_a_hub_sign_in_that_ended_is_not_renewed_but_replaced(casebook, clock):
    """Signed out (or erased) in the casebook: the old sign-in stays ended, its pages stop; the
    hub's next proof of the owner makes a new one."""
    identity = HubIdentity(owner="gw-oost-1", auth=None, clock=clock)
    first = identity.login(OWNER, casebook)
    old_token = identity.token
    casebook.end_login_by_token(old_token)
    clock.advance(2 * HOUR)
    again = identity.login(OWNER, casebook)
    assert again.id != first.id and identity.token != old_token
    assert casebook.login_by_token(old_token) is None


def test_page_kernels_do_not_inherit_the_servers_hub_token(monkeypatch):
    """The hub gives this server a token for its API; the server keeps it to itself, so a page
    kernel (started with the server's environment) has none."""
    from jupyterhub.services.auth import HubOAuth

    hub_env = {"JUPYTERHUB_USER": "gw-oost-1", "JUPYTERHUB_API_TOKEN": "fictief-token",
               "JUPYTERHUB_CLIENT_ID": "jupyterhub-user-gw-oost-1",
               "JUPYTERHUB_SERVICE_PREFIX": "/user/gw-oost-1/",
               "JUPYTERHUB_API_URL": "http://127.0.0.1:8081/hub/api"}
    for name, value in hub_env.items():
        monkeypatch.setenv(name, value)
    HubOAuth.clear_instance()
    try:
        identity = HubIdentity.from_environment()
        assert identity.owner == "gw-oost-1" and identity.auth.api_token == "fictief-token"
        assert "JUPYTERHUB_API_TOKEN" not in os.environ
        assert in_hub()  # the pages still know they are under a hub
    finally:
        HubOAuth.clear_instance()


def test_the_servers_activity_reaches_the_hub_as_singleuser_sends_it(monkeypatch):
    """A fake of the hub's activity API (``POST /hub/api/users/{name}/activity``): the report
    carries the server's token and the last activity, once per new activity."""
    import asyncio
    import json

    import tornado.web

    from benchmarks.served import free_port
    from werkboek.signin.hub import HubActivity

    received = []

    class FakeActivityAPI(tornado.web.RequestHandler):
        def post(self, name):
            received.append((name, self.request.headers["Authorization"],
                             json.loads(self.request.body)))
            self.set_status(204)

    async def scenario():
        port = free_port()
        server = tornado.web.Application([(r"/hub/api/users/([^/]+)/activity",
                                           FakeActivityAPI)]).listen(port, "127.0.0.1")
        monkeypatch.setenv("JUPYTERHUB_ACTIVITY_URL",
                           f"http://127.0.0.1:{port}/hub/api/users/gw-oost-1/activity")
        monkeypatch.setenv("JUPYTERHUB_ACTIVITY_INTERVAL", "7")
        activity = HubActivity.from_environment("fictief-token")
        try:
            assert activity.interval == 7
            assert not await activity.report()  # nothing happened yet: nothing to say
            activity.touch()
            assert await activity.report()
            assert not await activity.report()  # nothing new since
            activity.touch()
            assert await activity.report()
        finally:
            server.stop()
        return activity

    activity = asyncio.run(scenario())
    assert len(received) == 2
    name, authorization, body = received[-1]
    assert (name, authorization) == ("gw-oost-1", "token fictief-token")
    assert body["servers"][""]["last_activity"] == body["last_activity"]
    assert body["last_activity"] == activity.last.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
