"""The facilitator's script of the current step: what to say, how long, what to watch for and how
to answer a hard moment (such as "zeg maar wat ik moet doen").

Only the facilitator's screen shows it: the participant and projector views never import this
module, and the script is not part of the ``Phase`` every screen shares.
"""

from __future__ import annotations

from werkboek.markup import counted, esc, markdown_html


def script_html(step) -> str:
    """The step's facilitator script as a folded-open block; '' for a step without one (or the
    opening, ``step`` None)."""
    script = getattr(step, "facilitator_script", None)
    if script is None:
        return ""
    parts = [f'<p class="wb-script-time">Tijd: ongeveer {counted(step.minutes, "minuut", "minuten")}.</p>',
             f'<h4>Wat je zegt</h4><div class="wb-script-say">{markdown_html(script.say)}</div>']
    if script.watch:
        items = "".join(f"<li>{esc(point)}</li>" for point in script.watch)
        parts.append(f'<h4>Let op</h4><ul class="wb-script-watch">{items}</ul>')
    if script.replies:
        rows = "".join(f"<dt>{esc(r.when)}</dt><dd>{markdown_html(r.reply)}</dd>"
                       for r in script.replies)
        parts.append(f'<h4>Als het lastig wordt</h4><dl class="wb-script-replies">{rows}</dl>')
    return ('<details class="wb-script" open><summary>Jouw draaiboek voor deze stap '
            '<span class="wb-script-private">(alleen op jouw scherm)</span></summary>'
            f'{"".join(parts)}</details>')
