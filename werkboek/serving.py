"""Serve the workbook with Voilà: one configuration for `werkboek serve`, the tests and the benchmarks.

Secure defaults: loopback only, sources stripped, no tracebacks, and a refusal to bind any other
address without a token. Kernels of closed tabs are culled (Voilà 0.5 leaves them running, voila#1458).
The server root redirects to the start page; ``/health`` answers without starting a kernel.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, Field

from werkboek.settings import REPO_ROOT, get_settings

START_PAGE = "Start.ipynb"


class ServeOptions(BaseModel):
    """How Voilà serves the pages; every field is a command-line option of `werkboek serve`."""

    ip: str = Field(default="127.0.0.1", description="Address to listen on.")
    port: int = Field(default=8866, ge=0, le=65535, description="Port to listen on.")
    token: str = Field(default="", description="Access token; required for non-loopback addresses.")
    open_browser: bool = Field(default=False, description="Open a browser tab after starting.")
    preheat: bool = Field(default=True, description="Keep a preheated kernel ready for each page.")
    pool_size: int = Field(default=1, ge=0, description="Preheated kernels per page.")
    cull_idle_timeout: int = Field(
        default=900, ge=0, description="Seconds before an idle kernel without a tab is stopped."
    )
    cull_interval: int = Field(default=60, ge=1, description="Seconds between culling rounds.")
    notebooks_dir: Path = Field(default=REPO_ROOT / "notebooks", description="The pages.")


class ServeRefused(Exception):
    """Serving was refused for a reason the user can fix; the message is Dutch."""


def is_loopback(ip: str) -> bool:
    if ip == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def check_options(options: ServeOptions) -> None:
    if not is_loopback(options.ip) and not options.token:
        raise ServeRefused(
            f"werkboek luistert niet op {options.ip} zonder toegangssleutel: dan kan iedereen in "
            "het netwerk de casebook lezen. Start opnieuw met een sleutel, bijvoorbeeld "
            f"`werkboek serve --ip {options.ip} --token EEN-LANG-GEHEIM`, of laat --ip weg "
            "(alleen deze computer)."
        )
    if not (options.notebooks_dir / START_PAGE).is_file():
        raise ServeRefused(f"De startpagina ontbreekt: {options.notebooks_dir / START_PAGE}")


def voila_argv(options: ServeOptions) -> list[str]:
    """Voilà's command line for these options (traitlets syntax)."""
    argv = [
        str(options.notebooks_dir),
        f"--Voila.ip={options.ip}",
        f"--Voila.port={options.port}",
        "--Voila.port_retries=0",
        "--Voila.open_browser=" + str(options.open_browser),
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.file_allowlist=[]",
        f"--MappingKernelManager.cull_idle_timeout={options.cull_idle_timeout}",
        f"--MappingKernelManager.cull_interval={options.cull_interval}",
        "--MappingKernelManager.cull_connected=False",
        "--MappingKernelManager.cull_busy=False",
    ]
    if options.preheat:
        argv += [
            "--VoilaConfiguration.preheat_kernel=True",
            f"--VoilaConfiguration.default_pool_size={options.pool_size}",
        ]
    if options.token:
        argv.append(f"--token={options.token}")
    return argv


def make_app_class():
    """Voilà's application with two extra routes: ``/`` → start page, and ``/health``."""
    import tornado.web
    from voila.app import Voila

    class HealthHandler(tornado.web.RequestHandler):
        def get(self) -> None:
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.write("ok")

    class WerkboekVoila(Voila):
        def init_handlers(self) -> list:
            base = self.server_url.rstrip("/")
            start = f"{base}/voila/render/{START_PAGE}"
            own = [
                (f"{base}/?", tornado.web.RedirectHandler, {"url": start, "permanent": False}),
                (f"{base}/health", HealthHandler),
            ]
            return own + super().init_handlers()

    return WerkboekVoila


@contextmanager
def scanner_for_pages() -> Iterator[str]:
    """The privacy scanner the page kernels call: the configured one, or a service started here."""
    configured = get_settings().scanner_url
    if configured:
        yield configured
        return
    from werkboek.casebook.privacy import start_scanner_service

    with start_scanner_service() as url:
        yield url


def serve(options: ServeOptions) -> None:
    """Start the privacy scanner and Voilà; blocks until Voilà stops."""
    check_options(options)
    with scanner_for_pages() as scanner_url:
        # Page kernels inherit the server's environment: this is how they find the scanner.
        os.environ["WERKBOEK_SCANNER_URL"] = scanner_url
        host = "127.0.0.1" if options.ip in ("0.0.0.0", "::") else options.ip
        print(f"werkboek draait op http://{host}:{options.port}/", file=sys.stderr, flush=True)
        make_app_class().launch_instance(argv=voila_argv(options))
