"""Search and filter a team's casebook: the store's full-text search, filters with Dutch labels,
results newest first in pages of 25."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

import ipywidgets as w

from werkboek.casebook import EntryFilter
from werkboek.clock import LOCAL_TIME
from werkboek.markup import counted
from werkboek.session.participant_actions import PARTICIPANT_ROLES
from werkboek.session.room import CONTROL
from werkboek.ui.casebook_view.cards import entry_card
from werkboek.ui.casebook_view.labels import Labels
from werkboek.ui.fields import DayField, SearchBox
from werkboek.ui.guard import guarded
from werkboek.ui.kit import full_width
from werkboek.vocab import role_label

PAGE_SIZE = 25
ALL = ""  # the "every …" choice of a filter
NOT_ANSWERS = frozenset({CONTROL})  # the facilitator's session state is stored as an entry too


def _dropdown(label: str, everything: str, options, css_class: str) -> w.Dropdown:
    dropdown = w.Dropdown(options=[(everything, ALL), *options], value=ALL, description=label,
                          layout=full_width(), style={"description_width": "initial"})
    dropdown.add_class(css_class)
    return dropdown


def _start_of(day) -> datetime:
    return datetime.combine(day, time.min, LOCAL_TIME)


class SearchPanel:
    """Search box, filters, the page of results and the buttons to page through them.

    ``found`` holds every entry that matches (the export offers exactly these).
    """

    def __init__(self, cb, viewer, team_id: int, labels: Labels, content, *, scheduler=None):
        self.cb = cb
        self.viewer = viewer
        self.team_id = team_id
        self.labels = labels
        self.found: list = []
        self.page = 0
        self._listeners: list[Callable[[], None]] = []
        # As you type, like Mijn reflecties (see fields.py for why).
        self.search_box = SearchBox("Zoek in het casebook", self.refresh,
                                    placeholder="woorden uit een antwoord", scheduler=scheduler)
        self.query = self.search_box.input
        self.filters = {
            "case_id": _dropdown("Casus", "Alle casussen", [], "wb-filter-case"),
            "session_id": _dropdown("Bespreking", "Alle besprekingen", [], "wb-filter-session"),
            "exercise": _dropdown("Oefening", "Alle oefeningen",
                                  [(e.title, e.id) for e in content.exercises.values()],
                                  "wb-filter-exercise"),
            "role": _dropdown("Rol", "Alle rollen", [(role_label(r), r) for r in PARTICIPANT_ROLES],
                              "wb-filter-role"),
            "level": _dropdown("Niveau van dialoog", "Alle niveaus",
                               [(t, i) for i, t in labels.levels.items()], "wb-filter-level"),
            "tension": _dropdown("Spanningsveld", "Alle spanningsvelden",
                                 [(t, i) for i, t in labels.tensions.items()], "wb-filter-tension"),
            "principle": _dropdown("Principe", "Alle principes",
                                   [(t, i) for i, t in labels.principles.items()],
                                   "wb-filter-principle"),
        }
        self.since = DayField("Vanaf", "wb-filter-since", on_change=guarded(self.refresh))
        self.until = DayField("Tot en met", "wb-filter-until", on_change=guarded(self.refresh))
        self.set_labels(labels)
        for control in self.filters.values():
            control.observe(guarded(lambda _c: self.refresh()), names="value")
        self.count = w.HTML(layout=full_width())
        self.count.add_class("wb-result-count")
        self.results = w.HTML(layout=full_width())
        self.results.add_class("wb-results")
        # The same page buttons above and below the list. Paging from the bottom moves the focus
        # to the top buttons, so the new page is read (and seen) from its start.
        self.top_pager, self.top_previous, self.top_next = self._pager("wb-pager-top", None)
        self.pager, self.previous, self.next = self._pager("wb-pager-bottom", self.top_pager)
        filters = w.VBox([*self.filters.values(), self.since.widget, self.until.widget],
                         layout=full_width())
        filters.add_class("wb-casebook-filters")
        more = w.Accordion(children=[filters], titles=("Filters",), layout=full_width())
        more.add_class("wb-filter-toggle")
        self.widget = w.VBox([self.query, more, self.count, self.top_pager, self.results,
                              self.pager], layout=full_width())
        self.widget.add_class("wb-casebook-search")

    def _pager(self, css_class: str, focus_row: w.HBox | None):
        """A row with 'Vorige' and 'Volgende'; with ``focus_row``, a press then focuses that
        row's button of the same name."""
        previous = w.Button(description="Vorige", icon="arrow-left")
        previous.add_class("wb-page-previous")
        following = w.Button(description="Volgende", icon="arrow-right")
        following.add_class("wb-page-next")
        for index, (button, step) in enumerate(((previous, -1), (following, +1))):
            def go(_b, step=step, index=index) -> None:
                self.turn_to(self.page + step)
                if focus_row is not None:
                    target = focus_row.children[index]
                    (target if not target.disabled else focus_row.children[1 - index]).focus()
            button.on_click(guarded(go))
        row = w.HBox([previous, following], layout=full_width())
        row.add_class("wb-row")
        row.add_class(css_class)
        return row, previous, following

    def set_labels(self, labels: Labels) -> None:
        """New cases and sessions may have come in: offer them in the filters."""
        self.labels = labels
        self._set_options("case_id", [(title, cid) for cid, title in labels.case_titles.items()])
        self._set_options("session_id", [(labels.session(sid), sid) for sid in labels.sessions])

    def _set_options(self, name: str, options) -> None:
        dropdown = self.filters[name]
        keep = dropdown.value
        dropdown.options = [dropdown.options[0], *options]
        dropdown.value = keep if keep in {value for _label, value in options} else ALL

    def on_change(self, callback: Callable[[], None]) -> None:
        """``callback()`` after every new search result (the export follows the filters)."""
        self._listeners.append(callback)

    def entry_filter(self):
        chosen = {name: (d.value if d.value != ALL else None) for name, d in self.filters.items()}

        return EntryFilter(
            team_id=self.team_id,
            text=self.query.value.strip() or None,
            since=_start_of(self.since.value) if self.since.value else None,
            until=_start_of(self.until.value + timedelta(days=1)) if self.until.value else None,
            newest_first=True,
            **chosen,
        )

    def read(self) -> list:
        """Ask the store again for what matches: it refuses a viewer whose access ended since
        (a removed member's open tab), so nothing is shown or exported from memory alone."""
        entries = self.cb.entries(self.viewer, self.entry_filter())
        self.found = [e for e in entries if e.kind not in NOT_ANSWERS]
        return self.found

    def refresh(self) -> None:
        """Search again with the current filters and show the first page."""
        self.read()
        self.show_page(0)
        for callback in list(self._listeners):
            callback()

    def turn_to(self, page: int) -> None:
        """Another page of the result, read again from the store."""
        self.read()
        self.show_page(page)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.found) // PAGE_SIZE))

    def show_page(self, page: int) -> None:
        self.page = min(max(page, 0), self.pages - 1)
        shown = self.found[self.page * PAGE_SIZE:(self.page + 1) * PAGE_SIZE]
        total = len(self.found)
        if not total:
            searched = self.query.value.strip() or any(d.value != ALL for d in self.filters.values())
            self.count.value = ("<p>Niets gevonden. Probeer minder of andere woorden, of zet een "
                                "filter terug op 'Alle'.</p>" if searched or self.since.value
                                or self.until.value else "<p>Het casebook van dit team is nog leeg.</p>")
        else:
            first = self.page * PAGE_SIZE + 1
            where = f" (pagina {self.page + 1} van {self.pages})" if self.pages > 1 else ""
            self.count.value = (f"<p><strong>{counted(total, 'antwoord', 'antwoorden')} "
                                f"gevonden</strong>, nieuwste eerst. Je ziet {first} tot en met "
                                f"{first + len(shown) - 1}{where}.</p>")
        self.results.value = "".join(entry_card(self.labels, e) for e in shown)
        for previous, following, row in ((self.previous, self.next, self.pager),
                                         (self.top_previous, self.top_next, self.top_pager)):
            previous.disabled = self.page == 0
            following.disabled = self.page >= self.pages - 1
            row.layout.display = None if self.pages > 1 else "none"
