"""Deferred calls on the kernel's asyncio loop: debounce timers and the save-after-flush rule.

Why deferral: with ``continuous_update=True`` the browser throttles widget state updates (one
message in flight per widget) but sends button clicks at once, so a click can overtake the last
keystrokes. A save handler therefore runs only after the text widgets have been quiet for a moment.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Protocol

FLUSH_DELAY = 0.3  # seconds the widgets must be quiet before a save reads them
FLUSH_MAX_WAIT = 2.0  # never postpone a save longer than this, even while updates keep coming


class Handle(Protocol):
    def cancel(self) -> None: ...


class Scheduler(Protocol):
    """Runs ``callback`` after ``delay`` seconds; ``now()`` is the scheduler's clock."""

    def call_later(self, delay: float, callback: Callable[[], None]) -> Handle: ...

    def now(self) -> float: ...

    @property
    def deferred(self) -> bool:
        """False when calls run at once (no event loop): then there is nothing to wait for."""
        ...


class _DoneHandle:
    def cancel(self) -> None:
        return None


class LoopScheduler:
    """The kernel's running asyncio loop; without a running loop (a script) calls run at once."""

    def call_later(self, delay: float, callback: Callable[[], None]) -> Handle:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            callback()
            return _DoneHandle()
        return loop.call_later(delay, callback)

    def now(self) -> float:
        return time.monotonic()

    @property
    def deferred(self) -> bool:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return False
        return True


class QuietTracker:
    """Remembers when a watched widget last changed, to run a callback once things are quiet."""

    def __init__(self, scheduler: Scheduler):
        self.scheduler = scheduler
        self.last_change = float("-inf")

    def touch(self, *_args) -> None:
        self.last_change = self.scheduler.now()

    def after_flush(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once no change arrived for FLUSH_DELAY seconds (at most FLUSH_MAX_WAIT)."""
        if not self.scheduler.deferred:
            callback()
            return
        started = self.scheduler.now()

        def attempt() -> None:
            now = self.scheduler.now()
            quiet_for = now - self.last_change
            if quiet_for >= FLUSH_DELAY or now - started >= FLUSH_MAX_WAIT:
                callback()
            else:
                self.scheduler.call_later(FLUSH_DELAY - quiet_for, attempt)

        self.scheduler.call_later(FLUSH_DELAY, attempt)
