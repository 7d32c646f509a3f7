"""Offering a file to download: a link that carries the file itself as a data: URL.

Voilà serves no files from disk here (the file allow-list is empty), so every export, report and
journal download goes through this one link.
"""

from __future__ import annotations

import base64

from werkboek.markup import esc

MIME = {
    "html": "text/html",
    "pdf": "application/pdf",
    "md": "text/markdown",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_link(data: bytes, filename: str) -> str:
    """HTML of a link that downloads ``data`` as ``filename`` (its extension picks the type)."""
    mime = MIME.get(filename.rsplit(".", 1)[-1], "application/octet-stream")
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="wb-download-link" download="{esc(filename)}" '
            f'href="data:{mime};base64,{encoded}">Download {esc(filename)}</a>')
