"""The deployment files in deploy/hub/ agree with each other and with werkboek: the names, ports,
labels and options the Kubernetes route needs to share one privacy scanner. No test runs that
route on Kubernetes (deploy/hub/README.md says so); tests/browser/test_hub.py runs the same
scanner, token and config on one machine with a real JupyterHub."""

from __future__ import annotations

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
