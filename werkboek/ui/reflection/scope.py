"""Whose answers a chart counts: only mine, or a whole team or course group without names.

The groups offered are the signed-in visitor's own teams and course groups; a group's answers are
read as the visitor in that group, so the store returns only what was shared there (and their
own), and the charts show counts and dots, never who wrote what.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import ipywidgets as w

from werkboek.ui import visitor
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width

MINE = "mijn"
PERIODS = (
    ("De afgelopen maand", 31),
    ("De afgelopen drie maanden", 92),
    ("Het afgelopen jaar", 366),
    ("Alles", 0),
)
KIND_LABELS = {"team": "Team", "cohort": "Cursusgroep"}


def since_days(days: int, now: datetime | None = None) -> datetime | None:
    if not days:
        return None
    return (now or datetime.now(UTC)) - timedelta(days=days)


class ScopePicker:
    """A dropdown: 'Alleen mijn antwoorden' (when ``mine``) and every team and course group."""

    def __init__(self, cb, me, *, mine: bool = True, description: str = "Van wie",
                 principal=None):
        self.cb = cb
        self.me = me
        self.principal = principal or visitor.principal()
        options = [("Alleen mijn antwoorden", MINE)] if mine else []
        if self.principal.login_id is not None:
            groups = cb.viewer(self.principal)
            options += [
                (f"{label}: {team.name}", team.id)
                for kind, label in KIND_LABELS.items()  # teams first, then course groups
                for team in cb.teams(kind) if team.id in groups.team_ids | groups.cohort_ids
            ]
        self.dropdown = w.Dropdown(options=options, description=description, layout=full_width(),
                                   style={"description_width": "initial"})
        self.dropdown.add_class("wb-scope")
        self.widget = self.dropdown

    @property
    def is_empty(self) -> bool:
        return not self.dropdown.options

    @property
    def is_mine(self) -> bool:
        return self.dropdown.value == MINE

    @property
    def label(self) -> str:
        return self.dropdown.label or ""

    def entries(self, **filters) -> list:
        """The chosen person's or group's entries matching ``filters``."""
        if self.dropdown.value is None:
            return []
        if self.is_mine:
            return self.cb.entries(self.me, author_id=self.me.member_id, **filters)
        group = self.cb.viewer(self.principal, self.dropdown.value)
        return [entry for entry in self.cb.entries(group, team_id=self.dropdown.value, **filters)
                if entry.visibility != "private"]

    def on_change(self, callback: Callable[[], None]) -> None:
        self.dropdown.observe(guarded(lambda _c: callback()), names="value")


class PeriodPicker:
    def __init__(self):
        self.dropdown = w.Dropdown(options=[(label, days) for label, days in PERIODS],
                                   value=92, description="Periode", layout=full_width(),
                                   style={"description_width": "initial"})
        self.dropdown.add_class("wb-period")
        self.widget = self.dropdown

    @property
    def since(self) -> datetime | None:
        return since_days(self.dropdown.value)

    @property
    def label(self) -> str:
        return self.dropdown.label.lower()

    def on_change(self, callback: Callable[[], None]) -> None:
        self.dropdown.observe(guarded(lambda _c: callback()), names="value")
