"""Tables for analysis: entries, actions and sessions as pandas DataFrames (pandas loaded lazily)."""

from __future__ import annotations

import dataclasses

from werkboek.casebook.base import StoreBase
from werkboek.casebook.entries import merge_filters
from werkboek.casebook.records import Viewer


def _frame(records: list, record_type):
    import pandas as pd

    columns = [field.name for field in dataclasses.fields(record_type)]
    return pd.DataFrame([dataclasses.asdict(record) for record in records], columns=columns)


class FramesMixin(StoreBase):
    def entries_frame(self, viewer: Viewer, filters=None, **kwargs):
        """``entries()`` as a DataFrame, one row per entry, same columns as ``Entry``."""
        from werkboek.casebook.records import Entry

        return _frame(self._entries(viewer, merge_filters(filters, kwargs)), Entry)

    def actions_frame(self, viewer: Viewer, team_id: int, *, open_only: bool = False):
        from werkboek.casebook.records import Action

        return _frame(self.actions(viewer, team_id, open_only=open_only), Action)

    def sessions_frame(self, viewer: Viewer, team_id: int | None = None):
        from werkboek.casebook.records import Session

        return _frame(self.sessions(viewer, team_id), Session)
