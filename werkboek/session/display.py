"""HTML pieces the three session views and the session report share: phase heading, timer, contributions, hypotheses
with votes, answers waiting hidden, what came in per step in a form that fits its capture type
(a spread of scores or positions, counts per option, texts by role), the safety-scale spread (at
the end beside the one at the start, with how the average moved) and the three Signs of Safety
columns.

Every piece of user text passes through ``esc``; content Markdown through ``markdown_html``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from werkboek.content import answer_words
from werkboek.content.answer_words import MAP_PARTS, position_words
from werkboek.content.glossary_html import terms_html
from werkboek.content.models import CaptureType
from werkboek.markup import counted, esc, markdown_html, paragraphs, user_markdown_html
from werkboek.session.control import clock_text
from werkboek.session.room import (
    ACTION_PROPOSAL,
    COLUMNS,
    CONTRIBUTION,
    HYPOTHESIS,
    REVIEW_CASE,
    Phase,
    SessionRoom,
)
from werkboek.vocab import (
    LEVEL_MODULE,
    LIFE_DOMAIN_MODULE,
    PRINCIPLE_MODULE,
    TENSION_MODULE,
    role_label,
)

POLE_BINS = 10  # a position between the poles is shown in one of 11 columns (0, 10 %, …, 100 %)


def exercise_html(room: SessionRoom) -> str:
    """Which exercise the session does, for every screen. The page is called "Casusbespreking",
    so a session of another exercise says so in its own words; '' for the case discussion."""
    if room.is_case_discussion:
        return ""
    exercise = room.exercise
    module = room.content.modules.get(exercise.module)
    where = f" uit {esc(module.title)}" if module is not None else ""
    return (f'<div class="wb-session-exercise"><div class="wb-session-kind">Teamsessie met een '
            f'oefening{where}</div><div class="wb-session-title">{esc(exercise.title)}</div></div>')


def votes_label(votes: int) -> str:
    """"1 stem", "3 stemmen"."""
    return counted(votes, "stem", "stemmen")


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
    help_text = phase.help if with_help else None
    return (f'<div class="wb-phase"><div class="wb-phase-number">{esc(room.phase_number())}</div>'
            f'<h2 class="wb-step-title">{esc(phase.title)}</h2>'
            f'<div class="wb-prompt">{markdown_html(phase.prompt)}</div>{markdown_html(help_text)}'
            f"{terms_html(room.content, phase.prompt, help_text)}</div>")


def case_html(room: SessionRoom) -> str:
    case = room.case
    if case is None:
        return ""
    presenter = room.session.presenter
    by = f"<p>Inbrenger: {esc(presenter)}</p>" if presenter else ""
    return (f'<details class="wb-case" open><summary>Casus: {esc(case.title)}</summary>'
            f"{user_markdown_html(case.summary)}{life_domains_html(room)}{by}</details>")


def life_domains_html(room: SessionRoom) -> str:
    """The case's life domains (step 1 gathers what each role knows about them)."""
    names = {item.id: item.title for item in room.content.items(LIFE_DOMAIN_MODULE)}
    labels = [names.get(domain, domain) for domain in room.case.life_domains]
    if not labels:
        return ""
    return f'<p class="wb-case-domains">Leefgebieden: {esc(", ".join(labels))}</p>'



def entry_html(room: SessionRoom, entry, *, named: bool | None = None, by_line: bool = True) -> str:
    body = entry_body(room, entry, named=named, by_line=by_line)
    return f'<li class="wb-contribution">{body}</li>'


def option_labels(room: SessionRoom, phase_id: str) -> dict[str, str]:
    """Option id → label of a choice, multi-choice or scales step."""
    step = room.exercise.step(phase_id)
    return {o.id: o.label for o in room.content.options_for(step, room.exercise)}


def poles_of(room: SessionRoom, phase_id: str) -> tuple[str, str]:
    """The two poles of a poles or polarity-map step: its own tension field or the session's."""
    return answer_words.poles_of(room.content, room.exercise.step(phase_id).tension or room.tension)


def position_text(position: float, poles: tuple[str, str]) -> str:
    """Where a position lies: the nearer pole, and how far along the line from A (0) to B (100)."""
    return esc(position_words(position, poles))


def answer_html(room: SessionRoom, entry) -> str:
    """The answer of one entry, read back in words that fit its step's capture type."""
    value = entry.value
    capture = room.phase_by_id(entry.step).capture if entry.step else None
    note = f"<br>{paragraphs(entry.text)}" if (entry.text or "").strip() else ""
    if entry.kind == ACTION_PROPOSAL:
        value = value if isinstance(value, dict) else {}
        return (f"{esc(value.get('what', ''))} · wie: {esc(value.get('owner', '') or '—')}"
                f" · klaar: {esc(value.get('due', '') or '—')}")
    if capture == CaptureType.POLES and isinstance(value, int | float):
        return position_text(float(value), poles_of(room, entry.step)) + note
    if capture in (CaptureType.CHOICE, CaptureType.MULTI_CHOICE) and value:
        labels = option_labels(room, entry.step)
        chosen = [value] if isinstance(value, str) else list(value)
        return esc(", ".join(labels.get(c, c) for c in chosen)) + note
    if capture == CaptureType.SCALES and isinstance(value, dict):
        labels = option_labels(room, entry.step)
        return esc(" · ".join(f"{labels.get(k, k)}: {v}" for k, v in value.items())) + note
    if capture == CaptureType.POLARITY_MAP and isinstance(value, dict):
        a, b = poles_of(room, entry.step)
        rows = "".join(f"<dt>{esc(label.format(a=a, b=b))}</dt><dd>{paragraphs(value[part])}</dd>"
                       for part, label in MAP_PARTS.items() if (value.get(part) or "").strip())
        return f'<dl class="wb-map-answer">{rows}</dl>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"Score {esc(value)}"
    return paragraphs(entry.text)


def entry_body(room: SessionRoom, entry, *, named: bool | None = None,
               by_line: bool = True) -> str:
    """One contribution: its text or value, the author's label, and its tags (not the session's
    own tension field, which every answer carries)."""
    body = answer_html(room, entry)
    value = entry.value if isinstance(entry.value, dict) else {}
    sort = value.get("soort")
    sort_html = f'<span class="wb-tag">{esc(COLUMNS.get(sort, sort))}</span> ' if sort else ""
    session_tension = room.tension
    tags = [t for t in (entry.tension, entry.level, *entry.principles) if t and t != session_tension]
    tag_html = "".join(f'<span class="wb-tag">{esc(tag_label(room, t))}</span>' for t in tags)
    by = esc(room.author_label(entry, named=named)) if by_line else ""
    footer = f'<div class="wb-by">{by} {tag_html}</div>' if by or tag_html else ""
    return f"{sort_html}{body}{footer}"


def tag_label(room: SessionRoom, tag: str) -> str:
    """The title of a tension field, principle or dialogue level id."""
    for module_id in (TENSION_MODULE, PRINCIPLE_MODULE, LEVEL_MODULE):
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
    named = room.named if named is None else named
    for role, items in room.by_role(entries).items():
        lis = "".join(entry_html(room, e, named=named, by_line=named) for e in items)
        parts.append(f'<h3 class="wb-role">{esc(role_label(role))}</h3><ul>{lis}</ul>')
    return f'<div class="wb-contributions">{"".join(parts)}</div>'


def hidden_html(room: SessionRoom, phase: Phase) -> str:
    """How many answers of ``phase`` wait, hidden, to be shown to everyone at once."""
    waiting = room.waiting_hidden(phase.id)
    one, many = ("hypothese", "hypothesen") if phase.kind == HYPOTHESIS else ("antwoord",
                                                                               "antwoorden")
    return (f'<p class="wb-hidden-count">{waiting} {one if waiting == 1 else many} binnen, nog '
            "verborgen. De gespreksleider laat ze straks allemaal tegelijk zien.</p>")


def hypotheses_html(room: SessionRoom, phase_id: str, *, named: bool | None = None) -> str:
    """Hidden: how many wait. Shown: all of them with their votes, most votes first."""
    if room.held_back(phase_id):
        return hidden_html(room, room.phase_by_id(phase_id))
    ranked = room.ranked_hypotheses(phase_id)
    if not ranked:
        return '<p class="wb-empty">Nog geen hypothesen.</p>'
    items = "".join(
        f'<li class="wb-hypothesis"><span class="wb-votes">{votes_label(votes)}'
        f"</span> {entry_body(room, entry, named=named)}</li>"
        for entry, votes in ranked
    )
    return f'<ol class="wb-hypotheses">{items}</ol>'


def bars_html(counts: Counter, columns: Iterable[tuple[int, str]], aria: str) -> str:
    """A row of bars, one column per (key, label), as high as its count; the same picture for
    everyone, so it is HTML (no chart library in the live views)."""
    most = max(counts.values())
    bars = "".join(
        f'<div class="wb-spread-col"><div class="wb-spread-bar" style="height:{round(100 * counts[n] / most)}%"'
        f' title="{counts[n]} keer {esc(label)}"></div><div class="wb-spread-n">{counts[n] or ""}</div>'
        f'<div class="wb-spread-label">{esc(label)}</div></div>'
        for n, label in columns
    )
    return f'<div class="wb-spread" role="img" aria-label="{esc(aria)}">{bars}</div>'


def spread_html(scores: list[int], low: int = 0, high: int = 10,
                what: str = "de veiligheidsschaal") -> str:
    """The scores on a scale as a row of bars, one column per possible score."""
    if not scores:
        return f'<p class="wb-empty">Nog geen scores op {esc(what)}.</p>'
    aria = f"Spreiding van de scores op {what}: {', '.join(str(s) for s in sorted(scores))}"
    return (bars_html(Counter(scores), [(n, str(n)) for n in range(low, high + 1)], aria)
            + f'<p class="wb-spread-caption">{len(scores)} score{"s" if len(scores) != 1 else ""}, '
            f"van {min(scores)} tot {max(scores)}</p>")


def poles_spread_html(positions: list[float], poles: tuple[str, str]) -> str:
    """Where the team stands between two poles: how many people in each tenth of the line."""
    pole_a, pole_b = poles
    if not positions:
        return '<p class="wb-empty">Nog niemand heeft een plek gekozen.</p>'
    counts = Counter(round(p * POLE_BINS) for p in positions)
    aria = f"Waar het team staat tussen {pole_a} en {pole_b}"
    mid = sum(positions) / len(positions)
    return (f'<div class="wb-poles"><span>◀ {esc(pole_a)}</span><span>{esc(pole_b)} ▶</span></div>'
            + bars_html(counts, [(n, "") for n in range(POLE_BINS + 1)], aria)
            + f'<p class="wb-spread-caption">{len(positions)} '
            f'{"persoon" if len(positions) == 1 else "personen"}; samen gemiddeld '
            f"{position_text(mid, poles)}</p>")


def counts_html(labels: dict[str, str], chosen: list) -> str:
    """How often each option was chosen, most chosen first, as labelled horizontal bars."""
    if not chosen:
        return '<p class="wb-empty">Nog niemand heeft iets gekozen.</p>'
    counts = Counter(chosen)
    most = max(counts.values())
    rows = "".join(
        f'<li class="wb-count"><span class="wb-count-label">{esc(labels.get(k, k))}</span>'
        f'<span class="wb-count-bar" style="width:{round(70 * n / most)}%"></span>'
        f'<span class="wb-count-n">{n}</span></li>'
        for k, n in sorted(counts.items(), key=lambda kv: -kv[1])
    )
    return f'<ul class="wb-counts">{rows}</ul>'


def average_text(scores: list[float]) -> str:
    """"4,5": the average in Dutch notation, one decimal."""
    return f"{sum(scores) / len(scores):.1f}".replace(".", ",")


def scales_html(labels: dict[str, str], answers: list[dict]) -> str:
    """Per option of a scales step: everyone's scores and their average."""
    rows = []
    for option_id, label in labels.items():
        scores = sorted(a[option_id] for a in answers if isinstance(a.get(option_id), int | float))
        if scores:
            rows.append(f"<li><strong>{esc(label)}</strong>: {', '.join(map(str, scores))} "
                        f"(gemiddeld {average_text(scores)})</li>")
    if not rows:
        return '<p class="wb-empty">Nog geen scores.</p>'
    return f'<ul class="wb-scales-summary">{"".join(rows)}</ul>'


def step_summary_html(room: SessionRoom, phase: Phase) -> str:
    """What came in at ``phase``, taken together in the way that fits its capture type: a spread
    for a scale or a position between poles, counts per option, scores per option; '' for texts
    (their list says it all) and while the answers are still hidden."""
    if phase.capture is None or room.held_back(phase.id):
        return ""
    values = [e.value for e in room.shown(phase.kind, phase.id) if e.value is not None]
    if phase.capture == CaptureType.SCALE:
        scale = room.exercise.step(phase.id).scale
        what = "de veiligheidsschaal" if phase.has_columns else "de schaal"
        spread = spread_html([int(v) for v in values], scale.min, scale.max, what)
        return safety_movement_html(room, phase, spread) if phase.has_columns else spread
    if phase.capture == CaptureType.POLES:
        return poles_spread_html([float(v) for v in values], poles_of(room, phase.id))
    if phase.capture in (CaptureType.CHOICE, CaptureType.MULTI_CHOICE):
        chosen = [c for v in values for c in ([v] if isinstance(v, str) else v)]
        return counts_html(option_labels(room, phase.id), chosen)
    if phase.capture == CaptureType.SCALES:
        return scales_html(option_labels(room, phase.id), [v for v in values if isinstance(v, dict)])
    return ""


def safety_movement_html(room: SessionRoom, phase: Phase, spread: str) -> str:
    """The safety scale asked again at the end: the team's scores at the start beside those now
    (``spread``, shown once the end's scores are), and whether the average moved; the start's
    scores show here even if they were never revealed. Only ``spread`` at the first scale."""
    first = next(p for p in room.phases if p.has_columns)
    if first.id == phase.id:
        return spread
    scale = room.exercise.step(first.id).scale
    before, now = room.scale_scores(first.id, held_too=True), room.scale_scores(phase.id)
    if before and now:
        change = round(sum(now) / len(now) - sum(before) / len(before), 1)
        moved = ("Het gemiddelde is gelijk gebleven." if change == 0 else
                 f"Dat is {average_text([abs(change)])} {'hoger' if change > 0 else 'lager'}.")
        sentence = (f'<p class="wb-safety-change">Gemiddeld aan het begin: '
                    f"{average_text(before)}. Nu: {average_text(now)}. {moved}</p>")
    else:
        sentence = ""
    return (f'<div class="wb-safety-movement">{sentence}<div class="wb-safety-pair">'
            f'<div class="wb-safety-moment"><h3>Aan het begin</h3>'
            f'{spread_html(before, scale.min, scale.max, "de veiligheidsschaal aan het begin")}</div>'
            f'<div class="wb-safety-moment"><h3>Nu</h3>{spread}</div></div></div>')


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


def review_headings(room, actions: list) -> list[str]:
    """A heading before the first action of each group, '' before the others: in the case
    discussion this case's actions come first, under their own heading, then the team's others."""
    if room.review == REVIEW_CASE:
        groups = ["Open acties over deze casus" for _a in actions]
    elif any(room.about_this_case(a) for a in actions):
        groups = ["Acties over deze casus" if room.about_this_case(a)
                  else "Andere acties van het team" for a in actions]
    else:
        groups = ["Acties van vorige keer" for _a in actions]
    return [group if i == 0 or group != groups[i - 1] else "" for i, group in enumerate(groups)]


def review_html(room: SessionRoom, *, named: bool | None = None) -> str:
    """The open actions the opening looks back at, for the team to read along: what, who (in
    named mode) and when, under the same headings as on the facilitator's screen; '' when
    there are none."""
    actions = room.open_actions()
    named = room.named if named is None else named
    groups: list[tuple[str, list[str]]] = []
    for action, heading in zip(actions, review_headings(room, actions), strict=True):
        if heading:
            groups.append((heading, []))
        who = f" · {esc(action.owner)}" if named else ""
        due = action.due.strftime("%d-%m-%Y")
        groups[-1][1].append(f'<li>{esc(action.what)}{who} · <span style="white-space:nowrap">'
                             f"{due}</span></li>")
    lists = "".join(f'<h3>{heading}</h3><ul class="wb-review-list">{"".join(items)}</ul>'
                    for heading, items in groups)
    return f'<div class="wb-review">{lists}</div>' if lists else ""


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
