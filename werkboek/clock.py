"""One clock for every page and export: moments in Dutch local time (Europe/Amsterdam), written
and read as dd-mm-jjjj (and HH:MM), whatever the browser's or the server's own settings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
DAY_FORMAT = "%d-%m-%Y"
MOMENT_FORMAT = "%d-%m-%Y %H:%M"
DAY_HINT = "dd-mm-jjjj"
_DAY = re.compile(r"^\s*(\d{1,2})[-.](\d{1,2})[-.](\d{4})\s*$")  # no "/": 03/05 reads two ways


class BadDay(ValueError):
    """A typed date that is not dd-mm-jjjj or not a real day; the message says so in Dutch."""


def local(moment: datetime) -> datetime:
    """A moment in Dutch local time; a naive moment is taken as UTC (how the store keeps them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TIME)


def now() -> datetime:
    return datetime.now(LOCAL_TIME)


def day(value: date | datetime) -> str:
    """'05-03-2026': a day, or the local day of a moment."""
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime(DAY_FORMAT)


def moment(value: datetime) -> str:
    """'05-03-2026 14:07' in Dutch local time."""
    return local(value).strftime(MOMENT_FORMAT)


def clock_time(value: datetime) -> str:
    """'14:07' in Dutch local time."""
    return local(value).strftime("%H:%M")


def entry_moment(entry) -> str:
    """When an answer got its present form (its last save): the one time lists and exports show."""
    return moment(entry.updated_at)


def parse_day(text: str) -> date | None:
    """A typed day (dd-mm-jjjj; dots also do); None for an empty field."""
    if not text or not text.strip():
        return None
    found = _DAY.match(text)
    if not found:
        raise BadDay(f"Schrijf de datum als {DAY_HINT}, bijvoorbeeld 05-03-2026.")
    dd, mm, yyyy = (int(part) for part in found.groups())
    try:
        return date(yyyy, mm, dd)
    except ValueError:
        raise BadDay(f"{text.strip()} is geen bestaande datum. Schrijf hem als {DAY_HINT}.") from None
