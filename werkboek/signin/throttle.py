"""Slow down guessing: after a few failed sign-ins a name (or an address) waits longer each time.

Kept in the server's memory: one `werkboek serve` answers every sign-in. The wait doubles from
30 s after five failures within a quarter of an hour, up to 15 minutes; a success clears it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

FREE_TRIES = 5
FIRST_WAIT = 30.0
LONGEST_WAIT = 900.0
WINDOW = 900.0


@dataclass
class Throttle:
    clock: callable = time.monotonic
    _failures: dict[str, list[float]] = field(default_factory=dict)

    def blocked(self, *keys: str) -> bool:
        """Whether any of ``keys`` (a name, an address) must wait before trying again."""
        now = self.clock()
        return any(self._wait(key, now) > 0 for key in keys)

    def _wait(self, key: str, now: float) -> float:
        recent = [at for at in self._failures.get(key, []) if now - at < WINDOW]
        self._failures[key] = recent
        if len(recent) < FREE_TRIES:
            return 0.0
        wait = min(LONGEST_WAIT, FIRST_WAIT * 2 ** (len(recent) - FREE_TRIES))
        return recent[-1] + wait - now

    def failed(self, *keys: str) -> None:
        now = self.clock()
        for key in keys:
            self._failures.setdefault(key, []).append(now)

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)
