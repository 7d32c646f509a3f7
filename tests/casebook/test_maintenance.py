"""Backups, retention and AVG erasure, as the administrator runs them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.signin import server_view
from werkboek.casebook import CasebookError, open_casebook
from werkboek.casebook.maintenance import backup, months_ago, parse_months
from werkboek.cli.app import app


def test_backup_of_a_sqlite_casebook_is_a_complete_copy(scene, tmp_path):
    cb = scene.casebook
    cb.save_entry(scene.worker, kind="text", text="Fictief.", session_id=scene.session.id)
    if cb.dialect != "sqlite":
        with pytest.raises(CasebookError, match="pg_dump"):
            backup(cb.url, tmp_path)
        return
    written = backup(cb.url, tmp_path / "backups")
    with sqlite3.connect(written) as copy:
        assert copy.execute("SELECT count(*) FROM entries").fetchone() == (1,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    restored = open_casebook(f"sqlite:///{written}")
    assert restored.counts() == cb.counts()
    with pytest.raises(CasebookError, match="bestaat al"):
        backup(cb.url, written)


def test_purge_removes_only_what_is_older_than_the_retention(scene):
    cb = scene.casebook
    old_moment = datetime.now(UTC) - timedelta(days=800)
    old = cb.save_entry(scene.worker, kind="text", text="Oud (fictief).", created_at=old_moment,
                        updated_at=old_moment, principles=["samen-leren"])
    recent = cb.save_entry(scene.worker, kind="text", text="Recent (fictief).",
                           principles=["samen-leren"])
    assert cb.purge(24) == 1
    assert [e.id for e in cb.entries(scene.worker)] == [recent.id]
    assert [e.id for e in cb.entries(scene.worker, principle="samen-leren")] == [recent.id]
    with cb.engine.connect() as conn:
        cited = conn.execute(sa.text("SELECT entry_id FROM entry_principles")).scalars().all()
    assert len(cited) == 1
    assert old.id not in {e.id for e in cb.entries(scene.worker, include_hidden=True)}


def test_retention_periods_are_read_in_months():
    assert parse_months("24m") == 24 and parse_months("2j") == 24 and parse_months("6") == 6
    with pytest.raises(CasebookError):
        parse_months("veel")
    assert months_ago(1, datetime(2026, 3, 31, tzinfo=UTC)) == datetime(2026, 2, 28, tzinfo=UTC)


def test_erasure_removes_everything_of_a_pseudonym_and_audits_without_content(scene):
    cb = scene.casebook
    cb.save_entry(scene.worker, kind="text", text="Mijn reflectie (fictief).",
                  session_id=scene.session.id, principles=["samen-leren"], visibility="team",
                  final=True)
    kept = cb.save_entry(scene.lead, kind="text", text="Van de gespreksleider (fictief).",
                         session_id=scene.session.id, principles=["samen-leren"],
                         visibility="team", final=True)
    cb.add_action(scene.lead, session_id=scene.session.id, what="Gesprek voeren (fictief).",
                  owner="GW-2", due="2026-12-01")
    assert cb.erase("GW-2") == {"members": 1, "entries": 1, "actions": 1}
    assert [e.id for e in cb.entries(scene.lead)] == [kept.id]
    assert [e.id for e in cb.entries(scene.lead, principle="samen-leren")] == [kept.id]
    with cb.engine.connect() as conn:  # nothing of the erased entries is left behind
        cited = conn.execute(sa.text("SELECT count(*) FROM entry_principles")).scalar_one()
    assert cited == 1
    assert [a.owner for a in cb.actions(scene.lead, scene.team.id)] == ["[gewist]"]
    assert [m.pseudonym for m in cb.members(server_view(cb), scene.team.id)] == ["GD-1"]
    with cb.engine.connect() as conn:
        audit = conn.execute(sa.text("SELECT event, object_type, object_id FROM audit")).all()
    assert ("erase", "member", str(scene.worker.member_id)) in [tuple(r) for r in audit]
    assert not any("GW-2" in str(value) for row in audit for value in row)
    assert cb.integrity_problems() == []


def test_a_person_erasing_themself_leaves_namesakes_in_other_teams_alone(scene):
    cb = scene.casebook
    elsewhere = cb.create_team("Team West (fictief)")
    namesake = cb.viewer_for(cb.join_team(elsewhere.id, "GW-2", "groepswerker").id)
    theirs = cb.save_entry(namesake, kind="text", text="Van een andere GW-2 (fictief).")
    cb.save_entry(scene.worker, kind="text", text="Van mij (fictief).")
    assert cb.erase_member(scene.worker) == {"members": 0, "entries": 1, "actions": 0}
    assert [e.id for e in cb.entries(namesake)] == [theirs.id]


def test_a_person_erasing_their_answers_stays_in_the_team_with_their_role(scene, sign_in):
    cb = scene.casebook
    me = sign_in(cb, scene.team.id, "GW-2")  # the scene's worker, signed in
    cb.save_entry(me.viewer(), kind="text", text="Mijn antwoord (fictief).", final=True)
    cb.save_entry(me.personal_viewer(), kind="text", text="In mijn schrift (fictief).")
    for viewer in (me.viewer(), me.personal_viewer()):
        cb.erase_member(viewer)
    assert cb.entries(me.viewer(), author_id=me.member.id) == []
    assert cb.entries(me.personal_viewer()) == []
    assert me.viewer().role_in(scene.team.id) == "groepswerker"  # still a member, as granted
    assert "GW-2" in [m.pseudonym for m in cb.members(server_view(cb), scene.team.id)]


def test_the_administrators_erasure_takes_the_account_and_its_sign_ins_too(scene, sign_in):
    from werkboek.casebook import NotAllowed
    from werkboek.casebook.accounts import SignInFailed
    from werkboek.casebook.base import _live_logins

    cb = scene.casebook
    me = sign_in(cb, scene.team.id, "GW-2")
    cb.save_entry(me.personal_viewer(), kind="text", text="In mijn schrift (fictief).")
    assert cb.erase("GW-2")["members"] == 2  # the team's membership and the personal journal
    _live_logins.clear()
    assert cb.login_by_token(me.token) is None
    with pytest.raises(SignInFailed):
        sign_in.again(cb, "GW-2")
    with pytest.raises(NotAllowed):
        cb.viewer(me.principal)
    with cb.engine.connect() as conn:
        names = conn.execute(sa.text("SELECT name FROM accounts")).scalars().all()
        audit = conn.execute(sa.text("SELECT event, object_type FROM audit")).all()
    assert "GW-2" not in names and ("erase", "account") in [tuple(r) for r in audit]
    assert cb.integrity_problems() == []


def test_cli_backup_purge_and_erase(cli_env, tmp_path):
    runner = cli_env
    assert runner.invoke(app, ["init"]).exit_code == 0
    cb = open_casebook()
    team = cb.create_team("Team CLI (fictief)")
    worker = cb.viewer_for(cb.join_team(team.id, "GW-5", "groepswerker").id)
    cb.save_entry(worker, kind="text", text="Fictief.")
    made = runner.invoke(app, ["backup", str(tmp_path / "kopie")])
    assert made.exit_code == 0 and "Reservekopie gemaakt" in made.output
    assert len(list((tmp_path / "kopie").glob("casebook-*.sqlite"))) == 1
    purged = runner.invoke(app, ["purge", "--older-than", "1m"])
    assert purged.exit_code == 0 and "0 antwoorden ouder dan 1 maand verwijderd" in purged.output
    assert runner.invoke(app, ["purge", "--older-than", "veel"]).exit_code == 2
    erased = runner.invoke(app, ["erase", "--author", "GW-5", "--yes"])
    assert erased.exit_code == 0 and "Gewist: 1 antwoord en 1 lidmaatschap van" in erased.output
    assert "1 antwoorden" not in erased.output and "(pen)" not in erased.output
    assert runner.invoke(app, ["erase", "--author", "GW-5", "--yes"]).exit_code == 1
    assert cb.counts()["entries"] == 0
