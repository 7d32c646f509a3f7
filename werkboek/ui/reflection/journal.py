"""The personal journal's rights: share one answer with a team, export my own answers
(Markdown or PDF), and erase all of them.

Sharing goes through the store (the entry saved again with visibility ``team``, or a copy saved
in the team when it was written in my own journal), so the store keeps enforcing who sees it.
Exports hold only the viewer's own entries.
"""

from __future__ import annotations

from datetime import date

from werkboek.chromium import print_pdf
from werkboek.clock import day, entry_moment, now
from werkboek.content.answer_words import answer_lines
from werkboek.markup import markdown_html
from werkboek.ui.entry_view import step_title
from werkboek.ui.reflection.views import tag_labels

VISIBILITY_LABELS = {"private": "privé", "team": "gedeeld met het team", "course": "gedeeld met de cursusgroep"}
ERASE_WORD = "WISSEN"


class JournalRefused(Exception):
    """The action cannot be done; the message says why (Dutch)."""


def is_empty_draft(entry) -> bool:
    """A draft with nothing written or chosen in it yet (an exercise opened, then left)."""
    empty_value = entry.value is None or entry.value in ("", [], {})
    return entry.status == "draft" and not (entry.text or "").strip() and empty_value \
        and entry.position is None


def share_with_team(cb, viewer, entry, *, visibility: str = "team"):
    """Make one of my answers visible to the team (or course group) ``viewer`` acts in, and final
    (drafts are never shared). An answer I wrote in that team is itself shared; one from my own
    journal is copied into the team, and my private original stays as it was."""
    in_place = entry.author_id == viewer.member_id
    if not in_place and entry.author_id not in viewer.member_ids:
        raise JournalRefused("Je kunt alleen je eigen antwoorden delen.")
    if is_empty_draft(entry):
        raise JournalRefused("Dit concept is nog leeg: er is niets om te delen.")
    cb.audit_event(viewer, "share", "entry", entry.id)
    return cb.save_entry(
        viewer, entry_id=entry.id if in_place else None, kind=entry.kind, text=entry.text,
        value=entry.value, session_id=entry.session_id, case_id=entry.case_id,
        module=entry.module, exercise=entry.exercise, step=entry.step, level=entry.level,
        tension=entry.tension, position=entry.position, principles=entry.principles,
        visibility=visibility, final=True, privacy=entry.privacy,
    )


def journal_markdown(content, entries, *, today: date | None = None) -> str:
    """My answers as one Markdown document, oldest first."""
    today = today or now().date()
    lines = ["# Mijn reflecties", "", f"Uit werkboek, gemaakt op {day(today)}. "
             "Alleen jouw eigen antwoorden.", ""]
    for entry in sorted(entries, key=lambda e: e.created_at):
        status = ", concept" if entry.status == "draft" else ""
        lines += [f"## {step_title(content, entry)}", "",
                  f"*{entry_moment(entry)} · "
                  f"{VISIBILITY_LABELS.get(entry.visibility, entry.visibility)}{status}*", ""]
        tags = tag_labels(content, entry)
        if tags:  # which dialogue level, tension field or principles the answer is about
            lines += [f"Over: {', '.join(tags)}", ""]
        if entry.text:
            lines += [entry.text, ""]
        answer = answer_lines(content, entry)
        if answer:
            lines += [*(answer if len(answer) == 1 else [f"- {line}" for line in answer]), ""]
    return "\n".join(lines)


def journal_pdf(markdown: str) -> bytes:
    """The Markdown export printed to PDF by the system's Chromium."""
    html = ('<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Mijn reflecties'
            "</title><style>body{font-family:'Noto Sans',Arial,sans-serif;font-size:12pt;"
            "max-width:42rem;margin:2rem auto;line-height:1.5}h2{font-size:14pt;margin-top:1.4rem}"
            f"</style></head><body>{markdown_html(markdown)}</body></html>")
    return print_pdf(html)


def erase_mine(cb, viewer, confirmation: str) -> int:
    """Erase every answer of the viewer (AVG); returns how many. Needs the word ``WISSEN``."""
    if confirmation.strip().upper() != ERASE_WORD:
        raise JournalRefused(f"Typ {ERASE_WORD} om te bevestigen dat alles weg mag.")
    return cb.erase_member(viewer)["entries"]
