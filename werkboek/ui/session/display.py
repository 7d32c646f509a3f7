"""HTML pieces the three session views share: phase heading, timer, contributions, hypotheses
with votes, the safety-scale spread and the three Signs of Safety columns.

Every piece of user text passes through ``esc``; content Markdown through ``markdown_html``.
"""

from __future__ import annotations

from collections import Counter

from werkboek.ui.markup import esc, markdown_html, paragraphs
from werkboek.ui.session.control import clock_text
from werkboek.ui.session.room import (
    COLUMNS,
    CONTRIBUTION,
    HYPOTHESIS,
    SessionRoom,
    role_label,
)


def code_html(room: SessionRoom) -> str:
    return (f'<div class="wb-join-code">Code: <strong class="wb-code">'
            f"{esc(room.session.join_code)}</strong></div>")


def timer_html(room: SessionRoom) -> str:
    """The current phase's clock: time left, or over time in red; paused is said in words."""
    timer = room.control.timer
    seconds = room.remaining_seconds()
    state = "loopt" if timer.running else "gepauzeerd"
    over = " wb-timer-over" if seconds < 0 else ""
    return (f'<div class="wb-timer{over}" aria-live="off"><span class="wb-timer-clock">'
            f"{clock_text(seconds)}</span> <span class=\"wb-timer-state\">"
            f"({timer.minutes} min, {state})</span></div>")


def phase_html(room: SessionRoom, *, with_help: bool = True) -> str:
    phase = room.phase
    help_html = markdown_html(phase.help) if with_help and phase.help else ""
    return (f'<div class="wb-phase"><div class="wb-phase-number">{esc(room.phase_number())}</div>'
            f'<h2 class="wb-step-title">{esc(phase.title)}</h2>'
            f'<div class="wb-prompt">{markdown_html(phase.prompt)}</div>{help_html}</div>')


def case_html(room: SessionRoom) -> str:
    case = room.case
    if case is None:
        return ""
    presenter = room.session.presenter
    by = f"<p>Inbrenger: {esc(presenter)}</p>" if presenter else ""
    return (f'<details class="wb-case" open><summary>Casus: {esc(case.title)}</summary>'
            f"{markdown_html(case.summary)}{life_domains_html(room)}{by}</details>")


def life_domains_html(room: SessionRoom) -> str:
    """The case's life domains (step 1 gathers what each role knows about them)."""
    names = {item.id: item.title for item in room.content.items("leefgebieden")}
    labels = [names.get(domain, domain) for domain in room.case.life_domains]
    if not labels:
        return ""
    return f'<p class="wb-case-domains">Leefgebieden: {esc(", ".join(labels))}</p>'



def entry_html(room: SessionRoom, entry, *, named: bool | None = None, by_line: bool = True) -> str:
    body = entry_body(room, entry, named=named, by_line=by_line)
    return f'<li class="wb-contribution">{body}</li>'


def entry_body(room: SessionRoom, entry, *, named: bool | None = None,
               by_line: bool = True) -> str:
    """One contribution: its text or value, the author's label, and its tags."""
    body = paragraphs(entry.text)
    value = entry.value if isinstance(entry.value, dict) else {}
    if entry.kind == "actievoorstel":
        body = (f"{esc(value.get('what', ''))} · wie: {esc(value.get('owner', '') or '—')}"
                f" · klaar: {esc(value.get('due', '') or '—')}")
    elif isinstance(entry.value, int | float) and not isinstance(entry.value, bool):
        body = f"Score {esc(entry.value)}"
    sort = value.get("soort")
    sort_html = f'<span class="wb-tag">{esc(COLUMNS.get(sort, sort))}</span> ' if sort else ""
    tags = [t for t in (entry.tension, entry.level, *entry.principles) if t]
    tag_html = "".join(f'<span class="wb-tag">{esc(tag_label(room, t))}</span>' for t in tags)
    by = esc(room.author_label(entry, named=named)) if by_line else ""
    footer = f'<div class="wb-by">{by} {tag_html}</div>' if by or tag_html else ""
    return f"{sort_html}{body}{footer}"


def tag_label(room: SessionRoom, tag: str) -> str:
    """The title of a tension field, principle or dialogue level id."""
    for module_id in ("spanningsvelden", "principes", "dialoog"):
        try:
            return room.content.item(module_id, tag).title
        except KeyError:
            continue
    return tag


def contributions_html(room: SessionRoom, phase_id: str, *, named: bool | None = None,
                       for_member: int | None = None) -> str:
    """The phase's contributions (not hypotheses), grouped by role."""
    entries = [e for e in room.shown(phase_id=phase_id, for_member=for_member)
               if e.kind != HYPOTHESIS]
    if not entries:
        return '<p class="wb-empty">Nog geen bijdragen.</p>'
    parts = []
    named = room.session.named_mode if named is None else named
    for role, items in room.by_role(entries).items():
        lis = "".join(entry_html(room, e, named=named, by_line=named) for e in items)
        parts.append(f'<h3 class="wb-role">{esc(role_label(role))}</h3><ul>{lis}</ul>')
    return f'<div class="wb-contributions">{"".join(parts)}</div>'


def hypotheses_html(room: SessionRoom, phase_id: str, *, named: bool | None = None) -> str:
    """Hidden: how many wait. Revealed: all of them with their votes, most votes first."""
    waiting = room.waiting_hidden(phase_id)
    if not room.control.is_revealed(phase_id):
        return (f'<p class="wb-hidden-count">{waiting} hypothese{"n" if waiting != 1 else ""} '
                "binnen, nog verborgen. De gespreksleider laat ze straks allemaal tegelijk zien.</p>")
    ranked = room.ranked_hypotheses(phase_id)
    if not ranked:
        return '<p class="wb-empty">Nog geen hypothesen.</p>'
    items = "".join(
        f'<li class="wb-hypothesis"><span class="wb-votes">{votes} stem{"men" if votes != 1 else ""}'
        f"</span> {entry_body(room, entry, named=named)}</li>"
        for entry, votes in ranked
    )
    return f'<ol class="wb-hypotheses">{items}</ol>'


def spread_html(scores: list[int], low: int = 0, high: int = 10) -> str:
    """The safety-scale scores as a row of bars, one per score; the same picture for everyone."""
    if not scores:
        return '<p class="wb-empty">Nog geen scores op de veiligheidsschaal.</p>'
    counts = Counter(scores)
    most = max(counts.values())
    bars = "".join(
        f'<div class="wb-spread-col"><div class="wb-spread-bar" style="height:{round(100 * counts[n] / most)}%"'
        f' title="{counts[n]} keer {n}"></div><div class="wb-spread-n">{counts[n] or ""}</div>'
        f'<div class="wb-spread-label">{n}</div></div>'
        for n in range(low, high + 1)
    )
    return (f'<div class="wb-spread" role="img" aria-label="Spreiding veiligheidsschaal: '
            f'{", ".join(str(s) for s in sorted(scores))}">{bars}</div>'
            f'<p class="wb-spread-caption">{len(scores)} score{"s" if len(scores) != 1 else ""}, '
            f"van {min(scores)} tot {max(scores)}</p>")


def columns_html(room: SessionRoom, phase_id: str, *, named: bool | None = None) -> str:
    """Signs of Safety's three columns from the phase's contributions that carry one of them."""
    entries = [e for e in room.shown(CONTRIBUTION, phase_id)
               if isinstance(e.value, dict) and e.value.get("soort") in COLUMNS]
    if not entries:
        return ""
    cols = []
    for sort, title in COLUMNS.items():
        lis = "".join(f"<li>{paragraphs(e.text)}</li>" for e in entries if e.value["soort"] == sort)
        cols.append(f'<div class="wb-column"><h3>{esc(title)}</h3><ul>{lis}</ul></div>')
    return f'<div class="wb-columns">{"".join(cols)}</div>'


def intervention_html(room: SessionRoom, *, heading: bool = True) -> str:
    entry = room.intervention()
    if entry is None:
        return ""
    value = entry.value or {}
    title = "<h3>Afgesproken interventie</h3>" if heading else ""
    return (f'<div class="wb-intervention">{title}<p>{paragraphs(entry.text)}</p>'
            f"<p><strong>Doel:</strong> {paragraphs(value.get('goal', ''))}</p>"
            f"<p><strong>Wat is er nodig?</strong> {paragraphs(value.get('needed', ''))}</p></div>")


def actions_html(actions: list) -> str:
    if not actions:
        return '<p class="wb-empty">Nog geen vervolgacties.</p>'
    rows = "".join(
        f"<tr><td>{esc(a.what)}</td><td>{esc(a.owner)}</td><td>{a.due.strftime('%d-%m-%Y')}</td></tr>"
        for a in actions
    )
    return (f'<table class="wb-actions"><thead><tr><th>Wat</th><th>Wie</th><th>Wanneer</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>")


STYLE = """
<style>
.wb-join-code{font-size:1.3em}.wb-code{letter-spacing:.15em;font-size:1.4em}
.wb-timer{font-size:1.4em;font-variant-numeric:tabular-nums}.wb-timer-over .wb-timer-clock{color:#b00020}
.wb-timer-state{font-size:.7em;color:#555}
.wb-tag{display:inline-block;background:#eef;border-radius:4px;padding:0 .4em;margin:0 .2em;font-size:.85em}
.wb-by{color:#555;font-size:.85em}.wb-contribution,.wb-hypothesis{margin:.3em 0;overflow-wrap:anywhere}
.wb-votes{font-weight:bold;margin-right:.4em}
.wb-session-page .widget-textarea,.wb-session-page .widget-text,.wb-session-page .widget-dropdown,
.wb-session-page .widget-datepicker{max-width:calc(100% - 6px) !important}
.wb-case p{margin:.3em 0}
.wb-spread{display:flex;align-items:flex-end;height:8em;gap:2px;max-width:100%}
.wb-spread-col{flex:1;display:flex;flex-direction:column;justify-content:flex-end;height:100%;text-align:center}
.wb-spread-bar{background:#2a6f97;min-height:0}.wb-spread-label{border-top:1px solid #333}
.wb-columns{display:flex;flex-wrap:wrap;gap:1em}.wb-column{flex:1 1 14em;min-width:0}
.wb-projector{font-size:1.6em}.wb-projector .wb-code{font-size:1.6em}
.wb-projector .wb-timer{font-size:1.8em}.wb-lead-lost{background:#fff3cd;padding:.5em}
</style>
"""
