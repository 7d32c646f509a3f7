"""A separate writer process for the durability tests (run as a script, not collected).

Usage: python writer.py URL SCANNER_URL KEY_DIR TEAM_ID WRITER COUNT TEXT_BYTES
Joins the team as W-<WRITER>, saves COUNT final entries and prints each entry's id on
stdout (flushed) as soon as the store has acknowledged it. Errors go to stderr, exit 1.
"""

from __future__ import annotations

import sys
import traceback

from werkboek.casebook import open_casebook
from werkboek.settings import get_settings


def main(url: str, scanner_url: str, key_dir: str, team_id: str, writer: str, count: str,
         text_bytes: str) -> int:
    settings = get_settings(scanner_url=scanner_url, casebook_dir=key_dir)
    casebook = open_casebook(url, settings=settings)
    member = casebook.join_team(int(team_id), f"W-{writer}", "groepswerker")
    viewer = casebook.viewer_for(member.id)
    text = ("Fictieve notitie over het dagritme. " * (int(text_bytes) // 36 + 1))[: int(text_bytes)]
    for number in range(int(count)):
        entry = casebook.save_entry(viewer, kind="text", text=text,
                                    value={"writer": int(writer), "n": number},
                                    visibility="team", final=True)
        print(entry.id, flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:]))
    except Exception:  # noqa: BLE001 - the test reads the traceback from stderr
        traceback.print_exc()
        sys.exit(1)
