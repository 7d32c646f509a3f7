"""Counting answers for the charts: per period, per dialogue level, per tension field, per principle.

Plain Python on casebook entries (no pandas needed for these small counts), so the numbers can be
tested without drawing anything.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from werkboek.vocab import MONTHS

WEEKS_BEFORE_MONTHS = 12  # a journal spanning more weeks than this is counted per month


def week_label(moment: datetime) -> str:
    year, week, _day = moment.isocalendar()
    return f"week {week} {year}"


def month_label(moment: datetime) -> str:
    return f"{MONTHS[moment.month - 1]} {moment.year}"


def period_labeller(moments: Sequence[datetime]):
    """Weeks for a short stretch of time, months for a longer one."""
    if moments and (max(moments) - min(moments)).days > 7 * WEEKS_BEFORE_MONTHS:
        return month_label
    return week_label


def level_counts(entries: Iterable, level_ids: Sequence[str]) -> tuple[list[str], dict[str, list[int]]]:
    """(periods oldest first, level id → answers per period) for entries tagged with a level."""
    tagged = sorted((e for e in entries if e.level in level_ids), key=lambda e: e.created_at)
    label = period_labeller([e.created_at for e in tagged])
    periods: list[str] = []
    per_period: dict[str, Counter] = defaultdict(Counter)
    for entry in tagged:
        period = label(entry.created_at)
        if period not in per_period:
            periods.append(period)
        per_period[period][entry.level] += 1
    return periods, {level: [per_period[p][level] for p in periods] for level in level_ids}


def level_totals(entries: Iterable, level_ids: Sequence[str]) -> dict[str, int]:
    """Answers per level over all time (0 for a level never reflected on)."""
    counts = Counter(e.level for e in entries if e.level in level_ids)
    return {level: counts[level] for level in level_ids}


def latest_positions(entries: Iterable) -> dict[str, list[float]]:
    """Tension field → one position per person (their latest), for the team's spread."""
    latest: dict[tuple[str, int], tuple[datetime, float]] = {}
    for entry in entries:
        if entry.tension is None or entry.position is None:
            continue
        key = (entry.tension, entry.author_id)
        if key not in latest or entry.created_at >= latest[key][0]:
            latest[key] = (entry.created_at, entry.position)
    spread: dict[str, list[float]] = defaultdict(list)
    for (field, _author), (_when, position) in sorted(latest.items()):
        spread[field].append(position)
    return dict(spread)


def positions_over_time(entries: Iterable) -> dict[str, list[tuple[datetime, float]]]:
    """Tension field → (moment, position) of each placement, oldest first."""
    series: dict[str, list[tuple[datetime, float]]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: e.created_at):
        if entry.tension is not None and entry.position is not None:
            series[entry.tension].append((entry.created_at, entry.position))
    return dict(series)


def principle_counts(entries: Iterable, principle_ids: Sequence[str]) -> dict[str, int]:
    """Principle id → how many answers cite it (0 for those never cited), in content order."""
    counts = Counter(p for entry in entries for p in set(entry.principles))
    return {pid: counts[pid] for pid in principle_ids}


def never_cited(counts: dict[str, int]) -> list[str]:
    return [pid for pid, count in counts.items() if count == 0]
