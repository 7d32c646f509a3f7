"""A real JupyterHub running werkboek (deploy/hub/jupyterhub_config.py) on loopback, for the hub
test and benchmarks/hub.py: configurable-http-proxy from deploy/hub/node_modules (`make
hub-proxy`), users' servers as local processes, the scanner as a hub service, the casebook on
the PostgreSQL database given. Everything it started is stopped when the block ends.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from benchmarks.served import free_port

ROOT = Path(__file__).resolve().parent.parent
HUB_CONFIG = ROOT / "deploy" / "hub" / "jupyterhub_config.py"
SCANNER_GRANT = HUB_CONFIG.with_name("scanner_token.py")
PROXY = ROOT / "deploy" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "fictief wachtwoord voor de hub-test"  # SharedPasswordAuthenticator: >= 8 characters
ADMIN_PASSWORD = "een langer fictief wachtwoord voor de beheerder van de hub"  # >= 32
START_SECONDS = 180
API_TOKEN = "fictief-token-van-de-test-voor-de-api-van-de-hub"  # the test's own hub service
ACTIVITY_SECONDS = 5  # how often a user's server reports activity in the test (deployed: 300)
# What runs as each user's server: the deployment's `werkboek serve --hub` ("werkboek"), or, for
# benchmarks/hub.py only, the route werkboek did not take (deploy/hub/README.md): JupyterHub's
# own jupyterhub-singleuser with Voilà as its server extension on the same pages, with Voilà's
# defaults (no preheated kernels; enabled by voila's own jupyter_server_config.d/voila.json) and
# the same environment (casebook, scanner).
USER_SERVERS = {
    "werkboek": "",
    "singleuser-voila": (
        f"c.Spawner.cmd = [{str(Path(sys.executable).with_name('jupyterhub-singleuser'))!r}]\n"
        f"c.Spawner.default_url = '/voila/render/Start.ipynb'\n"
        f"c.Spawner.notebook_dir = {str(ROOT / 'notebooks')!r}\n"
        # jupyter_server refuses to run as root without it (this box, CI); werkboek does not ask
        f"c.Spawner.args = {['--allow-root'] if os.geteuid() == 0 else []!r}\n"),
}


@dataclass
class Hub:
    url: str  # the proxy's public address, ending in /
    process: subprocess.Popen
    scanner_url: str
    log: Path

    def user_url(self, user: str, page: str = "Start") -> str:
        return f"{self.url}user/{user}/voila/render/{page}.ipynb"

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def api(self, method: str, path: str, body: dict | None = None) -> dict | None:
        """The hub's REST API (``/hub/api/<path>``) with the test's own service token."""
        request = urllib.request.Request(
            f"{self.url}hub/api/{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {API_TOKEN}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read()
        return json.loads(text) if text else None

    def server(self, user: str) -> dict | None:
        """The hub's model of ``user``'s server (``last_activity``, ``ready``), None when it
        does not run."""
        return (self.api("GET", f"users/{user}") or {}).get("servers", {}).get("")


def scanner_grant():
    """deploy/hub/scanner_token.py as a module: the names of the scanner token the hub grants."""
    spec = importlib.util.spec_from_file_location("scanner_token", SCANNER_GRANT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_config(folder: Path, port: int, groups: dict[str, list[str]], admins: list[str],
                culled: list[str], cull_seconds: int, user_server: str = "werkboek") -> Path:
    """A config that loads the deployment's and changes only what a test must: its ports, its
    fictional users, groups and hub administrators, a token for the test's calls to the hub's
    API. The users in ``culled`` (only they) are culled after ``cull_seconds`` idle; the servers
    then report activity every few seconds, and the hub judges by what they report, not by its
    proxy (looked at only hourly then; deployed every 5 minutes). ``user_server`` names what
    runs as each user's server (``USER_SERVERS``)."""
    config = folder / "hub_test_config.py"
    loaded = {name: {"users": users} for name, users in groups.items()}
    users = sorted({user for members in groups.values() for user in members})
    culling = ""
    if culled:
        scopes = [f"{scope}!user={user}" for user in culled
                  for scope in ("list:users", "read:users:activity", "read:servers",
                                "delete:servers")]
        culling = (
            f"c.JupyterHub.last_activity_interval = 3600\n"
            f"c.Spawner.environment = {{**c.Spawner.environment,\n"
            f"                          'JUPYTERHUB_ACTIVITY_INTERVAL': '{ACTIVITY_SECONDS}'}}\n"
            f"for service in c.JupyterHub.services:\n"
            f"    if service['name'] == 'idle-culler':\n"
            f"        service['command'] = [sys.executable, '-m', 'jupyterhub_idle_culler',\n"
            f"                              '--timeout={cull_seconds}',\n"
            f"                              '--cull-every={max(1, cull_seconds // 3)}']\n"
            f"for role in c.JupyterHub.load_roles:\n"
            f"    if role['name'] == 'idle-culler':\n"
            f"        role['scopes'] = {scopes!r}\n")
    config.write_text(
        f"c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(HUB_CONFIG)!r})  # noqa: F821\n"
        f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}/'\n"
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{free_port()}'\n"
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{free_port()}'\n"
        f"c.JupyterHub.load_groups = {json.dumps(loaded)}\n"
        f"c.Authenticator.allowed_users = set({json.dumps(users)})\n"
        f"c.Authenticator.admin_users = set({json.dumps(admins)})\n"
        f"c.SharedPasswordAuthenticator.admin_password = {ADMIN_PASSWORD!r}\n"
        f"c.JupyterHub.services.append({{'name': 'werkboek-test', 'api_token': {API_TOKEN!r}}})\n"
        f"c.JupyterHub.load_roles.append({{'name': 'werkboek-test', 'services': ['werkboek-test'],\n"
        f"    'scopes': ['admin:users', 'admin:groups', 'admin:servers', 'tokens']}})\n"
        f"import sys\n"
        f"{culling}"
        f"{USER_SERVERS[user_server]}"
    )
    return config


def wait_for(url: str, process: subprocess.Popen, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what}: the hub stopped with exit code {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{what} did not answer within {seconds:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop the hub (which stops the proxy, the services and the users' servers it started),
    then whatever of its process tree is still there, each by its id."""
    try:
        tree = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        tree = []
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    _gone, alive = psutil.wait_procs(tree, timeout=10)
    for leftover in alive:
        leftover.kill()
    psutil.wait_procs(alive, timeout=10)


@contextmanager
def running_hub(database_url: str, folder: Path, groups: dict[str, list[str]], log: Path,
                admins: tuple[str, ...] = (), culled: tuple[str, ...] = (),
                cull_seconds: int = 30, user_server: str = "werkboek") -> Iterator[Hub]:
    """JupyterHub with werkboek, as deploy/hub/ configures it, for ``groups`` of fictional users
    (hub group name -> user names) and hub ``admins``, the idle culler acting on the ``culled``
    users only (after ``cull_seconds``), ``user_server`` as each user's server
    (``USER_SERVERS``); yields when the hub and the scanner answer."""
    if not PROXY.exists():
        raise RuntimeError(f"configurable-http-proxy is missing: run `make hub-proxy` ({PROXY})")
    port = free_port()
    scanner_url = f"http://127.0.0.1:{free_port()}"
    config = test_config(folder, port, groups, list(admins), list(culled), cull_seconds,
                         user_server)
    env = {**os.environ, "WERKBOEK_DATABASE_URL": database_url,
           "WERKBOEK_SCANNER_URL": scanner_url, "WERKBOEK_HUB_TRY_PASSWORD": PASSWORD,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("jupyterhub")), "-f", str(config)],
            cwd=folder, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            hub = Hub(f"http://127.0.0.1:{port}/", process, scanner_url, log)
            wait_for(f"{hub.url}hub/health", process, START_SECONDS, "the hub")
            wait_for(f"{scanner_url}/health", process, START_SECONDS, "the scanner service")
            yield hub
        finally:
            stop(process)


def hub_login(page, hub: Hub, user: str, *, password: str = PASSWORD,
              timeout: float = 180_000) -> None:
    """Log ``user`` in at the hub's login page as a person does; the hub then starts their
    server and their browser lands on werkboek's start page."""
    page.goto(f"{hub.url}hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password)
    page.click("#login_submit")
    page.wait_for_url(f"{hub.url}user/{user}/voila/render/Start.ipynb*", timeout=timeout)
