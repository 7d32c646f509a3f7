"""Run the report notebook for one session and export it: HTML without code, or PDF.

The notebook ``session_report.ipynb`` gets the session as a parameters cell inserted after its
cell tagged ``parameters`` (papermill style), runs with nbclient, and is exported with
``HTMLExporter(exclude_input=True)`` through the ``verslag`` template (no scripts from the
internet). PDF: ``werkboek.chromium.print_pdf`` prints that HTML (no browser is downloaded).
"""

from __future__ import annotations

import os
import tempfile
from importlib import resources

from werkboek.chromium import print_pdf

TEMPLATE = "session_report.ipynb"
EXECUTE_TIMEOUT = 120  # seconds for the whole notebook


class ReportFailed(Exception):
    """The report could not be made; the message is Dutch. (A PDF that Chromium could not print
    raises ``werkboek.chromium.PrintFailed``.)"""


def report_notebook(session: int | str):
    """The report notebook with ``session`` injected after the parameters cell."""
    import nbformat

    text = resources.files("werkboek.report").joinpath(TEMPLATE).read_text(encoding="utf-8")
    nb = nbformat.reads(text, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    injected = nbformat.v4.new_code_cell(f"session = {session!r}")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(at + 1, injected)
    return nb


def render_html(session: int | str) -> str:
    """The report as one self-contained HTML page (Dutch, no code visible)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    nb = report_notebook(session)
    client = NotebookClient(nb, timeout=EXECUTE_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": tempfile.gettempdir()}})
    try:
        client.execute(env=dict(os.environ))
    except CellExecutionError as exc:
        first_line = str(exc).strip().splitlines()[-1] if str(exc).strip() else ""
        raise ReportFailed(f"Het verslag kon niet worden gemaakt: {first_line}") from exc
    templates = resources.files("werkboek.report").joinpath("templates")
    exporter = HTMLExporter(template_name="verslag", extra_template_basedirs=[str(templates)],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True, language_code="nl")
    html, _resources = exporter.from_notebook_node(nb)
    return html


def render_report(session: int | str, *, fmt: str = "html") -> bytes:
    """The report of ``session`` (id or join code) as HTML or PDF bytes."""
    if fmt not in ("html", "pdf"):
        raise ReportFailed("Kies html of pdf.")
    html = render_html(session)
    return html.encode("utf-8") if fmt == "html" else print_pdf(html)
