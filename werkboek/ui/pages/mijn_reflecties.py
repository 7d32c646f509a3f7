"""Page "Mijn reflecties": my own answers from every exercise and session, private unless I share
one on purpose; search (the store's full-text search) and filters by exercise, dialogue level,
tension field and principle; my question bank; export (Markdown, PDF) and erasure.

On my own laptop I write as its owner without signing in; signed in, the list holds what I wrote
on my own and in every team I am a member of. Nobody else's answers are ever in it.
"""

from __future__ import annotations

import ipywidgets as w

from werkboek.content import load_content
from werkboek.markup import counted, esc
from werkboek.ui import visitor
from werkboek.ui.download import download_link
from werkboek.ui.entry_view import entry_card, step_title
from werkboek.ui.feedback import Message
from werkboek.ui.fields import SearchBox, labelled_text
from werkboek.ui.guard import guarded
from werkboek.ui.kit import download_row, full_width
from werkboek.ui.reflection.journal import (
    ERASE_WORD,
    VISIBILITY_LABELS,
    JournalRefused,
    erase_mine,
    is_empty_draft,
    journal_markdown,
    journal_pdf,
    share_with_team,
)
from werkboek.ui.reflection.questions import my_questions, question_bank_html
from werkboek.ui.reflection.views import page_root, tag_labels
from werkboek.ui.scheduling import LoopScheduler
from werkboek.ui.shell import on_first_view
from werkboek.ui.visitor import my_identities
from werkboek.vocab import LEVEL_MODULE, PRINCIPLE_MODULE, TENSION_MODULE

SHOWN = 50
# Built before the page is on screen, the list holds the newest few: every row is four or five
# widgets the browser must make before it shows any (a journal of 40 answers took the first
# control 0.3 s longer). The rest follow once the page is seen (``on_first_view``).
FIRST_SHOWN = 8
ALL = ""
FILTERS = (  # (entry filter, label, "all" choice, module whose items are the choices)
    ("level", "Niveau", "Alle niveaus", LEVEL_MODULE),
    ("tension", "Spanningsveld", "Alle spanningsvelden", TENSION_MODULE),
    ("principle", "Principe", "Alle principes", PRINCIPLE_MODULE),
)
EMPTY = ('<p>Je hebt nog niets opgeschreven. Begin met een oefening op de pagina '
         '<a href="Oefeningen.ipynb">Oefeningen</a>, of op Dialoog, Spanningsvelden of Principes.</p>')


def _dropdown(label: str, everything: str, options: list[tuple[str, str]], css_class: str) -> w.Dropdown:
    dropdown = w.Dropdown(options=[(everything, ALL), *options], value=ALL,
                          description=label, layout=full_width(),
                          style={"description_width": "initial"})
    dropdown.add_class(css_class)
    return dropdown


class Journal:
    def __init__(self, content, cb, principal, *, scheduler=None):
        self.content = content
        self.cb = cb
        self.principal = principal
        self._identify()
        self.scheduler = scheduler or LoopScheduler()
        self.search_box = SearchBox("Zoek in je reflecties", guarded(self.refresh),
                                    placeholder="een woord uit je antwoord",
                                    scheduler=self.scheduler)
        self.search = self.search_box.input
        exercises = [(e.title, e.id) for e in content.exercises.values()]
        self.filters = {"exercise": _dropdown("Oefening", "Alle oefeningen", exercises,
                                              "wb-filter-exercise")}
        for name, label, everything, module_id in FILTERS:
            items = [(i.title, i.id) for i in content.items(module_id)]
            self.filters[name] = _dropdown(label, everything, items, f"wb-filter-{name}")
        for control in self.filters.values():
            control.observe(guarded(lambda _c: self.refresh()), names="value")
        self.count = w.HTML(layout=full_width())
        self.results = w.VBox(layout=full_width())
        self.results.add_class("wb-journal")
        self.bank = w.HTML(layout=full_width())
        self.bank.add_class("wb-question-bank")
        self.share_message = Message("wb-share-message")
        self.shared_id = None  # the answer just shared: its row carries share_message
        filters = w.VBox([self.search, *self.filters.values()], layout=full_width())
        filters.add_class("wb-journal-filters")
        self.widget = page_root(
            w.HTML("<p>Hier staat alles wat je zelf schreef, in oefeningen en besprekingen. Wat je "
                   "schrijft is <strong>privé</strong>: alleen jij ziet het. Ben je aangemeld, dan "
                   "kun je zelf een antwoord delen met je team.</p>", layout=full_width()),
            filters, self.count, self.results,
            w.HTML("<h2>Mijn vragenbank</h2>", layout=full_width()), self.bank,
            self._export_box(), self._erase_box(),
        )
        self.refresh(shown=FIRST_SHOWN)
        on_first_view(self.results, self.refresh, self.scheduler)

    def _identify(self) -> None:
        identities = my_identities(self.cb, self.principal)
        self.viewers = [viewer for viewer, _team in identities]
        self.teams = {viewer.member_id: (viewer, team) for viewer, team in identities if team}

    def share_targets(self, entry) -> list[tuple]:
        """(viewer, team) that ``entry`` can be shared with: its own team, or, for an answer
        from my own journal, each of my teams and course groups (none on an unsigned laptop)."""
        if entry.visibility != "private" or entry.session_id is not None:
            return []
        if entry.author_id in self.teams:
            return [self.teams[entry.author_id]]
        return list(self.teams.values())

    # -- reading
    def chosen_filters(self) -> dict:
        chosen = {name: d.value for name, d in self.filters.items() if d.value != ALL}
        text = self.search.value.strip()
        return {**chosen, "text": text} if text else chosen

    def mine(self, **filters) -> list:
        """My entries as every identity of this visit, newest first."""
        entries = [e for viewer in self.viewers
                   for e in self.cb.entries(viewer, author_id=viewer.member_id, **filters)
                   if not is_empty_draft(e)]
        return sorted(entries, key=lambda e: e.created_at, reverse=True)

    def _viewer_of(self, entry):
        return next(v for v in self.viewers if v.member_id == entry.author_id)

    def refresh(self, shown: int = SHOWN) -> None:
        chosen = self.chosen_filters()
        entries = self.mine(**chosen)
        if not entries:
            self.count.value = "<p>Niets gevonden met deze zoekterm of filters.</p>" if chosen else EMPTY
        else:
            more = f" De nieuwste {SHOWN} staan hieronder." if len(entries) > SHOWN else ""
            self.count.value = f'<p class="wb-journal-count">{counted(len(entries), "antwoord", "antwoorden")}.{more}</p>'
        rows = tuple(self._row(e) for e in entries[:shown])
        if self.shared_id is not None and self.shared_id not in {e.id for e in entries[:shown]}:
            rows = (self.share_message.widget, *rows)  # its answer is not listed now: on top
        self.results.children = rows
        questions = sorted((q for viewer in self.viewers for q in my_questions(self.cb, viewer)),
                           key=lambda q: q.created_at, reverse=True)
        self.bank.value = question_bank_html(self.content, questions)

    def _row(self, entry) -> w.Widget:
        tags = tag_labels(self.content, entry)
        tag_html = "".join(f'<span class="wb-tag">{esc(t)}</span> ' for t in tags)
        shared = VISIBILITY_LABELS.get(entry.visibility, entry.visibility)
        card = w.HTML(entry_card(self.content, entry) +
                      f'<div class="wb-entry-meta">{tag_html}<span class="wb-visibility">'
                      f"{esc(shared)}</span></div>", layout=full_width())
        parts = [card]
        for _viewer, team in self.share_targets(entry):
            share = w.Button(description=f"Deel met {team.name}", icon="share",
                             layout=w.Layout(width="auto", max_width="100%"))
            share.add_class("wb-share")
            # The button acts on this answer's id, whatever the list shows when it is tapped.
            share.on_click(guarded(lambda _b, entry_id=entry.id, team_id=team.id:
                                   self.share(entry_id, team_id)))
            parts.append(share)
        if entry.id == self.shared_id:
            parts.append(self.share_message.widget)
        if len(parts) == 1:
            return card
        row = w.VBox(parts, layout=full_width())
        row.add_class("wb-journal-row")
        return row

    # -- rights
    def share(self, entry_id, team_id=None) -> None:
        """Share the answer with this id, as it is stored now (not as it was drawn), with the
        team ``team_id`` (when None: the one team it can go to)."""
        entry = next((e for viewer in self.viewers
                      for e in self.cb.entries(viewer, author_id=viewer.member_id)
                      if e.id == entry_id), None)
        self.shared_id = entry_id
        targets = {team.id: (viewer, team) for viewer, team in
                   (self.share_targets(entry) if entry is not None else [])}
        if team_id is None and len(targets) == 1:  # an answer of one team: that team
            team_id = next(iter(targets))
        target = targets.get(team_id)
        if entry is None:
            self.share_message.problem("Dit antwoord bestaat niet meer.")
        elif is_empty_draft(entry):
            self.share_message.problem("Dit concept is nog leeg: er is niets om te delen.")
        elif target is None:
            self.share_message.problem("Dit antwoord kun je niet delen: je bent hier niet "
                                       "aangemeld als lid van een team.")
        else:
            viewer, team = target
            course = team.kind == "cohort"
            share_with_team(self.cb, viewer, entry, visibility="course" if course else "team")
            group = "je cursusgroep" if course else "je team"
            self.share_message.done(
                f"Gedeeld met {team.name}: '{step_title(self.content, entry)}'. "
                f"Iedereen in {group} ziet dit antwoord nu ook.")
        self.refresh()

    def _export_box(self) -> w.Widget:
        self.download = w.HTML(layout=full_width())
        self.download.add_class("wb-download")
        row = download_row((("md", "Exporteer (Markdown)"), ("pdf", "Exporteer (PDF)")), "wb-export",
                           self.export)
        return w.VBox([w.HTML("<h2>Exporteren</h2><p>Al je eigen antwoorden in één bestand, "
                              "om te bewaren of mee te nemen.</p>", layout=full_width()),
                       row, self.download], layout=full_width())

    def export(self, fmt: str) -> bytes:
        markdown = journal_markdown(self.content, self.mine())
        data = markdown.encode("utf-8") if fmt == "md" else journal_pdf(markdown)
        self.cb.audit_event(self.viewers[0], f"export:{fmt}", "journal")
        self.download.value = download_link(data, f"mijn-reflecties.{fmt}")
        return data

    def _erase_box(self) -> w.Widget:
        self.confirm = labelled_text(f"Typ {ERASE_WORD} om te bevestigen", "wb-erase-confirm")
        erase = w.Button(description="Wis al mijn reflecties", button_style="danger", icon="trash")
        erase.add_class("wb-erase")
        erase.on_click(guarded(lambda _b: self.erase()))
        self.erase_message = Message("wb-erase-message")
        return w.VBox([w.HTML(
            "<h2>Alles wissen</h2><p>Je kunt al je eigen antwoorden wissen. Dat kan niet ongedaan "
            f"worden gemaakt: exporteer ze eerst als je ze wilt bewaren. Typ <strong>{ERASE_WORD}"
            "</strong> en kies dan de knop.</p>", layout=full_width()), self.confirm, erase,
            self.erase_message.widget], layout=full_width())

    def erase(self) -> None:
        try:
            count = sum(erase_mine(self.cb, viewer, self.confirm.value) for viewer in self.viewers)
        except JournalRefused as refused:
            self.erase_message.problem(str(refused))
            return
        self._identify()  # a fresh, empty journal from now on
        self.confirm.value = ""
        self.download.value = ""
        self.shared_id = None
        self.erase_message.done(f"{counted(count, 'antwoord is', 'antwoorden zijn')} gewist.")
        self.refresh()


def build() -> w.Widget:
    from werkboek.casebook import open_casebook  # the store (SQLAlchemy) after the frame

    content = load_content()
    cb = open_casebook()

    return Journal(content, cb, visitor.principal()).widget
