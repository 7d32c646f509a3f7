"""Word-list rules where deduce is weak: lower-case and foreign names, names without a
title, names after a family or role word ("dochter Noor"), lower-case places,
neighbourhoods and named institutions such as schools.

The name and place lists are deduce's own (read from its package data, lower-cased)
plus our short lists in ``data/``; ``data/ordinary_words.yaml`` keeps ordinary Dutch
words that are also names (``roos``, ``best``) from being flagged on their own.
Lower-case words are also weighed by how common they are in Dutch (wordfreq): a
frequent word such as ``sliep``, ``broers`` or ``waarden`` is read as the word, not as
a name or place, unless a name cue gives it away ("dochter roos").
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import yaml
from wordfreq import zipf_frequency

DATA = Path(__file__).parent / "data"
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?:^|[.!?:;•\n]\s*|[\"“(]\s*)$")

# Words after which the next word is a person's name when it looks like one.
NAME_CUES = frozenset(
    [
        "dochter",
        "dochtertje",
        "zoon",
        "zoontje",
        "zus",
        "zusje",
        "broer",
        "broertje",
        "moeder",
        "vader",
        "mama",
        "papa",
        "ex",
        "ex-partner",
        "partner",
        "man",
        "vriend",
        "vriendin",
        "oma",
        "opa",
        "tante",
        "oom",
        "neef",
        "nicht",
        "baby",
        "kind",
        "cliënte",
        "client",
        "cliënt",
        "bewoonster",
        "bewoner",
        "mevrouw",
        "meneer",
        "mw",
        "mevr",
        "dhr",
        "heer",
        "juf",
        "meester",
        "buurvrouw",
        "buurman",
        "schoonmoeder",
        "stiefvader",
        "stiefmoeder",
        "echtgenoot",
        "echtgenote",
    ]
)
TITLE_WORDS = ("mevrouw", "meneer", "mevr", "mw", "dhr", "heer", "juf", "meester", "dr", "mr")
TITLES = re.compile(rf"^(?:(?:{'|'.join(TITLE_WORDS)})\.?\s+)+", re.I)
# Zipf frequency in Dutch (log10 of uses per billion words) from which a lower-case word
# counts as ordinary. First names get a higher bar because popular names are frequent as
# names (anna 4.7, emma 4.2, roos 4.2); above it sit "frans", "max", "jan". Surnames and
# place words are ordinary much earlier (soldaat 4.5, heuvels 4.1, bocht 4.1, waarden 4.6)
# while a lone lower-case surname is rare in notes. Calibrated in tests/privacy/test_calibration.py.
FIRST_NAME_COMMON_ZIPF = 4.8
OTHER_COMMON_ZIPF = 3.5
ARTICLES = frozenset(["de", "het", "'t"])  # not "den": Den Haag, Den Bosch, Den Helder
PARTICLES = frozenset(
    ["van", "de", "der", "den", "het", "ter", "ten", "el", "al", "ben", "bin", "abu", "bou"]
)
NEIGHBOURHOOD_SUFFIX = re.compile(r"[A-Z][a-zà-ÿ]+(?:wijk|buurt|kwartier|eiland)$")
INSTITUTION = re.compile(
    r"\b(?i:basisschool|school|obs|cbs|sbo|kinderdagverblijf|kdv|peuterspeelzaal|bso|"
    r"huisartsenpraktijk|tandartspraktijk|praktijk|ziekenhuis|stichting|college|lyceum|"
    r"kliniek|ggz|woningcorporatie|sportclub|voetbalclub|moskee|kerk)\s+"
    r"((?:de|het|'t|De|Het|'T)\s)?[A-Z][\w'-]*(?:\s(?:de|het|van|der|[A-Z][\w'-]*))*",
)
# With the capitalised words in front that belong to it: "Sint-Jozefschool", "Koningin
# Julianaschool".
INSTITUTION_COMPOUND = re.compile(
    r"\b(?:[A-Z][\w'’.]*[ -])*[A-Z][a-zà-ÿ]+(?:school|college|lyceum|ziekenhuis|kliniek)\b"
)


def _without_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _deduce_lists() -> Path:
    spec = importlib.util.find_spec("deduce")  # locate the data without importing deduce
    return Path(spec.origin).parent / "data" / "lookup" / "src"


def _read_lines(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as handle:
        return {line.strip().casefold() for line in handle if line.strip()}


def _read_yaml(name: str) -> set[str]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return {str(item).casefold() for item in yaml.safe_load(handle)}


class Lexicon:
    """The word lists, loaded once per process."""

    def __init__(self) -> None:
        src = _deduce_lists()
        self.ordinary = _read_yaml("ordinary_words.yaml")
        self.common = _read_lines(src / "whitelist/lst_stop_word/items.txt") | _read_lines(
            src / "whitelist/lst_common_word/items.txt"
        )
        self.first_names = _read_lines(src / "names/lst_first_name/items.txt") | _read_yaml(
            "foreign_first_names.yaml"
        )
        foreign_surnames = _read_yaml("foreign_surnames.yaml")
        self.names = (
            self.first_names | foreign_surnames | _read_lines(src / "names/lst_surname/items.txt")
        )
        places, self.towns = set(), set()
        for items in (src / "locations/lst_placename").glob("*/items.txt"):
            places |= _read_lines(items)
            if items.parent.name != "lst_residence":  # municipalities, provinces, regions
                self.towns |= _read_lines(items)
        self.places = self._by_first_word(places)
        self.neighbourhoods = self._by_first_word(_read_yaml("neighbourhoods.yaml"))
        self.multiword_names = self._by_first_word(n for n in foreign_surnames if " " in n)
        _zipf("de")  # wordfreq reads its Dutch table on first use: do it while loading

    @staticmethod
    def _by_first_word(phrases) -> dict[str, tuple[list[int], set[tuple[str, ...]]]]:
        """Index phrases by their first word: (lengths, longest first; the phrases)."""
        index: dict[str, tuple[list[int], set[tuple[str, ...]]]] = {}
        for phrase in phrases:
            words = tuple(WORD.findall(phrase))
            if words:
                lengths, known = index.setdefault(words[0], ([], set()))
                known.add(words)
                if len(words) not in lengths:
                    lengths.append(len(words))
        for lengths, _ in index.values():
            lengths.sort(reverse=True)
        return index

    def is_name(self, word: str) -> bool:
        """``word`` (lower case) is a known name, also when written with accents: aïsha."""
        return word in self.names or (not word.isascii() and _without_accents(word) in self.names)

    def is_ordinary(self, word: str) -> bool:
        """``word`` (lower case) is on our list of ordinary words or deduce's common words."""
        return word in self.ordinary or word in self.common

    def is_first_name(self, word: str) -> bool:
        return word in self.first_names or (
            not word.isascii() and _without_accents(word) in self.first_names
        )

    def is_common_word(self, word: str) -> bool:
        """``word`` (lower case) is ordinary, or frequent enough in Dutch to be read as a word."""
        if self.is_ordinary(word):
            return True
        limit = FIRST_NAME_COMMON_ZIPF if self.is_first_name(word) else OTHER_COMMON_ZIPF
        return _zipf(word) >= limit

    def is_name_after_cue(self, word: str) -> bool:
        """A lower-case ``word`` right after a name cue: "dochter roos" yes, "kind sliep" no.

        The cue lifts an ordinary word only when it is a first name that is not one of the
        most frequent words ("zoon wil", "man kent").
        """
        if word in self.common or not self.is_name(word):
            return False
        if self.is_first_name(word):
            return _zipf(word) < FIRST_NAME_COMMON_ZIPF
        return not self.is_common_word(word)

    def is_ordinary_phrase(self, words: list[str], *, lower_case: bool) -> bool:
        """A phrase of ordinary words (given in lower case) is no place: "de groep", "de Bocht",
        and written in lower case "uitweg", "hingen" (hamlets); a municipality such as
        "amsterdam" stays a place however often the word is used."""
        if len(words) > 1 and words[0] in ARTICLES:
            return all(self.is_common_word(w) for w in words[1:])
        if lower_case and " ".join(words) not in self.towns:
            return all(self.is_common_word(w) for w in words)
        return all(self.is_ordinary(w) for w in words)


@functools.lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "nl")


@functools.cache
def lexicon() -> Lexicon:
    return Lexicon()


def is_sentence_start(text: str, start: int) -> bool:
    return bool(SENTENCE_END.search(text[max(0, start - 3) : start]))


def _phrase_at(lowers: list[str], i: int, index) -> int:
    """Number of words from ``i`` that form a phrase in ``index`` (0 when none)."""
    entry = index.get(lowers[i])
    if entry is not None:
        for length in entry[0]:
            if i + length <= len(lowers) and tuple(lowers[i : i + length]) in entry[1]:
                return length
    return 0


def find_names_and_places(text: str) -> Iterator[tuple[str, int, int]]:
    lex = lexicon()
    tokens = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    lowers = [t[0].casefold() for t in tokens]
    i = 0
    while i < len(tokens):
        word, start, end = tokens[i]
        lower = word.casefold()
        capital = word[0].isupper()
        if (len(word) > 1 and word.isupper()) or text.startswith("-", end):
            i += 1  # an acronym (LIMA), or the first half of "semi-zelfstandig"
            continue
        after_cue = i > 0 and lowers[i - 1] in NAME_CUES
        if (
            after_cue
            and lower in PARTICLES
            and lowers[i - 1] in TITLE_WORDS
            and (i < 2 or lowers[i - 2] not in ("de", "een", "die", "deze"))
        ):
            # "meneer de boer": after a title, particles lead to a surname in any case
            # (but "de meneer van de post" is a role, not a title).
            j = i
            while j < len(tokens) - 1 and lowers[j] in PARTICLES and j - i < 3:
                j += 1
            if lex.is_name(lowers[j]):
                yield "name", start, tokens[j][2]
                i = j + 1
                continue
        length = _phrase_at(lowers, i, lex.neighbourhoods)
        if length or (capital and NEIGHBOURHOOD_SUFFIX.match(word) and not lex.is_ordinary(lower)):
            length = length or 1
            yield "place", start, tokens[i + length - 1][2]
            i += length
            continue
        place_length = _phrase_at(lowers, i, lex.places)
        if place_length and lex.is_ordinary_phrase(
            lowers[i : i + place_length],
            lower_case=not any(t[0][0].isupper() for t in tokens[i : i + place_length]),
        ):
            place_length = 0  # "de groep", "de Bocht": hamlets named like ordinary words
        if place_length and not after_cue and lower not in lex.first_names:
            yield "place", start, tokens[i + place_length - 1][2]
            i += place_length
            continue
        # A capital says "name" more than frequency can say "word"; lower case needs rarity.
        ordinary = lex.is_ordinary(lower) if capital else lex.is_common_word(lower)
        known_name = not ordinary and lex.is_name(lower)
        is_name = (
            known_name
            or _phrase_at(lowers, i, lex.multiword_names)
            or (
                after_cue
                and (
                    lex.is_name_after_cue(lower)
                    if not capital
                    else lower not in lex.common and (lex.is_name(lower) or not ordinary)
                )
            )
        )
        if is_name and not (
            capital and not known_name and not after_cue and is_sentence_start(text, start)
        ):
            j = i + 1
            # Extend over further name words and particles: "jan jansen", "Fatima el Amrani".
            while j < len(tokens) and text[tokens[j - 1][2] : tokens[j][1]].strip(" -") == "":
                nxt = tokens[j][0].casefold()
                if (
                    lex.is_name(nxt)
                    and not lex.is_ordinary(nxt)
                    or (tokens[j][0][0].isupper() and not lex.is_ordinary(nxt))
                ):
                    j += 1
                elif (
                    nxt in PARTICLES
                    and j + 1 < len(tokens)
                    and _surname_after_particle(tokens[j + 1][0], lex)
                ):
                    j += 2
                else:
                    break
            yield "name", start, tokens[j - 1][2]
            i = j
            continue
        if place_length:
            yield "place", start, tokens[i + place_length - 1][2]
            i += place_length
            continue
        i += 1


def _surname_after_particle(word: str, lex: Lexicon) -> bool:
    """The word after "de", "van", "el" continues a name: "El Amrani"; in lower case only
    a known, not very frequent name word ("samira de boer", not "noor de deur")."""
    lower = word.casefold()
    if word[0].isupper():
        return True
    return lex.is_name(lower) and lower not in lex.common and _zipf(lower) < FIRST_NAME_COMMON_ZIPF


def find_institutions(text: str) -> Iterator[tuple[str, int, int]]:
    for m in INSTITUTION.finditer(text):
        yield "institution", m.start(), m.end()
    lex = lexicon()
    for m in INSTITUTION_COMPOUND.finditer(text):
        words = list(WORD.finditer(m.group()))
        if lex.is_common_word(words[-1].group().casefold()):
            continue  # "Basisschool", "Ziekenhuis": a kind of place, not a named one
        start = m.start()
        # A sentence's first word is capitalised anyway: "De Sint-Jozefschool", "Ook Jozefschool".
        first = words[0].group().casefold()
        if len(words) > 1 and first in lex.common and is_sentence_start(text, start):
            start += words[1].start()
        yield "institution", start, m.end()


def strip_title(text: str) -> int:
    """Length of a leading title such as "mevrouw " that stays visible in the suggestion."""
    m = TITLES.match(text)
    return m.end() if m else 0
