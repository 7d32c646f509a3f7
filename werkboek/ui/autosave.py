"""Saving one answer into one casebook entry: debounced drafts while typing, explicit saves.

A ``EntrySaver`` keeps a stable entry id, so every draft save updates the same entry and the final
save finalises it. Drafts go out ``AUTOSAVE_DELAY`` seconds after the last change, or when the
kernel stops before that (a closed tab stops its kernel at once). Refusals by the privacy guard go
to the shared ``PrivacyNotice``; nothing is stored then.
"""

from __future__ import annotations

import atexit
import uuid
import weakref
from collections.abc import Callable
from typing import Any

from werkboek.clock import clock_time, now
from werkboek.ui.feedback import Message
from werkboek.ui.guard import report_error
from werkboek.ui.kit import save_or_ask
from werkboek.ui.privacy_notice import PrivacyNotice, texts_in
from werkboek.ui.scheduling import Handle, LoopScheduler, Scheduler

AUTOSAVE_DELAY = 1.5  # seconds after the last keystroke

_waiting: weakref.WeakSet[EntrySaver] = weakref.WeakSet()  # savers with a draft not yet saved


@atexit.register
def save_waiting_drafts() -> None:
    """Save every draft still waiting for its timer: the kernel is stopping."""
    for saver in list(_waiting):
        saver.flush()


class StatusLine(Message):
    """The message area under an answer: a quiet "Concept opgeslagen 14:02" / "Opgeslagen 14:03"
    while saving goes well, a boxed alert when it did not."""

    def __init__(self) -> None:
        super().__init__("wb-status")

    def say(self, text: str) -> None:
        """A quiet line of news (it worked, or what just happened)."""
        self.done(text)

    def saved(self, *, final: bool) -> None:
        when = clock_time(now())  # Dutch time, whatever the server's own zone
        self.done(f"Opgeslagen {when}" if final else f"Concept opgeslagen {when}")


class EntrySaver:
    """Saves what ``fields()`` returns (text/value/position) with ``tags`` into one entry."""

    def __init__(
        self,
        cb,
        viewer,
        *,
        fields: Callable[[], dict[str, Any]],
        tags: dict[str, Any],
        is_empty: Callable[[], bool],
        notice: PrivacyNotice,
        status: StatusLine,
        scheduler: Scheduler | None = None,
        entry_id: uuid.UUID | None = None,
        on_stored: Callable[[Any], None] | None = None,
    ):
        self.cb = cb
        self.viewer = viewer
        self.fields = fields
        self.tags = tags
        self.is_empty = is_empty
        self.notice = notice
        self.status = status
        self.scheduler = scheduler or LoopScheduler()
        self.entry_id = entry_id or uuid.uuid4()
        self.stored = entry_id is not None  # an entry with this id exists in the casebook
        self.on_stored = on_stored
        self.privacy = "check"
        self._pending: Handle | None = None

    # -- drafts
    def changed(self, *_args) -> None:
        """Call on every change: (re)starts the debounce timer for a draft save."""
        if self._pending is not None:
            self._pending.cancel()
        self._pending = self.scheduler.call_later(AUTOSAVE_DELAY, self._draft_due)
        _waiting.add(self)

    def _draft_due(self) -> None:
        self._pending = None
        _waiting.discard(self)
        try:
            self.save(final=False)
        except Exception as exc:  # a timer callback has no caller to raise to
            report_error(exc)

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def flush(self) -> None:
        """Run a waiting draft save now."""
        if self._pending is not None:
            self._pending.cancel()
            self._draft_due()

    # -- saving
    def save(self, *, final: bool, privacy: str | None = None) -> bool:
        """Save now; False when the privacy guard refused (the notice then explains why).

        An answer that was never stored and is still empty is not saved (and counts as done).
        """
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
            _waiting.discard(self)
        if not self.stored and self.is_empty():
            return True
        fields = self.fields()
        mode = privacy or self.privacy

        def store(mode: str):
            return self.cb.save_entry(
                self.viewer, entry_id=self.entry_id, final=final, privacy=mode, **self.tags, **fields
            )

        return save_or_ask(
            self.notice, store, texts_in(fields), privacy=mode,
            then=lambda entry: self._stored(entry, mode, final),
            refused=lambda: self.status.problem("Niet opgeslagen: zie de melding hieronder."),
            retry=lambda choice: self._chosen(choice, final),
        )

    def _stored(self, entry, mode: str, final: bool) -> None:
        self.stored = True
        if mode == "fictional":
            self.privacy = "fictional"  # the writer said this answer is made up; do not ask again
        self.status.saved(final=final)
        if mode == "accept" and self.on_stored is not None:
            self.on_stored(entry)  # show the version with placeholders that was stored

    def _chosen(self, choice: str, final: bool) -> None:
        self.save(final=final, privacy=choice)
