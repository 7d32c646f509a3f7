"""`make test` needs no PostgreSQL on the machine: with no server at ``WERKBOEK_TEST_PG_URL``,
the test run starts its own (tests/postgres_fixture.py), runs the PostgreSQL tests on it and
stops it at the end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil
import pytest

from benchmarks.served import free_port
from werkboek.settings import REPO_ROOT

# Store tests that write to PostgreSQL and read back: one through `casebook_url`, one that
# makes its database on `pg_admin_url` itself and has the server drop its connections.
STORE_TESTS = [
    "tests/casebook/test_entries.py::test_a_draft_saved_again_is_updated_not_duplicated[postgres]",
    "tests/casebook/test_durability.py::"
    "test_pages_keep_working_after_the_database_server_dropped_their_connections",
]


def processes_using(folder: Path) -> list[str]:
    """Command lines of the processes that name ``folder`` in theirs (a server left running)."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or ())
        if str(folder) in cmdline:
            found.append(cmdline)
    return found


@pytest.mark.postgres
@pytest.mark.slow
def test_without_a_server_the_run_starts_its_own_postgres_and_stops_it():
    # Nothing listens on a port just freed: the machine's server, if any, is out of sight.
    hidden = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test"
    # The run's temporary files (its PostgreSQL data folder among them) go to a folder of ours.
    temp = Path(tempfile.mkdtemp(prefix="wb-own-pg-"))
    env = {**os.environ, "WERKBOEK_TEST_PG_URL": hidden, "TMPDIR": str(temp)}
    try:
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *STORE_TESTS],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600,
        )
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
        assert "de testrun start een eigen PostgreSQL" in run.stdout
        assert "2 passed" in run.stdout.splitlines()[-1], run.stdout[-1000:]
        # Stopped and removed at the end of the run: no server process, no data folder.
        assert processes_using(temp) == []
        assert list(temp.glob("wb-pg-*")) == []
    finally:
        shutil.rmtree(temp, ignore_errors=True)
