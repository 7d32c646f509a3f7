"""Session reports: the report notebook run for one session and exported (nbconvert) as HTML or PDF.

``render_report(session, fmt="html"|"pdf") -> bytes`` is what the CLI and the facilitator's
download button call; ``werkboek.report.sections`` builds the report's parts.
"""

from werkboek.report.render import ReportFailed, render_report

__all__ = ["ReportFailed", "render_report"]
