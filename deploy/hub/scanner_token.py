"""JupyterHub config: each user's server gets a token that opens the shared privacy scanner, and
nothing else.

The scanner (`werkboek scanner --hub`) scans only for a caller whose hub token has the scope
``access:services!service=werkboek-scanner``. When the hub starts someone's server, it makes such
a token for that person (revoking an earlier one) and hands it to the server as
``WERKBOEK_SCANNER_TOKEN``; the page kernels send it with every scan. When the server stops, the
token is revoked. The server's own hub token never reaches the page kernels: this one can only
ask for a scan.

Loaded by jupyterhub_config.py (``load_subconfig``). On Kubernetes (Zero to JupyterHub) the hub
image has no werkboek: mount this file into the hub's ``jupyterhub_config.d`` (see
zero-to-jupyterhub-values.yaml). It needs nothing but JupyterHub.
"""

SCANNER_SERVICE = "werkboek-scanner"
SCANNER_SCOPE = f"access:services!service={SCANNER_SERVICE}"
TOKEN_ENV = "WERKBOEK_SCANNER_TOKEN"
TOKEN_NOTE = "werkboek: privacycontrole"


def revoke_scanner_token(spawner) -> None:
    """Revoke the scanner tokens the hub made for this server's owner."""
    user = spawner.user
    for token in list(user.api_tokens):
        if token.note == TOKEN_NOTE:
            user.db.delete(token)
    user.db.commit()


def grant_scanner_token(spawner) -> None:
    """A new scanner token for the server about to start, in its environment."""
    revoke_scanner_token(spawner)
    token = spawner.user.new_api_token(scopes=[SCANNER_SCOPE], note=TOKEN_NOTE)
    spawner.environment = {**spawner.environment, TOKEN_ENV: token}


if "get_config" in globals():  # loaded as JupyterHub config (not imported by a test)
    c = get_config()  # noqa: F821
    c.Spawner.pre_spawn_hook = grant_scanner_token
    c.Spawner.post_stop_hook = revoke_scanner_token
    # Every user may hold the scanner's scope (a token's scopes never exceed its owner's).
    c.JupyterHub.load_roles.append({"name": "user", "scopes": ["self", SCANNER_SCOPE]})
