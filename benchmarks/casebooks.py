"""Throwaway casebooks for the store benchmarks, and fictional texts to fill them.

``throwaway_database(kind)`` yields the URL of a new, empty database: a SQLite file in a
temporary folder, or a PostgreSQL database on 127.0.0.1:5432 (user postgres) that is created
here and dropped afterwards (the tests use it for their ``casebook_url`` too);
``throwaway_casebook(kind)`` makes a casebook with a fictional team in one. ``fictional_text(rng, chars)`` writes plain Dutch sentences
without names, places or numbers, so they pass the privacy guard in "check" mode; every text is
marked "fictief" and differs from the others (the scanner caches texts it has seen).
"""

from __future__ import annotations

import os
import random
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DATABASES = ("sqlite", "postgresql")
PG_ADMIN_URL = os.environ.get(
    "WERKBOEK_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

SUBJECTS = ["de moeder", "de groepswerker", "de nachtwacht", "de casemanager", "het kind",
            "de kinderwerker", "de gedragsdeskundige", "het team", "de bewoonster", "de oudste zoon"]
VERBS = ["merkte op dat", "vertelde dat", "zag dat", "vroeg zich af of", "schreef op dat",
         "gaf aan dat", "twijfelde of", "herinnerde zich dat"]
EVENTS = ["het avondeten onrustig verliep", "de afspraak over bedtijd niet lukte",
          "er weinig contact was met de buren", "de spanning in huis opliep",
          "het ochtendritueel beter ging", "de veiligheid vaker ter sprake kwam",
          "er behoefte was aan meer rust", "de dagstructuur houvast gaf",
          "het gesprek over doelen moeilijk bleef", "er kleine stappen vooruit waren"]
REFLECTIONS = ["Wat is er nodig?", "Misschien helpt een vaste plek voor het gesprek.",
               "We kijken volgende week samen terug.", "Dit sluit aan bij het leidende principe.",
               "De vraag is wie hier het eerste aan zet is.", "Zij wil zelf de regie houden.",
               "Het team wil hier samen van leren."]


def fictional_text(rng: random.Random, chars: int = 300) -> str:
    """About ``chars`` characters of fictional, name-free Dutch, different on every call."""
    parts = ["Fictief voorbeeld."]
    length = len(parts[0])
    while length < chars:
        sentence = (f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} "
                    f"{rng.choice(EVENTS)}.")
        if rng.random() < 0.3:
            sentence += " " + rng.choice(REFLECTIONS)
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


@contextmanager
def throwaway_database(
    kind: str,
    folder: Path | None = None,
    *,
    admin_url: str = PG_ADMIN_URL,
    prefix: str = "werkboek_bench_",
) -> Iterator[str]:
    """The URL of a new, empty database of ``kind`` ("sqlite" or "postgresql"), removed afterwards.

    SQLite: ``casebook.sqlite`` in ``folder`` (default: a new temporary folder, removed too).
    PostgreSQL: ``<prefix><random>`` on the server of ``admin_url``, dropped even while
    connections are open. The tests' ``casebook_url`` fixture uses this too.
    """
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    from werkboek.casebook.engine import dispose_engine

    if kind == "sqlite":
        own_folder = folder is None
        folder = Path(tempfile.mkdtemp(prefix="wb-bench-db-")) if own_folder else folder
        url = f"sqlite:///{folder / 'casebook.sqlite'}"
        try:
            yield url
        finally:
            dispose_engine(url)
            if own_folder:
                shutil.rmtree(folder, ignore_errors=True)
        return
    if kind != "postgresql":
        raise ValueError(f"unknown database kind {kind!r}")
    name = f"{prefix}{secrets.token_hex(5)}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        dispose_engine(url)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@dataclass(frozen=True)
class Team:
    """A fictional team with members, one case and one open session, ready for saving."""

    url: str
    key_dir: str
    team_id: int
    member_ids: tuple[int, ...]
    case_id: int
    session_id: int


def settings_for(key_dir: str | Path, scanner_url: str = ""):
    from werkboek.settings import get_settings

    return get_settings(casebook_dir=Path(key_dir), scanner_url=scanner_url or None)


@contextmanager
def throwaway_casebook(kind: str, members: int, scanner_url: str) -> Iterator[Team]:
    """A new casebook of ``kind`` with one fictional team of ``members`` members."""
    from werkboek.casebook import open_casebook

    key_dir = tempfile.mkdtemp(prefix="wb-bench-keys-")
    try:
        with throwaway_database(kind) as url:
            cb = open_casebook(url, upgrade=True, settings=settings_for(key_dir, scanner_url))
            team = cb.create_team("Fictief team Benchmark")
            ids = tuple(cb.join_team(team.id, f"GW-{n}", "groepswerker").id
                        for n in range(1, members + 1))
            lead = cb.viewer_for(ids[0])  # the store seals viewers: none made by hand
            case = cb.create_case(lead, team.id, "Fictieve casus: de stille bewoonster",
                                  "Fictief: een bewoonster die weinig vraagt.",
                                  privacy="fictional")
            session = cb.start_session(lead, team.id, case_id=case.id,
                                       exercise_id="casusbespreking")
            yield Team(url, key_dir, team.id, ids, case.id, session.id)
    finally:
        shutil.rmtree(key_dir, ignore_errors=True)
