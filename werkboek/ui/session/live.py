"""Live updates without a reload: every kernel polls the casebook for its session every ~2 s.

``LivePoller.tick()`` is one round (tests call it directly); ``start()`` runs the rounds as an
asyncio task on the kernel's loop. Polling stops by itself when the session is closed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

POLL_SECONDS = 2.0

log = logging.getLogger("werkboek.ui.session")


class LivePoller:
    """Calls ``refresh()`` (True = something changed) and then ``on_change()`` or ``on_idle()``.

    ``on_idle`` runs on every round without changes (the timer display ticks on it). A failing round
    is logged and the next one tried: one locked database moment must not end live updates.
    """

    def __init__(self, refresh: Callable[[], bool], on_change: Callable[[], None],
                 *, is_closed: Callable[[], bool], on_idle: Callable[[], None] | None = None,
                 interval: float = POLL_SECONDS):
        self.refresh = refresh
        self.on_change = on_change
        self.on_idle = on_idle
        self.is_closed = is_closed
        self.interval = interval
        self.task: asyncio.Task | None = None
        self.rounds = 0

    def tick(self) -> bool:
        """One poll round; False once the session is closed (then polling ends)."""
        self.rounds += 1
        try:
            if self.refresh():
                self.on_change()
            elif self.on_idle is not None:
                self.on_idle()
        except Exception:
            log.exception("live update round failed; trying again next round")
        return not self.is_closed()

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            if not self.tick():
                return

    def start(self) -> bool:
        """Start polling on the running loop; False when there is none (a plain script)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        if self.task is None or self.task.done():
            self.task = loop.create_task(self._run())
        return True

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()
