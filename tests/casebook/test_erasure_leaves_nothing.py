"""An erased member leaves nothing readable in the SQLite file: not in free pages, not in the
full-text index, not in the write-ahead log (AVG erasure, issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

MARKER = "zebraspoorwoord"


def casebook_bytes(url: str) -> bytes:
    path = Path(sa.engine.make_url(url).database)
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


@pytest.fixture
def sqlite_casebook(tmp_path, casebook_settings):
    from werkboek.casebook import open_casebook

    return open_casebook(f"sqlite:///{tmp_path}/erase.sqlite", upgrade=True,
                         settings=casebook_settings)


def test_an_erased_members_words_are_not_in_the_file_or_its_log(sqlite_casebook):
    cb = sqlite_casebook
    team = cb.create_team("Team Zuid (fictief)")
    member = cb.join_team(team.id, "GW-7", "groepswerker")
    other = cb.viewer_for(cb.join_team(team.id, "GW-8", "groepswerker").id)
    writer = cb.viewer_for(member.id)
    for i in range(25):
        cb.save_entry(writer, kind="reflection", text=f"{MARKER}{i} over de nachtdienst",
                      final=True, privacy="fictional", visibility="team")
    cb.save_entry(other, kind="reflection", text="blijft staan", final=True, privacy="fictional")
    assert MARKER.encode() in casebook_bytes(cb.url)

    assert cb.erase("GW-7")["entries"] == 25

    assert MARKER.encode() not in casebook_bytes(cb.url)
    assert [e.text for e in cb.entries(other)] == ["blijft staan"]
    assert cb.entries(other, text=MARKER) == []
