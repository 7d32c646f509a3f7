"""Pools of preheated kernels that follow demand, and werkboek's rules for handing them out.

Nothing is preheated for someone who has not come:
- A page's pool fills only once the page was asked for: after a visit it keeps
  ``visited_pool_size`` kernels (started ``fill_delay`` seconds later, so the visitor's own kernel
  has the cores first), until nobody opened the page for ``pool_idle_timeout`` seconds.
- A page kernel may ask for more through the pool door (``werkboek.pool_request``): the case
  discussion asks for its team's size when a facilitator opens the start form or starts a
  session, and gives them back when the session closes (the page's pool then empties, unless
  another request holds it). A request is capped at
  ``MAX_KERNELS``, is held per asking kernel (asking twice does not add up), and lapses when that
  kernel stops or after ``request_hold`` seconds.
- An operator's ``--pool PAGINA=AANTAL`` pins a page's pool: filled at start, never changed.
Kernels of one fill start one at a time, ``fill_stagger`` seconds apart, so a visitor arriving
meanwhile still finds a free core, and a request given back stops the rest. A pool that holds
more than its page needs gives back its idle kernels.

The door is an HTTP listener on 127.0.0.1 only, beside Voilà's own, that answers only
``POST /pools/<page>`` with the server's secret (``Authorization: Bearer …``); the secret is in
the page kernels' environment and never in a page.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import os
import secrets
import time
from collections.abc import Callable

from traitlets import Dict, Float, Int
from traitlets.config import LoggingConfigurable

from werkboek.pool_request import MAX_KERNELS, SECRET_ENV, URL_ENV

TEND_INTERVAL_MS = 10_000  # how often pools are checked for dead kernels and surplus


class PoolDemand:
    """How many preheated kernels each page should have now (pure bookkeeping, no kernels).

    Pages are Voilà's notebook names (``Casusbespreking.ipynb``)."""

    def __init__(self, *, visited_size: int = 1, pinned: dict[str, int] | None = None,
                 idle_timeout: float = 900.0, request_hold: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic):
        self.visited_size = visited_size
        self.pinned = dict(pinned or {})
        self.idle_timeout = idle_timeout
        self.request_hold = request_hold
        self.clock = clock
        self._visited: dict[str, float] = {}
        self._requests: dict[str, dict[str, tuple[int, float]]] = {}  # page -> kernel -> (size, at)

    def visit(self, page: str) -> None:
        self._visited[page] = self.clock()

    def request(self, page: str, size: int, kernel: str = "") -> int:
        """Record that ``kernel`` wants ``size`` kernels of ``page`` (capped). 0 withdraws it;
        when no other request is left, the page's pool empties too (the session is over: its
        people have left the page)."""
        size = max(0, min(int(size), MAX_KERNELS))
        requests = self._requests.setdefault(page, {})
        if size:
            requests[kernel] = (size, self.clock())
        elif requests.pop(kernel, None) is not None and not requests:
            self._visited.pop(page, None)
        return self.target(page)

    def forget_kernels(self, alive: Callable[[str], bool]) -> None:
        """Drop the requests of kernels that stopped (their tab closed or was culled)."""
        for requests in self._requests.values():
            for kernel in [k for k in requests if k and not alive(k)]:
                del requests[kernel]

    def target(self, page: str) -> int:
        if page in self.pinned:
            return self.pinned[page]
        now = self.clock()
        visited = self._visited.get(page)
        size = self.visited_size if visited is not None and now - visited <= self.idle_timeout else 0
        requests = self._requests.get(page, {})
        for kernel, (wanted, at) in list(requests.items()):
            if now - at > self.request_hold:
                del requests[kernel]
            else:
                size = max(size, wanted)
        return size


def _kernel_id(task: asyncio.Future) -> str | None:
    """The kernel of a finished pool task; None while it starts, or when starting failed."""
    if not task.done() or task.cancelled() or task.exception() is not None:
        return None
    return task.result()["kernel_id"]


class PoolHandover(LoggingConfigurable):
    """Werkboek's rules for Voilà's pools of preheated kernels (mixed into its kernel manager).

    - Pools follow demand (``PoolDemand``; see the module's text).
    - A visitor gets a kernel that is ready and alive, or else a new one at once; Voilà would
      have the visitor wait for a refill that starts only ``fill_delay`` seconds later. A pooled
      kernel that died (or was restarted, so its page never ran) is not handed out: it is
      stopped and replaced.
    - Handing a kernel to a visitor counts as activity. A kernel that waited in the pool longer
      than the cull timeout was otherwise stopped by the next culling round, before the
      visitor's browser connected: the page then showed "Loading widget..." forever.
    """

    visited_pool_size = Int(1, config=True, help="Kernels kept for a page once it was visited.")
    pinned_pools = Dict(config=True, help="Notebook name -> fixed pool size (--pool).")
    pool_idle_timeout = Float(900.0, config=True,
                              help="Seconds without a visit before a page's pool empties.")
    request_hold = Float(3600.0, config=True, help="Seconds a page kernel's request holds.")
    fill_stagger = Float(1.5, config=True, help="Seconds between kernel starts of one fill.")

    def __init__(self, **kwargs):
        # Kernels inherit the server's environment: the door's address and secret must be there
        # before Voilà (in super().__init__) starts the first pinned pool.
        self._door_sockets = _bind_door()
        port = self._door_sockets[0].getsockname()[1]
        os.environ[URL_ENV] = f"http://127.0.0.1:{port}/pools"
        os.environ[SECRET_ENV] = secrets.token_urlsafe(32)  # new at every start
        self._spoiled: set[str] = set()
        self._filling: dict[str, tuple[float, asyncio.TimerHandle]] = {}  # page -> (when, timer)
        super().__init__(**kwargs)
        _open_door(self._door_sockets, self, os.environ[SECRET_ENV])
        from tornado.ioloop import PeriodicCallback

        self._tending = PeriodicCallback(self._tend_pools, TEND_INTERVAL_MS)
        self._tending.start()

    @property
    def demand(self) -> PoolDemand:
        if not hasattr(self, "_demand"):
            self._demand = PoolDemand(
                visited_size=self.visited_pool_size, pinned=dict(self.pinned_pools),
                idle_timeout=self.pool_idle_timeout, request_hold=self.request_hold)
        return self._demand

    # -- what Voilà asks
    def get_pool_size(self, notebook_name: str) -> int:
        """Voilà asks this once for every visit of a page, before it picks a kernel."""
        self.demand.visit(notebook_name)
        self._discard_dead(notebook_name)
        self.fill_if_needed(notebook_name=notebook_name)
        return len(self._ready(notebook_name))

    async def get_rendered_notebook(self, notebook_name: str, *args, **kwargs):
        self._discard_dead(notebook_name)
        pool = self._pools.setdefault(notebook_name, [])
        ready = self._ready(notebook_name)
        if not ready:  # the last one died just now: a new one, at once
            self._add_to_pool(notebook_name)
            ready = [pool[-1]]
        pool.remove(ready[0])  # Voilà hands out the first task of the pool
        pool.insert(0, ready[0])
        handed = await super().get_rendered_notebook(notebook_name, *args, **kwargs)
        from jupyter_server._tz import utcnow

        self._kernels[handed[2]].last_activity = utcnow()
        self.claim_for_visitor(handed[2])  # werkboek.signin.kernels: the kernel is the visitor's
        return handed

    def fill_if_needed(self, delay: float | None = None, notebook_name: str | None = None,
                       **_kwargs) -> None:
        """Start kernels until the page's pool holds what its demand asks: the first after
        ``delay`` seconds (default ``fill_delay``), then one every ``fill_stagger`` seconds for as
        long as the demand still asks for more (a request given back stops the rest)."""
        if notebook_name is None:
            return
        if len(self._pools.setdefault(notebook_name, [])) >= self.demand.target(notebook_name):
            return
        loop = asyncio.get_event_loop()
        when = loop.time() + (self.fill_delay if delay is None else delay)
        planned = self._filling.get(notebook_name)
        if planned is not None:
            if planned[0] <= when:
                return  # the next start is planned already, and sooner
            planned[1].cancel()
        self._filling[notebook_name] = (when, loop.call_at(when, self._fill_step, notebook_name))

    def _fill_step(self, notebook_name: str) -> None:
        self._filling.pop(notebook_name, None)
        if len(self._pools.setdefault(notebook_name, [])) < self.demand.target(notebook_name):
            self._add_to_pool(notebook_name)
            self.fill_if_needed(self.fill_stagger, notebook_name)

    async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs):
        started = await super()._initialize(notebook_path, kernel_id, **kwargs)
        kid = started["kernel_id"]
        manager = self._kernels.get(kid)
        if manager is not None:  # restarted after a crash: its page never runs again
            manager.add_restart_callback(lambda: self._spoiled.add(kid), "restart")
        return started

    # -- what a page kernel asks (through the door)
    def request_kernels(self, notebook_name: str, size: int, kernel: str = "") -> int:
        """A page kernel's request; returns the page's pool size from now on."""
        target = self.demand.request(notebook_name, size, kernel)
        self.fill_if_needed(delay=0, notebook_name=notebook_name)
        self._shrink()
        return target

    def pages(self) -> set[str]:
        """The notebooks this server serves (what the door accepts)."""
        from pathlib import Path

        root = Path(self.root_dir)
        return {str(p.relative_to(root)) for p in root.rglob("*.ipynb")
                if self._notebook_filter(p)}

    # -- keeping the pools
    def _add_to_pool(self, notebook_name: str) -> None:
        """One more kernel for the page's pool, starting now (through Voilà's own fill, told
        the pool is one larger)."""
        pools = self.kernel_pools_config
        size = len(self._pools.setdefault(notebook_name, [])) + 1
        pools[notebook_name] = {**pools.get(notebook_name, {}), "pool_size": size}
        super().fill_if_needed(delay=0, notebook_name=notebook_name)

    def _alive(self, kernel_id: str) -> bool:
        if kernel_id in self._spoiled or kernel_id not in self._kernels:
            return False
        process = getattr(getattr(self._kernels[kernel_id], "provisioner", None), "process", None)
        return process is None or process.poll() is None

    def _ready(self, notebook_name: str) -> list:
        return [task for task in self._pools.get(notebook_name, [])
                if (kid := _kernel_id(task)) is not None and self._alive(kid)]

    def _discard_dead(self, notebook_name: str) -> None:
        """Take kernels that died (or failed to start) out of the pool, stop them, refill."""
        pool = self._pools.get(notebook_name, [])
        dead = [task for task in pool if task.done() and (
            task.cancelled() or task.exception() is not None or not self._alive(_kernel_id(task)))]
        for task in dead:
            pool.remove(task)
            kid = _kernel_id(task)
            self.log.warning("Pooled kernel %s of %s died; replacing it", kid, notebook_name)
            if kid is not None:
                asyncio.ensure_future(self._stop_quietly(kid))
        if dead:
            self.fill_if_needed(notebook_name=notebook_name)

    def _shrink(self) -> None:
        """Stop ready kernels a pool holds beyond its page's demand (starting ones are left to
        finish and go the next round)."""
        for notebook_name, pool in self._pools.items():
            extra = len(pool) - self.demand.target(notebook_name)
            for task in reversed(list(pool)):
                if extra <= 0:
                    break
                kid = _kernel_id(task)
                if kid is not None:
                    pool.remove(task)
                    asyncio.ensure_future(self._stop_quietly(kid))
                    extra -= 1

    def _tend_pools(self) -> None:
        self.demand.forget_kernels(lambda kid: kid in self._kernels)
        for notebook_name in list(self._pools):
            self._discard_dead(notebook_name)
        self._shrink()

    async def _stop_quietly(self, kernel_id: str) -> None:
        self._spoiled.discard(kernel_id)
        try:
            await self.shutdown_kernel(kernel_id, now=True)
        except Exception as exc:  # noqa: BLE001 (already gone)
            self.log.info("Stopping kernel %s: %s", kernel_id, type(exc).__name__)


def _bind_door():
    from tornado.netutil import bind_sockets

    return bind_sockets(0, "127.0.0.1")


def _open_door(sockets, manager: PoolHandover, secret: str) -> None:
    """Serve the pool door on ``sockets`` (127.0.0.1) on the running loop."""
    import tornado.web
    from tornado.httpserver import HTTPServer

    class PoolDoor(tornado.web.RequestHandler):
        def check_xsrf_cookie(self) -> None:  # a secret in a header, not a cookie
            pass

        def post(self, page: str) -> None:
            given = self.request.headers.get("Authorization", "").removeprefix("Bearer ")
            if not hmac.compare_digest(given.encode(), secret.encode()):
                raise tornado.web.HTTPError(403)
            notebook = f"{page}.ipynb"
            if notebook not in manager.pages():
                raise tornado.web.HTTPError(404)
            try:
                request = json.loads(self.request.body or b"{}")
                size, kernel = int(request["size"]), str(request.get("kernel", ""))[:64]
            except (ValueError, KeyError, TypeError):
                raise tornado.web.HTTPError(400) from None
            if size < 0:
                raise tornado.web.HTTPError(400)
            granted = manager.request_kernels(notebook, size, kernel)
            self.write({"page": page, "size": granted})

    app = tornado.web.Application([(r"/pools/([A-Za-z0-9_-]+)", PoolDoor)])
    server = HTTPServer(app, max_body_size=4096, xheaders=False)
    server.add_sockets(sockets)
