"""One found entry or one follow-up action as escaped HTML, with its Dutch labels."""

from __future__ import annotations

from datetime import date

from werkboek.clock import day, entry_moment
from werkboek.markup import esc, paragraphs
from werkboek.ui.casebook_view.labels import Labels
from werkboek.ui.entry_view import answer_html
from werkboek.vocab import OPEN_STATUSES, STATUS_LABELS, VISIBILITY_LABELS


def entry_card(labels: Labels, entry) -> str:
    """Step title, case, author and role, date, the answer, and its level/tension/principle tags."""
    when = entry_moment(entry)
    meta = [f"{esc(entry.author)} ({esc(labels.role(entry.role))})", when]
    if entry.status == "draft":
        meta.append("concept")
    if entry.visibility == "private":
        meta.append(f'<span class="wb-private">{VISIBILITY_LABELS["private"]}</span>')
    where = labels.session(entry.session_id) or labels.case(entry.case_id)
    context = f'<p class="wb-entry-case">{esc(where)}</p>' if where else ""
    text = f"<p>{paragraphs(entry.text)}</p>" if entry.text else ""
    tags = "".join(f'<span class="wb-tag">{esc(tag)}</span>' for tag in labels.tags(entry))
    tags = f'<div class="wb-entry-tags">{tags}</div>' if tags else ""
    return (f'<div class="wb-card wb-entry"><h3>{esc(labels.step(entry))}</h3>{context}'
            f'<div class="wb-source">{" · ".join(meta)}</div>{text}{answer_html(labels.content, entry)}{tags}</div>')


def is_overdue(action, today: date) -> bool:
    return action.status in OPEN_STATUSES and action.due < today


def action_card(labels: Labels, action, today: date) -> str:
    """What, who, when due (overdue marked), where it was agreed, and how it was reviewed."""
    late = ' <strong class="wb-overdue">te laat</strong>' if is_overdue(action, today) else ""
    status = STATUS_LABELS.get(action.status, action.status)
    lines = [f"Wie: {esc(action.owner)}", f"Klaar op: {day(action.due)}{late}",
             f'Status: <span class="wb-action-status">{esc(status)}</span>']
    agreed = labels.session(action.session_id)
    if agreed:
        lines.append(f"Afgesproken in: {esc(agreed)}")
    if action.review_note:
        reviewed = labels.session(action.reviewed_session_id)
        when = f" ({esc(reviewed)})" if reviewed else ""
        lines.append(f"Toelichting{when}: {paragraphs(action.review_note)}")
    return (f'<div class="wb-card wb-action"><h3>{esc(action.what)}</h3>'
            f'<p>{"<br>".join(lines)}</p></div>')
