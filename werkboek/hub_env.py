"""What JupyterHub tells a server it starts, read from the environment (no server code).

The hub's spawner sets ``JUPYTERHUB_*`` for the user's server, and its page kernels inherit them;
the pages only need to know that they run under a hub and where its logout is.
"""

from __future__ import annotations

import os

OWNER_ENV = "JUPYTERHUB_USER"


def in_hub() -> bool:
    """This server (or page kernel) was started by JupyterHub for one of its users."""
    return bool(os.environ.get(OWNER_ENV)) and bool(os.environ.get("JUPYTERHUB_SERVICE_PREFIX"))


def hub_url(path: str) -> str:
    """An address on the hub, e.g. ``hub_url("hub/logout")``."""
    return f"{os.environ.get('JUPYTERHUB_BASE_URL', '/')}{path}"


def hub_logout_url() -> str:
    return hub_url("hub/logout")
