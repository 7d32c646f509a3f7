"""Slow down guessing: after a few failed sign-ins a name (or an address) waits longer each time.

Kept in the server's memory: one `werkboek serve` answers every sign-in. A name may fail five
times within a quarter of an hour, then waits 30 s, doubling per failure up to 15 minutes.
An address gets more tries before it waits, because a whole office of colleagues often reaches
the server from one address and one person's typing slips must not lock the others out; it
still stops someone trying many names from one place. A success clears the name's failures,
never the address's: otherwise anyone with an account of their own could reset the address.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

FREE_TRIES = {"name": 5, "address": 30}  # failures within WINDOW before the first wait
FIRST_WAIT = 30.0
LONGEST_WAIT = 900.0
WINDOW = 900.0


def name_key(name: str) -> str:
    return f"name:{name.strip().casefold()}"


def address_key(address: str) -> str:
    return f"address:{address}"


@dataclass
class Throttle:
    clock: callable = time.monotonic
    _failures: dict[str, list[float]] = field(default_factory=dict)

    def blocked(self, *keys: str) -> bool:
        """Whether any of ``keys`` (``name_key``, ``address_key``) must wait before trying again."""
        now = self.clock()
        return any(self._wait(key, now) > 0 for key in keys)

    def _wait(self, key: str, now: float) -> float:
        recent = [at for at in self._failures.get(key, []) if now - at < WINDOW]
        self._failures[key] = recent
        free = FREE_TRIES[key.split(":", 1)[0]]
        if len(recent) < free:
            return 0.0
        wait = min(LONGEST_WAIT, FIRST_WAIT * 2 ** (len(recent) - free))
        return recent[-1] + wait - now

    def failed(self, *keys: str) -> None:
        now = self.clock()
        for key in keys:
            self._failures.setdefault(key, []).append(now)

    def succeeded(self, name: str) -> None:
        """``name`` signed in: its own failures are forgiven (its address's are not)."""
        self._failures.pop(name_key(name), None)
