"""The Organisatie mode of `werkboek serve --hub`, without a hub: what the server decides once the
hub has said who the visitor is (the real hub runs in tests/browser/test_hub.py)."""

from __future__ import annotations

import os

import pytest

from werkboek.casebook import Principal
from werkboek.hub_env import in_hub
from werkboek.serving import ServeOptions, ServeRefused, check_options, is_personal
from werkboek.signin.gate import Gate
from werkboek.signin.hub import HubIdentity, hub_address

OOST = "werkboek:Team Oost (fictief):groepswerker"
OOST_LEAD = "werkboek:Team Oost (fictief):gespreksleider"


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
