"""The deployment files in deploy/hub/ agree with each other and with werkboek: the names, ports,
labels and options the Kubernetes route needs to share one privacy scanner. No test runs that
route on Kubernetes (deploy/hub/README.md says so); tests/browser/test_hub.py runs the same
scanner, token and config on one machine with a real JupyterHub."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from urllib.parse import urlsplit

import typer
import yaml
from traitlets.config import PyFileConfigLoader

from benchmarks.hubs import SCANNER_GRANT as FRAGMENT, scanner_grant as fragment
from werkboek.casebook.privacy.hub_access import SERVICE_NAME
from werkboek.cli import _register
from werkboek.cli.app import app
from werkboek.settings import ENV_PREFIX

HUB = Path(__file__).resolve().parent.parent / "deploy" / "hub"
VALUES = HUB / "zero-to-jupyterhub-values.yaml"
MANIFEST = HUB / "kubernetes" / "werkboek-scanner.yaml"


def manifest() -> dict[str, dict]:
    return {doc["kind"]: doc for doc in yaml.safe_load_all(MANIFEST.read_text())}


def scanner_container() -> dict:
    return manifest()["Deployment"]["spec"]["template"]["spec"]["containers"][0]


def test_the_hub_grants_the_token_werkboek_sends_for_the_service_the_scanner_checks():
    granted = fragment()
    assert f"{ENV_PREFIX}SCANNER_TOKEN" == granted.TOKEN_ENV
    assert granted.SCANNER_SERVICE == SERVICE_NAME
    assert f"access:services!service={SERVICE_NAME}" == granted.SCANNER_SCOPE
    env = {item["name"]: item["value"] for item in scanner_container()["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"] == SERVICE_NAME
    assert SERVICE_NAME in yaml.safe_load(VALUES.read_text())["hub"]["services"]


def test_loaded_as_hub_config_the_fragment_gives_every_user_the_scanners_scope():
    config = PyFileConfigLoader(FRAGMENT.name, path=str(HUB)).load_config()
    granted = fragment()
    assert config.Spawner.pre_spawn_hook.__name__ == "grant_scanner_token"
    assert config.Spawner.post_stop_hook.__name__ == "revoke_scanner_token"
    roles = config.JupyterHub.load_roles.get_value([])
    assert roles == [{"name": "user", "scopes": ["self", granted.SCANNER_SCOPE]}]


def test_the_shared_scanner_runs_with_the_hubs_check_on_the_port_its_service_names():
    command = scanner_container()["command"]
    assert command[:2] == ["werkboek", "scanner"]
    # the command line werkboek really accepts, with the hub's check (another address needs it)
    _register()
    options = typer.main.get_command(app).commands["scanner"].make_context(
        "scanner", command[2:]).params
    assert options["hub"] is True and options["host"] != "127.0.0.1"
    service_port = manifest()["Service"]["spec"]["ports"][0]
    assert options["port"] == scanner_container()["ports"][0]["containerPort"]
    assert service_port["targetPort"] == scanner_container()["ports"][0]["name"]

    singleuser = yaml.safe_load(VALUES.read_text())["singleuser"]
    url = urlsplit(singleuser["extraEnv"]["WERKBOEK_SCANNER_URL"])
    assert url.hostname == manifest()["Service"]["metadata"]["name"]
    assert url.port == service_port["port"]


def test_only_users_servers_reach_the_scanner_and_they_may():
    pod_labels = manifest()["Deployment"]["spec"]["template"]["metadata"]["labels"]
    policy = manifest()["NetworkPolicy"]["spec"]
    assert policy["podSelector"]["matchLabels"].items() <= pod_labels.items()
    assert policy["ingress"] == [{"from": [{"podSelector": {"matchLabels": {
        "component": "singleuser-server"}}}], "ports": [{"port": 8867}]}]
    egress = yaml.safe_load(VALUES.read_text())["singleuser"]["networkPolicy"]["egress"]
    to_scanner = [rule for rule in egress if any(
        (peer.get("podSelector") or {}).get("matchLabels", {}).items() <= pod_labels.items()
        and "podSelector" in peer for peer in rule["to"])]
    assert to_scanner and to_scanner[0]["ports"] == [{"port": 8867}]
    assert pod_labels.get("hub.jupyter.org/network-access-hub") == "true"


def test_the_install_command_mounts_the_fragment_where_the_hub_loads_its_config():
    text = VALUES.read_text()
    files = yaml.safe_load(text)["hub"]["extraFiles"]
    (key, mounted), = files.items()
    assert re.match(r"/usr/local/etc/jupyterhub/jupyterhub_config\.d/\w+\.py$",
                    mounted["mountPath"])
    assert f"--set-file hub.extraFiles.{key}.stringData={FRAGMENT.name}" in text


class _Token:
    def __init__(self, note: str):
        self.note = note


class _User:
    """The hub's user of a spawner, as the hooks use it: its tokens in a database."""

    def __init__(self):
        self.api_tokens = [_Token("Server at /user/gw-oost-1/")]
        self.db = self

    def delete(self, token) -> None:
        self.api_tokens.remove(token)

    def commit(self) -> None:
        pass

    def new_api_token(self, *, scopes, note) -> str:
        self.api_tokens.append(_Token(note))
        return f"fictief-token-{len(self.api_tokens)}"


class _Spawner:
    def __init__(self):
        self.user, self.environment, self.ran = _User(), {}, []


def z2jh_config(**earlier) -> dict:
    """The namespace Zero to JupyterHub's jupyterhub_config.py execs jupyterhub_config.d files
    in: ``c`` with what the chart and the organisation set before (hub.loadRoles, …), and the
    chart's own ``get_config(key, default=None)``, which reads Helm values."""
    from traitlets.config import Config

    c = Config()
    c.JupyterHub.load_roles = earlier.pop("roles", [])
    for name, value in earlier.items():
        c.Spawner[name] = value

    def get_config(key, default=None):  # z2jh.get_config
        return default

    return {"c": c, "get_config": get_config}


def exec_as_z2jh(namespace: dict) -> None:
    # as zero-to-jupyterhub-k8s 4.x jupyterhub/files/hub/jupyterhub_config.py does
    exec(compile(source=FRAGMENT.read_text(), filename=FRAGMENT.name, mode="exec"), namespace)


def test_on_zero_to_jupyterhub_the_fragment_loads_and_keeps_the_organisations_role_and_hooks():
    """Zero to JupyterHub execs the fragment inside its own config, whose get_config is the
    chart's; a ``user`` role from hub.loadRoles and hooks set before it must survive (JupyterHub
    refuses a role defined twice, and would refuse to start)."""
    def their_pre_spawn(spawner):
        spawner.ran.append("theirs")
        spawner.environment = {"THEIRS": "1"}  # replaces the environment: the token comes after

    async def their_post_stop(spawner):
        spawner.ran.append(("theirs", [t.note for t in spawner.user.api_tokens]))

    namespace = z2jh_config(roles=[{"name": "user", "scopes": ["self", "shares!user"]}],
                            pre_spawn_hook=their_pre_spawn, post_stop_hook=their_post_stop)
    exec_as_z2jh(namespace)
    c, granted = namespace["c"], fragment()
    assert c.JupyterHub.load_roles == [
        {"name": "user", "scopes": ["self", "shares!user", granted.SCANNER_SCOPE]}]

    spawner = _Spawner()
    asyncio.run(c.Spawner.pre_spawn_hook(spawner))
    assert spawner.ran == ["theirs"]
    assert spawner.environment["THEIRS"] == "1" and spawner.environment[granted.TOKEN_ENV]
    asyncio.run(c.Spawner.post_stop_hook(spawner))
    assert spawner.ran[-1] == ("theirs", ["Server at /user/gw-oost-1/"])  # already revoked


def test_on_zero_to_jupyterhub_without_a_user_role_the_fragment_defines_one():
    namespace = z2jh_config(roles=[{"name": "jupyterhub-idle-culler", "scopes": ["list:users"]}])
    exec_as_z2jh(namespace)
    granted = fragment()
    assert namespace["c"].JupyterHub.load_roles[1:] == [
        {"name": "user", "scopes": ["self", granted.SCANNER_SCOPE]}]
    assert namespace["c"].Spawner.pre_spawn_hook is namespace["grant_scanner_token"]
    assert namespace["c"].Spawner.post_stop_hook is namespace["revoke_scanner_token"]
