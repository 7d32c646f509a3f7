"""Nothing is lost: many concurrent writers, a killed writer, read-only and locked casebooks."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from uuid import UUID

import pytest
import sqlalchemy as sa

from benchmarks.casebooks import throwaway_database
from werkboek.casebook import (
    CasebookUnavailable,
    base as store_base,
    engine as store_engine,
    open_casebook,
)

WRITER = Path(__file__).with_name("writer.py")
REPO = Path(__file__).resolve().parents[2]


def start_writer(url: str, settings, team_id: int, writer: int, count: int,
                 text_bytes: int = 60, user: int | None = None) -> subprocess.Popen:
    args = [sys.executable, str(WRITER), url, settings.scanner_url,
            str(settings.casebook_dir), str(team_id), str(writer), str(count), str(text_bytes)]
    if user is not None:
        args = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *args]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=REPO)


@pytest.fixture
def team(casebook):
    return casebook.create_team("Team Durf (fictief)")


@pytest.mark.slow
def test_thirty_writers_lose_nothing_and_duplicate_nothing(
    casebook, casebook_url, casebook_settings, team
):
    writers, per_writer = 30, 100
    started = time.perf_counter()
    processes = [start_writer(casebook_url, casebook_settings, team.id, w, per_writer)
                 for w in range(writers)]
    results = [process.communicate(timeout=600) for process in processes]
    elapsed = time.perf_counter() - started
    errors = [err for process, (_, err) in zip(processes, results, strict=True)
              if process.returncode != 0]
    assert errors == []
    acknowledged = [UUID(line) for out, _ in results for line in out.split()]
    assert len(acknowledged) == writers * per_writer
    viewer = casebook.viewer_for(casebook.join_team(team.id, "W-0", "groepswerker").id)
    stored = casebook.entries(viewer)
    pairs = Counter((e.value["writer"], e.value["n"]) for e in stored)
    assert len(stored) == writers * per_writer
    assert set(pairs) == {(w, n) for w in range(writers) for n in range(per_writer)}
    assert max(pairs.values()) == 1
    assert {e.id for e in stored} == set(acknowledged)
    assert casebook.integrity_problems() == []
    print(f"\n{casebook.dialect}: {writers}x{per_writer} entries in {elapsed:.1f} s "
          f"({writers * per_writer / elapsed:.0f} entries/s)")


@pytest.mark.slow
def test_a_writer_killed_mid_transaction_leaves_every_acknowledged_entry(
    casebook, casebook_url, casebook_settings, team
):
    process = start_writer(casebook_url, casebook_settings, team.id, 1, 100_000, text_bytes=200_000)
    acknowledged = []
    while len(acknowledged) < 40:
        line = process.stdout.readline()
        assert line, process.stderr.read()
        acknowledged.append(UUID(line.strip()))
    process.send_signal(signal.SIGKILL)
    rest, _ = process.communicate(timeout=60)
    acknowledged += [UUID(line) for line in rest.split()]
    assert process.returncode == -signal.SIGKILL
    assert casebook.integrity_problems() == []
    viewer = casebook.viewer_for(casebook.join_team(team.id, "W-1", "groepswerker").id)
    stored = {e.id for e in casebook.entries(viewer)}
    assert set(acknowledged) <= stored
    assert len(stored) - len(acknowledged) <= 1  # at most the one being committed at the kill


def test_writers_of_a_sqlite_casebook_wait_in_line_for_their_turn(tmp_path, casebook_settings):
    database = tmp_path / "casebook.sqlite"  # PostgreSQL queues its writers itself
    casebook = open_casebook(f"sqlite:///{database}", upgrade=True, settings=casebook_settings)
    team = casebook.create_team("Team Rij (fictief)")
    saved = []
    member = casebook.join_team(team.id, "GW-1", "groepswerker")
    viewer = casebook.viewer_for(member.id)

    def save() -> None:
        saved.append(casebook.save_entry(viewer, kind="reflectie", text="Rustige nacht.",
                                         visibility="team", final=True))

    # Another page kernel has its turn: it holds the queue file's lock.
    other = os.open(f"{database}-writers", os.O_RDWR)
    fcntl.flock(other, fcntl.LOCK_EX)
    waiting = threading.Thread(target=save)
    waiting.start()
    waiting.join(timeout=0.5)
    assert waiting.is_alive() and saved == []  # queued, not failed and not written
    fcntl.flock(other, fcntl.LOCK_UN)
    os.close(other)
    waiting.join(timeout=30)
    assert [e.text for e in saved] == ["Rustige nacht."]
    assert [e.id for e in casebook.entries(viewer)] == [saved[0].id]


def test_a_read_only_casebook_refuses_writes_in_dutch(casebook_url, casebook_settings):
    if not casebook_url.startswith("sqlite"):
        admin = open_casebook(casebook_url, upgrade=True, settings=casebook_settings)
        team_id = admin.create_team("Team Alleen-lezen (fictief)").id
        name = sa.engine.make_url(casebook_url).database
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
        store_engine.dispose_engine(casebook_url)
        reader = open_casebook(casebook_url, settings=casebook_settings)
        with pytest.raises(CasebookUnavailable, match="alleen-lezen"):
            reader.join_team(team_id, "GW-1", "groepswerker")
        assert reader.counts()["members"] == 0
        return
    # SQLite: a file the (non-root) user may read but not write.
    folder = Path(tempfile.mkdtemp(prefix="werkboek-ro-"))
    os.chmod(folder, 0o755)
    url = f"sqlite:///{folder / 'casebook.sqlite'}"
    cb = open_casebook(url, upgrade=True, settings=casebook_settings)
    team_id = cb.create_team("Team Alleen-lezen (fictief)").id
    store_engine.dispose_engine(url)
    os.chmod(folder / "casebook.sqlite", 0o644)
    casebook_settings = casebook_settings.model_copy(update={"casebook_dir": folder})
    process = start_writer(url, casebook_settings, team_id, 1, 1, user=65534)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1 and out == ""
    assert "alleen-lezen" in err and "CasebookUnavailable" in err
    assert open_casebook(url).counts()["members"] == 0


def test_a_locked_casebook_gives_a_dutch_error_and_writes_nothing(
    casebook_url, casebook_settings, monkeypatch
):
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(store_base, "MAX_ATTEMPTS", 2)
    cb = open_casebook(casebook_url, upgrade=True, settings=casebook_settings)
    team_id = cb.create_team("Team Slot (fictief)").id
    store_engine.dispose_engine(casebook_url)
    cb = open_casebook(casebook_url, settings=casebook_settings)
    blocker = sa.create_engine(casebook_url)
    with blocker.connect() as conn:
        if cb.dialect == "sqlite":
            conn.exec_driver_sql("BEGIN EXCLUSIVE")
        else:
            conn.begin()
            conn.exec_driver_sql("LOCK TABLE members IN ACCESS EXCLUSIVE MODE")
        started = time.perf_counter()
        with pytest.raises(CasebookUnavailable, match="bezet"):
            cb.join_team(team_id, "GW-1", "groepswerker")
        assert time.perf_counter() - started < 30
        conn.rollback()
    blocker.dispose()
    assert cb.counts()["members"] == 0


@pytest.mark.postgres
def test_pages_keep_working_after_the_database_server_dropped_their_connections(
    tmp_path, casebook_settings, pg_admin_url
):
    # Only a database server drops connections (SQLite works inside the page's process).
    with throwaway_database("postgresql", tmp_path, admin_url=pg_admin_url,
                            prefix="werkboek_t_") as url:
        check_reconnects(url, casebook_settings)


def check_reconnects(casebook_url: str, casebook_settings) -> None:
    cb = open_casebook(casebook_url, upgrade=True, settings=casebook_settings)
    team = cb.create_team("Team Herstart (fictief)")
    viewer = cb.viewer_for(cb.join_team(team.id, "GW-1", "groepswerker").id)
    cb.save_entry(viewer, kind="reflectie", text="Fictief: eerste gedachte.", visibility="team")
    # What a server restart or an idle timeout does to the kept connections:
    with sa.create_engine(casebook_url).connect() as admin:
        dropped = admin.exec_driver_sql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).scalar_one()
    assert dropped >= 1
    assert [e.text for e in cb.entries(viewer)] == ["Fictief: eerste gedachte."]
    with sa.create_engine(casebook_url).connect() as admin:
        admin.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    cb.save_entry(viewer, kind="reflectie", text="Fictief: tweede gedachte.", visibility="team")
    assert sorted(e.text for e in cb.entries(viewer)) == [
        "Fictief: eerste gedachte.", "Fictief: tweede gedachte."]
