"""Kernels whose page never reached a browser stop soon, not after the idle cull.

A tab that closes normally asks the server to stop its kernel (Voilà's shutdown beacon). A page
whose tab closed, or moved on, before its widgets loaded (a slow phone given up on, a sign-in that
goes straight on to the next page, a browser that crashed while loading) never connected to its
kernel and sends no beacon: that kernel, about 80 MB, waited for the idle cull (15 minutes).

So a kernel handed to a visit (started for it, or taken from a pool) that no browser has connected
to, and that has been idle for ``unconnected_timeout`` seconds, is stopped at the next culling
round. A kernel that was connected once is left to the idle cull (``cull_idle_timeout``): a phone
whose screen locks during a meeting loses its connection, and its page must still be there when
the screen comes back on.
"""

from __future__ import annotations

from traitlets import Float
from traitlets.config import LoggingConfigurable


class UnconnectedKernels(LoggingConfigurable):
    """Mixed into the kernel manager (before Jupyter's ``MappingKernelManager``)."""

    unconnected_timeout = Float(
        120.0, config=True,
        help="Seconds a visit's kernel that no browser connected to may stay idle before it is "
        "stopped (0: leave it to the idle cull).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._awaiting_browser: set[str] = set()

    def expect_browser(self, kernel_id: str) -> None:
        """``kernel_id`` now serves a visit: its page's browser should connect soon."""
        self._awaiting_browser.add(kernel_id)

    def notify_connect(self, kernel_id: str) -> None:
        self._awaiting_browser.discard(kernel_id)
        super().notify_connect(kernel_id)

    async def cull_kernels(self) -> None:
        await self.stop_unconnected()
        await super().cull_kernels()

    async def stop_unconnected(self) -> list[str]:
        """Stop the visits' kernels that no browser connected to and that idled past the
        timeout; returns their ids."""
        from datetime import timedelta

        from jupyter_server._tz import utcnow

        if not self.unconnected_timeout:
            return []
        limit = utcnow() - timedelta(seconds=self.unconnected_timeout)
        stopped = []
        for kernel_id in list(self._awaiting_browser):
            kernel = self._kernels.get(kernel_id)
            if kernel is None:
                self._awaiting_browser.discard(kernel_id)
            elif kernel.execution_state != "busy" and kernel.last_activity < limit:
                self._awaiting_browser.discard(kernel_id)
                self.log.info("Stopping kernel %s: no browser connected to its page", kernel_id)
                await self.shutdown_kernel(kernel_id, now=True)
                stopped.append(kernel_id)
        return stopped
