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

Executed inside the config (Zero to JupyterHub's jupyterhub_config.d), it adds to what was set
before it rather than replacing it: the scope goes into a ``user`` role defined earlier (e.g.
``hub.loadRoles.user``; JupyterHub refuses to start with a role defined twice), and a
``pre_spawn_hook`` or ``post_stop_hook`` set earlier still runs. Loaded with ``load_subconfig`` it
sees nothing set before it. Config that comes *after* it (``hub.extraConfig``, or lines below the
``load_subconfig``) must add to the ``user`` role and chain its hooks with ``in_order`` too;
otherwise the hub will not start, or the scanner refuses every server.
"""

import inspect

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


def add_scanner_scope(roles) -> None:
    """Every user may hold the scanner's scope (a token's scopes never exceed its owner's): added
    to a ``user`` role ``roles`` already has, else in a ``user`` role of its own (JupyterHub
    completes it from its default role)."""
    for role in roles if isinstance(roles, list) else ():
        if role.get("name") == "user":
            scopes = list(role.get("scopes", ["self"]))
            role["scopes"] = scopes if SCANNER_SCOPE in scopes else [*scopes, SCANNER_SCOPE]
            return
    roles.append({"name": "user", "scopes": ["self", SCANNER_SCOPE]})


def in_order(*hooks):
    """One spawner hook that runs ``hooks`` (None: left out) one after the other."""
    hooks = [hook for hook in hooks if hook is not None]
    if len(hooks) == 1:
        return hooks[0]

    async def run_all(spawner):
        for hook in hooks:
            result = hook(spawner)
            if inspect.isawaitable(result):
                await result

    return run_all


# JupyterHub's loader (load_subconfig) and Zero to JupyterHub's (which execs every file in
# jupyterhub_config.d inside its own config, where get_config is the chart's, reading Helm
# values) both give this file the config as ``c``. A test that imports the file has none.
if "c" in globals():
    _spawner = c.Spawner  # noqa: F821
    # The server's environment is complete once earlier hooks ran; the token goes first when
    # the server has stopped.
    _spawner.pre_spawn_hook = in_order(_spawner.get("pre_spawn_hook"), grant_scanner_token)
    _spawner.post_stop_hook = in_order(revoke_scanner_token, _spawner.get("post_stop_hook"))
    add_scanner_scope(c.JupyterHub.load_roles)  # noqa: F821
