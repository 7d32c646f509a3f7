"""The Voilà kernel handshake: who visits this kernel, and what it does before they arrive.

A preheated kernel runs a page's imports before anyone visits, then waits for Voilà to hand it a
visitor (``visit_parameters``: their query string, and with it the server's signed grant of who
they are). Before that, ``warm_up`` does what does not depend on the visit, so the visit itself
only reads today's data and makes widgets.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable

from werkboek import markup
from werkboek.casebook import grants
from werkboek.ui.guard import install_scanner_notice

log = logging.getLogger("werkboek.ui")


@functools.cache
def visit_parameters() -> dict[str, str]:
    """The query parameters of this visit (``?code=…&view=…``), read once per kernel.

    A preheated kernel has run its imports before anyone visits and then waits for the
    visitor's request (``_wait_for_visitor``). Asking twice would wait for a second visitor,
    hence the cache. Outside a preheated Voilà kernel it reads ``QUERY_STRING`` at once.
    """
    from urllib.parse import parse_qs

    query = _wait_for_visitor() if os.environ.get("VOILA_PREHEAT") == "True" else ""
    query = query or os.environ.get("QUERY_STRING", "")
    return {key: values[0] for key, values in parse_qs(query).items() if values}


def _wait_for_visitor() -> str:
    """In a preheated kernel: wait until Voilà hands it to a visitor; their query string.

    The exchange of ``voila.utils.get_query_string`` (Voilà 0.5): Voilà's query socket for this
    kernel sends the visit's request environment once a visitor gets the kernel. Importing
    voila.utils would pull jupyter_server, jupyterlab_server and nbconvert into every page kernel
    (about 48 MB each, measured), for this one message.
    """
    import asyncio
    import json
    import threading

    import websockets

    env = os.environ
    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    url = (f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{env.get('VOILA_APP_PORT', '8866')}{base}voila/query/{env.get('VOILA_KERNEL_ID')}")

    async def receive() -> str:
        # Voilà's socket answers only the server's own kernels (werkboek.signin.kernels).
        secret = {grants.KERNEL_HEADER: env.get(grants.SECRET_ENV, "")}
        async with websockets.connect(url, open_timeout=5, additional_headers=secret) as socket:
            return await socket.recv()

    received: list[str] = []
    # The kernel's own loop is busy running this cell: wait on a loop of our own.
    waiter = threading.Thread(target=lambda: received.append(asyncio.run(receive())))
    waiter.start()
    waiter.join()
    for key, value in json.loads(received[0] if received else "{}").items():
        env[key] = value
    return env.get("QUERY_STRING", "")


def warm_up(*prepare: Callable[[], object]) -> None:
    """Do before the page is built what does not depend on the visit: load the content, open the
    casebook, import the page modules, the Markdown renderer and the scanner's client (with the
    page's line for a scanner that still loads); then set it all aside from garbage collection.

    A preheated kernel runs this before its visitor arrives, a kernel started for the visit while
    the browser starts. What is left for the visit is reading today's data and making widgets.
    ``prepare``: more of the page to make ready (the shell's theme).
    ``gc.freeze`` keeps the tens of thousands of objects just loaded out of later collections: a
    full collection during the build took about 0.1 s on a 2-core box. A failure here is left to
    the page's own build, which tells the user.
    """
    import gc
    import importlib
    import pkgutil

    try:
        # the store (SQLAlchemy) and content (~0.15 s) after the frame: Start's has neither
        from werkboek.casebook import open_casebook
        from werkboek.content import load_content

        load_content()
        open_casebook()
        for module in pkgutil.walk_packages(importlib.import_module("werkboek.ui").__path__,
                                            "werkboek.ui."):
            importlib.import_module(module.name)
        markup.markdown_html("*")  # creates the renderer
        for ready in prepare:
            ready()
        install_scanner_notice()  # imports the scanner's client, which every save needs
    except Exception as exc:  # reported by build_page
        log.info("warm-up before the visit failed: %s", type(exc).__name__)
    gc.collect()
    gc.freeze()
