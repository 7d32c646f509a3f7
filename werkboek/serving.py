"""Serve the workbook with Voilà: one configuration for `werkboek serve`, the tests and the benchmarks.

Secure defaults: loopback only, sources stripped, no tracebacks, and a refusal to serve any other
address over plain HTTP. Who a visitor is comes from the server (``werkboek.signin``): a page's
request is let through, or sent to sign in, by the gate, which hands the page kernel a signed
principal in a header the browser cannot set; a kernel's websocket and API answer only the
visitor it belongs to. A closed tab stops its kernel (Voilà 0.5 alone refused that, voila#1458); kernels
of tabs that went away without closing (a phone switched off) are culled.
With ``--hub`` it is one person's server under JupyterHub (deploy/hub/): the hub gives the
address and proves who the visitor is (``werkboek.signin.hub``), and migrates the casebook itself.
The server root redirects to the start page; ``/health`` answers without starting a kernel.
Pages use the werkboek template: Voilà's lab template with its icon font served here, not from a CDN,
and a still Dutch line instead of a spinner while a page loads.
Preheated kernels wait in a pool per page that follows demand (``werkboek.pools``: nothing is
preheated for someone who has not come; werkboek's rules for handing kernels out).
Before Voilà starts, a casebook that does not exist yet is made (``prepare_casebook``) and
werkboek's bytecode is written (``compile_bytecode``) for the page kernels; the privacy scanner
loads beside Voilà, which answers at once (a save that comes first waits for the scanner).
Kernels listen on socket files in Jupyter's runtime directory, never on network ports.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, Field

from werkboek.casebook import CasebookError, grants
from werkboek.hub_env import in_hub
from werkboek.settings import REPO_ROOT, get_settings
from werkboek.signin import hub
from werkboek.signin.hub import hub_address

START_PAGE = "Start.ipynb"
# Voilà's lab template without CDN links (werkboek/voila_share/voila/templates/werkboek).
TEMPLATE = "werkboek"
PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_ROOT = PACKAGE_DIR / "voila_share"
FONTAWESOME_URL = "werkboek/fontawesome"
# The JupyterLab extensions a page may load; every other one installed in the environment (the
# plotly renderer: 4.8 MB, the benchmark's Solara widgets: 8 MB) stays out of the pages.
PAGE_LABEXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8",
                      "anywidget"]
# Pools pinned to a fixed size by default (page name without .ipynb): none. Every pool follows
# demand (werkboek.pools): a visited page keeps ``pool_size``, and the case discussion asks for
# its team's size when a facilitator opens the start form (README, "Opties van `werkboek serve`").
PAGE_POOLS: dict[str, int] = {}


class ServeOptions(BaseModel):
    """How Voilà serves the pages; every field is a command-line option of `werkboek serve`."""

    ip: str = Field(default="127.0.0.1", description="Address to listen on.")
    port: int = Field(default=8866, ge=0, le=65535, description="Port to listen on.")
    certfile: Path | None = Field(default=None, description="TLS certificate (HTTPS).")
    keyfile: Path | None = Field(default=None, description="TLS private key (HTTPS).")
    behind_proxy: bool = Field(
        default=False, description="A reverse proxy in front speaks HTTPS; trust its "
        "X-Forwarded-* headers. Every page then asks for sign-in, as off loopback.")
    open_browser: bool = Field(default=False, description="Open a browser tab after starting.")
    preheat: bool = Field(default=True, description="Keep preheated kernels ready for the pages.")
    pool_size: int = Field(default=1, ge=0,
                           description="Preheated kernels per page once the page was visited.")
    page_pools: dict[str, int] = Field(
        default_factory=lambda: dict(PAGE_POOLS),
        description="Pools pinned to a fixed size (page name without .ipynb), filled at start and "
        "never following demand; 0 for a page nobody opens often.",
    )
    pool_idle_timeout: float = Field(
        default=900.0, ge=0,
        description="Seconds without a visit before a page's pool (not a pinned one) empties.",
    )
    pool_refill_delay: float = Field(
        default=60.0, ge=0,
        description="Seconds after a visit before its page's pool starts a new kernel, so a group "
        "opening a page together is not slowed down by the refill.",
    )
    cull_idle_timeout: int = Field(
        default=900, ge=0, description="Seconds before an idle kernel without a tab is stopped."
    )
    cull_interval: int = Field(default=60, ge=1, description="Seconds between culling rounds.")
    unconnected_timeout: int = Field(
        default=120, ge=0,
        description="Seconds before the kernel of a page that never reached a browser (its tab "
        "closed while loading) is stopped, once idle; 0: left to the idle cull.",
    )
    hub: bool = Field(
        default=False, description="Run as a user's server of JupyterHub: the hub proves who the "
        "visitor is and gives the address; the hub migrates the casebook.")
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


def is_personal(options: ServeOptions) -> bool:
    """Loopback without a proxy or hub in front: the laptop's owner uses the personal pages
    freely."""
    return is_loopback(options.ip) and not options.behind_proxy and not options.hub


def check_options(options: ServeOptions) -> None:
    if bool(options.certfile) != bool(options.keyfile):
        raise ServeRefused("Geef --certfile en --keyfile samen op (het certificaat en de sleutel).")
    for path in (options.certfile, options.keyfile):
        if path is not None and not Path(path).is_file():
            raise ServeRefused(f"Het bestand {path} bestaat niet.")
    if options.hub and not in_hub():
        raise ServeRefused("--hub werkt alleen als JupyterHub werkboek start (zie deploy/hub/"
                           "README.md); start anders zonder --hub.")
    if (not is_loopback(options.ip) and not options.certfile and not options.behind_proxy
            and not options.hub):
        raise ServeRefused(
            f"werkboek luistert niet op {options.ip} via gewoon HTTP: dan kan iemand in het "
            "netwerk wachtzinnen en casussen meelezen. Start met een certificaat "
            f"(`werkboek serve --ip {options.ip} --certfile CERT.pem --keyfile SLEUTEL.pem`), "
            "of achter een proxy die HTTPS spreekt (`--behind-proxy`, zie de README), of laat "
            "--ip weg (alleen deze computer)."
        )
    if not (options.notebooks_dir / START_PAGE).is_file():
        raise ServeRefused(f"De startpagina ontbreekt: {options.notebooks_dir / START_PAGE}")


def voila_config(options: ServeOptions):
    """Voilà's configuration for these options (a traitlets ``Config``)."""
    from traitlets.config import Config

    config = Config()
    config.Voila.ip = options.ip
    config.Voila.port = options.port
    config.Voila.port_retries = 0  # a busy port must fail, not move silently
    config.Voila.open_browser = options.open_browser
    if options.hub:
        config.Voila.base_url = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    voila = config.VoilaConfiguration
    # The gate's signed principal reaches the page kernel as this header (HTTP_X_WERKBOEK_...).
    voila.http_header_envs = [grants.HEADER]
    voila.strip_sources = True
    voila.show_tracebacks = False
    voila.template = TEMPLATE
    voila.file_allowlist = []
    config.HTMLExporter.language_code = "nl"  # <html lang="nl">: screen readers read Dutch
    voila.extension_allowlist = list(PAGE_LABEXTENSIONS)
    voila.preheat_kernel = options.preheat
    voila.default_pool_size = options.pool_size
    kernels = config.MappingKernelManager
    kernels.cull_idle_timeout = options.cull_idle_timeout
    kernels.cull_interval = options.cull_interval
    kernels.cull_connected = False
    kernels.cull_busy = False
    config.UnconnectedKernels.unconnected_timeout = options.unconnected_timeout
    # Kernels talk to the server over socket files, not TCP ports: the server picks a kernel's
    # five ports before the kernel binds them, and with a pool of kernels starting at once another
    # process took one in between; that kernel died and its visitor's page stayed empty.
    config.KernelManager.transport = "ipc"
    # Voilà's own pool sizes are overruled by werkboek's (PoolHandover, werkboek.pools).
    config.VoilaKernelManager.kernel_pools_config = {"default": {"pool_size": options.pool_size}}
    config.VoilaKernelManager.fill_delay = options.pool_refill_delay
    config.PoolHandover.visited_pool_size = options.pool_size
    config.PoolHandover.pinned_pools = {f"{page}.ipynb": size
                                        for page, size in options.page_pools.items()}
    config.PoolHandover.pool_idle_timeout = options.pool_idle_timeout
    # A page's output may reach the server well after the cell finished while a whole group's
    # kernels start at once; after the default 4 s Voilà drops it and the page stays empty.
    config.VoilaExecutor.iopub_timeout = 30
    return config


def pool_kernel_manager_factory(base_class, preheat_kernel: bool, default_pool_size: int,
                                page_config_hook=None):
    """Voilà's kernel manager factory, with kernels claimed for their visitor
    (``KernelOwners``), stopped when their page never reached a browser
    (``UnconnectedKernels``), and ``PoolHandover`` mixed in when preheating."""
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    # tornado and traitlets with Voilà: --help imports serving (see cli/__init__)
    from werkboek.pools import PoolHandover
    from werkboek.signin.kernels import KernelOwners
    from werkboek.unconnected_kernels import UnconnectedKernels

    manager = voila_kernel_manager_factory(base_class, preheat_kernel, default_pool_size,
                                           page_config_hook)
    mixins = (KernelOwners, UnconnectedKernels, *((PoolHandover,) if preheat_kernel else ()))
    return type("WerkboekKernelManager", (*mixins, manager), {})


def skip_unused_imports() -> None:
    """Keep out of the server process what Voilà's imports pull in but werkboek never uses.

    jsonschema (through jupyter_events) registers an IRI format check if ``rfc3987_syntax`` can
    be imported, and that module builds a Lark grammar at import: 1.5 s of CPU, three quarters
    of importing Voilà on a 2-core box, for a check of event schemas this server never makes.
    jsonschema skips the check when the import fails; page kernels are not affected."""
    sys.modules.setdefault("rfc3987_syntax", None)


def casebook_or_none():
    """The configured casebook for the gate; None while there is none yet."""
    from werkboek.casebook import open_casebook  # the store (SQLAlchemy) only when asked

    try:
        return open_casebook()
    except CasebookError:
        return None


def make_app_class(options: ServeOptions | None = None):
    """Voilà's application with werkboek's routes (``/`` → start page, ``/health``, signing in),
    the gate in front of every page and kernel, werkboek's pool rules in its kernel manager, and
    pages that can stop their own kernel."""
    skip_unused_imports()
    import functools

    import tornado.ioloop
    import tornado.web
    import voila.app
    from jupyter_server.services.kernels.handlers import KernelHandler
    from voila.app import Voila
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    # tornado's handlers with Voilà: --help imports serving (see cli/__init__)
    from werkboek.signin import handlers as signin
    from werkboek.signin.gate import FOREIGN_HOST, GUEST_COOKIE, SIGN_IN_PATH, Gate, notebook_of
    from werkboek.signin.kernels import VISITOR, kernel_only, owned

    options = options or ServeOptions()

    class HealthHandler(tornado.web.RequestHandler):
        def get(self) -> None:
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.write("ok")

    class ForeignHostHandler(tornado.web.RequestHandler):
        def prepare(self) -> None:
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(FOREIGN_HOST)

    class PageHandler(TornadoVoilaHandler):
        """Voilà's page behind the gate: a visitor who must sign in is sent to sign in; the
        others' page kernel gets the signed principal as a header the browser cannot set.

        It also sets the ``_xsrf`` cookie. A page asks the server to stop its kernel when its
        tab closes, sending this cookie's value back; Voilà never sets the cookie, so the
        request was refused (403, voila#1458) and the kernel ran until culled."""

        async def prepare(self, **kwargs) -> None:
            gate: Gate = self.settings["werkboek_gate"]
            try:
                login = await gate.login_of(self)
            except hub.NotYourServer:
                self.set_status(403)
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(hub.refusal_page())
                return
            notebook = notebook_of(self.request.path)
            guest = None
            if login is None and gate.needs_sign_in(notebook):
                if not gate.guests_welcome(notebook, self.get_argument("code", "")):
                    self.redirect(gate.sign_in_url(self, self.settings.get("base_url", "/")))
                    return
                guest = self.get_cookie(GUEST_COOKIE) or secrets.token_urlsafe(32)
                self.set_cookie(GUEST_COOKIE, guest, path=self.settings.get("base_url", "/"),
                                httponly=True, samesite="Lax", secure=gate.secure,
                                expires_days=1)
            principal = gate.principal(login, guest)
            self.request.headers[grants.HEADER] = grants.issue(principal)
            VISITOR.set(principal)
            await super().prepare(**kwargs)
            self.xsrf_token  # noqa: B018 (reading it sets the cookie)

    guarded = {
        TornadoVoilaHandler: PageHandler,
        VoilaKernelWebsocketHandler: (hub.watched if options.hub else lambda cls: cls)(
            owned(VoilaKernelWebsocketHandler)),
        KernelHandler: owned(KernelHandler),
        VoilaShutdownKernelHandler: owned(VoilaShutdownKernelHandler),
        RequestInfoSocketHandler: kernel_only(RequestInfoSocketHandler),
    }

    class WerkboekVoila(Voila):
        def init_settings(self) -> dict:
            grants.ensure_secret()
            self.werkboek_gate = Gate(
                personal=is_personal(options),
                secure=bool(options.certfile) or options.behind_proxy,
                open_casebook=casebook_or_none,
                hub=hub.HubIdentity.from_environment() if options.hub else None,
            )
            # Voilà builds its kernel manager class with this module-level factory and has no
            # setting for it; swap it only while the manager is made.
            voila_factory = voila.app.voila_kernel_manager_factory
            voila.app.voila_kernel_manager_factory = pool_kernel_manager_factory
            try:
                settings = super().init_settings()
            finally:
                voila.app.voila_kernel_manager_factory = voila_factory
            return {**settings, "werkboek_gate": self.werkboek_gate}

        def init_handlers(self) -> list:
            base = self.server_url.rstrip("/")
            start = f"{base}/voila/render/{START_PAGE}"
            own = [
                (f"{base}/?", tornado.web.RedirectHandler, {"url": start, "permanent": False}),
                (f"{base}/health", HealthHandler),
                (f"{base}/{FONTAWESOME_URL}/(.*)", tornado.web.StaticFileHandler,
                 {"path": str(fontawesome_dir())}),
                *(hub.routes(base, SIGN_IN_PATH) if options.hub else signin.routes(base)),
            ]
            voila_routes = [(route[0], guarded.get(route[1], route[1]), *route[2:])
                            for route in super().init_handlers()]
            return own + voila_routes

        def listen(self) -> None:
            gate = self.werkboek_gate
            find_handler = self.app.find_handler

            def checked(request, **kwargs):
                if not gate.host_allowed(request.host or ""):
                    return self.app.get_handler_delegate(request, ForeignHostHandler)
                return find_handler(request, **kwargs)

            self.app.find_handler = checked
            server_options = {"xheaders": options.behind_proxy}
            if options.certfile:
                import ssl

                context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                context.load_cert_chain(str(options.certfile), str(options.keyfile))
                server_options["ssl_options"] = context
            self.app.listen = functools.partial(self.app.listen, **server_options)
            if gate.hub is not None:  # tell the hub when the owner uses this server
                tornado.ioloop.IOLoop.current().add_callback(gate.hub.activity.keep_reporting)
            super().listen()

    return WerkboekVoila


def fontawesome_dir() -> Path:
    """The icon font of the buttons, from the ``fontawesome-free`` package (served locally)."""
    from importlib.metadata import distribution

    return Path(distribution("fontawesome-free").locate_file("fontawesome-free/static/fontawesome_free"))


def use_werkboek_template() -> None:
    """Let Voilà find the werkboek template (it searches the Jupyter data path)."""
    paths = [str(TEMPLATE_ROOT), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))


@contextmanager
def scanner_for_pages(*, wait_ready: bool = True) -> Iterator[str]:
    """The privacy scanner the page kernels call: the configured one, or a service started here
    (its address at once with ``wait_ready=False``, while it still loads)."""
    configured = get_settings().scanner_url
    if configured:
        yield configured
        return
    # the privacy package only when serve starts the scanner, not at --help
    from werkboek.casebook.privacy import start_scanner_service

    with start_scanner_service(wait_ready=wait_ready) as url:
        yield url


def prepare_casebook() -> str | None:
    """Make the casebook when it does not exist yet (what `werkboek init` does), so no page has
    to say so. An existing one is left as it is; when it is older than this code, the Dutch
    line returned asks the operator to run `werkboek init` (pages say that too, without paths).
    An SQLite file that exists is not opened here: that would cost the start half a second."""
    url = get_settings().url
    if url.startswith("sqlite") and Path(url.partition(":///")[2].split("?")[0]).is_file():
        return None
    # the store (SQLAlchemy) only when there is no casebook
    from werkboek.casebook.store import create_missing_casebook

    try:
        return create_missing_casebook()
    except CasebookError as exc:
        return str(exc)


def compile_bytecode(package: Path = PACKAGE_DIR) -> bool:
    """Write the bytecode of ``package`` (werkboek itself) for the page kernels to load.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (many container images; the measuring machine),
    every page kernel would otherwise compile werkboek's modules from source again: 0.1–0.2 s
    of each visit on a 2-core box. Only changed files are compiled; False when some could not be
    written (a read-only install), which then runs as before.
    """
    import compileall

    return bool(compileall.compile_dir(package, quiet=2))


def serve(options: ServeOptions) -> None:
    """Start the privacy scanner and Voilà; blocks until Voilà stops. Voilà answers at once; the
    scanner loads beside it."""
    if options.hub:
        options = options.model_copy(update=hub_address())
    check_options(options)
    said = None if options.hub else prepare_casebook()  # under a hub, the hub migrates it
    if said:
        print(said, file=sys.stderr, flush=True)
    compile_bytecode()
    with scanner_for_pages(wait_ready=False) as scanner_url:
        # Page kernels inherit the server's environment: this is how they find the scanner.
        os.environ["WERKBOEK_SCANNER_URL"] = scanner_url
        use_werkboek_template()
        host = "127.0.0.1" if options.ip in ("0.0.0.0", "::") else options.ip
        scheme = "https" if options.certfile else "http"
        print(f"werkboek draait op {scheme}://{host}:{options.port}/", file=sys.stderr, flush=True)
        make_app_class(options).launch_instance(argv=[str(options.notebooks_dir)],
                                         config=voila_config(options))
