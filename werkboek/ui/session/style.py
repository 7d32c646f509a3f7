"""The session screens' own CSS (facilitator, participant, projector); the pieces it styles come
from ``werkboek.session.display``."""

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
.wb-columns{display:flex;flex-wrap:wrap;gap:1em}
.wb-safety-pair{display:flex;flex-wrap:wrap;gap:1em}.wb-safety-moment{flex:1 1 14em;min-width:0}
.wb-safety-change{font-weight:bold}.wb-column{flex:1 1 14em;min-width:0}
.wb-poles{display:flex;justify-content:space-between;gap:1em;font-weight:bold}
.wb-counts{list-style:none;padding:0}.wb-count{display:flex;align-items:center;gap:.5em;margin:.3em 0}
.wb-count-label{flex:0 1 14em;min-width:0;overflow-wrap:anywhere}
.wb-count-bar{display:inline-block;height:1em;background:#2a6f97;min-width:2px}
.wb-count-n{font-weight:bold}.wb-map-answer dt{font-weight:bold}.wb-map-answer dd{margin:0 0 .3em 0}
.wb-session-exercise{border-left:4px solid #7a2e5b;padding:.1em .7em;margin:.3em 0 .6em}
.wb-session-kind{color:#555;font-size:.9em}.wb-session-title{font-size:1.35em;font-weight:bold;overflow-wrap:anywhere}
.wb-projector{font-size:1.6em}.wb-projector .wb-code{font-size:1.6em}
.wb-projector .wb-timer{font-size:1.8em}.wb-lead-lost{background:#fff3cd;padding:.5em}
</style>
"""
