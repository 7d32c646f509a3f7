"""The shared state of a running team session: which phase is on, the timers, which phases collect
their answers hidden and which are revealed, whether names are shown, and the chosen tension field.

The facilitator's kernel changes it; every kernel reads it back from the casebook (it travels as
one JSON value, see ``to_value``/``from_value``). Moments are Unix seconds (floats), so the value
holds no date strings for the privacy guard to puzzle over. Pure data: no widgets, no store.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

OPENING = "terugblik"  # the phase before the first step: last time's follow-up actions
DEFAULT_MINUTES = 10


@dataclass(frozen=True)
class StepTimer:
    """A countdown for one phase; ``elapsed`` counts the seconds before the current run started."""

    minutes: int = DEFAULT_MINUTES
    elapsed: float = 0.0
    started_at: float | None = None

    @property
    def running(self) -> bool:
        return self.started_at is not None

    def elapsed_at(self, now: float) -> float:
        running_for = now - self.started_at if self.started_at is not None else 0.0
        return self.elapsed + max(0.0, running_for)

    def remaining(self, now: float) -> float:
        """Seconds left; negative once the planned time is over."""
        return self.minutes * 60 - self.elapsed_at(now)

    def start(self, now: float) -> StepTimer:
        return self if self.running else replace(self, started_at=now)

    def pause(self, now: float) -> StepTimer:
        if not self.running:
            return self
        return replace(self, elapsed=self.elapsed_at(now), started_at=None)

    def adjust(self, delta_minutes: int) -> StepTimer:
        return replace(self, minutes=max(1, self.minutes + delta_minutes))

    def to_value(self) -> dict:
        return {"minutes": self.minutes, "elapsed": self.elapsed, "started_at": self.started_at}

    @classmethod
    def from_value(cls, value: dict) -> StepTimer:
        started = value.get("started_at")
        return cls(
            minutes=int(value.get("minutes", DEFAULT_MINUTES)),
            elapsed=float(value.get("elapsed", 0.0)),
            started_at=None if started is None else float(started),
        )


def clock_text(seconds: float) -> str:
    """``12:05`` left, or ``+01:30`` over time."""
    over = seconds < 0
    whole = int(abs(seconds) + (0 if over else 0.999))
    text = f"{whole // 60:02d}:{whole % 60:02d}"
    return f"+{text}" if over else text


@dataclass(frozen=True)
class SessionControl:
    """Which phase is current, a timer per phase, the phases that collect hidden (``hidden``) and
    those of them already shown to all (``revealed``), named mode, and the session's tension field."""

    phases: tuple[str, ...]
    current: int = 0
    timers: dict[str, StepTimer] = field(default_factory=dict)
    revealed: frozenset[str] = frozenset()
    hidden: frozenset[str] = frozenset()
    named: bool = False
    tension: str | None = None

    @classmethod
    def plan(cls, phases: dict[str, int], *, hidden=(), named: bool = False,
             tension: str | None = None) -> SessionControl:
        """A fresh control for ``{phase id: planned minutes}``, in order, at the first phase."""
        return cls(
            phases=tuple(phases),
            timers={phase: StepTimer(minutes=minutes) for phase, minutes in phases.items()},
            hidden=frozenset(hidden), named=named, tension=tension,
        )

    @property
    def phase(self) -> str:
        return self.phases[self.current]

    @property
    def timer(self) -> StepTimer:
        return self.timers.get(self.phase, StepTimer())

    @property
    def is_first(self) -> bool:
        return self.current == 0

    @property
    def is_last(self) -> bool:
        return self.current == len(self.phases) - 1

    def _with_timer(self, phase: str, timer: StepTimer) -> SessionControl:
        return replace(self, timers={**self.timers, phase: timer})

    def go_to(self, index: int, now: float) -> SessionControl:
        """Move to phase ``index``: the old phase's timer pauses, the new one starts."""
        index = max(0, min(index, len(self.phases) - 1))
        if index == self.current:
            return self
        paused = self._with_timer(self.phase, self.timer.pause(now))
        moved = replace(paused, current=index)
        return moved._with_timer(moved.phase, moved.timer.start(now))

    def next(self, now: float) -> SessionControl:
        return self.go_to(self.current + 1, now)

    def back(self, now: float) -> SessionControl:
        return self.go_to(self.current - 1, now)

    def start_timer(self, now: float) -> SessionControl:
        return self._with_timer(self.phase, self.timer.start(now))

    def pause_timer(self, now: float) -> SessionControl:
        return self._with_timer(self.phase, self.timer.pause(now))

    def adjust_timer(self, delta_minutes: int) -> SessionControl:
        return self._with_timer(self.phase, self.timer.adjust(delta_minutes))

    def reveal(self, phase: str) -> SessionControl:
        return replace(self, revealed=self.revealed | {phase})

    def collect_hidden(self, phase: str, on: bool) -> SessionControl:
        """Switch hidden collection for ``phase``; switching it on again hides what was revealed."""
        if on:
            return replace(self, hidden=self.hidden | {phase}, revealed=self.revealed - {phase})
        return replace(self, hidden=self.hidden - {phase})

    def is_hidden(self, phase: str) -> bool:
        """Whether ``phase`` collects hidden and is not revealed yet."""
        return phase in self.hidden and phase not in self.revealed

    def is_revealed(self, phase: str) -> bool:
        return phase in self.revealed

    def show_names(self, on: bool) -> SessionControl:
        return replace(self, named=on)

    def to_value(self) -> dict:
        return {
            "phases": list(self.phases),
            "current": self.current,
            "timers": {phase: timer.to_value() for phase, timer in self.timers.items()},
            "revealed": sorted(self.revealed),
            "hidden": sorted(self.hidden),
            "named": self.named,
            "tension": self.tension,
        }

    @classmethod
    def from_value(cls, value: dict, *, planned: SessionControl | None = None) -> SessionControl:
        """The control stored as ``value``; what an older value lacks comes from ``planned``."""
        planned = planned or cls(phases=tuple(value["phases"]))
        hidden = value.get("hidden")
        return cls(
            phases=tuple(value["phases"]),
            current=int(value.get("current", 0)),
            timers={p: StepTimer.from_value(t) for p, t in value.get("timers", {}).items()},
            revealed=frozenset(value.get("revealed", ())),
            hidden=planned.hidden if hidden is None else frozenset(hidden),
            named=bool(value.get("named", planned.named)),
            tension=value.get("tension", planned.tension),
        )
