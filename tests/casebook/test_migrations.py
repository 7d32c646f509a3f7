"""Schema changes only through migrations: old casebooks upgrade in place, newer ones are refused."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tests.signin import server_view
from werkboek import vocab
from werkboek.casebook import (
    InvalidInput,
    Principal,
    SchemaOutdated,
    SchemaTooNew,
    open_casebook,
)
from werkboek.casebook.engine import get_engine
from werkboek.casebook.migrate import REVISIONS, alembic_config, head_revision, revision_of, upgrade
from werkboek.casebook.schema import metadata

FIXTURE = Path(__file__).parent / "fixtures" / "casebook-0001.sqlite"
TABLES = ("teams", "members", "cases", "case_pseudonyms", "sessions", "entries", "actions", "audit")


def load_first_schema_casebook(url: str, tmp_path: Path) -> str:
    """The fixture casebook at revision 0001 behind ``url`` (a copy; or its rows on PostgreSQL)."""
    if url.startswith("sqlite"):
        target = Path(sa.engine.make_url(url).database)
        shutil.copy(FIXTURE, target)
        return url
    upgrade(get_engine(url), "0001")
    source = sa.create_engine(f"sqlite:///{FIXTURE}")
    with source.connect() as src, get_engine(url).begin() as dst:
        for name in TABLES:
            rows = [dict(r) for r in src.execute(sa.text(f"SELECT * FROM {name}")).mappings()]
            table = sa.Table(name, sa.MetaData(), autoload_with=dst)
            for row in rows:
                for column in table.columns:
                    if isinstance(column.type, sa.JSON) and isinstance(row[column.name], str):
                        row[column.name] = sa.cast(sa.literal(row[column.name], sa.Text),
                                                   column.type)
                    if isinstance(column.type, sa.Boolean) and row[column.name] is not None:
                        row[column.name] = bool(row[column.name])
                dst.execute(table.insert().values(**row))
            if "id" in table.columns and name != "entries":
                dst.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT max(id) FROM {name}))"
                )
    source.dispose()
    return url


def test_a_new_casebook_is_made_by_the_migrations_and_matches_the_code(casebook_url, tmp_path):
    with pytest.raises(SchemaOutdated, match="werkboek init"):
        open_casebook(casebook_url)
    open_casebook(casebook_url, upgrade=True)
    engine = get_engine(casebook_url)
    assert revision_of(engine) == head_revision()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": not_search_index})
        differences = compare_metadata(context, metadata)
    assert differences == []


def not_search_index(obj, name, type_, reflected, compare_to) -> bool:
    """The full-text search structures are made by raw SQL per database, not in the metadata."""
    return not ((name or "").startswith("entries_fts") or name in ("search", "ix_entries_search"))


def test_a_first_schema_casebook_upgrades_in_place_with_its_data(
    casebook_url, tmp_path, casebook_settings
):
    url = load_first_schema_casebook(casebook_url, tmp_path)
    with pytest.raises(SchemaOutdated):
        open_casebook(url, settings=casebook_settings)
    cb = open_casebook(url, upgrade=True, settings=casebook_settings)
    assert revision_of(cb.engine) == head_revision()
    assert cb.counts() == {"teams": 1, "members": 2, "cases": 1, "sessions": 1, "entries": 3,
                           "actions": 1}
    lead = cb.viewer_for(1)
    worker = cb.viewer_for(2)
    assert len(cb.entries(lead)) == 2  # the other member's private entry stays private
    assert len(cb.entries(worker)) == 3
    # the new full-text index covers the old entries too
    assert [e.author for e in cb.entries(lead, text="hypothese")] == ["GD-1"]
    assert [e.hidden for e in cb.entries(worker)] == [False, False, False]
    # the principles the old entries cite are found through the new principle index
    assert [e.principles for e in cb.entries(worker)] == [("veiligheid-eerst",)] * 3
    assert len(cb.entries(worker, principle="veiligheid-eerst")) == 3
    assert len(cb.entries(lead, principle="veiligheid-eerst")) == 2
    assert cb.entries(worker, principle="eigen-regie") == []
    assert cb.session(server_view(cb), 1).join_code == "KMN34P"
    assert [a.what for a in cb.actions(lead, 1)] == ["Fictief: dagritme bespreken."]
    # and it works for new writes
    new = cb.save_entry(worker, kind="text", text="Fictief: een nieuwe waarneming.", session_id=1,
                        principles=["eigen-regie"], visibility="team", final=True)
    assert new.id in {e.id for e in cb.entries(lead, text="waarneming")}
    assert [e.id for e in cb.entries(lead, principle="eigen-regie")] == [new.id]


def test_the_upgrade_gives_every_member_an_account_that_signs_in_only_after_an_invite(
    casebook_url, tmp_path, casebook_settings
):
    from werkboek.casebook.accounts import SignInFailed

    url = load_first_schema_casebook(casebook_url, tmp_path)
    cb = open_casebook(url, upgrade=True, settings=casebook_settings)
    rows = cb.accounts_of_team(server_view(cb), 1)
    assert [(m.id, m.pseudonym, a.name, a.has_passphrase) for m, a in rows] == [
        (1, "GD-1", "GD-1", False), (2, "GW-2", "GW-2", False)]
    assert len({a.id for _m, a in rows}) == 2
    assert cb.viewer_for(1).account_id == rows[0][1].id
    with pytest.raises(SignInFailed):  # nobody can sign in as an old member …
        cb.sign_in("GW-2", "")
    token = cb.reset_member(1, "GW-2")  # … until the beheerder sends an invite
    _browser, login = cb.accept_invite(token, "een nieuwe lange wachtzin")
    assert cb.viewer(Principal(login_id=login.id)).member_id == 2
    assert len(cb.entries(cb.viewer(Principal(login_id=login.id)))) == 3  # their own, as before


def test_a_pseudonym_in_two_teams_becomes_two_accounts_named_apart(
    casebook_url, tmp_path, casebook_settings
):
    """Nothing in an old casebook proves that GW-1 of one team is GW-1 of another: two accounts,
    the second named after its team; that is the name to sign in and to manage it with."""
    engine = get_engine(casebook_url)
    upgrade(engine, "0003")
    with engine.begin() as conn:
        for team_id, name in ((1, "Team Noord (fictief)"), (2, "Team Zuid (fictief)")):
            conn.execute(sa.text("INSERT INTO teams (id, name, kind, created_at) "
                                 "VALUES (:id, :name, 'team', :at)"),
                         {"id": team_id, "name": name, "at": "2026-01-15 10:00:00"})
            conn.execute(sa.text("INSERT INTO members (team_id, pseudonym, role, created_at) "
                                 "VALUES (:team, 'GW-1', 'groepswerker', :at)"),
                         {"team": team_id, "at": "2026-01-15 10:00:00"})
    cb = open_casebook(casebook_url, upgrade=True, settings=casebook_settings)
    [(noord, first)], [(zuid, second)] = cb.accounts_of_team(server_view(cb), 1), cb.accounts_of_team(server_view(cb), 2)
    assert (noord.pseudonym, zuid.pseudonym) == ("GW-1", "GW-1")
    assert (first.name, second.name) == ("GW-1", "GW-1 (Team Zuid (fictief))")
    assert cb.viewer_for(noord.id).team_ids == frozenset({1})  # not one person
    assert cb.reset_member(2, "GW-1 (Team Zuid (fictief))")
    with pytest.raises(InvalidInput, match="die meldt zich aan als 'GW-1 \\(Team Zuid"):
        cb.add_member(2, "GW-1", "groepswerker")  # would hand Zuid's GW-1 to Noord's


def test_a_casebook_newer_than_the_code_is_refused_and_left_untouched(casebook_url, tmp_path):
    open_casebook(casebook_url, upgrade=True)
    engine = get_engine(casebook_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
        before = conn.execute(sa.text("SELECT count(*) FROM teams")).scalar_one()
    from werkboek.casebook.store import forget_checks

    forget_checks()
    for upgrade_too in (False, True):
        with pytest.raises(SchemaTooNew, match="nieuwere versie van werkboek"):
            open_casebook(casebook_url, upgrade=upgrade_too)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "9999"
        assert conn.execute(sa.text("SELECT count(*) FROM teams")).scalar_one() == before


def test_the_revisions_the_pages_check_are_the_migration_scripts():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_current_head() == head_revision()
    assert [s.revision for s in reversed(list(scripts.walk_revisions()))] == list(REVISIONS)


def test_opening_a_casebook_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'casebook.sqlite'}"
    upgrade(get_engine(url))
    code = (f"import sys; from werkboek.casebook import open_casebook; open_casebook({url!r}); "
            "print('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


DUTCH_KINDS = {"sessiestand": "session_control", "bijdrage": "contribution",
               "hypothese": "hypothesis", "veiligheidsschaal": "safety_scale",
               "actievoorstel": "action_proposal", "notitie": "note",
               "interventie": "intervention", "opdracht": "assignment",
               "leervraag": "learning_question", "leervraag-stand": "learning_progress",
               "terugblik": "look_back", "voorstel": "proposal"}


def test_dutch_entry_kinds_become_english_and_a_downgrade_brings_them_back(
    casebook_url, casebook_settings
):
    """A casebook at 0006 stored the session's and course's kinds in Dutch; 0007 renames them
    (to vocab's ids), leaves the capture types alone, and its downgrade restores the Dutch."""
    from alembic import command

    assert {old: vocab.entry_kind(old) for old in DUTCH_KINDS} == DUTCH_KINDS
    engine = get_engine(casebook_url)
    upgrade(engine, "0006")
    entries = metadata.tables["entries"]
    at = "2026-01-15 10:00:00"
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO teams (id, name, kind, created_at) "
                             "VALUES (1, 'Team Noord (fictief)', 'team', :at)"), {"at": at})
        conn.execute(sa.text("INSERT INTO members (id, team_id, pseudonym, role, created_at) "
                             "VALUES (1, 1, 'GW-1', 'groepswerker', :at)"), {"at": at})
    moment = datetime(2026, 1, 15, 10, tzinfo=UTC)
    with engine.begin() as conn:
        for kind in [*DUTCH_KINDS, "text", "scale"]:
            conn.execute(entries.insert().values(
                id=uuid4(), author_id=1, role="groepswerker", team_id=1, kind=kind,
                text=f"Fictief: {kind}", principles=[], visibility="team", status="final",
                privacy="check", created_at=moment, updated_at=moment))

    def stored() -> dict[str, str]:
        with engine.connect() as conn:
            return {text.removeprefix("Fictief: "): kind for text, kind in conn.execute(
                sa.select(entries.c.text, entries.c.kind))}

    cb = open_casebook(casebook_url, upgrade=True, settings=casebook_settings)
    assert stored() == {**DUTCH_KINDS, "text": "text", "scale": "scale"}
    worker = cb.viewer_for(1)
    [hypothesis] = cb.entries(worker, kind=vocab.HYPOTHESIS_KIND)
    assert hypothesis.text == "Fictief: hypothese"
    assert len(cb.entries(worker, kind=vocab.STAND_KIND)) == 1
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0006")
    assert revision_of(engine) == "0006"
    assert stored() == {kind: kind for kind in [*DUTCH_KINDS, "text", "scale"]}
