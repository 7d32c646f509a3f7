"""JupyterHub for werkboek (Organisatie): the hub signs people in; each user's server is werkboek.

Run it from a folder of its own (the hub keeps its state there) with werkboek installed:

    WERKBOEK_DATABASE_URL=postgresql+psycopg://werkboek@127.0.0.1/werkboek \\
    WERKBOEK_HUB_TRY_PASSWORD='een lange wachtzin om te proberen' \\
        jupyterhub -f /path/to/werkboek/deploy/hub/jupyterhub_config.py

What it sets up (deploy/hub/README.md says more):
- the casebook on PostgreSQL, migrated here, once, when the hub starts (`werkboek init`), never by
  a user's server;
- the privacy scanner as one hub service (deduce loaded once per hub) at WERKBOEK_SCANNER_URL,
  scanning only for users' servers the hub gave a token for it (scanner_token.py);
- each user's server is `werkboek serve --hub`: werkboek's pages, template, pools and culling;
  the hub proves who the visitor is, werkboek asks nothing;
- idle users' servers stopped by jupyterhub-idle-culler (werkboek reports its activity to the hub,
  as jupyterhub-singleuser does).
The places marked "ORGANISATIE" are where an organisation plugs in its own login and spawner.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

c = get_config()  # noqa: F821 (JupyterHub's config loader provides it)

HERE = Path(__file__).resolve().parent
WERKBOEK = shutil.which("werkboek") or str(Path(sys.executable).with_name("werkboek"))
DATABASE_URL = os.environ.get("WERKBOEK_DATABASE_URL", "")
SCANNER_URL = os.environ.get("WERKBOEK_SCANNER_URL") or "http://127.0.0.1:8867"
IDLE_SECONDS = 3600  # a user's server nobody used for an hour is stopped (their work is saved)

if not DATABASE_URL.startswith("postgresql"):
    sys.exit("Zet WERKBOEK_DATABASE_URL op het PostgreSQL-casebook, bijvoorbeeld "
             "postgresql+psycopg://werkboek@127.0.0.1/werkboek.")

# -- the casebook: migrated once, by the hub ---------------------------------------------------
# (The scanner service starts only after this; `werkboek init` scans nothing, so it is not asked for.)
subprocess.run([WERKBOEK, "init"], check=True, env={**os.environ, "WERKBOEK_SCANNER_URL": ""})

# -- who may sign in ---------------------------------------------------------------------------
# Trying it out: one shared password (WERKBOEK_HUB_TRY_PASSWORD) for the fictional users below.
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ.get("WERKBOEK_HUB_TRY_PASSWORD", "")
# ORGANISATIE: your own login instead (pip install oauthenticator==17.4.0), e.g. Microsoft Entra ID:
#   c.JupyterHub.authenticator_class = "azuread"
#   c.AzureAdOAuthenticator.tenant_id = "…"; c.AzureAdOAuthenticator.client_id = "…"
#   c.AzureAdOAuthenticator.client_secret = os.environ["OAUTH_CLIENT_SECRET"]
#   c.AzureAdOAuthenticator.oauth_callback_url = "https://werkboek.example.org/hub/oauth_callback"
#   c.AzureAdOAuthenticator.username_claim = "oid"  # no names or e-mail addresses in the casebook
#   c.AzureAdOAuthenticator.manage_groups = True     # Entra groups become hub groups
#   c.AzureAdOAuthenticator.auth_state_groups_key = "user.groups"
# any OIDC provider: c.JupyterHub.authenticator_class = "generic-oauth" (GenericOAuthenticator);
# LDAP: pip install jupyterhub-ldapauthenticator, c.JupyterHub.authenticator_class = "ldapauthenticator".

# Teams and roles: a hub group "werkboek:<team>:<role>" makes its members members of that team
# with that role (roles: groepswerker, casemanager, kinderwerker, nachtwacht, gedragsdeskundige,
# gespreksleider, teamleider, trainer, deelnemer, beheerder, anders). Without such groups, a
# team's beheerder grants memberships to the hub's user names (`werkboek member add`).
# Fictional users for trying it out; ORGANISATIE: your groups come from your login (manage_groups).
c.JupyterHub.load_groups = {
    "werkboek:Team Oost (fictief):groepswerker": {"users": ["gw-oost-1", "gw-oost-2"]},
    "werkboek:Team Oost (fictief):gespreksleider": {"users": ["gd-oost-1"]},
    "werkboek:Team West (fictief):groepswerker": {"users": ["gw-west-1"]},
}
c.Authenticator.allowed_users = {user for group in c.JupyterHub.load_groups.values()
                                 for user in group["users"]}

# -- the hub's own pages (login, starting, errors) in Dutch -------------------------------------
c.JupyterHub.template_paths = [str(HERE / "templates")]

# -- each user's server: werkboek ---------------------------------------------------------------
# Trying it out on one machine: processes of the hub's own system user (no isolation between
# users' servers). ORGANISATIE: a spawner that isolates them, e.g. SystemdSpawner, DockerSpawner,
# or KubeSpawner (zero-to-jupyterhub-values.yaml).
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(Path.cwd() / "werkplekken" / "{username}")
c.Spawner.cmd = [WERKBOEK, "serve", "--hub"]
c.Spawner.default_url = "/"
c.Spawner.environment = {"WERKBOEK_DATABASE_URL": DATABASE_URL,
                         "WERKBOEK_SCANNER_URL": SCANNER_URL}
c.Spawner.http_timeout = 60  # werkboek answers within seconds; a busy machine may take longer
c.Spawner.start_timeout = 120
c.JupyterHub.shutdown_on_logout = False  # logging out ends access; the culler stops the server

# -- the proxy: configurable-http-proxy (npm), the project-local one when `make hub-proxy` ran --
local_proxy = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
if local_proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(local_proxy)]

# -- services: the privacy scanner (one for every user's pages) and the idle culler ------------
scanner = urlsplit(SCANNER_URL)
c.JupyterHub.services = [
    # No "url": the hub does not route browsers to the scanner; only the pages call it, with the
    # token scanner_token.py gives each user's server (--hub: no token, no scan).
    {"name": "werkboek-scanner",
     "command": [WERKBOEK, "scanner", "--port", str(scanner.port), "--hub"]},
    {"name": "idle-culler",
     "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_SECONDS}"]},
]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]

# -- each user's server gets a token for the scanner, and only for it (after load_roles above) --
load_subconfig(str(HERE / "scanner_token.py"))  # noqa: F821 (JupyterHub's config loader)
