"""Tables for analysis: entries, actions and sessions as pandas DataFrames (pandas loaded lazily).

The entries frame is built from the query's plain columns, not from a record per entry:
JSON and timestamps come as text and are decoded a column at a time (one ``json.loads`` of
the whole column, pandas' date parser), which keeps 100,000 entries within a few seconds.
"""

from __future__ import annotations

import dataclasses
import json
from uuid import UUID

import sqlalchemy as sa

from werkboek.casebook.base import StoreBase, reads
from werkboek.casebook.entries import ENTRY_FIELDS, merge_filters
from werkboek.casebook.records import Action, Session, Viewer

JSON_FIELDS = ("value", "principles")
MOMENT_FIELDS = ("created_at", "updated_at")


def _frame(records: list, record_type):
    import pandas as pd

    columns = [field.name for field in dataclasses.fields(record_type)]
    return pd.DataFrame([dataclasses.asdict(record) for record in records], columns=columns)


def _as_text(column: sa.ColumnElement) -> sa.ColumnElement:
    """The column as the database writes it, for decoding a whole column at once."""
    if column.name in JSON_FIELDS + MOMENT_FIELDS:
        return sa.cast(column, sa.Text).label(column.name)
    return column


def json_column(texts) -> list:
    """Decode a column of JSON texts (None for SQL NULL) in one go."""
    return json.loads("[" + ",".join("null" if text is None else text for text in texts) + "]")


class FramesMixin(StoreBase):
    @reads  # checks the viewer's seal and sign-in, as every store method taking a viewer
    def entries_frame(self, viewer: Viewer, filters=None, **kwargs):
        """``entries()`` as a DataFrame, one row per entry, same columns as ``Entry``."""
        import pandas as pd

        query = self._entries_query(viewer, merge_filters(filters, kwargs))
        query = query.with_only_columns(
            *(_as_text(column) for column in query.selected_columns), maintain_column_froms=True
        )
        with self._read() as conn:
            # The driver's own rows, without SQLAlchemy's row objects (a fifth of the time for
            # 100,000 entries). psycopg returns every column in its final type; SQLite keeps
            # the id as hex text and ``hidden`` as 0/1, converted a whole column at a time below.
            rows = conn.execute(query).cursor.fetchall()
        frame = pd.DataFrame.from_records(rows, columns=ENTRY_FIELDS, coerce_float=False)
        if self.dialect == "sqlite":
            frame["id"] = [UUID(hex=text) for text in frame["id"]]
            frame["hidden"] = frame["hidden"].astype(bool)
        frame["value"] = pd.Series(json_column(frame["value"]), dtype=object)
        frame["principles"] = [tuple(cited) for cited in json_column(frame["principles"])]
        for name in MOMENT_FIELDS:
            frame[name] = pd.to_datetime(frame[name], format="ISO8601", utc=True)
        return frame

    def actions_frame(self, viewer: Viewer, team_id: int, *, open_only: bool = False):
        return _frame(self.actions(viewer, team_id, open_only=open_only), Action)

    def sessions_frame(self, viewer: Viewer, team_id: int | None = None):
        return _frame(self.sessions(viewer, team_id), Session)
